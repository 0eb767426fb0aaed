// Package demo seeds the demo organisation that `make run` shows a newcomer: its owner, and
// the first time only, a realistic receivables ledger (customers, contacts, invoices with their
// PDFs, payments, credit notes) drawn from a fixed random seed, dated relative to today.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/platform/zone"
)

// The demo owner's credentials, printed by `relance seed --demo`.
const (
	Organization = "Démo SARL"
	Email        = "demo@relance.test"
	Password     = "relance-demo"
	OwnerName    = "Camille Démo"
)

// Summary counts what the demo organisation holds.
type Summary struct {
	Customers   int64
	Invoices    int64
	Payments    int64
	CreditNotes int64
	Created     bool          // the ledger was seeded by this run
	Took        time.Duration // how long seeding took
}

// String is the one-line summary printed by `relance seed --demo`.
func (s Summary) String() string {
	how := "already there"
	if s.Created {
		how = fmt.Sprintf("seeded in %.1fs", s.Took.Seconds())
	}
	return fmt.Sprintf("Demo data: %d customers, %d invoices, %d payments, %d credit notes (%s).",
		s.Customers, s.Invoices, s.Payments, s.CreditNotes, how)
}

// Seed creates the demo organisation and its owner when missing and, when the organisation has
// no customers yet, fills its ledger. Running it again changes nothing.
func Seed(ctx context.Context, a *app.App) (Summary, error) {
	org, err := a.Auth.EnsureOwner(ctx, Organization, OwnerName, Email, Password, "fr")
	if err != nil {
		return Summary{}, err
	}
	p, err := ownerPrincipal(ctx, a, org)
	if err != nil {
		return Summary{}, err
	}
	sum, err := count(ctx, a.Ledger, p)
	if err != nil || sum.Customers > 0 {
		return sum, err
	}
	loc := zone.Location(org.Timezone)
	start := time.Now()
	y, m, d := start.In(loc).Date()
	pl := newPlan(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), &p.UserID)
	if err := load(ctx, a, p, pl, org.Timezone); err != nil {
		return Summary{}, fmt.Errorf("demo: %w (the demo ledger is incomplete: seed a fresh database)", err)
	}
	if err := setUpDunning(ctx, a, p, pl); err != nil {
		return Summary{}, fmt.Errorf("demo: dunning: %w", err)
	}
	sum, err = count(ctx, a.Ledger, p)
	sum.Created, sum.Took = true, time.Since(start)
	return sum, err
}

// ownerPrincipal acts as the demo owner, so that the timeline names who did things.
func ownerPrincipal(ctx context.Context, a *app.App, org auth.Organization) (auth.Principal, error) {
	p := auth.Principal{OrganizationID: org.ID, Role: auth.RoleOwner}
	members, err := a.Auth.ListMembers(ctx, p, page.Query{Q: Email})
	if err != nil {
		return p, err
	}
	for _, m := range members.Items {
		if m.Email == Email {
			p.UserID = m.UserID
		}
	}
	if p.UserID == uuid.Nil {
		return p, fmt.Errorf("demo: %s is not a member of %s", Email, Organization)
	}
	return p, nil
}

// count reads the organisation's totals through the ledger's lists.
func count(ctx context.Context, l *ledger.Service, p auth.Principal) (Summary, error) {
	var s Summary
	one := page.Query{Limit: 1}
	active, err := l.ListCustomers(ctx, p, one, ledger.CustomerFilter{})
	if err != nil {
		return s, err
	}
	archived, err := l.ListCustomers(ctx, p, one, ledger.CustomerFilter{Archived: true})
	if err != nil {
		return s, err
	}
	invoices, err := l.ListInvoices(ctx, p, one, ledger.InvoiceFilter{})
	if err != nil {
		return s, err
	}
	payments, err := l.ListPayments(ctx, p, one, nil)
	if err != nil {
		return s, err
	}
	notes, err := l.ListCreditNotes(ctx, p, one, nil)
	if err != nil {
		return s, err
	}
	s.Customers, s.Invoices = active.Total+archived.Total, invoices.Total
	s.Payments, s.CreditNotes = payments.Total, notes.Total
	return s, nil
}
