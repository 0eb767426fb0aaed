package portal

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// pageWorld is an organisation on a fixed clock with the ledger, the dunning engine and the
// portal on a fresh database.
type pageWorld struct {
	t      *testing.T
	ctx    context.Context
	svc    *Service
	ledger *ledger.Service
	p      auth.Principal
	now    time.Time
}

func newPageWorld(t *testing.T, payments bool) *pageWorld {
	t.Helper()
	d := testenv.DB(t)
	files, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	w := &pageWorld{t: t, ctx: context.Background(), now: time.Date(2026, 3, 15, 23, 30, 0, 0, paris)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	clock := func() time.Time { return w.now }
	w.ledger = ledger.NewService(d.Gorm, files)
	dun := dunning.NewService(dunning.Options{DB: d, Files: files, Log: log, BaseURL: "http://localhost:8080",
		Secret: strings.Repeat("s", 32), Now: clock})
	w.svc = NewService(Options{DB: d, Files: files, Ledger: w.ledger, Dunning: dun, Log: log, BaseURL: "http://localhost:8080",
		Now: clock, PaymentsEnabled: payments})
	org := uuid.Must(uuid.NewV7())
	if err := d.Gorm.Exec(`INSERT INTO organizations (id, name) VALUES (?, 'Atelier Dupont')`, org).Error; err != nil {
		t.Fatal(err)
	}
	w.p = auth.Principal{OrganizationID: org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleAdmin}
	return w
}

func (w *pageWorld) customer(name, external, lang string) uuid.UUID {
	w.t.Helper()
	c, err := w.ledger.CreateCustomer(w.ctx, w.p, ledger.CustomerInput{Name: name, ExternalID: external, Language: lang, Currency: "EUR"})
	if err != nil {
		w.t.Fatal(err)
	}
	return c.ID
}

func (w *pageWorld) invoice(customer uuid.UUID, number, issue, due string, cents int64) uuid.UUID {
	w.t.Helper()
	d := day(due)
	inv, err := w.ledger.CreateInvoice(w.ctx, w.p, ledger.InvoiceInput{CustomerID: customer, Number: number,
		IssueDate: day(issue), DueDate: &d, TotalCents: cents})
	if err != nil {
		w.t.Fatal(err)
	}
	return inv.ID
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// The page of a customer holds its open invoices (statuses, days late, penalties), totals,
// credit and payments of the last 12 months, and nothing of another customer.
func TestPageOfACustomer(t *testing.T) {
	w := newPageWorld(t, false)
	a := w.customer("Boulangerie Martin", "c 42/b", "fr")
	b := w.customer("Garage Bernard", "", "en")
	// Paris is already on the 15th at 23:30 (UTC 22:30): today is 2026-03-15.
	late := w.invoice(a, "F-1", "2026-01-01", "2026-02-13", 100000) // 30 days late
	w.invoice(a, "F-2", "2026-03-01", "2026-03-15", 50000)          // due today
	w.invoice(a, "F-3", "2026-03-10", "2026-04-10", 25000)          // not due
	old := w.invoice(a, "F-0", "2024-12-01", "2024-12-31", 10000)
	bInv := w.invoice(b, "B-1", "2026-01-01", "2026-02-01", 77700)
	if _, err := w.ledger.RecordPayment(w.ctx, w.p, ledger.PaymentInput{CustomerID: a, ReceivedOn: day("2025-01-10"),
		AmountCents: 10000, Method: "check", Allocation: "manual",
		Allocations: []ledger.AllocationInput{{InvoiceID: old, AmountCents: 10000}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ledger.RecordPayment(w.ctx, w.p, ledger.PaymentInput{CustomerID: a, ReceivedOn: day("2026-03-01"),
		AmountCents: 30000, Method: "transfer", Reference: "VIR 1", Allocation: "manual",
		Allocations: []ledger.AllocationInput{{InvoiceID: late, AmountCents: 20000}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ledger.RecordPayment(w.ctx, w.p, ledger.PaymentInput{CustomerID: b, ReceivedOn: day("2026-03-02"),
		AmountCents: 5000, Method: "card", Allocation: "none"}); err != nil {
		t.Fatal(err)
	}

	pg, err := w.svc.Page(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: a}, "")
	if err != nil {
		t.Fatal(err)
	}
	if pg.Lang != "fr" || !pg.Today.Equal(day("2026-03-15")) || pg.Customer.Name != "Boulangerie Martin" ||
		pg.Org.Name != "Atelier Dupont" || pg.Org.Reference != "RLC-C-42-B" || pg.Payments.Enabled {
		t.Fatalf("page %+v", pg)
	}
	var got []string
	for _, inv := range pg.Invoices {
		got = append(got, inv.Number+":"+inv.Status+":"+inv.Badge(pg.Lang))
	}
	if want := "F-1:late:En retard de 30 j F-2:due_today:Échéance aujourd'hui F-3:not_due:À échoir"; strings.Join(got, " ") != want {
		t.Errorf("invoices %q, want %q", strings.Join(got, " "), want)
	}
	// 800 € late 30 days at 12.15 % (ECB 2.15 + 10): 800 × 12.15 % × 30 / 365 = 7.99 €, plus 40 €.
	if inv := pg.Invoices[0]; inv.BalanceCents != 80000 || inv.DaysLate != 30 || inv.PenaltyCents != 799+4000 || !pg.ShowPenalties ||
		pg.PenaltyRate != "12,15" {
		t.Errorf("late invoice %+v, rate %s", inv, pg.PenaltyRate)
	}
	tot := pg.Totals
	if tot.DueCents != 155000 || tot.OverdueCents != 80000 || tot.CreditCents != 10000 || tot.OpenInvoices != 3 ||
		tot.LateInvoices != 1 || tot.OldestDue == nil || !tot.OldestDue.Equal(day("2026-02-13")) || tot.PenaltyCents != 4799 {
		t.Errorf("totals %+v", tot)
	}
	// The 2025-01-10 cheque is older than 12 months.
	if len(pg.RecentPayments) != 1 || pg.RecentPayments[0].Reference != "VIR 1" || strings.Join(pg.RecentPayments[0].Invoices, ",") != "F-1" {
		t.Errorf("payments %+v", pg.RecentPayments)
	}

	// English on request.
	en, err := w.svc.Page(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: a}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if en.Lang != "en" || en.PenaltyRate != "12.15" || en.Invoices[0].Badge("en") != "30 days late" {
		t.Errorf("english page %+v", en.Invoices[0])
	}

	// Another customer's invoice PDF is not found, nor one of another organisation's access.
	if _, _, err := w.svc.OpenInvoicePDF(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: a}, bInv); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("B's invoice through A's link: %v", err)
	}
	if _, _, err := w.svc.OpenInvoicePDF(w.ctx, Access{OrganizationID: uuid.New(), CustomerID: b}, bInv); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("B's invoice through another organisation: %v", err)
	}
	// A customer of another organisation opens nothing.
	if _, err := w.svc.Page(w.ctx, Access{OrganizationID: uuid.New(), CustomerID: a}, ""); !errors.Is(err, ErrLinkInvalid) {
		t.Errorf("page across organisations: %v", err)
	}
	// B's page is in English (its language) and shows B's invoice and credit only.
	pb, err := w.svc.Page(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: b}, "")
	if err != nil {
		t.Fatal(err)
	}
	if pb.Lang != "en" || len(pb.Invoices) != 1 || pb.Invoices[0].Number != "B-1" || pb.Totals.CreditCents != 5000 ||
		len(pb.RecentPayments) != 1 || pb.Org.Reference != "RLC-"+strings.ToUpper(strings.ReplaceAll(b.String(), "-", "")[24:]) {
		t.Errorf("B's page %+v", pb)
	}
}

// Disputes and promises show on the invoices; disputed invoices carry no penalty; online
// payment follows the hook and the methods.
func TestPageStatusesAndPayments(t *testing.T) {
	w := newPageWorld(t, true)
	a := w.customer("Boulangerie Martin", "C-1", "fr")
	disputed := w.invoice(a, "F-1", "2026-01-01", "2026-02-01", 10000)
	promised := w.invoice(a, "F-2", "2026-01-01", "2026-02-02", 20000)
	dun := w.svc.opts.Dunning
	if _, err := dun.OpenDispute(w.ctx, w.p, dunning.DisputeInput{CustomerID: a, InvoiceIDs: []uuid.UUID{disputed}, Reason: "wrong_amount"}); err != nil {
		t.Fatal(err)
	}
	if _, err := dun.RecordPromise(w.ctx, w.p, dunning.PromiseInput{CustomerID: a, InvoiceIDs: []uuid.UUID{promised},
		PromisedOn: day("2026-03-20"), Method: "transfer"}); err != nil {
		t.Fatal(err)
	}
	pg, err := w.svc.Page(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: a}, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if !pg.Payments.Enabled || strings.Join(pg.Payments.Methods, ",") != "card,sepa_debit" {
		t.Errorf("payments %+v", pg.Payments)
	}
	if s := pg.Invoices[0]; s.Status != StatusDisputed || !s.Disputed || s.PenaltyCents != 0 || s.Badge("fr") != "En litige" {
		t.Errorf("disputed %+v", s)
	}
	if s := pg.Invoices[1]; s.Status != StatusPromised || s.Badge("fr") != "Promesse au 20/03/2026" || s.Badge("en") != "Promised for 20 Mar 2026" ||
		s.PenaltyCents == 0 {
		t.Errorf("promised %+v", s)
	}
	if pg.Totals.DisputedCents != 10000 || pg.Totals.OverdueCents != 30000 {
		t.Errorf("totals %+v", pg.Totals)
	}
	// No methods: no online payment.
	if err := w.svc.db.Exec(`INSERT INTO portal_settings (organization_id, payment_methods) VALUES (?, '{}')`, w.p.OrganizationID).Error; err != nil {
		t.Fatal(err)
	}
	if pg, _ = w.svc.Page(w.ctx, Access{OrganizationID: w.p.OrganizationID, CustomerID: a}, "fr"); pg.Payments.Enabled {
		t.Error("online payment without methods")
	}
}

func TestTransferReference(t *testing.T) {
	id := uuid.MustParse("01234567-89ab-7def-8123-456789abcdef")
	ext := func(s string) *string { return &s }
	for _, tc := range []struct {
		ext  *string
		want string
	}{
		{nil, "RLC-89ABCDEF"},
		{ext("C-1"), "RLC-C-1"},
		{ext(" cli 42/b "), "RLC-CLI-42-B"},
		{ext("ÉÉÉ"), "RLC-89ABCDEF"},
		{ext(strings.Repeat("9", 40)), "RLC-89ABCDEF"},
	} {
		if got := TransferReference(tc.ext, id); got != tc.want {
			t.Errorf("%v → %q, want %q", tc.ext, got, tc.want)
		}
	}
}

func TestEveryTextHasBothLanguages(t *testing.T) {
	// The catalogue test (internal/platform/locale) checks every key has both languages; here,
	// that every word the page's templates and code ask for is in the catalogue.
	uses := regexp.MustCompile(`(?:\.T|\bText\([^,()]+,) "(\w+)"[^+]|(?:\.FormT|\bFormText\([^,()]+,) "(\w+)"[^+]`)
	comment := regexp.MustCompile(`(?m)^\s*//.*$`)
	root := testenv.ModuleRoot()
	found := 0
	for _, pattern := range []string{"api/*.go", "web/portal/*.go", "web/portal/*/*.html", "internal/portal/*.go"} {
		files, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range uses.FindAllStringSubmatch(comment.ReplaceAllString(string(src), ""), -1) {
				key := "page." + m[1]
				if m[2] != "" {
					key = "form." + m[2]
				}
				found++
				if !locale.Has(key) {
					t.Errorf("%s: %s is not in the catalogue", filepath.Base(f), key)
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("found %d words in the templates and code: the scan is broken", found)
	}
	if Text("de", "footer_bank") != "Nous ne changeons jamais nos coordonnées bancaires par e-mail." ||
		Text("en", "footer_bank") != "We never change our bank details by email." {
		t.Error("Text")
	}
	if locale.DateShort(day("2006-01-02"), "fr") != "02/01/2006" || locale.DateShort(day("2006-01-02"), "en") != "2 Jan 2006" {
		t.Error("FormatDate")
	}
	if locale.Money(124000, "EUR", "fr") != "1\u00a0240,00\u00a0€" || locale.Money(124000, "EUR", "en") != "€1,240.00" {
		t.Error("FormatMoney")
	}
}
