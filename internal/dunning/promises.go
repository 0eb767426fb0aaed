package dunning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/ledger"
)

// CancelPromisesCoveredBy cancels, inside tx, the customer's other open promises whose invoices
// are all among invoiceIDs (the debtor promised a new date for them), and returns their ids.
func CancelPromisesCoveredBy(tx *gorm.DB, org, customer, promise uuid.UUID, invoiceIDs []uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := tx.Raw(`UPDATE promises r SET status = 'cancelled', closed_at = now()
		 WHERE r.organization_id = ? AND r.customer_id = ? AND r.status = 'open' AND r.id <> ?
		   AND NOT EXISTS (SELECT 1 FROM promise_invoices pi WHERE pi.promise_id = r.id AND NOT pi.invoice_id IN ?)
		RETURNING r.id`, org, customer, promise, invoiceIDs).Scan(&ids).Error
	return ids, err
}

// closedPromise is a promise the check closed.
type closedPromise struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	PromisedOn     time.Time
	Status         string
}

// CheckPromises closes (the debtor page's hourly job), in every organisation, the open promises whose promised date plus the
// organisation's promise_grace_days is before its today: kept when none of their invoices is
// still owed, else broken, with a promise_broken activity on each invoice still owed.
func (s *Service) CheckPromises(ctx context.Context, now time.Time) (kept, broken int, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		var closed []closedPromise
		if err := tx.Raw(checkPromisesSQL, now).Scan(&closed).Error; err != nil {
			return fmt.Errorf("dunning: check promises: %w", err)
		}
		for _, p := range closed {
			if p.Status == "kept" {
				kept++
				if err := record(tx, system(p.OrganizationID), "promise_kept", &p.CustomerID, nil,
					ledger.JSON{"promise_id": p.ID, "promised_on": p.PromisedOn.Format(time.DateOnly)}); err != nil {
					return err
				}
				continue
			}
			broken++
			var owed []uuid.UUID
			if err := tx.Raw(`SELECT pi.invoice_id FROM promise_invoices pi JOIN ledger_invoices i ON i.organization_id = pi.organization_id
				AND i.id = pi.invoice_id WHERE pi.promise_id = ? AND i.status IN ('open', 'partially_paid', 'written_off')
				ORDER BY i.due_date, i.number`, p.ID).Scan(&owed).Error; err != nil {
				return err
			}
			for _, inv := range owed {
				if err := record(tx, system(p.OrganizationID), "promise_broken", &p.CustomerID, &inv,
					ledger.JSON{"promise_id": p.ID, "promised_on": p.PromisedOn.Format(time.DateOnly)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return kept, broken, err
}

// checkPromisesSQL closes the due promises in one statement and returns them. Today is each
// organisation's own calendar day; the grace days are its dunning settings' (3 when unset).
const checkPromisesSQL = `
WITH due AS (
    SELECT r.id,
           EXISTS (SELECT 1 FROM promise_invoices pi JOIN ledger_invoices i ON i.organization_id = pi.organization_id
                                                          AND i.id = pi.invoice_id
                    WHERE pi.promise_id = r.id AND i.status IN ('open', 'partially_paid', 'written_off')) AS owed
      FROM promises r
      JOIN organization_profiles o ON o.id = r.organization_id
      LEFT JOIN dunning_settings ds ON ds.organization_id = r.organization_id
     WHERE r.status = 'open'
       AND r.promised_on + coalesce(ds.promise_grace_days, 3) < ($1::timestamptz AT TIME ZONE o.timezone)::date
       FOR UPDATE OF r SKIP LOCKED
)
UPDATE promises r SET status = CASE WHEN due.owed THEN 'broken' ELSE 'kept' END, closed_at = $1
  FROM due WHERE r.id = due.id
RETURNING r.id, r.organization_id, r.customer_id, r.promised_on, r.status`
