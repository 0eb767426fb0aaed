package dunning_test

import (
	"context"
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
	"github.com/relance/relance/internal/testenv"
)

// overdueCustomers adds n customers, each with one invoice due on due.
func (w *world) overdueCustomers(n int, due string) []uuid.UUID {
	w.t.Helper()
	var invoices []uuid.UUID
	for i := range n {
		c := w.customer(customerSpec{name: fmt.Sprintf("Client %02d", i), lang: "fr", email: fmt.Sprintf("compta%02d@client.test", i)})
		invoices = append(invoices, w.invoice(c, fmt.Sprintf("F-%02d", i), due, int64(10000+i), false))
	}
	return invoices
}

// plannedOverdue adds n customers, each with one invoice due on 21 April, and plans their
// reminders at 10:00 on 11 May (D+20); it returns the invoices.
func (w *world) plannedOverdue(n int) []uuid.UUID {
	w.t.Helper()
	invoices := w.overdueCustomers(n, "2026-04-21")
	w.at("2026-05-11 10:00")
	w.plan("2026-05-11")
	return invoices
}

// planInWindow runs a scheduled pass (the sending window respected) as of the clock's day.
func (w *world) planInWindow() dunning.PlanResult {
	w.t.Helper()
	r, err := w.svc.PlanDueActions(w.ctx, dunning.PlanOptions{Organization: &w.p.OrganizationID, Summaries: 100})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// assertOneReminderPerInvoice checks the inbox holds exactly one message per customer and
// each invoice's timeline one reminder_sent.
func (w *world) assertOneReminderPerInvoice(invoices []uuid.UUID) {
	w.t.Helper()
	inbox := w.inbox()
	seen := map[string]int{}
	for _, m := range inbox {
		seen[m.To[0].Address]++
	}
	for to, n := range seen {
		if n != 1 {
			w.t.Errorf("%s received %d emails, want 1", to, n)
		}
	}
	if len(seen) != len(invoices) {
		w.t.Errorf("%d customers received an email, want %d", len(seen), len(invoices))
	}
	for _, inv := range invoices {
		if tl := w.timeline(inv); strings.Count(strings.Join(tl, " ")+" ", "reminder_sent ") != 1 {
			w.t.Errorf("invoice timeline = %v, want one reminder_sent", tl)
		}
	}
	if n := len(w.actions("sent")); n != len(invoices) {
		w.t.Errorf("%d actions recorded as sent, want %d", n, len(invoices))
	}
}

// Two scheduled passes before the sending window opens, then the window opens: each customer
// receives one email, recorded as sent. (Before, the second pass added the invoice's next step to
// the queued action, recording the send failed after SMTP accepted it, and every retry emailed
// the customer again.)
func TestTwoPassesBeforeTheWindowSendOneEmailPerCustomer(t *testing.T) {
	w := newWorld(t)
	invoices := w.overdueCustomers(20, "2026-04-21") // 20 days overdue on 11 May
	w.at("2026-05-11 06:00")
	first := w.planInWindow()
	w.at("2026-05-11 06:15")
	second := w.planInWindow()
	if first.Planned != 20 || second.Planned != 0 || second.Items != 0 {
		t.Fatalf("first pass planned %d actions, the second %d (%d invoice steps); want 20 then nothing",
			first.Planned, second.Planned, second.Items)
	}
	for _, a := range first.Actions {
		if a.SendAt == nil || a.SendAt.In(paris).Hour() != 9 {
			t.Fatalf("action %+v should wait for the window at 09:00", a)
		}
	}
	w.at("2026-05-11 09:00")
	w.sendQueued()
	w.sendQueued() // a retry of every job changes nothing
	w.assertOneReminderPerInvoice(invoices)
}

// Ten "run now" clicks at once (ignoring the window) on 30 customers: 30 emails.
func TestTenConcurrentRunsSendOneEmailPerCustomer(t *testing.T) {
	w := newWorld(t)
	invoices := w.overdueCustomers(30, "2026-04-21")
	w.at("2026-05-11 10:00")
	var wg sync.WaitGroup
	planned := make([]int, 10)
	for i := range planned {
		wg.Go(func() {
			r, err := w.svc.RunPlanner(w.ctx, w.p, nil, true)
			if err != nil {
				t.Error(err)
			}
			planned[i] = r.Planned
		})
	}
	wg.Wait()
	total := 0
	for _, n := range planned {
		total += n
	}
	if total != 30 {
		t.Fatalf("ten concurrent runs planned %d actions, want 30", total)
	}
	var sends sync.WaitGroup
	for range 3 { // three workers running the same jobs at once
		sends.Go(func() {
			for _, a := range w.actions("queued") {
				if err := w.svc.SendAction(w.ctx, w.p.OrganizationID, a.ID, false); err != nil && !isInFlight(err) {
					t.Error(err)
				}
			}
		})
	}
	sends.Wait()
	w.assertOneReminderPerInvoice(invoices)
}

func isInFlight(err error) bool {
	return err != nil && strings.Contains(err.Error(), "being sent by another attempt")
}

// The same action delivered twice at once, and again after it was sent: one email.
func TestTheSameActionDeliveredTwiceSendsOnce(t *testing.T) {
	w := newWorld(t)
	invoices := w.plannedOverdue(1)
	id := w.actions("queued")[0].ID
	var wg sync.WaitGroup
	errors := make([]error, 2)
	for i := range errors {
		wg.Go(func() { errors[i] = w.svc.SendAction(w.ctx, w.p.OrganizationID, id, false) })
	}
	wg.Wait()
	for _, err := range errors {
		if err != nil && !isInFlight(err) {
			t.Fatal(err)
		}
	}
	if err := w.svc.SendAction(w.ctx, w.p.OrganizationID, id, false); err != nil {
		t.Fatal(err)
	}
	w.assertOneReminderPerInvoice(invoices)
}

// A crash between handing the message to the SMTP server and recording its answer: the job's
// next run does not send it again; the action is uncertain in the outbox, with the reason on
// the customer's timeline, until someone chooses to send it again.
func TestAnActionLeftSendingByACrashIsUncertainNotResent(t *testing.T) {
	w := newWorld(t)
	w.plannedOverdue(1)
	a := w.actions("queued")[0]
	// What a process killed right after handing the message over leaves behind.
	if err := w.db.Gorm.Exec(`UPDATE dunning_actions SET status = 'sending', attempts = 1, handed_at = ? WHERE id = ?`,
		w.now, a.ID).Error; err != nil {
		t.Fatal(err)
	}
	// While the attempt may still be at the server, another run waits.
	if err := w.svc.SendAction(w.ctx, w.p.OrganizationID, a.ID, false); !isInFlight(err) {
		t.Fatalf("a second run during the attempt: %v, want 'being sent by another attempt'", err)
	}
	w.at("2026-05-11 10:03") // past the attempt's timeout: the attempt is over
	if err := w.svc.SendAction(w.ctx, w.p.OrganizationID, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if n := len(w.inbox()); n != 0 {
		t.Fatalf("%d emails: an action left sending must not be sent again by a retry", n)
	}
	uncertain := w.actions(dunning.StatusUncertain)
	if len(uncertain) != 1 || uncertain[0].Attempts != 1 {
		t.Fatalf("uncertain actions = %+v", uncertain)
	}
	var kinds []string
	w.db.Gorm.Raw(`SELECT kind FROM activities WHERE organization_id = ? AND customer_id = ?`, w.p.OrganizationID,
		a.CustomerID).Scan(&kinds)
	if !slices.Contains(kinds, "reminder_uncertain") {
		t.Fatalf("customer timeline = %v, want reminder_uncertain", kinds)
	}
	// "Send again" in the outbox.
	if _, err := w.svc.RetryAction(w.ctx, w.p, a.ID); err != nil {
		t.Fatal(err)
	}
	w.sendQueued()
	if n, sent := len(w.inbox()), w.actions("sent"); n != 1 || len(sent) != 1 {
		t.Fatalf("after send again: %d emails, sent = %+v", n, sent)
	}
}

// The periodic sweep settles actions whose job was given up while they were being sent.
func TestStaleSendsAreMarkedUncertain(t *testing.T) {
	w := newWorld(t)
	w.plannedOverdue(2)
	queued := w.actions("queued")
	w.db.Gorm.Exec(`UPDATE dunning_actions SET status = 'sending', attempts = 1, handed_at = ? WHERE id = ?`,
		w.now.Add(-10*time.Minute), queued[0].ID)
	w.db.Gorm.Exec(`UPDATE dunning_actions SET status = 'sending', attempts = 1, handed_at = ? WHERE id = ?`,
		w.now.Add(-10*time.Second), queued[1].ID)
	n, err := w.svc.MarkStaleSends(w.ctx)
	if err != nil || n != 1 {
		t.Fatalf("marked %d (%v), want only the one handed over 10 minutes ago", n, err)
	}
	if u := w.actions(dunning.StatusUncertain); len(u) != 1 || u[0].ID != queued[0].ID {
		t.Fatalf("uncertain = %+v", u)
	}
}

// A server that goes silent after receiving the whole message may have accepted it: the action
// is uncertain and River is not asked to retry. A server that refuses a recipient for now has
// not: the action stays queued and River retries.
func TestOnlyFailuresBeforeAcceptanceAreRetried(t *testing.T) {
	w := newWorld(t)
	w.plannedOverdue(2)
	queued := w.actions("queued")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	silent := testenv.StartFakeSMTP(t, testenv.SMTPSilent)
	sender, err := mail.NewSender(silent.URL, "Relance <relance@relance.test>", log)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.withSender(sender).SendAction(w.ctx, w.p.OrganizationID, queued[0].ID, false); err != nil {
		t.Fatalf("an unknown outcome must not ask River to retry: %v", err)
	}
	if silent.Messages.Load() != 1 {
		t.Fatalf("the stub received %d messages", silent.Messages.Load())
	}
	if u := w.actions(dunning.StatusUncertain); len(u) != 1 || u[0].ID != queued[0].ID {
		t.Fatalf("uncertain = %+v", u)
	}
	// River's next delivery of the same job sends nothing.
	if err := w.withSender(sender).SendAction(w.ctx, w.p.OrganizationID, queued[0].ID, false); err != nil || silent.Messages.Load() != 1 {
		t.Fatalf("a second delivery: %v, %d messages", err, silent.Messages.Load())
	}

	busy := testenv.StartFakeSMTP(t, testenv.SMTPRefuseRecipients)
	sender, err = mail.NewSender(busy.URL, "Relance <relance@relance.test>", log)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.withSender(sender).SendAction(w.ctx, w.p.OrganizationID, queued[1].ID, false); err == nil {
		t.Fatal("a recipient refused for now: River should retry")
	}
	still := w.actions("queued")
	if len(still) != 1 || still[0].ID != queued[1].ID || still[0].Error == "" {
		t.Fatalf("queued = %+v", still)
	}
	w.sendQueued() // the retry, through Mailpit
	if n := len(w.inbox()); n != 1 {
		t.Fatalf("%d emails after the retry, want 1", n)
	}
}

// Between planning and sending, a customer paused, an action cancelled, an invoice written off
// and an invoice partly paid: the first three send nothing (the reason on the timeline), the
// last reminds the balance left.
func TestChangesBetweenPlanningAndSending(t *testing.T) {
	w := newWorld(t)
	invoices := w.plannedOverdue(4)
	byCustomer := map[string]uuid.UUID{}
	for _, a := range w.actions("queued") {
		byCustomer[a.CustomerName] = a.ID
	}
	customerOf := func(inv uuid.UUID) uuid.UUID {
		v, err := w.ledger.Invoice(w.ctx, w.p, inv)
		if err != nil {
			t.Fatal(err)
		}
		return v.CustomerID
	}
	until := day("2026-06-01")
	if _, err := w.svc.SetCustomerRules(w.ctx, w.p, customerOf(invoices[0]), dunning.CustomerRulesInput{PausedUntil: &until}, "fr"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.CancelAction(w.ctx, w.p, byCustomer["Client 01"]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ledger.CloseInvoice(w.ctx, w.p, invoices[2], ledger.StatusWrittenOff, "bankrupt"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ledger.RecordPayment(w.ctx, w.p, ledger.PaymentInput{CustomerID: customerOf(invoices[3]),
		ReceivedOn: day("2026-05-10"), Currency: "EUR", AmountCents: 4003, Method: "transfer", Allocation: "auto"}); err != nil {
		t.Fatal(err)
	}
	w.sendQueued()
	inbox := w.inbox()
	if len(inbox) != 1 || inbox[0].To[0].Address != "compta03@client.test" {
		t.Fatalf("inbox = %+v, want only the partly paid invoice's reminder", inbox)
	}
	if !strings.Contains(inbox[0].Text, "60,00") { // 100.03 € − 40.03 € paid
		t.Errorf("the reminder does not state the balance left (60,00 €):\n%s", inbox[0].Text)
	}
	for i, want := range []string{"paused", "", "cancelled"} {
		if want == "" {
			continue
		}
		var reason string
		w.db.Gorm.Raw(`SELECT data->>'reason' FROM activities WHERE invoice_id = ? AND kind = 'reminder_skipped'`, invoices[i]).Scan(&reason)
		if reason != want {
			t.Errorf("invoice %d: skip reason %q, want %q", i, reason, want)
		}
	}
	if s := w.actions("skipped"); len(s) != 3 {
		t.Errorf("%d skipped actions, want 3", len(s))
	}
}

// An invoice first seen a day after its due date gets the first reminder, never the due-date
// notice ("to pay today"), and an action planned on the due date but sent the day after drops
// it too.
func TestNoOutOfDateText(t *testing.T) {
	w := newWorld(t)
	late := w.overdueCustomers(1, "2026-05-08")[0] // Friday; Monday 11 May is D+3
	w.at("2026-05-11 10:00")
	r := w.plan("2026-05-11")
	if r.Planned != 0 {
		t.Fatalf("D+3 with steps at D0 and D+7: planned %+v, want nothing until D+7", r.Actions)
	}
	if offsets := w.itemOffsets(late); len(offsets) != 0 {
		t.Fatalf("steps %v", offsets)
	}
	c := w.customer(customerSpec{name: "Échéance", lang: "fr", email: "compta@echeance.test"})
	inv := w.invoice(c, "D-1", "2026-05-12", 50000, false)
	w.at("2026-05-12 10:00")
	if r := w.plan("2026-05-12"); r.Planned != 1 {
		t.Fatalf("due-date notice: %+v", r)
	}
	w.at("2026-05-13 10:00") // the job ran a day late (the worker was down)
	w.sendQueued()
	if n := len(w.inbox()); n != 0 {
		t.Fatalf("%d emails: a due-date notice sent the day after is untrue", n)
	}
	var reason string
	w.db.Gorm.Raw(`SELECT data->>'reason' FROM activities WHERE invoice_id = ? AND kind = 'reminder_skipped'`, inv).Scan(&reason)
	if reason != dunning.ReasonOutOfDate {
		t.Fatalf("skip reason %q, want %q", reason, dunning.ReasonOutOfDate)
	}
}

// A customer with an invoice at its first reminder and another due for its formal notice gets
// one message a pass, the formal notice; the first reminder follows after the gap. An invoice
// found 200 days late goes through every stage in order, one message at a time.
func TestCatchUpSendsOneMessagePerCustomerAndNeverSkipsAStage(t *testing.T) {
	w := newWorld(t)
	c := w.customer(customerSpec{name: "Deux Factures", lang: "fr", email: "compta@deux.test", salesEmail: "vente@deux.test"})
	young := w.invoice(c, "Y-1", "2026-05-04", 10000, false) // D+7 on 11 May
	old := w.invoice(c, "O-1", "2026-04-11", 20000, false)   // D+30 on 11 May
	if err := w.db.Gorm.Exec(`INSERT INTO dunning_progress (organization_id, invoice_id, last_offset, last_planned_on)
		VALUES (?, ?, 25, '2026-05-06')`, w.p.OrganizationID, old).Error; err != nil {
		t.Fatal(err)
	}
	r := w.plan("2026-05-11")
	if r.Planned != 1 || r.Actions[0].Stage != "formal_notice" || len(r.Actions[0].InvoiceNumbers) != 1 {
		t.Fatalf("11 May: %+v, want one formal notice for O-1 only", r.Actions)
	}
	if offsets := w.itemOffsets(young); len(offsets) != 0 {
		t.Fatalf("Y-1 steps %v: it waits for the next pass", offsets)
	}
	if r := w.plan("2026-05-14"); r.Planned != 1 || r.Actions[0].Stage != "reminder" {
		t.Fatalf("14 May (after the 3-day gap): %+v", r.Actions)
	}

	d := w.customer(customerSpec{name: "Très En Retard", lang: "fr", email: "compta@retard.test", salesEmail: "vente@retard.test"})
	ancient := w.invoice(d, "A-1", "2025-10-23", 90000, false) // 200 days late on 11 May 2026
	var stages []string
	start := day("2026-05-15")
	for d := start; d.Before(start.AddDate(0, 3, 0)); d = d.AddDate(0, 0, 1) {
		w.plan(d.Format(time.DateOnly))
	}
	w.db.Gorm.Raw(`SELECT s.stage FROM dunning_action_items x JOIN scenario_steps s ON s.id = x.step_id
		JOIN dunning_actions a ON a.id = x.action_id WHERE x.invoice_id = ? ORDER BY a.planned_on, x.offset_days`, ancient).Scan(&stages)
	order := map[string]int{"preventive": 0, "reminder": 1, "formal_notice": 2, "amicable": 3, "legal": 4}
	seen := map[string]bool{}
	for i, s := range stages {
		seen[s] = true
		if i > 0 && order[s] < order[stages[i-1]] {
			t.Fatalf("stages went back: %v", stages)
		}
	}
	for _, s := range []string{"reminder", "formal_notice", "amicable", "legal"} {
		if !seen[s] {
			t.Fatalf("stages carried out %v: %s skipped", stages, s)
		}
	}
}

// While one organisation is being planned, another organisation's pass and this organisation's
// read-only preview ("what goes out tomorrow", open to viewers) do not wait for it.
func TestPlanningLocksOneOrganisationAndPreviewsTakeNone(t *testing.T) {
	w := newWorld(t)
	w.overdueCustomers(2, "2026-04-21")
	w.at("2026-05-11 10:00")
	other := testenv.Organization(t, w.db, "Autre")
	// A pass of w's organisation in progress: its lock held by another transaction.
	tx := w.db.Gorm.Begin()
	defer tx.Rollback()
	if err := tx.Exec(`SELECT pg_advisory_xact_lock(7223001, hashtext(?::text))`, w.p.OrganizationID.String()).Error; err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
	defer cancel()
	viewer := w.p
	viewer.Role = "viewer"
	if r, err := w.svc.Tomorrow(ctx, viewer); err != nil || r.Planned != 2 {
		t.Fatalf("tomorrow's preview while a pass runs: %+v, %v", r, err)
	}
	if _, err := w.svc.PlanDueActions(ctx, dunning.PlanOptions{Organization: &other}); err != nil {
		t.Fatalf("another organisation's pass waited: %v", err)
	}
	// The preview wrote nothing, and the organisation's own pass waits for the lock.
	if q := w.actions("queued"); len(q) != 0 {
		t.Fatalf("the preview left %d actions", len(q))
	}
	short, cancelShort := context.WithTimeout(w.ctx, 300*time.Millisecond)
	defer cancelShort()
	if _, err := w.svc.PlanDueActions(short, dunning.PlanOptions{Organization: &w.p.OrganizationID}); err == nil {
		t.Fatal("a second pass of the same organisation did not wait for the first")
	}
}
