package ledger

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/money"
	"github.com/relance/relance/internal/platform/page"
)

// Allocation modes of a new payment.
const (
	AllocateAuto   = "auto"   // the invoice named in the reference, then the oldest due first
	AllocateManual = "manual" // the lines given
	AllocateNone   = "none"   // kept as the customer's credit
)

// PaymentInput records money received.
type PaymentInput struct {
	CustomerID  uuid.UUID
	ReceivedOn  Date
	Currency    string
	AmountCents int64
	Method      string
	Reference   string
	ExternalID  string
	Allocation  string
	Allocations []AllocationInput
}

// PaymentView is a payment with what it settles.
type PaymentView struct {
	Payment
	CustomerName     string
	UnallocatedCents int64
	Allocations      []AllocationView `gorm:"-"`
}

// RecordPayment stores a payment and allocates it as asked.
func (s *Service) RecordPayment(ctx context.Context, p auth.Principal, in PaymentInput) (PaymentView, error) {
	if err := canWrite(p); err != nil {
		return PaymentView{}, err
	}
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	in.Reference = strings.TrimSpace(in.Reference)
	if in.Allocation == "" {
		in.Allocation = AllocateAuto
	}
	pay := Payment{ID: newID(), OrganizationID: p.OrganizationID}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		c, err := customerForUpdate(tx, p.OrganizationID, in.CustomerID, "customer_id")
		if err != nil {
			return err
		}
		if in.Currency == "" {
			in.Currency = c.Currency
		}
		var v errs.Validation
		v.Check(in.AmountCents > 0, "amount_cents", "common.amount_not_positive")
		v.Check(in.AmountCents <= money.MaxCents, "amount_cents", money.TooLarge, money.MaxCents)
		v.Check(len([]rune(strings.TrimSpace(in.ExternalID))) <= maxExternalID, "external_id", "common.at_most_chars", 100)
		v.Check(!in.ReceivedOn.IsZero(), "received_on", "ledger.received_on")
		v.Check(in.Currency == c.Currency, "currency", "ledger.customer_currency", c.Currency)
		v.Check(oneOf(in.Method, PaymentMethods), "method", "ledger.choose_transfer_card_sepa")
		v.Check(oneOf(in.Allocation, []string{AllocateAuto, AllocateManual, AllocateNone}), "allocation", "ledger.choose_auto_manual_none")
		v.Check(in.Allocation == AllocateManual || len(in.Allocations) == 0, "allocations", "ledger.allocation_lines_manual")
		if err := v.Err(); err != nil {
			return err
		}
		pay.CustomerID, pay.ReceivedOn, pay.Currency, pay.AmountCents = c.ID, in.ReceivedOn, in.Currency, in.AmountCents
		pay.Method, pay.Reference = in.Method, in.Reference
		if in.ExternalID = strings.TrimSpace(in.ExternalID); in.ExternalID != "" {
			pay.ExternalID = &in.ExternalID
		}
		if err := tx.Create(&pay).Error; err != nil {
			return dbError(err)
		}
		if err := record(tx, p, "payment.recorded", &c.ID, nil, JSON{"payment_id": pay.ID, "amount_cents": pay.AmountCents,
			"currency": pay.Currency, "method": pay.Method, "reference": pay.Reference}); err != nil {
			return err
		}
		return s.allocatePayment(tx, p, pay, in.Allocation, in.Allocations)
	})
	if err != nil {
		return PaymentView{}, err
	}
	return s.PaymentByID(ctx, p, pay.ID)
}

// allocatePayment applies what is left of pay, automatically or by the lines given, and notes
// on each invoice's timeline what it received.
func (s *Service) allocatePayment(tx *gorm.DB, p auth.Principal, pay Payment, mode string, lines []AllocationInput) error {
	before, err := allocationsOf(tx, p.OrganizationID, "payment_id", pay.ID)
	if err != nil {
		return err
	}
	switch mode {
	case AllocateNone:
		return nil
	case AllocateAuto:
		if err := tx.Exec("SELECT relance_allocate_payments(?, ?)", p.OrganizationID, uuidArray([]uuid.UUID{pay.ID})).Error; err != nil {
			return err
		}
	default:
		src := source{paymentID: &pay.ID, customerID: pay.CustomerID, currency: pay.Currency,
			unallocated: pay.AmountCents - sumAllocations(before)}
		if _, err := allocate(tx, p, src, lines); err != nil {
			return err
		}
	}
	after, err := allocationsOf(tx, p.OrganizationID, "payment_id", pay.ID)
	if err != nil {
		return err
	}
	return recordNewAllocations(tx, p, pay.CustomerID, "payment.allocated", JSON{"payment_id": pay.ID, "reference": pay.Reference}, before, after)
}

// recordNewAllocations adds a timeline entry on each invoice that received something.
func recordNewAllocations(tx *gorm.DB, p auth.Principal, customerID uuid.UUID, kind string, data JSON, before, after []AllocationView) error {
	had := map[uuid.UUID]int64{}
	for _, a := range before {
		had[a.InvoiceID] += a.AmountCents
	}
	got := map[uuid.UUID]int64{}
	numbers := map[uuid.UUID]string{}
	for _, a := range after {
		got[a.InvoiceID] += a.AmountCents
		numbers[a.InvoiceID] = a.InvoiceNumber
	}
	for id, amount := range got {
		if delta := amount - had[id]; delta > 0 {
			d := JSON{"number": numbers[id], "amount_cents": delta}
			for k, v := range data {
				d[k] = v
			}
			if err := record(tx, p, kind, &customerID, ptr(id), d); err != nil {
				return err
			}
		}
	}
	return nil
}

// AllocatePayment applies what is left of a payment: automatically, or by the lines given.
func (s *Service) AllocatePayment(ctx context.Context, p auth.Principal, id uuid.UUID, auto bool, lines []AllocationInput) (PaymentView, error) {
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		pay, err := livePaymentForUpdate(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		mode := AllocateManual
		if auto {
			mode = AllocateAuto
		} else if len(lines) == 0 {
			return errs.Invalid("allocations", "ledger.allocation_lines")
		}
		return s.allocatePayment(tx, p, pay, mode, lines)
	})
	if err != nil {
		return PaymentView{}, err
	}
	return s.PaymentByID(ctx, p, id)
}

// livePaymentForUpdate locks a payment of org that was not reversed.
func livePaymentForUpdate(tx *gorm.DB, org, id uuid.UUID) (Payment, error) {
	pay, err := forUpdate[Payment](tx, org, id)
	if err != nil {
		return pay, err
	}
	if pay.ReversedAt != nil {
		return pay, ErrPaymentReversed
	}
	return pay, nil
}

// ReversePayment cancels a payment (bounced cheque, failed debit, mistake): its allocations
// are removed, so the invoices it settled are due again.
func (s *Service) ReversePayment(ctx context.Context, p auth.Principal, id uuid.UUID, reason string) (PaymentView, error) {
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		pay, err := livePaymentForUpdate(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		allocs, err := allocationsOf(tx, p.OrganizationID, "payment_id", id)
		if err != nil {
			return err
		}
		if err := tx.Where("organization_id = ? AND payment_id = ?", p.OrganizationID, id).Delete(&Allocation{}).Error; err != nil {
			return err
		}
		if err := tx.Model(&pay).Updates(map[string]any{"reversed_at": s.now(), "reversal_reason": strings.TrimSpace(reason)}).Error; err != nil {
			return err
		}
		ids := make([]uuid.UUID, len(allocs))
		for i, a := range allocs {
			ids[i] = a.InvoiceID
			if err := record(tx, p, "payment.reversed", &pay.CustomerID, &a.InvoiceID, JSON{"payment_id": id,
				"number": a.InvoiceNumber, "amount_cents": a.AmountCents, "reason": reason}); err != nil {
				return err
			}
		}
		if len(allocs) == 0 {
			if err := record(tx, p, "payment.reversed", &pay.CustomerID, nil, JSON{"payment_id": id, "amount_cents": pay.AmountCents, "reason": reason}); err != nil {
				return err
			}
		}
		return refreshInvoices(tx, p.OrganizationID, ids)
	})
	if err != nil {
		return PaymentView{}, err
	}
	return s.PaymentByID(ctx, p, id)
}

func paymentsQuery(db *gorm.DB, org uuid.UUID) *gorm.DB {
	return db.Table("payments pm").
		Select(`pm.*, c.name AS customer_name, CASE WHEN pm.reversed_at IS NULL THEN pm.amount_cents - coalesce(
			(SELECT sum(amount_cents) FROM allocations a WHERE a.organization_id = pm.organization_id AND a.payment_id = pm.id), 0)
			ELSE 0 END AS unallocated_cents`).
		Joins("JOIN customers c ON c.organization_id = pm.organization_id AND c.id = pm.customer_id").
		Where("pm.organization_id = ?", org)
}

// PaymentByID returns a payment with its allocations.
func (s *Service) PaymentByID(ctx context.Context, p auth.Principal, id uuid.UUID) (PaymentView, error) {
	db := s.db.WithContext(ctx)
	var v PaymentView
	if err := paymentsQuery(db, p.OrganizationID).Where("pm.id = ?", id).Take(&v).Error; err != nil {
		return v, notFound(err)
	}
	var err error
	v.Allocations, err = allocationsOf(db, p.OrganizationID, "payment_id", id)
	return v, err
}

var paymentList = page.Listing{
	Sorts:    map[string]string{"received_on": "pm.received_on", "amount": "pm.amount_cents", "customer": "lower(c.name)"},
	SortHint: "ledger.sort_received_amount_customer",
	Search:   "pm.reference ILIKE ? OR c.name ILIKE ?",
	Order:    "pm.received_on DESC", TieBreak: "pm.id",
}

// ListPayments lists payments, newest first, with their allocations.
func (s *Service) ListPayments(ctx context.Context, p auth.Principal, q page.Query, customerID *uuid.UUID) (page.Result[PaymentView], error) {
	query := paymentsQuery(s.db.WithContext(ctx), p.OrganizationID)
	if customerID != nil {
		query = query.Where("pm.customer_id = ?", *customerID)
	}
	res, err := page.List[PaymentView](query, q, paymentList)
	if err != nil || len(res.Items) == 0 {
		return res, err
	}
	// The page's allocations in one query.
	ids := make([]uuid.UUID, len(res.Items))
	for i, v := range res.Items {
		ids[i] = v.ID
	}
	var rows []struct {
		PaymentID uuid.UUID
		AllocationView
	}
	err = s.db.WithContext(ctx).Table("allocations a").
		Select("a.payment_id, a.invoice_id, i.number AS invoice_number, a.amount_cents").
		Joins("JOIN invoices i ON i.organization_id = a.organization_id AND i.id = a.invoice_id").
		Where("a.organization_id = ? AND a.payment_id IN ?", p.OrganizationID, ids).
		Order("i.due_date, i.number").Scan(&rows).Error
	byPayment := map[uuid.UUID][]AllocationView{}
	for _, r := range rows {
		byPayment[r.PaymentID] = append(byPayment[r.PaymentID], r.AllocationView)
	}
	for i := range res.Items {
		res.Items[i].Allocations = append([]AllocationView{}, byPayment[res.Items[i].ID]...)
	}
	return res, err
}
