package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

func newApp(t *testing.T) *app.App {
	t.Helper()
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t), BaseURL: "http://localhost:8080",
		SecretKey: strings.Repeat("test-secret-", 4), Env: "development", LogFormat: "text", StorageDir: t.TempDir()}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a
}

// fingerprint writes down everything the plan would store, to compare two plans.
func fingerprint(pl *plan) string {
	var b strings.Builder
	for _, c := range pl.customers {
		fmt.Fprintf(&b, "%s|%s|%s|%v|%d\n", c.ref, c.input.Siren, c.input.VATNumber, c.input.BillingAddress, len(c.contacts))
		for _, k := range c.contacts {
			fmt.Fprintf(&b, " %s %s %s\n", k.Name, k.Email, k.Phone)
		}
		for _, inv := range c.invoices {
			fmt.Fprintf(&b, " %s %s %s %d %d\n", inv.doc.Number, inv.doc.IssueDate.Format(time.DateOnly),
				inv.doc.DueDate.Format(time.DateOnly), inv.total, inv.tax)
		}
		for _, ev := range c.events {
			fmt.Fprintf(&b, " %s %d %s %s %v\n", ev.date.Format(time.DateOnly), ev.amount, ev.method, ev.reference, ev.reversed)
		}
	}
	return b.String()
}

func TestThePlanIsTheSameEveryTimeAndAddsUp(t *testing.T) {
	today := time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC)
	pl := newPlan(today, nil)
	if fingerprint(pl) != fingerprint(newPlan(today, nil)) {
		t.Fatal("two plans for the same day differ")
	}
	invoices, numbers := 0, map[string]bool{}
	for _, c := range pl.customers {
		settled := map[*invoicePlan]int64{}
		for _, ev := range c.events {
			if ev.creditNote {
				settled[ev.invoice] += ev.amount
			}
			var sum int64
			for _, al := range ev.allocations {
				sum += al.amount
				if !ev.reversed {
					settled[al.invoice] += al.amount
				}
			}
			if !ev.creditNote && (ev.amount <= 0 || (len(ev.allocations) > 0 && sum != ev.amount) || ev.date.After(today)) {
				t.Errorf("%s: payment %+v does not add up or is in the future", c.name, ev)
			}
		}
		for _, inv := range c.invoices {
			invoices++
			numbers[inv.doc.Number] = true
			if settled[inv] > inv.total || inv.doc.DueDate.Before(inv.doc.IssueDate) || inv.doc.IssueDate.After(today) {
				t.Errorf("invoice %s: settled %d of %d, issued %s due %s", inv.doc.Number, settled[inv], inv.total,
					inv.doc.IssueDate, inv.doc.DueDate)
			}
		}
		if c.flaw == noFlaw && c.input.Siren != "" && (!ledger.ValidSiren(c.input.Siren) || !ledger.ValidSiret(c.input.Siret) ||
			!ledger.ValidVAT(c.input.VATNumber)) {
			t.Errorf("%s: identifiers %s %s %s", c.name, c.input.Siren, c.input.Siret, c.input.VATNumber)
		}
	}
	if len(pl.customers) != 50 || invoices != totalInvoices || len(numbers) != invoices {
		t.Fatalf("%d customers, %d invoices, %d distinct numbers", len(pl.customers), invoices, len(numbers))
	}
	if iban := seller().IBAN; !ibanValid(iban) || len(iban) != 27 {
		t.Errorf("seller IBAN %s", iban)
	}
}

// ibanValid checks the IBAN's mod-97 checksum (ISO 13616).
func ibanValid(iban string) bool {
	rearranged := iban[4:] + iban[:4]
	rest := 0
	for _, c := range rearranged {
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
			rest = (rest*100 + v) % 97
			continue
		}
		rest = (rest*10 + v) % 97
	}
	return rest == 1
}

func TestSeedFillsTheDemoLedgerOnce(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	first, err := Seed(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(first)
	again, err := Seed(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || again.Created {
		t.Fatalf("created: first %v, again %v", first.Created, again.Created)
	}
	first.Created, first.Took = false, 0
	if first != again {
		t.Fatalf("the second seed changed the counts: %+v then %+v", first, again)
	}
	if first.Customers != 50 || first.Invoices != totalInvoices || first.Payments < 300 || first.CreditNotes != 2 {
		t.Fatalf("unexpected counts: %+v", first)
	}

	org, err := a.Auth.EnsureOwner(ctx, Organization, OwnerName, Email, Password, "fr")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ownerPrincipal(ctx, a, org)
	if err != nil {
		t.Fatal(err)
	}
	checkBalances(t, a, p)
	checkStories(t, a, p)
	checkDunning(t, a, p)
}

// The demo follows its playbooks: key accounts and late payers have their scenarios, and the
// first planning pass queued reminders for several customers (none for the one without email).
func checkDunning(t *testing.T, a *app.App, p auth.Principal) {
	ctx := context.Background()
	queued, err := a.Dunning.ListActions(ctx, p, dunning.ActionFilter{Status: "queued"}, page.Query{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	customers := map[string]bool{}
	for _, q := range queued.Items {
		customers[q.CustomerName] = true
	}
	if len(customers) < 10 {
		t.Errorf("reminders queued for %d customers: %v", len(customers), customers)
	}
	for _, c := range companies {
		var want string
		switch {
		case c.pays == veryLate || c.pays == late:
			want = "late_payers"
		case c.segment == segKey:
			want = "key_accounts"
		default:
			continue
		}
		res, err := a.Ledger.ListCustomers(ctx, p, page.Query{Q: c.name, Limit: 1}, ledger.CustomerFilter{})
		if err != nil || len(res.Items) != 1 {
			t.Fatalf("customer %s: %v", c.name, err)
		}
		d, err := a.Dunning.CustomerDunning(ctx, p, res.Items[0].ID, "en")
		if err != nil {
			t.Fatal(err)
		}
		sc, err := a.Dunning.GetScenario(ctx, p, *d.ScenarioID)
		if err != nil || sc.Key != want {
			t.Errorf("%s follows %q (%s), want %q", c.name, sc.Key, d.Source, want)
		}
	}
}

// all pages through a list.
func all[T any](t *testing.T, list func(page.Query) (page.Result[T], error)) []T {
	t.Helper()
	var out []T
	for {
		res, err := list(page.Query{Limit: page.MaxLimit, Offset: len(out)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res.Items...)
		if len(res.Items) == 0 || int64(len(out)) >= res.Total {
			return out
		}
	}
}

func checkBalances(t *testing.T, a *app.App, p auth.Principal) {
	ctx := context.Background()
	customers := all(t, func(q page.Query) (page.Result[ledger.CustomerSummary], error) {
		return a.Ledger.ListCustomers(ctx, p, q, ledger.CustomerFilter{})
	})
	invoices := all(t, func(q page.Query) (page.Result[ledger.InvoiceView], error) {
		return a.Ledger.ListInvoices(ctx, p, q, ledger.InvoiceFilter{})
	})
	var customerBalances, openBalances int64
	for _, c := range customers {
		customerBalances += c.BalanceCents
	}
	for _, inv := range invoices {
		if inv.Status == ledger.StatusOpen || inv.Status == ledger.StatusPartiallyPaid {
			openBalances += inv.BalanceCents
		}
		if inv.BalanceCents < 0 || inv.BalanceCents > inv.TotalCents {
			t.Errorf("invoice %s: balance %d of %d", inv.Number, inv.BalanceCents, inv.TotalCents)
		}
		if inv.PDFKey == nil || *inv.PDFSize < 1000 {
			t.Errorf("invoice %s has no PDF", inv.Number)
		}
	}
	if customerBalances != openBalances || openBalances == 0 {
		t.Errorf("customers owe %d, open invoices %d", customerBalances, openBalances)
	}
	// Balances are what allocations left: nothing was written around the ledger.
	var drift int64
	err := a.DB.Gorm.Raw(`SELECT count(*) FROM invoices i WHERE i.organization_id = ? AND i.balance_cents <>
		i.total_cents - (SELECT coalesce(sum(amount_cents), 0) FROM allocations a WHERE a.invoice_id = i.id)`,
		p.OrganizationID).Scan(&drift).Error
	if err != nil || drift != 0 {
		t.Errorf("%d invoices whose balance differs from their allocations (%v)", drift, err)
	}
}

// checkStories looks for what the cockpit, aging and worklist need to show.
func checkStories(t *testing.T, a *app.App, p auth.Principal) {
	ctx := context.Background()
	invoices := all(t, func(q page.Query) (page.Result[ledger.InvoiceView], error) {
		return a.Ledger.ListInvoices(ctx, p, q, ledger.InvoiceFilter{})
	})
	var overdue, veryOverdue, notDue, paidLate, partial int
	for _, inv := range invoices {
		switch {
		case inv.Status == ledger.StatusPaid && inv.PaidOn.After(inv.DueDate.AddDate(0, 0, 7)):
			paidLate++
		case inv.Status == ledger.StatusPartiallyPaid:
			partial++
		}
		if inv.DaysOverdue > 0 {
			overdue++
		}
		if inv.DaysOverdue > 90 {
			veryOverdue++
		}
		if inv.Status == ledger.StatusOpen && inv.DaysOverdue == 0 {
			notDue++
		}
	}
	t.Logf("overdue %d (>90 days: %d), not yet due %d, paid late %d, partially paid %d", overdue, veryOverdue, notDue, paidLate, partial)
	if overdue < 20 || veryOverdue == 0 || notDue < 20 || paidLate < 50 || partial == 0 {
		t.Error("the demo lacks overdue, very overdue, not yet due, late-paid or partially paid invoices")
	}
	incomplete, err := a.Ledger.ListCustomers(ctx, p, page.Query{Limit: 100}, ledger.CustomerFilter{Incomplete: true})
	if err != nil {
		t.Fatal(err)
	}
	problems := map[string]bool{}
	for _, c := range incomplete.Items {
		for _, pb := range c.DataProblems {
			problems[pb] = true
		}
	}
	for _, want := range []string{"missing_reminder_email", "missing_phone", "invalid_siren", "missing_company_id",
		"missing_payment_terms", "missing_postal_address"} {
		if !problems[want] {
			t.Errorf("no customer with the problem %s (incomplete: %d)", want, incomplete.Total)
		}
	}
	payments := all(t, func(q page.Query) (page.Result[ledger.PaymentView], error) {
		return a.Ledger.ListPayments(ctx, p, q, nil)
	})
	var reversed, unallocated int
	for _, pm := range payments {
		if pm.ReversedAt != nil {
			reversed++
		}
		if pm.UnallocatedCents > 0 {
			unallocated++
		}
	}
	if reversed != 1 || unallocated != 1 {
		t.Errorf("%d reversed and %d unallocated payments, want one each", reversed, unallocated)
	}
	r, number, err := a.Ledger.OpenPDF(ctx, p, invoices[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	head := make([]byte, 5)
	if _, err := io.ReadFull(r, head); err != nil || string(head) != "%PDF-" || number != invoices[0].Number {
		t.Errorf("PDF of %s starts with %q (%v)", number, head, err)
	}
	var timeline int64
	err = a.DB.Gorm.Raw(`SELECT count(*) FROM activities WHERE organization_id = ? AND occurred_at < now() - interval '1 year'`,
		p.OrganizationID).Scan(&timeline).Error
	if err != nil || timeline < 100 {
		t.Errorf("the timeline is not dated in the past: %d old activities (%v)", timeline, err)
	}
}
