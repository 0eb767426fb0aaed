// Package portal is the debtor's door: the HTML pages reached from the personal link of every
// reminder (/p/{token}: the account, its statement and PDFs, the self-service forms, online
// payment) and the reminders' open and click tracking (/t/). Server-rendered (html/template,
// static CSS, no JavaScript), FR/EN; the JSON API is the other door (package api). What the
// pages show is read by the domain, internal/portal. See docs/portal.md.
package portal

import (
	"time"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/payments"
	"github.com/relance/relance/internal/platform/ratelimit"
	"github.com/relance/relance/internal/portal"
)

// Services are what the debtor's pages call.
type Services struct {
	Portal   *portal.Service
	Payments *payments.Service
	Dunning  *dunning.Service   // the reminders' tracking
	Limits   *ratelimit.Limiter // the forms' limits (limits.go)
	// SecureCookies marks the language cookie Secure (a base URL in https).
	SecureCookies bool
	// Transfer is the timeout of the routes that move files (config.HTTPTimeouts.Transfer).
	Transfer time.Duration
}

// Door holds the debtor pages' handlers.
type Door struct {
	Services
	pages *pageCache // pages by what they show (cache.go)
}

// New builds the debtor's door on its services; Routes mounts it.
func New(s Services) *Door {
	return &Door{Services: s, pages: newPageCache(pageCacheBudget)}
}
