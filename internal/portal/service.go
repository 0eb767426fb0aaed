// Package portal is the debtor page's domain: personal links (tokens stored hashed, bound to a
// customer and the contact they were sent to, expiring, revocable, rate-limited against
// guessing), the account statement, and what debtors tell us there — questions, disputes,
// promises to pay, bank-detail changes — with the dashboard side of each. See docs/portal.md.
package portal

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
)

// Domain errors.
var (
	ErrLinkInvalid  = errs.New(errs.KindNotFound, "portal.link_invalid")
	ErrTooManyTries = errs.New(errs.KindTooManyRequests, "portal.too_many_attempts")
	ErrDecided      = errs.New(errs.KindConflict, "portal.request_already_handled")
)

// Options build a Service.
type Options struct {
	DB      *db.DB
	Jobs    *jobs.Queue
	Files   blob.Store
	Ledger  *ledger.Service
	Dunning *dunning.Service
	Log     *slog.Logger
	BaseURL string // RELANCE_BASE_URL: links are BaseURL/p/{token}
	Now     func() time.Time
	// Links issues the page's links; nil: the service's own, on BaseURL and Now.
	Links *Links
	// PaymentsEnabled says debtors can pay online (Stripe is configured; the methods are each
	// organisation's settings); false: the page shows transfer details only.
	PaymentsEnabled bool
}

// Service is the portal domain's entry point.
type Service struct {
	*Links
	opts Options
	db   *gorm.DB
}

// NewService builds the service.
func NewService(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Links == nil {
		o.Links = NewLinks(o.BaseURL, o.Now)
	}
	s := &Service{Links: o.Links, opts: o, db: o.DB.Gorm}
	if o.Jobs != nil {
		jobs.AddWorker(o.Jobs, &promiseCheckWorker{s: s})
		o.Jobs.Every("portal.check_promises", time.Hour, func() river.JobArgs { return PromiseCheckArgs{} })
	}
	return s
}

func (s *Service) tx(ctx context.Context, f func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(f)
}

func canWrite(p auth.Principal) error { return p.Require(auth.RoleCollector) }

func canAdmin(p auth.Principal) error { return p.Require(auth.RoleAdmin) }

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// system is the principal of what happens without a staff member (a debtor on the page).
func system(org uuid.UUID) auth.Principal { return auth.Principal{OrganizationID: org} }

func record(tx *gorm.DB, p auth.Principal, kind string, customerID, invoiceID *uuid.UUID, data ledger.JSON) error {
	return ledger.RecordActivity(tx, p, kind, customerID, invoiceID, data)
}
