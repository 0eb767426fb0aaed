package payments

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/portal"
)

// ReturnView is what the page Stripe sends the debtor back to shows.
type ReturnView struct {
	// Status of the session: paid, processing (SEPA debit on its way), open (Stripe has not
	// confirmed yet), failed, expired; empty when the session is not one of this customer's.
	Status      string
	AmountCents int64 // received when paid, else asked
	Currency    string
	Invoices    []string // numbers
}

// ReturnPage describes a Checkout Session of the customer a gives access to, for the page the
// debtor comes back to from Stripe; a session that is not this customer's gives an empty view.
func (s *Service) ReturnPage(ctx context.Context, a portal.Access, sessionID string) (ReturnView, error) {
	db := s.db.WithContext(ctx)
	var v ReturnView
	if sessionID == "" {
		return v, nil
	}
	var row Session
	err := db.Where("organization_id = ? AND customer_id = ? AND id = ?", a.OrganizationID, a.CustomerID, sessionID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return v, nil
	}
	if err != nil {
		return v, err
	}
	v.Status, v.AmountCents, v.Currency = row.Status, row.AmountCents, row.Currency
	if v.Invoices, err = invoiceNumbers(db, row); err != nil {
		return v, err
	}
	if row.PaymentID != nil && s.opts.Ledger != nil {
		pay, err := s.opts.Ledger.PaymentByID(ctx, system(a.OrganizationID), *row.PaymentID)
		if err != nil {
			return v, err
		}
		v.AmountCents = pay.AmountCents
	}
	return v, nil
}
