package ledger

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/page"
)

// ActivityView is a timeline entry with who did it and the invoice it concerns.
type ActivityView struct {
	ID            uuid.UUID
	Kind          string
	OccurredAt    time.Time
	Actor         *string
	CustomerID    *uuid.UUID
	InvoiceID     *uuid.UUID
	InvoiceNumber *string
	Data          JSON
}

// Timeline lists the activities of a customer, or of one invoice, newest first.
func (s *Service) Timeline(ctx context.Context, p auth.Principal, customerID, invoiceID *uuid.UUID, q page.Query) (page.Result[ActivityView], error) {
	db := s.db.WithContext(ctx)
	if customerID != nil {
		if _, err := s.customerOf(db, p, *customerID); err != nil {
			return page.Result[ActivityView]{}, err
		}
	}
	if invoiceID != nil {
		if _, err := s.invoiceOf(db, p, *invoiceID); err != nil {
			return page.Result[ActivityView]{}, err
		}
	}
	query := db.Table("activities a").
		Select(`a.id, a.kind, a.occurred_at, coalesce(u.name, k.name) AS actor, a.customer_id, a.invoice_id,
			i.number AS invoice_number, a.data`).
		Joins("LEFT JOIN user_names u ON u.id = a.actor_user_id").
		Joins("LEFT JOIN api_key_names k ON k.organization_id = a.organization_id AND k.id = a.actor_api_key_id").
		Joins("LEFT JOIN invoices i ON i.organization_id = a.organization_id AND i.id = a.invoice_id").
		Where("a.organization_id = ?", p.OrganizationID)
	if customerID != nil {
		query = query.Where("a.customer_id = ?", *customerID)
	}
	if invoiceID != nil {
		query = query.Where("a.invoice_id = ?", *invoiceID)
	}
	q.Sort = ""
	return page.Fetch[ActivityView](query, q, nil, "a.occurred_at DESC", "a.id DESC")
}
