package dunning

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/calendar"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/mail"
)

// Domain errors.
var (
	ErrScenarioInUse   = errs.New(errs.KindConflict, "dunning.scenario_in_use")
	ErrNameTaken       = errs.New(errs.KindConflict, "dunning.scenario_name_taken")
	ErrActionState     = errs.New(errs.KindConflict, "dunning.action_final")
	ErrNothingToSend   = errs.New(errs.KindConflict, "dunning.no_step_left")
	ErrInvoiceClosed   = errs.New(errs.KindConflict, "dunning.invoice_closed")
	ErrNoPenalty       = errs.New(errs.KindConflict, "dunning.not_late")
	ErrDisputeResolved = errs.New(errs.KindConflict, "dunning.dispute_already_resolved")
	ErrPromiseClosed   = errs.New(errs.KindConflict, "dunning.promise_already_closed")
)

// Options build a Service.
type Options struct {
	DB      *db.DB
	Jobs    *jobs.Queue
	Files   blob.Store
	Mail    mail.Sender
	Log     *slog.Logger
	BaseURL string // RELANCE_BASE_URL, for tracking links and the debtor page
	Secret  string // signs tracking tokens
	From    string // RELANCE_MAIL_FROM: the address reminders are sent from
	// PlanEvery is the period of the planner's periodic pass; 0 runs it only on demand.
	PlanEvery time.Duration
	// SendTimeout bounds one attempt at sending a reminder (2 minutes by default). An action
	// handed to the SMTP server longer ago than that, with no answer recorded, is uncertain.
	SendTimeout time.Duration
	Now         func() time.Time
	// Links issues the debtor-page link each reminder carries; nil: reminders have none.
	Links LinkIssuer
}

// LinkIssuer makes the personal debtor-page link of a customer's contact inside a reminder's
// transaction (portal.Links).
type LinkIssuer interface {
	ReminderLink(ctx context.Context, tx *gorm.DB, org, customer uuid.UUID, contactEmail string) (string, error)
}

// Service is the dunning domain's entry point.
type Service struct {
	opts Options
	db   *gorm.DB
	cals sync.Map // country → *calendar.Calendar
}

// NewService builds the service and registers its background jobs on the queue.
func NewService(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 2 * time.Minute
	}
	s := &Service{opts: o, db: o.DB.Gorm}
	if o.Jobs != nil {
		jobs.AddWorker(o.Jobs, &sendWorker{s: s})
		jobs.AddWorker(o.Jobs, &planWorker{s: s})
		if o.PlanEvery > 0 {
			o.Jobs.Every("dunning.plan", o.PlanEvery, func() river.JobArgs { return PlanArgs{} })
		}
	}
	return s
}

// calendar returns the business-day calendar of a country, built once.
func (s *Service) calendar(country string) *calendar.Calendar {
	c, _ := s.cals.LoadOrStore(country, calendar.New(country))
	return c.(*calendar.Calendar)
}

func (s *Service) tx(ctx context.Context, f func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(f)
}

// txValue returns what f finds in a transaction scoped to ctx.
func txValue[T any](ctx context.Context, s *Service, f func(tx *gorm.DB) (T, error)) (T, error) {
	var out T
	err := s.tx(ctx, func(tx *gorm.DB) (err error) {
		out, err = f(tx)
		return err
	})
	return out, err
}

// txAs runs f in a transaction scoped to ctx if p's role is at least role.
func (s *Service) txAs(ctx context.Context, p auth.Principal, role auth.Role, f func(tx *gorm.DB) error) error {
	if !p.Role.AtLeast(role) {
		return errs.ErrForbidden
	}
	return s.tx(ctx, f)
}

func canWrite(p auth.Principal) error {
	if !p.Role.AtLeast(auth.RoleCollector) {
		return errs.ErrForbidden
	}
	return nil
}

func canAdmin(p auth.Principal) error {
	if !p.Role.AtLeast(auth.RoleAdmin) {
		return errs.ErrForbidden
	}
	return nil
}

// system is the principal of what the engine does by itself.
func system(org uuid.UUID) auth.Principal { return auth.Principal{OrganizationID: org} }

func record(tx *gorm.DB, p auth.Principal, kind string, customerID, invoiceID *uuid.UUID, data ledger.JSON) error {
	return ledger.RecordActivity(tx, p, kind, customerID, invoiceID, data)
}
