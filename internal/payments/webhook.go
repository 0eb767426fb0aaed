package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/zone"
)

// The Checkout events acted on.
const (
	EventCompleted           = "checkout.session.completed"
	EventAsyncPaymentSuccess = "checkout.session.async_payment_succeeded"
	EventAsyncPaymentFailure = "checkout.session.async_payment_failed"
	EventExpired             = "checkout.session.expired"
)

// event is a verified Checkout event being applied inside its transaction.
type event struct {
	id      string
	kind    string
	created time.Time
	session stripe.CheckoutSession
	row     Session
}

// HandleWebhook verifies a Stripe event (payload is the raw request body, signature its
// Stripe-Signature header) and applies it once: the event id is stored in stripe_events in the
// same transaction as its effect, so a replayed or concurrent delivery changes nothing.
// ErrBadSignature means the request did not come from Stripe.
func (s *Service) HandleWebhook(ctx context.Context, payload []byte, signature string) error {
	if !s.Enabled() {
		return ErrNotConfigured
	}
	// Stripe pins each endpoint to an API version; the fields read here are the same in every
	// recent one, so an endpoint left on another version still works.
	ev, err := webhook.ConstructEventWithOptions(payload, signature, s.opts.WebhookSecret,
		webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true})
	if err != nil {
		s.opts.Log.WarnContext(ctx, "payments: webhook refused", "error", err)
		return ErrBadSignature
	}
	kind := string(ev.Type)
	switch kind {
	case EventCompleted, EventAsyncPaymentSuccess, EventAsyncPaymentFailure, EventExpired:
	default:
		return nil // not an event Relance acts on
	}
	e := event{id: ev.ID, kind: kind, created: time.Unix(ev.Created, 0)}
	if ev.Data == nil || json.Unmarshal(ev.Data.Raw, &e.session) != nil || e.session.ID == "" {
		s.opts.Log.WarnContext(ctx, "payments: webhook without a Checkout Session", "event_id", ev.ID, "type", kind)
		return nil
	}
	if ev.Created == 0 {
		e.created = s.opts.Now()
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO stripe_events (id, type) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`, e.id, kind)
		if res.Error != nil {
			return fmt.Errorf("payments: record event %s: %w", e.id, res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // handled before
		}
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", e.session.ID).Take(&e.row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			// A session opened elsewhere on the same Stripe account.
			s.opts.Log.InfoContext(ctx, "payments: event for an unknown session", "event_id", e.id, "session_id", e.session.ID)
			return nil
		}
		if err != nil {
			return err
		}
		return s.apply(ctx, tx, e)
	})
}

// apply moves the session along what Stripe reports.
func (s *Service) apply(ctx context.Context, tx *gorm.DB, e event) error {
	switch e.kind {
	case EventCompleted:
		switch e.session.PaymentStatus {
		case stripe.CheckoutSessionPaymentStatusPaid:
			return s.settle(ctx, tx, e, false)
		case stripe.CheckoutSessionPaymentStatusUnpaid: // a SEPA debit: the money comes days later
			return s.setStatus(tx, e.row, StatusProcessing, StatusOpen)
		}
		return nil
	case EventAsyncPaymentSuccess:
		return s.settle(ctx, tx, e, true)
	case EventAsyncPaymentFailure:
		return s.failed(tx, e)
	case EventExpired:
		return s.setStatus(tx, e.row, StatusExpired, StatusOpen)
	}
	return nil
}

// setStatus moves a session to status when it is in one of from.
func (s *Service) setStatus(tx *gorm.DB, row Session, status string, from ...string) error {
	return tx.Exec(`UPDATE checkout_sessions SET status = ?, updated_at = ? WHERE id = ? AND status IN ?`,
		status, s.opts.Now(), row.ID, from).Error
}

// failed records a SEPA debit that did not go through: nothing is paid, reminders go on.
func (s *Service) failed(tx *gorm.DB, e event) error {
	if e.row.Status == StatusPaid || e.row.Status == StatusFailed {
		return nil
	}
	if err := s.setStatus(tx, e.row, StatusFailed, e.row.Status); err != nil {
		return err
	}
	numbers, err := invoiceNumbers(tx, e.row)
	if err != nil {
		return err
	}
	return ledger.RecordActivity(tx, system(e.row.OrganizationID), "payment_failed", &e.row.CustomerID, nil, ledger.JSON{
		"session_id": e.row.ID, "amount_cents": e.row.AmountCents, "currency": e.row.Currency,
		"method": MethodSEPADebit, "invoices": numbers})
}

// system records what Stripe tells us: no staff member, but the right to write the ledger.
func system(org uuid.UUID) auth.Principal {
	return auth.Principal{OrganizationID: org, Role: auth.RoleCollector}
}

// settle records the money Stripe received as a ledger payment allocated to the session's
// invoices, marks the session paid, notes it on the timeline and emails the receipt.
func (s *Service) settle(ctx context.Context, tx *gorm.DB, e event, async bool) error {
	row := e.row
	if row.Status == StatusPaid {
		return nil // completed and async_payment_succeeded both said so
	}
	if c := strings.ToUpper(string(e.session.Currency)); c != "" && c != row.Currency {
		return fmt.Errorf("payments: session %s was paid in %s, opened in %s", row.ID, c, row.Currency)
	}
	amount := e.session.AmountTotal
	if amount <= 0 {
		amount = row.AmountCents
	}
	method := MethodCard // Checkout confirms cards at once; SEPA debits arrive asynchronously
	if async || row.Status == StatusProcessing {
		method = MethodSEPADebit
	}
	externalID := row.ID
	if pi := e.session.PaymentIntent; pi != nil && pi.ID != "" {
		externalID = pi.ID
	}
	acct, err := loadAccount(tx, row.OrganizationID, row.CustomerID)
	if err != nil {
		return err
	}
	paymentID, err := s.recordPayment(ctx, tx, row, acct, amount, method, externalID, e.created)
	if err != nil {
		return err
	}
	if err := tx.Exec(`UPDATE checkout_sessions SET status = 'paid', payment_id = ?, updated_at = ? WHERE id = ?`,
		paymentID, s.opts.Now(), row.ID).Error; err != nil {
		return err
	}
	r, err := loadReceipt(tx, row, paymentID, acct)
	if err != nil {
		return err
	}
	if err := ledger.RecordActivity(tx, system(row.OrganizationID), "payment_received_online", &row.CustomerID, nil, ledger.JSON{
		"session_id": row.ID, "payment_id": paymentID, "amount_cents": amount, "currency": row.Currency,
		"method": method, "invoices": r.numbers()}); err != nil {
		return err
	}
	return s.sendReceipt(ctx, tx, row, e.session, r)
}

// recordPayment stores the payment through the ledger, inside the webhook's transaction; the
// ledger allocates it to the session's invoices still open, oldest due first (the rest is the
// customer's credit), and returns the payment already recorded under the same Stripe id.
func (s *Service) recordPayment(ctx context.Context, tx *gorm.DB, row Session, acct account, amount int64, method,
	externalID string, at time.Time) (uuid.UUID, error) {
	invoices := make([]uuid.UUID, 0, len(row.InvoiceIDs))
	for _, id := range row.InvoiceIDs {
		u, err := uuid.Parse(id)
		if err != nil {
			return uuid.Nil, fmt.Errorf("payments: session %s: %w", row.ID, err)
		}
		invoices = append(invoices, u)
	}
	in := ledger.PaymentInput{CustomerID: row.CustomerID, ReceivedOn: day(at, acct.Timezone), Currency: row.Currency,
		AmountCents: amount, Method: method, Reference: "Stripe " + row.ID, ExternalID: externalID}
	id, err := ledger.RecordPaymentFor(ctx, tx, system(row.OrganizationID), in, invoices)
	if err != nil {
		return uuid.Nil, fmt.Errorf("payments: record the payment of %s: %w", row.ID, err)
	}
	return id, nil
}

// day is the calendar day of t in the organisation's time zone.
func day(t time.Time, tz string) time.Time {
	return zone.Day(t, tz)
}

// invoiceNumbers are the numbers of a session's invoices, oldest due first.
func invoiceNumbers(tx *gorm.DB, row Session) ([]string, error) {
	var out []string
	err := tx.Raw(`SELECT number FROM ledger_invoices WHERE organization_id = ? AND id = ANY(?::uuid[]) ORDER BY due_date, number`,
		row.OrganizationID, "{"+strings.Join(row.InvoiceIDs, ",")+"}").Scan(&out).Error
	return out, err
}
