package ledger

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/errs"
)

// Service is the ledger's entry point. Every method takes the caller's principal and only ever
// touches rows of the principal's organisation.
type Service struct {
	db    *gorm.DB
	files blob.Store
	now   func() time.Time
}

// NewService builds the ledger service.
func NewService(db *gorm.DB, files blob.Store) *Service {
	return &Service{db: db, files: files, now: time.Now}
}

// canWrite: collectors and above change the ledger; viewers only read.
func canWrite(p auth.Principal) error {
	if !p.Role.AtLeast(auth.RoleCollector) {
		return errs.ErrForbidden
	}
	return nil
}

// tx runs f in a transaction scoped to ctx.
func (s *Service) tx(ctx context.Context, f func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(f)
}

// write runs f in a transaction scoped to ctx if p's role may change the ledger.
func (s *Service) write(ctx context.Context, p auth.Principal, f func(tx *gorm.DB) error) error {
	if err := canWrite(p); err != nil {
		return err
	}
	return s.tx(ctx, f)
}

// RecordActivity adds an activity to the timeline inside tx, attributed to p (a principal with only
// an organisation id is the system). Other domains (dunning, portal) write the timeline with it.
func RecordActivity(tx *gorm.DB, p auth.Principal, kind string, customerID, invoiceID *uuid.UUID, data JSON) error {
	return record(tx, p, kind, customerID, invoiceID, data)
}

func activity(p auth.Principal, kind string, customerID, invoiceID *uuid.UUID, data JSON, at time.Time) Activity {
	a := Activity{ID: newID(), OrganizationID: p.OrganizationID, CustomerID: customerID, InvoiceID: invoiceID,
		Kind: kind, Data: data, OccurredAt: at}
	if p.IsUser() {
		a.ActorUserID = &p.UserID
	} else if p.APIKeyID != uuid.Nil {
		a.ActorAPIKeyID = &p.APIKeyID
	}
	return a
}

// record adds an activity to the timeline, attributed to p.
func record(tx *gorm.DB, p auth.Principal, kind string, customerID, invoiceID *uuid.UUID, data JSON) error {
	a := activity(p, kind, customerID, invoiceID, data, time.Now())
	return tx.Create(&a).Error
}

// dbError turns unique violations into conflicts that say what is duplicated.
// maxExternalID is the longest external id (the database holds the same bound: a unique index
// entry must fit in a btree page).
const maxExternalID = 100

func dbError(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		switch {
		case strings.Contains(pg.ConstraintName, "external_id"):
			return ErrDuplicateExternal.WithFields(errs.Field("external_id", "ledger.external_id_used"))
		case strings.Contains(pg.ConstraintName, "number"):
			return ErrDuplicateNumber.WithFields(errs.Field("number", "ledger.number_used"))
		}
	}
	return err
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errs.ErrNotFound
	}
	return err
}

// forUpdate loads the row of org with id into a T, locked until tx ends (errs.ErrNotFound if none).
func forUpdate[T any](tx *gorm.DB, org, id uuid.UUID) (T, error) {
	var row T
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("organization_id = ? AND id = ?", org, id).Take(&row).Error
	return row, notFound(err)
}

// refreshInvoices recomputes balances and statuses from allocations.
func refreshInvoices(tx *gorm.DB, org uuid.UUID, ids []uuid.UUID) error {
	return tx.Exec("SELECT relance_refresh_invoices(?, ?)", org, uuidArray(ids)).Error
}

// customerChanged refreshes a changed customer's data-quality flags and records kind on its
// timeline.
func customerChanged(tx *gorm.DB, p auth.Principal, customerID uuid.UUID, kind string, data JSON) error {
	if err := refreshQuality(tx, p.OrganizationID, customerID); err != nil {
		return err
	}
	return record(tx, p, kind, &customerID, nil, data)
}

// refreshQuality recomputes the data problems of customers.
func refreshQuality(tx *gorm.DB, org uuid.UUID, ids ...uuid.UUID) error {
	return tx.Exec("SELECT relance_refresh_customer_quality(?, ?)", org, uuidArray(ids)).Error
}

// uuidArray formats ids as a Postgres uuid[] literal.
func uuidArray(ids []uuid.UUID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.String()
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func ptr[T any](v T) *T { return &v }

// validCurrency reports whether c looks like an ISO 4217 code.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
