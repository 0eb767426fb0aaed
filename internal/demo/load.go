package demo

import (
	"bytes"
	"context"
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/sync/errgroup"

	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/pdf"
)

// workers is how many customers are written at once: each write is a few short transactions,
// so the time goes in round trips, not in the database's CPU.
const workers = 8

// load writes the plan through the ledger service, one customer per goroutine, then dates the
// timeline as the events happened.
func load(ctx context.Context, a *app.App, p auth.Principal, pl *plan, timezone string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, c := range pl.customers {
		g.Go(func() error { return loadCustomer(gctx, a.Ledger, p, c) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return backdateTimeline(ctx, a, p, timezone)
}

// loadCustomer writes one customer, its contacts, its invoices with their PDFs, then its
// payments and credit notes in date order.
func loadCustomer(ctx context.Context, l *ledger.Service, p auth.Principal, c *customerPlan) error {
	cust, err := l.CreateCustomer(ctx, p, c.input)
	if err != nil {
		return fmt.Errorf("customer %s: %w", c.name, err)
	}
	c.id = cust.ID
	for _, k := range c.contacts {
		if _, err := l.AddContact(ctx, p, cust.ID, k); err != nil {
			return fmt.Errorf("contact of %s: %w", c.name, err)
		}
	}
	for _, inv := range c.invoices {
		if err := loadInvoice(ctx, l, p, cust.ID, inv); err != nil {
			return err
		}
	}
	for _, ev := range c.events {
		if err := loadEvent(ctx, l, p, cust.ID, ev); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return nil
}

func loadInvoice(ctx context.Context, l *ledger.Service, p auth.Principal, customerID uuid.UUID, inv *invoicePlan) error {
	due := inv.doc.DueDate
	v, err := l.CreateInvoice(ctx, p, ledger.InvoiceInput{CustomerID: customerID, Number: inv.doc.Number,
		IssueDate: inv.doc.IssueDate, DueDate: &due, Currency: "EUR", TotalCents: inv.total, TaxCents: inv.tax})
	if err != nil {
		return fmt.Errorf("invoice %s: %w", inv.doc.Number, err)
	}
	inv.id = v.ID
	doc, err := pdf.RenderInvoice(inv.doc)
	if err != nil {
		return err
	}
	if err := l.AttachPDF(ctx, p, v.ID, bytes.NewReader(doc)); err != nil {
		return fmt.Errorf("PDF of %s: %w", inv.doc.Number, err)
	}
	return nil
}

// loadEvent records a credit note, or a payment (reversed at once when its cheque bounced).
func loadEvent(ctx context.Context, l *ledger.Service, p auth.Principal, customerID uuid.UUID, ev *event) error {
	if ev.creditNote {
		_, err := l.CreateCreditNote(ctx, p, ledger.CreditNoteInput{CustomerID: customerID, Number: ev.number,
			IssueDate: ev.date, AmountCents: ev.amount, Reason: ev.reason, InvoiceID: &ev.invoice.id})
		if err != nil {
			return fmt.Errorf("credit note %s: %w", ev.number, err)
		}
		return nil
	}
	in := ledger.PaymentInput{CustomerID: customerID, ReceivedOn: ev.date, AmountCents: ev.amount, Method: ev.method,
		Reference: ev.reference, Allocation: ledger.AllocateNone}
	if len(ev.allocations) > 0 {
		in.Allocation = ledger.AllocateManual
		for _, al := range ev.allocations {
			in.Allocations = append(in.Allocations, ledger.AllocationInput{InvoiceID: al.invoice.id, AmountCents: al.amount})
		}
	}
	pay, err := l.RecordPayment(ctx, p, in)
	if err != nil {
		return fmt.Errorf("payment %q of %s: %w", ev.reference, ev.date.Format("2006-01-02"), err)
	}
	if ev.reversed {
		if _, err := l.ReversePayment(ctx, p, pay.ID, ev.reason); err != nil {
			return fmt.Errorf("reversal of %q: %w", ev.reference, err)
		}
	}
	return nil
}

// backdateTimeline dates each activity when its event happened rather than when the seed ran:
// the ledger stamps activities with the current time and has no way to record past events, and a
// demo whose every "payment received" happened in the same second would show nothing. This is the
// one write the seed makes in SQL, limited to the demo organisation's activities.
func backdateTimeline(ctx context.Context, a *app.App, p auth.Principal, timezone string) error {
	return a.DB.Gorm.WithContext(ctx).Exec(`
		WITH first_invoice AS (
			SELECT customer_id, min(issue_date) AS issued FROM ledger_invoices WHERE organization_id = @org GROUP BY customer_id
		), dated AS (
			SELECT a.id, CASE
				WHEN a.kind = 'invoice.created' THEN i.issue_date + time '09:00'
				WHEN a.kind = 'invoice.pdf_attached' THEN i.issue_date + time '09:01'
				WHEN a.kind = 'payment.recorded' THEN pm.received_on + time '10:00'
				WHEN a.kind = 'payment.allocated' THEN pm.received_on + time '10:01'
				WHEN a.kind = 'credit_note.created' THEN cn.issue_date + time '11:00'
				WHEN a.kind IN ('customer.created', 'contact.added') THEN f.issued - 7 + time '08:30'
				END AS local
			FROM activities a
			LEFT JOIN ledger_invoices i ON i.organization_id = a.organization_id AND i.id = a.invoice_id
			LEFT JOIN ledger_payments pm ON pm.organization_id = a.organization_id AND pm.id = (a.data->>'payment_id')::uuid
			LEFT JOIN ledger_credit_notes cn ON cn.organization_id = a.organization_id AND cn.id = (a.data->>'credit_note_id')::uuid
			LEFT JOIN first_invoice f ON f.customer_id = a.customer_id
			WHERE a.organization_id = @org AND a.kind <> 'payment.reversed'
		)
		UPDATE activities a SET occurred_at = d.local AT TIME ZONE @tz
		FROM dated d WHERE a.organization_id = @org AND a.id = d.id AND d.local IS NOT NULL`,
		map[string]any{"org": p.OrganizationID, "tz": timezone}).Error
}
