package dunning_test

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/testenv"
)

var pageAll = page.Query{Limit: 200}

const nbsp = "\u00a0"

// The standard scenario's D+7 reminder reaches each customer once, in its language, covering
// all its invoices at that stage, with their PDFs, tracking and the transparency line.
func TestReminderEmailsArriveConsolidated(t *testing.T) {
	w := newWorld(t)
	martin := w.customer(customerSpec{name: "Boulangerie Martin", lang: "fr", email: "claire@martin.test", salesEmail: "victor@martin.test"})
	acme := w.customer(customerSpec{name: "Acme Ltd", lang: "en", email: "ap@acme.test"})
	f1 := w.invoice(martin, "F-1", "2026-05-04", 120000, true)
	f2 := w.invoice(martin, "F-2", "2026-05-04", 30000, true)
	f3 := w.invoice(acme, "F-3", "2026-05-04", 99900, false)

	w.at("2026-05-11 10:00")
	r := w.plan("2026-05-11") // Monday, D+7
	if r.Planned != 2 || r.Items != 3 {
		t.Fatalf("planned %d actions for %d invoices, want 2 for 3: %+v", r.Planned, r.Items, r.Actions)
	}
	for _, a := range r.Actions {
		if a.Stage != "reminder" || a.Channel != "email" || a.Status != "queued" {
			t.Errorf("action %+v: want a queued reminder email", a)
		}
	}
	w.sendQueued()

	inbox := w.inbox()
	if len(inbox) != 2 {
		t.Fatalf("%d emails arrived, want one per customer", len(inbox))
	}
	byTo := map[string]testenv.Email{}
	for _, m := range inbox {
		if len(m.To) != 1 {
			t.Fatalf("%q went to %v, want the accounting contact only", m.Subject, m.To)
		}
		byTo[m.To[0].Address] = m
	}
	fr, en := byTo["claire@martin.test"], byTo["ap@acme.test"]
	for _, want := range []string{"F-1", "F-2", "1" + nbsp + "500,00" + nbsp + "€", "pour le compte de Atelier Dupont"} {
		if !strings.Contains(fr.Text, want) {
			t.Errorf("French reminder lacks %q:\n%s", want, fr.Text)
		}
	}
	if len(fr.Attachments) != 2 || fr.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("French reminder attachments = %+v, want the two invoice PDFs", fr.Attachments)
	}
	if !strings.Contains(fr.HTML, "http://localhost:8080/t/o/") {
		t.Error("the HTML has no open-tracking pixel")
	}
	for _, want := range []string{"F-3", "€999.00", "on behalf of Atelier Dupont"} {
		if !strings.Contains(en.Text, want) {
			t.Errorf("English reminder lacks %q:\n%s", want, en.Text)
		}
	}
	if en.Subject == fr.Subject {
		t.Errorf("both subjects are %q: the languages should differ", en.Subject)
	}

	sent := w.actions("sent")
	if len(sent) != 2 || sent[0].MessageID == "" || sent[0].SentAt == nil {
		t.Fatalf("outbox sent = %+v", sent)
	}
	detail, err := w.svc.GetAction(w.ctx, w.p, sent[0].ID)
	if err != nil || !strings.HasPrefix(detail.SMTPResponse, "2") {
		t.Errorf("the SMTP acceptance is not recorded as proof: %q %v", detail.SMTPResponse, err)
	}
	// Each invoice of a consolidated message has the reminder on its own timeline, once.
	for _, inv := range []uuid.UUID{f1, f2, f3} {
		if tl := w.timeline(inv); strings.Count(strings.Join(tl, " ")+" ", "reminder_sent ") != 1 {
			t.Errorf("invoice timeline = %v, want one reminder_sent", tl)
		}
	}
}

// A step falling on Ascension (Thursday 2026-05-14) goes out on Friday; one on a Saturday on
// Monday.
func TestHolidayAndWeekendShiftToNextBusinessDay(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Client Férié", lang: "fr", email: "compta@ferie.test"})
	w.invoice(c, "H-1", "2026-05-07", 50000, false) // D+7 = Thu 14 May, Ascension
	d := w.customer(customerSpec{name: "Client Samedi", lang: "fr", email: "compta@samedi.test"})
	w.invoice(d, "S-1", "2026-05-09", 50000, false) // D+7 = Sat 16 May

	w.plan("2026-05-07") // H-1's due-date notice
	w.plan("2026-05-11") // S-1's, due on Saturday, goes on Monday
	w.sendQueued()
	if r := w.plan("2026-05-14"); r.Planned != 0 {
		t.Fatalf("planned %d actions on Ascension", r.Planned)
	}
	r := w.plan("2026-05-15")
	if r.Planned != 1 || r.Actions[0].CustomerName != "Client Férié" || r.Actions[0].Stage != "reminder" {
		t.Fatalf("Friday after Ascension: %+v", r.Actions)
	}
	if r := w.plan("2026-05-16"); r.Planned != 0 {
		t.Fatalf("planned %d actions on a Saturday", r.Planned)
	}
	if r := w.plan("2026-05-17"); r.Planned != 0 {
		t.Fatalf("planned %d actions on a Sunday", r.Planned)
	}
	r = w.plan("2026-05-18")
	if r.Planned != 1 || r.Actions[0].CustomerName != "Client Samedi" {
		t.Fatalf("Monday: %+v", r.Actions)
	}
}

// Nothing is sent for an invoice paid, disputed or paid by a debit still on its way between
// planning and sending; paused or excluded invoices are not even planned. The reason is on the
// invoice's timeline.
func TestNoReminderForPaidDisputedOrPausedInvoices(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Payeur", lang: "fr", email: "compta@payeur.test"})
	paid := w.invoice(c, "P-1", "2026-05-04", 10000, false)
	disputed := w.invoice(c, "P-2", "2026-05-04", 20000, false)
	paused := w.invoice(c, "P-3", "2026-05-04", 30000, false)
	debited := w.invoice(c, "P-4", "2026-05-04", 40000, false)
	until := day("2026-06-30")
	if _, err := w.svc.SetInvoiceRules(w.ctx, w.p, paused, dunning.InvoiceRulesInput{PausedUntil: &until}, "fr"); err != nil {
		t.Fatal(err)
	}
	w.at("2026-05-11 10:00")
	r := w.plan("2026-05-11")
	if r.Planned != 1 || r.Items != 3 {
		t.Fatalf("planned %+v, want one action for P-1, P-2 and P-4 (P-3 paused)", r)
	}
	// The payment and the dispute land after planning, before sending.
	if _, err := w.ledger.RecordPayment(w.ctx, w.p, ledger.PaymentInput{CustomerID: c, ReceivedOn: day("2026-05-11"),
		Currency: "EUR", AmountCents: 10000, Method: "transfer", Allocation: ledger.AllocateManual, Allocations: []ledger.AllocationInput{{InvoiceID: paid, AmountCents: 10000}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.OpenDispute(w.ctx, w.p, dunning.DisputeInput{CustomerID: c, InvoiceIDs: []uuid.UUID{disputed},
		Reason: "wrong_amount"}); err != nil {
		t.Fatal(err)
	}
	// The debtor pays P-4 by SEPA debit from the debtor page: Stripe says it is processing.
	if err := w.db.Gorm.Exec(`INSERT INTO checkout_sessions (id, organization_id, customer_id, invoice_ids, amount_cents,
		currency, status) VALUES ('cs_test_p4', ?, ?, ARRAY[?]::uuid[], 40000, 'EUR', 'processing')`,
		w.p.OrganizationID, c, debited).Error; err != nil {
		t.Fatal(err)
	}
	w.sendQueued()
	if n := len(w.inbox()); n != 0 {
		t.Fatalf("%d emails sent for a paid, a disputed and a debited invoice", n)
	}
	skipped := w.actions("skipped")
	if len(skipped) != 1 || skipped[0].SkipReason != dunning.ReasonNothingLeft {
		t.Fatalf("outbox skipped = %+v", skipped)
	}
	if tl := w.timeline(paid); !slices.Contains(tl, "reminder_skipped:paid") {
		t.Errorf("paid invoice timeline = %v", tl)
	}
	if tl := w.timeline(disputed); !slices.Contains(tl, "reminder_skipped:disputed") {
		t.Errorf("disputed invoice timeline = %v", tl)
	}
	if tl := w.timeline(debited); !slices.Contains(tl, "reminder_skipped:"+dunning.ReasonPaying) {
		t.Errorf("debited invoice timeline = %v", tl)
	}
	// While the dispute is open and the debit on its way the planner leaves the invoices alone.
	w.at("2026-05-20 10:00")
	if r := w.plan("2026-05-20"); r.Items != 0 {
		t.Fatalf("planned %+v while disputed or paused", r)
	}
}

// Running the planner twice, or four times at once, plans and sends each message once.
func TestPlannerTwiceOrConcurrentlySendsNothingTwice(t *testing.T) {
	w := newWorld(t)
	for i, name := range []string{"Alpha", "Bravo", "Charlie"} {
		c := w.customer(customerSpec{name: name, lang: "fr", email: strings.ToLower(name) + "@client.test"})
		w.invoice(c, name+"-1", "2026-05-04", int64(10000*(i+1)), false)
		w.invoice(c, name+"-2", "2026-04-27", int64(20000*(i+1)), false)
	}
	w.at("2026-05-11 10:00")
	var wg sync.WaitGroup
	results := make([]dunning.PlanResult, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			d := day("2026-05-11")
			r, err := w.svc.PlanDueActions(w.ctx, dunning.PlanOptions{AsOf: &d, Organization: &w.p.OrganizationID, IgnoreWindow: true})
			if err != nil {
				t.Error(err)
			}
			results[i] = r
		}(i)
	}
	wg.Wait()
	planned, items := 0, 0
	for _, r := range results {
		planned, items = planned+r.Planned, items+r.Items
	}
	// Alpha-1 is at D+7, Alpha-2 at D+14 (its D+7 caught up): one reminder each customer.
	if planned != 3 || items != 6 {
		t.Fatalf("four concurrent passes planned %d actions for %d invoice steps, want 3 and 6", planned, items)
	}
	if r := w.plan("2026-05-11"); r.Planned != 0 || r.Items != 0 {
		t.Fatalf("a second pass planned %+v", r)
	}
	w.sendQueued()
	w.sendQueued()
	if n := len(w.inbox()); n != 3 {
		t.Fatalf("%d emails, want 3", n)
	}
}

// After a 5-day stop the planner catches up the missed step, then respects the gap between
// messages and goes on with the next steps on their days.
func TestCatchUpAfterAGapWithoutSkippingOrFlooding(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Rattrapage", lang: "fr", email: "compta@rattrapage.test"})
	inv := w.invoice(c, "R-1", "2026-05-04", 80000, false)
	stages := func(r dunning.PlanResult) string {
		var s []string
		for _, a := range r.Actions {
			s = append(s, a.Stage+"/"+a.Channel)
		}
		return strings.Join(s, ",")
	}
	if got := stages(w.plan("2026-05-04")); got != "reminder/email" { // D0 due-date notice
		t.Fatalf("D0: %q", got)
	}
	// The planner stops from Tuesday 5 to Monday 11 May (D+7 missed) and comes back on Tuesday 12.
	if got := stages(w.plan("2026-05-12")); got != "reminder/email" {
		t.Fatalf("catch-up on 12 May: %q", got)
	}
	steps := w.itemOffsets(inv)
	if len(steps) != 2 || steps[1] != 7 {
		t.Fatalf("steps carried out %v, want D0 then the missed D+7", steps)
	}
	// D+15 (19 May) comes a week later; nothing in between.
	for _, d := range []string{"2026-05-13", "2026-05-14", "2026-05-18"} {
		if r := w.plan(d); r.Planned != 0 {
			t.Fatalf("%s: planned %s", d, stages(r))
		}
	}
	if got := stages(w.plan("2026-05-19")); got != "reminder/email" {
		t.Fatalf("D+15: %q", got)
	}
	if steps := w.itemOffsets(inv); steps[len(steps)-1] != 15 {
		t.Fatalf("steps %v", steps)
	}
}

// A step due two days after the customer's last message waits until the gap has passed.
func TestAtMostOneMessagePerCustomerWithinTheGap(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Espacé", lang: "fr", email: "compta@espace.test"})
	w.invoice(c, "E-1", "2026-05-04", 10000, false)
	w.invoice(c, "E-2", "2026-05-21", 10000, false) // D-15 preventive on 6 May
	if r := w.plan("2026-05-04"); r.Items != 1 {
		t.Fatalf("4 May: %+v", r)
	}
	if r := w.plan("2026-05-06"); r.Items != 0 {
		t.Fatalf("6 May is within 3 days of the last message: %+v", r)
	}
	if r := w.plan("2026-05-07"); r.Items != 1 {
		t.Fatalf("7 May: %+v", r)
	}
}

func (w *world) itemOffsets(inv uuid.UUID) []int {
	var offsets []int
	if err := w.db.Gorm.Raw(`SELECT x.offset_days FROM dunning_action_items x JOIN dunning_actions a ON a.id = x.action_id
		WHERE x.invoice_id = ? ORDER BY a.planned_on, x.offset_days`, inv).Scan(&offsets).Error; err != nil {
		w.t.Fatal(err)
	}
	return offsets
}

// Customer rules: letters instead of emails become pending letters; deferred due dates move
// every step.
func TestCustomerRulesLetterAndGraceDays(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Courrier", lang: "fr", email: "compta@courrier.test"})
	w.invoice(c, "L-1", "2026-05-04", 10000, false)
	if _, err := w.svc.SetCustomerRules(w.ctx, w.p, c, dunning.CustomerRulesInput{GraceDays: 11, LetterInsteadOfEmail: true}, "fr"); err != nil {
		t.Fatal(err)
	}
	// Due 4 May, deferred to 15 May: on 11 May it is still before the due date.
	r := w.plan("2026-05-11")
	if r.Planned != 1 || r.Actions[0].Stage != "preventive" || r.Actions[0].Channel != "letter" || r.Actions[0].Status != "pending" {
		t.Fatalf("11 May: %+v", r.Actions)
	}
	if r := w.plan("2026-05-13"); r.Items != 0 {
		t.Fatalf("13 May: %+v", r)
	}
	r = w.plan("2026-05-15")
	if r.Planned != 1 || r.Actions[0].Stage != "reminder" || r.Actions[0].Channel != "letter" {
		t.Fatalf("15 May (deferred due date): %+v", r.Actions)
	}
}

// The sending window: planned at 07:00, the email waits for 09:00 Paris time.
func TestSendingWindow(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Matinal", lang: "fr", email: "compta@matinal.test"})
	w.invoice(c, "M-1", "2026-05-04", 10000, false)
	w.at("2026-05-11 07:00")
	r, err := w.svc.PlanDueActions(w.ctx, dunning.PlanOptions{Organization: &w.p.OrganizationID, Summaries: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Planned != 1 || r.Actions[0].SendAt == nil {
		t.Fatalf("%+v", r)
	}
	if got := r.Actions[0].SendAt.In(paris).Format("2006-01-02 15:04"); got != "2026-05-11 09:00" {
		t.Fatalf("send at %s, want 2026-05-11 09:00 Paris", got)
	}
	w.at("2026-05-15 18:30") // Friday evening: Monday morning
	c2 := w.customer(customerSpec{name: "Tardif", lang: "fr", email: "compta@tardif.test"})
	w.invoice(c2, "T-1", "2026-05-08", 10000, false)
	r, err = w.svc.PlanDueActions(w.ctx, dunning.PlanOptions{Organization: &w.p.OrganizationID, Summaries: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Planned != 1 || r.Actions[0].SendAt.In(paris).Format("2006-01-02 15:04") != "2026-05-18 09:00" {
		t.Fatalf("Friday 18:30: %+v", r.Actions)
	}
	_ = time.Second
}

// A transient SMTP failure keeps the action queued with its error for River's retry; the last
// attempt marks it failed on the outbox and the timeline; a retry then sends it.
func TestSMTPFailuresAreRetriedThenVisible(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Panne", lang: "fr", email: "compta@panne.test"})
	w.invoice(c, "X-1", "2026-05-04", 10000, false)
	w.at("2026-05-11 10:00")
	w.plan("2026-05-11")
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	dead, _ := mail.NewSender(fmt.Sprintf("smtp://127.0.0.1:%d", port), "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	down := w.withSender(dead)
	id := w.actions("queued")[0].ID
	if err := down.SendAction(w.ctx, w.p.OrganizationID, id, false); err == nil {
		t.Fatal("a refused connection should make River retry")
	}
	a := w.actions("queued")
	if len(a) != 1 || a[0].Error == "" || a[0].Attempts != 1 {
		t.Fatalf("after a transient failure: %+v", a)
	}
	if err := down.SendAction(w.ctx, w.p.OrganizationID, id, true); err != nil {
		t.Fatalf("the last attempt records the failure instead of erroring: %v", err)
	}
	if failed := w.actions("failed"); len(failed) != 1 || failed[0].Attempts != 2 {
		t.Fatalf("failed = %+v", failed)
	}
	var kinds []string
	w.db.Gorm.Raw(`SELECT kind FROM activities WHERE organization_id = ? AND customer_id = ?`, w.p.OrganizationID, c).Scan(&kinds)
	if !slices.Contains(kinds, "reminder_failed") {
		t.Fatalf("customer timeline = %v", kinds)
	}
	if _, err := w.svc.RetryAction(w.ctx, w.p, id); err != nil {
		t.Fatal(err)
	}
	w.sendQueued()
	if len(w.inbox()) != 1 || len(w.actions("sent")) != 1 {
		t.Fatal("the retried reminder was not sent")
	}
}

// The organisation's sender name, Reply-To and read-receipt request are on the email.
func TestSenderReplyToAndReadReceipt(t *testing.T) {
	w := newWorld(t)
	st, err := w.svc.GetSettings(w.ctx, w.p)
	if err != nil {
		t.Fatal(err)
	}
	in := st.SettingsInput
	in.SenderName, in.ReplyTo, in.ReadReceipt = "Service comptable Dupont", "compta@dupont.test", true
	if _, err := w.svc.UpdateSettings(w.ctx, w.p, in); err != nil {
		t.Fatal(err)
	}
	c := w.customer(customerSpec{name: "Entêtes", lang: "fr", email: "compta@entetes.test"})
	w.invoice(c, "H-9", "2026-05-04", 10000, false)
	w.at("2026-05-11 10:00")
	w.plan("2026-05-11")
	w.sendQueued()
	inbox := w.inbox()
	if len(inbox) != 1 {
		t.Fatalf("%d emails", len(inbox))
	}
	headers := w.mail.Headers(t, inbox[0].ID)
	if from := headers["From"]; len(from) != 1 || !strings.Contains(from[0], "Service comptable Dupont") || !strings.Contains(from[0], "relance@relance.test") {
		t.Errorf("From = %v", from)
	}
	if rt := headers["Reply-To"]; len(rt) != 1 || !strings.Contains(rt[0], "compta@dupont.test") {
		t.Errorf("Reply-To = %v", rt)
	}
	if mdn := headers["Disposition-Notification-To"]; len(mdn) != 1 || !strings.Contains(mdn[0], "compta@dupont.test") {
		t.Errorf("Disposition-Notification-To = %v", mdn)
	}
	if mid := headers["Message-Id"]; len(mid) != 1 || !strings.Contains(mid[0], "@localhost>") {
		t.Errorf("Message-Id = %v", mid)
	}
}

// "Send now" carries out the invoice's next step at once; "skip" passes over a step for good.
func TestSendNowAndSkipStep(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Manuel", lang: "fr", email: "compta@manuel.test"})
	inv := w.invoice(c, "N-1", "2026-06-30", 10000, false)
	w.at("2026-05-11 10:00")
	view, err := w.svc.InvoiceDunning(w.ctx, w.p, inv, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(view.NextActions) == 0 || view.NextActions[0].OffsetDays != -15 || view.NextActions[0].Date.Format(time.DateOnly) != "2026-06-15" {
		t.Fatalf("next actions = %+v", view.NextActions)
	}
	// Skip the preventive step: the next one is the due-date notice.
	if _, err := w.svc.SkipStep(w.ctx, w.p, inv, view.NextActions[0].StepID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SkipStep(w.ctx, w.p, inv, view.NextActions[0].StepID); err == nil {
		t.Fatal("a skipped step can be skipped again")
	}
	view, _ = w.svc.InvoiceDunning(w.ctx, w.p, inv, "en")
	if view.NextActions[0].OffsetDays != 0 {
		t.Fatalf("after skipping D-15: %+v", view.NextActions[0])
	}
	a, err := w.svc.SendNow(w.ctx, w.p, inv)
	if err != nil || a.Status != "queued" || a.Origin != "manual" || a.Stage != "reminder" {
		t.Fatalf("send now = %+v %v", a, err)
	}
	w.sendQueued()
	if len(w.inbox()) != 1 {
		t.Fatal("send now sent nothing")
	}
	if tl := w.timeline(inv); !slices.Contains(tl, "reminder_step_skipped") || !slices.Contains(tl, "reminder_sent_now") || !slices.Contains(tl, "reminder_sent") {
		t.Fatalf("timeline = %v", tl)
	}
	// The planner does not send the due-date notice again on the due date.
	if r := w.plan("2026-06-30"); r.Items != 0 {
		t.Fatalf("planned again: %+v", r)
	}
}
