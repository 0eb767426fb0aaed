package dunning_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// world is one organisation with the dunning engine on a clock the test moves; sending jobs
// are run by the test itself (SendQueued), so it controls what happens between planning and
// sending.
type world struct {
	t      *testing.T
	ctx    context.Context
	db     *db.DB
	ledger *ledger.Service
	svc    *dunning.Service
	mail   *testenv.Mailpit
	p      auth.Principal
	files  blob.Store
	now    time.Time
	mu     sync.Mutex
}

var paris, _ = time.LoadLocation("Europe/Paris")

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{t: t, ctx: context.Background(), db: testenv.DB(t), mail: testenv.StartMailpit(t)}
	files, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := mail.NewSender(w.mail.SMTPURL, "Relance <relance@relance.test>", log)
	if err != nil {
		t.Fatal(err)
	}
	w.ledger = ledger.NewService(w.db.Gorm, files)
	w.files = files
	w.svc = w.withSender(sender)
	org := testenv.Organization(t, w.db, "Atelier Dupont")
	w.p = auth.Principal{OrganizationID: org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleAdmin}
	w.at("2026-05-04 10:00")
	return w
}

// withSender is the engine on this world's database and clock, sending through sender.
func (w *world) withSender(sender mail.Sender) *dunning.Service {
	return dunning.NewService(dunning.Options{DB: w.db, Files: w.files, Mail: sender, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		BaseURL: "http://localhost:8080", Secret: strings.Repeat("s", 32), From: "Relance <relance@relance.test>",
		Now: func() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.now }})
}

// at sets the clock to a Paris wall time "2006-01-02 15:04".
func (w *world) at(s string) {
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		w.t.Fatal(err)
	}
	w.mu.Lock()
	w.now = tm
	w.mu.Unlock()
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

type customerSpec struct {
	name, lang, email, salesEmail string
}

func (w *world) customer(c customerSpec) uuid.UUID {
	w.t.Helper()
	cu, err := w.ledger.CreateCustomer(w.ctx, w.p, ledger.CustomerInput{Name: c.name, Language: c.lang, Currency: "EUR"})
	if err != nil {
		w.t.Fatal(err)
	}
	if c.email != "" {
		if _, err := w.ledger.AddContact(w.ctx, w.p, cu.ID, ledger.ContactInput{Name: "Claire Compta", Role: "accounting",
			Email: c.email, ReceivesReminders: true}); err != nil {
			w.t.Fatal(err)
		}
	}
	if c.salesEmail != "" {
		if _, err := w.ledger.AddContact(w.ctx, w.p, cu.ID, ledger.ContactInput{Name: "Victor Vente", Role: "sales",
			Email: c.salesEmail, ReceivesReminders: true}); err != nil {
			w.t.Fatal(err)
		}
	}
	return cu.ID
}

func (w *world) invoice(customer uuid.UUID, number, due string, cents int64, pdf bool) uuid.UUID {
	w.t.Helper()
	d := day(due)
	inv, err := w.ledger.CreateInvoice(w.ctx, w.p, ledger.InvoiceInput{CustomerID: customer, Number: number,
		IssueDate: d.AddDate(0, 0, -30), DueDate: &d, Currency: "EUR", TotalCents: cents})
	if err != nil {
		w.t.Fatal(err)
	}
	if pdf {
		doc := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		if err := w.ledger.AttachPDF(w.ctx, w.p, inv.ID, bytes.NewReader(doc)); err != nil {
			w.t.Fatal(err)
		}
	}
	return inv.ID
}

// plan runs the planner for the organisation as of a day, ignoring the sending window.
func (w *world) plan(asOf string) dunning.PlanResult {
	w.t.Helper()
	d := day(asOf)
	r, err := w.svc.PlanDueActions(w.ctx, dunning.PlanOptions{AsOf: &d, Organization: &w.p.OrganizationID,
		IgnoreWindow: true, Summaries: 100})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// sendQueued runs the sending job of every queued action, as River would.
func (w *world) sendQueued() {
	w.t.Helper()
	var ids []uuid.UUID
	if err := w.db.Gorm.Raw(`SELECT id FROM dunning_actions WHERE organization_id = ? AND status = 'queued' ORDER BY created_at`,
		w.p.OrganizationID).Scan(&ids).Error; err != nil {
		w.t.Fatal(err)
	}
	for _, id := range ids {
		if err := w.svc.SendAction(w.ctx, w.p.OrganizationID, id, false); err != nil {
			w.t.Fatal(err)
		}
	}
}

func (w *world) actions(status string) []dunning.ActionSummary {
	w.t.Helper()
	res, err := w.svc.ListActions(w.ctx, w.p, dunning.ActionFilter{Status: status}, pageAll)
	if err != nil {
		w.t.Fatal(err)
	}
	return res.Items
}

// inbox is every message Mailpit received, newest first.
func (w *world) inbox() []testenv.Email { return w.mail.Messages(w.t) }

func (w *world) timeline(invoice uuid.UUID) []string {
	w.t.Helper()
	var kinds []string
	if err := w.db.Gorm.Raw(`SELECT kind || coalesce(':' || (data->>'reason'), '') FROM activities
		WHERE organization_id = ? AND invoice_id = ? ORDER BY occurred_at, id`, w.p.OrganizationID, invoice).Scan(&kinds).Error; err != nil {
		w.t.Fatal(err)
	}
	return kinds
}
