package portal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/testenv"
	"github.com/relance/relance/web/webtest"
)

const testWebhookSecret = "whsec_relance_test"

// payFixture is an organisation with Stripe configured (stripe-mock), a customer with a
// contact, and a debtor-page link to that contact.
type payFixture struct {
	*webtest.Org
	org   uuid.UUID
	token string // the link's token
}

func newPay(t *testing.T) *payFixture {
	return newPayWith(t, testenv.StartStripeMock(t).URL)
}

// newPayWith is the fixture with Stripe at stripeBase (stripe-mock's URL, "" for no Stripe at all).
func newPayWith(t *testing.T, stripeBase string) *payFixture {
	t.Helper()
	f := &payFixture{Org: webtest.NewOrgWith(t, webtest.Options{Config: func(cfg *config.Config) {
		if stripeBase != "" {
			cfg.StripeSecretKey, cfg.StripeWebhookSecret, cfg.StripeAPIBase = "sk_test_relance", testWebhookSecret, stripeBase
		}
	}})}
	f.Contact("claire@martin.test")
	f.org = uuid.MustParse(f.E.Me(f.Org.Token).Organization.ID)
	f.token = f.link(f.Customer.ID, "claire@martin.test")
	return f
}

// link makes a debtor-page link to a customer's contact and returns its token.
func (f *payFixture) link(customerID, email string) string {
	f.E.T.Helper()
	l, err := f.E.App.Portal.CreateLink(context.Background(), auth.Principal{OrganizationID: f.org, Role: auth.RoleOwner},
		uuid.MustParse(customerID), email)
	if err != nil {
		f.E.T.Fatal(err)
	}
	return l.URL[strings.LastIndex(l.URL, "/")+1:]
}

// dueDaysAgo is an invoice of the customer due n days ago.
func (f *payFixture) dueDaysAgo(number string, n int, total int64) api.InvoiceDetail {
	due := webtest.ParisToday().AddDate(0, 0, -n)
	return f.Invoice(number, due.AddDate(0, 0, -30).Format(time.DateOnly), due.Format(time.DateOnly), total)
}

// pay posts the page's payment form, as a browser does.
func (f *payFixture) pay(token string, invoiceIDs ...string) webtest.Response {
	f.E.T.Helper()
	return f.E.Browse("127.0.0.1", "POST", "/p/"+token+"/pay", url.Values{"invoice_ids": invoiceIDs}) // the page's checkboxes
}

// checkout opens a session for the invoices and returns its Stripe id.
func (f *payFixture) checkout(invoiceIDs ...string) string {
	f.E.T.Helper()
	r := f.pay(f.token, invoiceIDs...).Expect(http.StatusSeeOther)
	if loc := r.Header().Get("Location"); !strings.HasPrefix(loc, "https://checkout.stripe.com/") {
		f.E.T.Fatalf("redirected to %q", loc)
	}
	var id string
	f.scan(&id, `SELECT id FROM checkout_sessions ORDER BY created_at DESC LIMIT 1`)
	return id
}

func (f *payFixture) scan(dst any, sql string, args ...any) {
	f.E.T.Helper()
	if err := f.E.App.DB.Gorm.Raw(sql, args...).Scan(dst).Error; err != nil {
		f.E.T.Fatal(err)
	}
}

func (f *payFixture) count(sql string, args ...any) int {
	f.E.T.Helper()
	var n int
	f.scan(&n, sql, args...)
	return n
}

// sessionEvent is a signed-ready Checkout event of session sessionID.
func sessionEvent(id, kind, sessionID string, amount int64, paymentStatus string) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "object": "event", "type": kind, "api_version": stripe.APIVersion, "created": time.Now().Unix(),
		"livemode": false, "pending_webhooks": 1,
		"data": map[string]any{"object": map[string]any{
			"id": sessionID, "object": "checkout.session", "mode": "payment", "status": "complete",
			"payment_status": paymentStatus, "amount_total": amount, "currency": "eur",
			"payment_intent":   "pi_" + strings.TrimPrefix(sessionID, "cs_"),
			"customer_details": map[string]any{"email": "payer@elsewhere.test"},
		}},
	})
	return b
}

// webhook posts payload to the webhook signed with secret ("": not signed at all).
func (f *payFixture) webhook(payload []byte, secret string) webtest.Response {
	req := httptest.NewRequest("POST", "/webhooks/stripe", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret})
		req.Header.Set("Stripe-Signature", sp.Header)
	}
	return f.E.Serve("", req)
}

func (f *payFixture) invoiceNow(id string) api.InvoiceDetail {
	var inv api.InvoiceDetail
	f.Get("/api/v1/invoices/"+id, &inv)
	return inv
}

func (f *payFixture) payments() api.PaymentList {
	var list api.PaymentList
	f.Get("/api/v1/payments?customer_id="+f.Customer.ID, &list)
	return list
}

func (f *payFixture) activities(kind string) int {
	return f.count(`SELECT count(*) FROM activities WHERE organization_id = ? AND kind = ?`, f.org, kind)
}

// receiptJobs waits for the receipt emails queued for a Checkout session to finish, and counts them.
func (f *payFixture) receiptJobs(sessionID string) (sent, queued int) {
	f.E.T.Helper()
	return f.E.MailJobs(`args->'message'->'headers'->>'X-Relance-Payment' = $1`, sessionID)
}

// receipts lists the receipts Mailpit holds.
func (f *payFixture) receipts() []testenv.Email {
	f.E.T.Helper()
	resp, err := http.Get(f.E.Mail.APIURL + "/api/v1/search?query=" + url.QueryEscape(`subject:"Paiement reçu"`))
	if err != nil {
		f.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct{ Messages []testenv.Email }
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		f.E.T.Fatal(err)
	}
	return list.Messages
}

// A Checkout Session opens on stripe-mock for the ticked invoices (or every open one), and
// nothing is stored for another customer's invoice, a settled one or a malformed id.
func TestCheckoutSessionOnStripeMock(t *testing.T) {
	t.Parallel()
	f := newPay(t)
	f1 := f.dueDaysAgo("F-1", 40, 100000)
	f2 := f.dueDaysAgo("F-2", 10, 24000)

	// The page offers the payment form.
	page := f.E.Call("GET", "/p/"+f.token, "", nil).Expect(http.StatusOK)
	if !strings.Contains(page.Body.String(), `action="/p/`+f.token+`/pay"`) {
		t.Fatal("the debtor page has no payment form")
	}
	id := f.checkout(f2.ID, f1.ID)
	if !strings.HasPrefix(id, "cs_") {
		t.Fatalf("session id %q does not come from Stripe", id)
	}
	var row struct {
		CustomerID  string
		LinkID      *string
		InvoiceIDs  string
		AmountCents int64
		Currency    string
		Status      string
	}
	f.scan(&row, `SELECT customer_id, link_id, invoice_ids::text, amount_cents, currency, status FROM checkout_sessions WHERE id = ?`, id)
	if row.CustomerID != f.Customer.ID || row.LinkID == nil || row.AmountCents != 124000 || row.Currency != "EUR" ||
		row.Status != "open" || row.InvoiceIDs != "{"+f1.ID+","+f2.ID+"}" {
		t.Fatalf("session row = %+v", row)
	}
	// invoice_ids[] is read too.
	f.E.Browse("127.0.0.1", "POST", "/p/"+f.token+"/pay", url.Values{"invoice_ids[]": {f1.ID}}).Expect(http.StatusSeeOther)
	var one int64
	f.scan(&one, `SELECT amount_cents FROM checkout_sessions ORDER BY created_at DESC LIMIT 1`)
	if one != 100000 {
		t.Fatalf("invoice_ids[]: amount %d", one)
	}
	// No invoice ticked: the whole balance.
	f.dueDaysAgo("F-3", 5, 1000)
	all := f.checkout()
	var amount int64
	f.scan(&amount, `SELECT amount_cents FROM checkout_sessions WHERE id = ?`, all)
	if amount != 125000 {
		t.Fatalf("whole balance = %d", amount)
	}

	// Another customer's invoice, an unknown id, a settled invoice, a malformed id: 422, nothing stored.
	var other api.CustomerResponse
	f.E.Call("POST", "/api/v1/customers", f.Org.Token, map[string]any{"name": "Autre SARL"}).
		Expect(http.StatusCreated).JSON(&other)
	var foreign api.InvoiceDetail
	f.E.Call("POST", "/api/v1/invoices", f.Org.Token, map[string]any{"customer_id": other.ID, "number": "X-1",
		"issue_date": "2026-01-01", "due_date": "2026-01-31", "total_cents": 5000}).Expect(http.StatusCreated).JSON(&foreign)
	settled := f.dueDaysAgo("F-4", 3, 2000)
	f.E.Call("POST", "/api/v1/payments", f.Org.Token, map[string]any{"customer_id": f.Customer.ID,
		"received_on": webtest.ParisToday().Format(time.DateOnly), "amount_cents": 2000, "method": "transfer", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": settled.ID, "amount_cents": 2000}}}).Expect(http.StatusCreated)
	before := f.count(`SELECT count(*) FROM checkout_sessions`)
	for name, ids := range map[string][]string{
		"another customer's": {f1.ID, foreign.ID}, "unknown": {uuid.NewString()}, "settled": {settled.ID}, "malformed": {"F-1"},
	} {
		r := f.pay(f.token, ids...).Expect(http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body.String(), "Le paiement n&#39;a pas pu commencer") {
			t.Errorf("%s invoice: page %s", name, r.Body.String())
		}
	}
	if strings.Contains(f.pay(f.token, foreign.ID).Body.String(), "X-1") {
		t.Error("the page names another customer's invoice")
	}
	if n := f.count(`SELECT count(*) FROM checkout_sessions`); n != before {
		t.Fatalf("%d sessions stored for refused payments", n-before)
	}
	// A bad token is a 404 page; the return pages answer in the customer's language.
	f.pay("not-a-token", f1.ID).Expect(http.StatusNotFound)
	r := f.E.Call("GET", "/p/"+f.token+"/cancelled", "", nil).Expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "Paiement annulé") || !strings.Contains(r.Body.String(), `href="/p/`+f.token+`"`) {
		t.Fatalf("cancelled page: %s", r.Body.String())
	}
	r = f.E.Call("GET", "/p/"+f.token+"/paid?session_id="+id+"&lang=en", "", nil).Expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "Confirming your payment") {
		t.Fatalf("paid page before the webhook: %s", r.Body.String())
	}
	// An organisation that turned every method off has no online payment.
	f.E.App.DB.Gorm.Exec(`INSERT INTO portal_settings (organization_id, payment_methods) VALUES (?, '{}')`, f.org)
	f.pay(f.token, f1.ID).Expect(http.StatusNotFound)
}

// Without Stripe keys the payment form answers 404; when Stripe does not answer, 502.
func TestPaymentUnavailable(t *testing.T) {
	t.Parallel()
	f := newPayWith(t, "")
	inv := f.dueDaysAgo("F-1", 10, 10000)
	r := f.pay(f.token, inv.ID).Expect(http.StatusNotFound)
	if !strings.Contains(r.Body.String(), "Paiement en ligne indisponible") {
		t.Fatalf("page: %s", r.Body.String())
	}
	f.webhook(sessionEvent("evt_1", "checkout.session.completed", "cs_1", 10000, "paid"), testWebhookSecret).
		Expect(http.StatusNotFound)

	port, _ := testenv.FreePort() // nothing listens there
	down := newPayWith(t, fmt.Sprintf("http://127.0.0.1:%d", port))
	inv = down.dueDaysAgo("F-1", 10, 10000)
	down.pay(down.token, inv.ID).Expect(http.StatusBadGateway)
	if n := down.count(`SELECT count(*) FROM checkout_sessions`); n != 0 {
		t.Fatalf("%d sessions stored", n)
	}
}

// The same checkout.session.completed event sent 100 times records one payment, settles the
// invoices (no reminder is planned for them afterwards) and sends one receipt; a forged
// signature changes nothing.
func TestStripeWebhookPaysOnce(t *testing.T) {
	t.Parallel()
	f := newPay(t)
	f1 := f.dueDaysAgo("F-1", 40, 100000)
	f2 := f.dueDaysAgo("F-2", 20, 24000)
	f3 := f.dueDaysAgo("F-3", 15, 5000) // not paid online: still reminded
	cs := f.checkout(f1.ID, f2.ID)
	event := sessionEvent("evt_paid_1", "checkout.session.completed", cs, 124000, "paid")

	f.webhook(event, "whsec_forged").Problem(http.StatusBadRequest)
	f.webhook(event, "").Problem(http.StatusBadRequest) // no signature at all
	if f.count(`SELECT count(*) FROM stripe_events`)+f.count(`SELECT count(*) FROM payments`) != 0 {
		t.Fatal("a refused event left a trace")
	}

	var wg sync.WaitGroup
	replays := make(chan int, 100)
	for i := 0; i < 100; i++ {
		replays <- i
	}
	close(replays)
	codes := make(chan int, 100)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range replays {
				codes <- f.webhook(event, testWebhookSecret).Code
			}
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("a delivery answered %d", code)
		}
	}

	pays := f.payments()
	if pays.Total != 1 {
		t.Fatalf("%d payments recorded", pays.Total)
	}
	p := pays.Items[0]
	if p.AmountCents != 124000 || p.Method != "card" || p.Reference != "Stripe "+cs || p.ExternalID == nil ||
		*p.ExternalID != "pi_"+strings.TrimPrefix(cs, "cs_") || p.UnallocatedCents != 0 || len(p.Allocations) != 2 {
		t.Fatalf("payment = %+v", p)
	}
	for _, inv := range []api.InvoiceDetail{f1, f2} {
		if now := f.invoiceNow(inv.ID); now.BalanceCents != 0 || now.Status != "paid" {
			t.Fatalf("%s: balance %d, status %s", now.Number, now.BalanceCents, now.Status)
		}
	}
	var status string
	f.scan(&status, `SELECT status FROM checkout_sessions WHERE id = ?`, cs)
	if status != "paid" || f.count(`SELECT count(*) FROM stripe_events`) != 1 || f.activities("payment_received_online") != 1 {
		t.Fatalf("session %s, %d events, %d activities", status, f.count(`SELECT count(*) FROM stripe_events`),
			f.activities("payment_received_online"))
	}

	// The planner plans nothing for the paid invoices (and still does for the open one).
	if reminded := f.remind(); strings.Join(reminded, ",") != f3.Number {
		t.Fatalf("the planner reminds %v", reminded)
	}
	if n := f.count(`SELECT count(*) FROM dunning_action_items ai JOIN invoices i ON i.id = ai.invoice_id WHERE i.number IN ('F-1', 'F-2')`); n != 0 {
		t.Fatalf("%d reminder items for paid invoices", n)
	}

	// One receipt, to the contact the link was sent to, in French: one email job for the session,
	// finished, so no second one can follow.
	if sent, queued := f.receiptJobs(cs); sent != 1 || queued != 1 {
		t.Fatalf("%d receipts queued, %d sent", queued, sent)
	}
	receipts := f.receipts()
	if len(receipts) != 1 || receipts[0].To[0].Address != "claire@martin.test" {
		t.Fatalf("receipts: %+v", receipts)
	}
	full := f.message(receipts[0].ID)
	for _, want := range []string{"1\u00a0240,00\u00a0€", "par carte bancaire", "F-1 : 1\u00a0000,00\u00a0€ réglés, soldée", "Stripe " + cs} {
		if !strings.Contains(full.Text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, full.Text)
		}
	}
	r := f.E.Call("GET", "/p/"+f.token+"/paid?session_id="+cs, "", nil).Expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "Paiement reçu, merci") || !strings.Contains(r.Body.String(), "1\u00a0240,00\u00a0€") {
		t.Fatalf("paid page: %s", r.Body.String())
	}
}

// Two different events both saying one session is paid (checkout.session.completed with
// payment_status "paid", and checkout.session.async_payment_succeeded), delivered at the same
// moment and again afterwards, record one payment, settle the invoice once and send one receipt.
func TestStripeTwoEventsPayOneSession(t *testing.T) {
	t.Parallel()
	f := newPay(t)
	f1 := f.dueDaysAgo("F-1", 40, 30000)
	cs := f.checkout(f1.ID)
	events := [][]byte{
		sessionEvent("evt_completed", "checkout.session.completed", cs, 30000, "paid"),
		sessionEvent("evt_async", "checkout.session.async_payment_succeeded", cs, 30000, "paid"),
	}
	start := make(chan struct{})
	codes := make(chan int, 2*len(events)*4)
	var wg sync.WaitGroup
	for round := 0; round < 4; round++ {
		for _, ev := range events {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes <- f.webhook(ev, testWebhookSecret).Code
			}()
		}
	}
	close(start)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("a delivery answered %d", code)
		}
	}
	// Delivered again, one after the other, in the other order.
	f.webhook(events[1], testWebhookSecret).Expect(http.StatusOK)
	f.webhook(events[0], testWebhookSecret).Expect(http.StatusOK)

	if pays := f.payments(); pays.Total != 1 || pays.Items[0].AmountCents != 30000 || pays.Items[0].UnallocatedCents != 0 {
		t.Fatalf("payments: %+v", pays)
	}
	if inv := f.invoiceNow(f1.ID); inv.BalanceCents != 0 || inv.Status != "paid" {
		t.Fatalf("F-1: balance %d, status %s", inv.BalanceCents, inv.Status)
	}
	if n := f.count(`SELECT count(*) FROM allocations WHERE invoice_id = ?`, f1.ID); n != 1 {
		t.Fatalf("%d allocations to F-1", n)
	}
	if n := f.activities("payment_received_online"); n != 1 {
		t.Fatalf("%d payment_received_online activities", n)
	}
	if n := f.count(`SELECT count(*) FROM stripe_events`); n != 2 {
		t.Fatalf("%d events recorded, want both", n)
	}
	if sent, queued := f.receiptJobs(cs); sent != 1 || queued != 1 {
		t.Fatalf("%d receipts queued, %d sent", queued, sent)
	}
	if got := f.receipts(); len(got) != 1 {
		t.Fatalf("%d receipts in the mailbox", len(got))
	}
}

func (f *payFixture) message(id string) testenv.Email {
	f.E.T.Helper()
	resp, err := http.Get(f.E.Mail.APIURL + "/api/v1/message/" + id)
	if err != nil {
		f.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	var m testenv.Email
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		f.E.T.Fatal(err)
	}
	return m
}

// Stripe reporting less than the session asked settles the oldest invoice first; an invoice
// paid meanwhile by transfer takes nothing and the surplus stays as the customer's credit.
func TestStripePartialPayment(t *testing.T) {
	t.Parallel()
	f := newPay(t)
	f1 := f.dueDaysAgo("F-1", 40, 10000)
	f2 := f.dueDaysAgo("F-2", 20, 5000)
	cs := f.checkout(f2.ID, f1.ID)
	f.webhook(sessionEvent("evt_partial", "checkout.session.completed", cs, 12000, "paid"), testWebhookSecret).
		Expect(http.StatusOK)
	if a, b := f.invoiceNow(f1.ID), f.invoiceNow(f2.ID); a.BalanceCents != 0 || a.Status != "paid" ||
		b.BalanceCents != 3000 || b.Status != "partially_paid" {
		t.Fatalf("F-1 %d %s, F-2 %d %s", a.BalanceCents, a.Status, b.BalanceCents, b.Status)
	}
	if p := f.payments().Items[0]; p.AmountCents != 12000 || p.UnallocatedCents != 0 {
		t.Fatalf("payment = %+v", p)
	}

	// A second session for both; F-3 is paid by transfer before Stripe confirms.
	f3 := f.dueDaysAgo("F-3", 10, 4000)
	cs2 := f.checkout(f2.ID, f3.ID)
	f.E.Call("POST", "/api/v1/payments", f.Org.Token, map[string]any{"customer_id": f.Customer.ID,
		"received_on": webtest.ParisToday().Format(time.DateOnly), "amount_cents": 4000, "method": "transfer", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": f3.ID, "amount_cents": 4000}}}).Expect(http.StatusCreated)
	f.webhook(sessionEvent("evt_full", "checkout.session.completed", cs2, 7000, "paid"), testWebhookSecret).
		Expect(http.StatusOK)
	var online api.PaymentResponse
	for _, p := range f.payments().Items {
		if p.Reference == "Stripe "+cs2 {
			online = p
		}
	}
	if online.AmountCents != 7000 || online.UnallocatedCents != 4000 || len(online.Allocations) != 1 ||
		online.Allocations[0].InvoiceNumber != "F-2" || online.Allocations[0].AmountCents != 3000 {
		t.Fatalf("payment = %+v", online)
	}
	if b := f.invoiceNow(f2.ID); b.BalanceCents != 0 {
		t.Fatalf("F-2 balance %d", b.BalanceCents)
	}
}

// A SEPA debit: the session is processing until Stripe says; a failure records nothing and
// leaves the invoices due, a success records a sepa_debit payment; an expired session is marked.
func TestStripeSEPADebit(t *testing.T) {
	t.Parallel()
	f := newPay(t)
	f1 := f.dueDaysAgo("F-1", 30, 50000)
	cs := f.checkout(f1.ID)
	status := func(id string) string {
		var s string
		f.scan(&s, `SELECT status FROM checkout_sessions WHERE id = ?`, id)
		return s
	}
	f.webhook(sessionEvent("evt_sepa_1", "checkout.session.completed", cs, 50000, "unpaid"), testWebhookSecret).Expect(http.StatusOK)
	if s := status(cs); s != "processing" {
		t.Fatalf("status %s", s)
	}
	r := f.E.Call("GET", "/p/"+f.token+"/paid?session_id="+cs, "", nil).Expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "Prélèvement en cours") {
		t.Fatalf("paid page: %s", r.Body.String())
	}
	// While the debit is on its way, the invoice is not reminded.
	if reminded := f.remind(); len(reminded) != 0 {
		t.Fatalf("the planner reminds %v while the debit is processing", reminded)
	}
	f.webhook(sessionEvent("evt_sepa_2", "checkout.session.async_payment_failed", cs, 50000, "unpaid"), testWebhookSecret).
		Expect(http.StatusOK)
	if s := status(cs); s != "failed" || f.payments().Total != 0 || f.activities("payment_failed") != 1 {
		t.Fatalf("status %s, %d payments, %d failures", s, f.payments().Total, f.activities("payment_failed"))
	}
	if inv := f.invoiceNow(f1.ID); inv.BalanceCents != 50000 || inv.Status != "open" {
		t.Fatalf("F-1 %d %s", inv.BalanceCents, inv.Status)
	}
	// The debit failed: reminders resume.
	if reminded := f.remind(); strings.Join(reminded, ",") != "F-1" {
		t.Fatalf("after the failed debit the planner reminds %v", reminded)
	}

	// A second attempt goes through.
	cs2 := f.checkout(f1.ID)
	f.webhook(sessionEvent("evt_sepa_3", "checkout.session.completed", cs2, 50000, "unpaid"), testWebhookSecret).Expect(http.StatusOK)
	f.webhook(sessionEvent("evt_sepa_4", "checkout.session.async_payment_succeeded", cs2, 50000, "paid"), testWebhookSecret).
		Expect(http.StatusOK)
	if p := f.payments(); p.Total != 1 || p.Items[0].Method != "sepa_debit" || status(cs2) != "paid" {
		t.Fatalf("payments %+v, status %s", p, status(cs2))
	}
	if inv := f.invoiceNow(f1.ID); inv.Status != "paid" {
		t.Fatalf("F-1 %s", inv.Status)
	}
	// The receipt of the debit, none of the failure.
	if sent, queued := f.receiptJobs(cs); sent != 0 || queued != 0 {
		t.Fatalf("the failed debit queued %d receipts", queued)
	}
	if sent, queued := f.receiptJobs(cs2); sent != 1 || queued != 1 {
		t.Fatalf("%d receipts queued for the debit, %d sent", queued, sent)
	}
	if got := f.receipts(); len(got) != 1 || !strings.Contains(f.message(got[0].ID).Text, "par prélèvement SEPA") {
		t.Fatalf("receipts %+v", got)
	}

	cs3 := f.checkout(f.dueDaysAgo("F-2", 5, 1000).ID)
	f.webhook(sessionEvent("evt_expired", "checkout.session.expired", cs3, 1000, "unpaid"), testWebhookSecret).Expect(http.StatusOK)
	if s := status(cs3); s != "expired" {
		t.Fatalf("status %s", s)
	}
}

// remind runs the planner now and returns the numbers of the invoices it planned reminders for.
func (f *payFixture) remind() []string {
	f.E.T.Helper()
	var run api.RunResponse
	f.E.Call("POST", "/api/v1/dunning/run", f.Org.Token, map[string]any{"ignore_window": true}).
		Expect(http.StatusOK).JSON(&run)
	var reminded []string
	for _, a := range run.Actions {
		reminded = append(reminded, a.InvoiceNumbers...)
	}
	return reminded
}
