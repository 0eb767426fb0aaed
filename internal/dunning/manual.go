package dunning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/penalty"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// SendNow carries out an invoice's next step at once (the one due, or else the next to come),
// whatever its date and the sending window.
func (s *Service) SendNow(ctx context.Context, p auth.Principal, invoiceID uuid.UUID) (ActionDetail, error) {
	var id uuid.UUID
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		inv, sim, err := s.invoiceSimulation(tx, p.OrganizationID, invoiceID)
		if err != nil {
			return err
		}
		st, ok := sim.next(inv, progressOf(inv), sim.today) // the step due now, caught up
		if !ok {
			st, ok = firstAfter(sim.scenarios[*inv.ScenarioID].Steps, progressOf(inv)) // or the next to come
		}
		if !ok {
			return ErrNothingToSend
		}
		channel := st.Channel
		if sim.rules.LetterInsteadOfEmail && channel == "email" {
			channel = "letter"
		}
		status := StatusPending
		if channel == "email" {
			status = StatusQueued
		}
		id, err = s.manualAction(tx, p, inv, st, channel, status, "")
		if err != nil || channel != "email" {
			return err
		}
		return s.enqueueSends(ctx, tx, []createdAction{{ID: id, OrganizationID: p.OrganizationID, Channel: channel,
			SendAt: s.opts.Now()}})
	})
	if err != nil {
		return ActionDetail{}, err
	}
	return s.GetAction(ctx, p, id)
}

// SkipStep marks one upcoming step of an invoice as skipped: the planner goes on from the next.
func (s *Service) SkipStep(ctx context.Context, p auth.Principal, invoiceID, stepID uuid.UUID) (ActionDetail, error) {
	var id uuid.UUID
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		inv, sim, err := s.invoiceSimulation(tx, p.OrganizationID, invoiceID)
		if err != nil {
			return err
		}
		var step *Step
		for _, st := range sim.scenarios[*inv.ScenarioID].Steps {
			if st.ID == stepID && st.OffsetDays > progressOf(inv) {
				step = &st
			}
		}
		if step == nil {
			return errs.Invalid("step_id", "dunning.not_upcoming_step")
		}
		id, err = s.manualAction(tx, p, inv, *step, step.Channel, StatusSkipped, ReasonByUser)
		return err
	})
	if err != nil {
		return ActionDetail{}, err
	}
	return s.GetAction(ctx, p, id)
}

func (s *Service) invoiceSimulation(tx *gorm.DB, org, invoiceID uuid.UUID) (simInvoice, *simulation, error) {
	customerID, err := invoiceCustomer(tx, org, invoiceID)
	if err != nil {
		return simInvoice{}, nil, err
	}
	st, err := s.settings(tx, org)
	if err != nil {
		return simInvoice{}, nil, err
	}
	c, err := loadCustomer(tx, org, customerID)
	if err != nil {
		return simInvoice{}, nil, err
	}
	sim, err := s.loadSimulation(tx, org, c, st, &invoiceID)
	if err != nil {
		return simInvoice{}, nil, err
	}
	for _, inv := range sim.invoices {
		if inv.ID == invoiceID {
			if inv.Closed {
				return inv, nil, ErrInvoiceClosed
			}
			if inv.ScenarioID == nil {
				return inv, nil, ErrNothingToSend
			}
			return inv, sim, nil
		}
	}
	return simInvoice{}, nil, errs.ErrNotFound
}

func progressOf(inv simInvoice) int {
	if inv.LastOffset == nil {
		return -1000
	}
	return *inv.LastOffset
}

func firstAfter(steps []Step, progress int) (Step, bool) {
	for _, st := range steps { // sorted by offset
		if st.OffsetDays > progress {
			return st, true
		}
	}
	return Step{}, false
}

// manualAction records a one-invoice action a person asked for, and the invoice's progress.
func (s *Service) manualAction(tx *gorm.DB, p auth.Principal, inv simInvoice, st Step, channel, status, reason string) (uuid.UUID, error) {
	now := s.opts.Now()
	customerID, err := invoiceCustomer(tx, p.OrganizationID, inv.ID)
	if err != nil {
		return uuid.Nil, err
	}
	a := Action{ID: newID(), OrganizationID: p.OrganizationID, CustomerID: customerID, StepID: st.ID, Stage: st.Stage,
		Channel: channel, PlannedOn: dateOf(now), Status: status, SkipReason: reason, Origin: "manual", SendAt: &now,
		IdempotencyKey: fmt.Sprintf("manual/%s/%s", inv.ID, st.ID), ToAddresses: []string{}, CcAddresses: []string{},
		CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&a).Error; err != nil {
		return uuid.Nil, err
	}
	itemStatus := "planned"
	if status == StatusSkipped {
		itemStatus = "skipped"
	}
	if err := tx.Exec(`INSERT INTO dunning_action_items (organization_id, action_id, invoice_id, step_id, offset_days,
		balance_cents, status, skip_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		p.OrganizationID, a.ID, inv.ID, st.ID, st.OffsetDays, inv.BalanceCents, itemStatus, reason).Error; err != nil {
		return uuid.Nil, err
	}
	if err := tx.Exec(`INSERT INTO dunning_progress AS d (organization_id, invoice_id, last_offset, last_planned_on)
		VALUES (?, ?, ?, ?) ON CONFLICT (invoice_id) DO UPDATE SET last_offset = greatest(d.last_offset, excluded.last_offset),
		last_planned_on = excluded.last_planned_on`, p.OrganizationID, inv.ID, st.OffsetDays, a.PlannedOn.Format(time.DateOnly)).Error; err != nil {
		return uuid.Nil, err
	}
	kind := "reminder_sent_now"
	if status == StatusSkipped {
		kind = "reminder_step_skipped"
	}
	return a.ID, record(tx, p, kind, &customerID, &inv.ID, ledger.JSON{"action_id": a.ID, "stage": st.Stage,
		"channel": channel, "offset_days": st.OffsetDays})
}

// Penalties is an invoice's late-payment penalties as of a day.
type Penalties struct {
	penalty.Breakdown
	Currency     string
	BalanceCents int64
	AsOf         time.Time
}

// InvoicePenalties computes an invoice's penalties today, under the organisation's settings.
func (s *Service) InvoicePenalties(ctx context.Context, p auth.Principal, invoiceID uuid.UUID) (Penalties, error) {
	return txValue(ctx, s, func(tx *gorm.DB) (Penalties, error) {
		return s.penalties(tx, p.OrganizationID, invoiceID)
	})
}

func (s *Service) penalties(tx *gorm.DB, org, invoiceID uuid.UUID) (Penalties, error) {
	st, err := s.settings(tx, org)
	if err != nil {
		return Penalties{}, err
	}
	var row struct {
		DueDate      time.Time
		BalanceCents int64
		Currency     string
		Timezone     string
	}
	if err := tx.Raw(`SELECT i.due_date, i.balance_cents, i.currency, o.timezone FROM ledger_invoices i
		JOIN organization_profiles o ON o.id = i.organization_id WHERE i.organization_id = ? AND i.id = ?`, org, invoiceID).
		Scan(&row).Error; err != nil {
		return Penalties{}, err
	}
	if row.Currency == "" {
		return Penalties{}, errs.ErrNotFound
	}
	today := dateOf(s.opts.Now().In(customer{Timezone: row.Timezone}.location()))
	indemnity := st.IndemnityCents
	if row.Currency != "EUR" {
		indemnity = 0
	}
	b := penalty.Compute(row.BalanceCents, row.DueDate, today, st.rate(), indemnity)
	b.Rate = st.rate()
	return Penalties{Breakdown: b, Currency: row.Currency, BalanceCents: row.BalanceCents, AsOf: today}, nil
}

// InvoiceCreator issues invoices (the ledger service): penalty invoices go through it.
type InvoiceCreator interface {
	CreateInvoice(ctx context.Context, p auth.Principal, in ledger.InvoiceInput) (ledger.InvoiceView, error)
}

// IssuePenaltyInvoice issues a separate invoice for an invoice's penalties as of today (interest
// and the recovery indemnity are outside the scope of VAT).
func (s *Service) IssuePenaltyInvoice(ctx context.Context, p auth.Principal, invoiceID uuid.UUID, ledgerSvc InvoiceCreator) (ledger.InvoiceView, error) {
	if err := canWrite(p); err != nil {
		return ledger.InvoiceView{}, err
	}
	var (
		pen    Penalties
		number string
		cust   uuid.UUID
	)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if pen, err = s.penalties(tx, p.OrganizationID, invoiceID); err != nil {
			return err
		}
		return tx.Raw(`SELECT number, customer_id FROM ledger_invoices WHERE organization_id = ? AND id = ?`,
			p.OrganizationID, invoiceID).Row().Scan(&number, &cust)
	})
	if err != nil {
		return ledger.InvoiceView{}, err
	}
	if pen.TotalCents == 0 {
		return ledger.InvoiceView{}, ErrNoPenalty
	}
	due := pen.AsOf.AddDate(0, 0, 30)
	return ledgerSvc.CreateInvoice(ctx, p, ledger.InvoiceInput{CustomerID: cust,
		Number:    fmt.Sprintf("PEN-%s-%s", number, pen.AsOf.Format("20060102")),
		IssueDate: pen.AsOf, DueDate: &due, Currency: pen.Currency, TotalCents: pen.TotalCents,
		Notes: locale.T("en", "dunning.penalty_invoice_notes",
			number, pen.AsOf.Format(time.DateOnly), pen.InterestCents, pen.IndemnityCents, pen.DaysLate, pen.Rate.StringFixed(2))})
}

// PenaltyTerms are an organisation's late-payment terms, for pages that show penalties (the
// debtor page): whether to show them, the rate in force and the indemnity.
type PenaltyTerms struct {
	Show           bool            // the settings' show_penalties
	Rate           decimal.Decimal // annual percent in force
	IndemnityCents int64           // per late invoice in euros
}

// Of is an invoice's penalties on balanceCents as of today: interest from the day after due at
// the rate, plus the recovery indemnity for an invoice in euros.
func (t PenaltyTerms) Of(balanceCents int64, currency string, due, today time.Time) penalty.Breakdown {
	indemnity := t.IndemnityCents
	if currency != "EUR" {
		indemnity = 0
	}
	b := penalty.Compute(balanceCents, due, today, t.Rate, indemnity)
	b.Rate = t.Rate
	return b
}

// PenaltyTermsFrom are the terms of settings read with other rows (the debtor page reads them
// with its own): show_penalties, ecb_rate, legal_rate, contract_rate and indemnity_cents.
func PenaltyTermsFrom(show bool, ecb, legal decimal.Decimal, contract *decimal.Decimal, indemnityCents int64) PenaltyTerms {
	st := Settings{ShowPenalties: show, ECBRate: ecb, LegalRate: legal, ContractRate: contract, IndemnityCents: indemnityCents}
	return PenaltyTerms{Show: show, Rate: st.rate(), IndemnityCents: indemnityCents}
}

// PenaltyTermsOf reads an organisation's late-payment terms: one read, except on the very first
// use, which installs the default settings as every reader of the settings does.
func (s *Service) PenaltyTermsOf(ctx context.Context, org uuid.UUID) (PenaltyTerms, error) {
	st, found, err := readSettings(s.db.WithContext(ctx), org)
	if err == nil && !found {
		err = s.tx(ctx, func(tx *gorm.DB) error {
			st, err = s.settings(tx, org)
			return err
		})
	}
	if err != nil {
		return PenaltyTerms{}, err
	}
	return PenaltyTerms{Show: st.ShowPenalties, Rate: st.rate(), IndemnityCents: st.IndemnityCents}, nil
}
