package portal

import (
	"time"

	"github.com/relance/relance/internal/platform/ratelimit"
)

// The limits of the page's forms (questions, disputes, promises, bank details): each sends an
// email or changes what staff see. Counted per link and form, and per address over all forms;
// a form refused for what was typed in it does not count (forms.go). Links tried at random have
// their own throttle (internal/portal/links.go).
var (
	formPerLink = ratelimit.Rule{Name: "portal-form-link", Limit: 10, Window: time.Hour}
	formPerIP   = ratelimit.Rule{Name: "portal-form-ip", Limit: 30, Window: time.Hour}
)
