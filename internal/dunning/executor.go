package dunning

import (
	"context"
	"errors"
	"fmt"
	"io"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/dunning/penalty"
	"github.com/relance/relance/internal/dunning/render"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/platform/zone"
)

// SendArgs is the job that sends one email action.
type SendArgs struct {
	ActionID       uuid.UUID `json:"action_id" river:"unique"`
	OrganizationID uuid.UUID `json:"organization_id"`
}

// Kind names the job.
func (SendArgs) Kind() string { return "dunning.send" }

// InsertOpts: one job per action, retried with River's exponential backoff.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true,
		// Not completed: a failed action that a user retries needs a new job.
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
			rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	s *Service
}

// Timeout bounds one sending attempt; River rescues the job of an attempt that outlived it (a
// crashed worker) and runs it again, which then finds the action uncertain or still queued.
func (w *sendWorker) Timeout(*river.Job[SendArgs]) time.Duration { return w.s.opts.SendTimeout }

// Work sends the action; an error makes River retry with backoff.
func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	err := w.s.SendAction(ctx, job.Args.OrganizationID, job.Args.ActionID, job.Attempt >= job.MaxAttempts)
	if errors.Is(err, errInFlight) {
		return river.JobSnooze(w.s.opts.SendTimeout / 2) // another attempt is at the server: look again later
	}
	return err
}

// PlanArgs is the periodic planning pass.
type PlanArgs struct{}

// Kind names the job.
func (PlanArgs) Kind() string { return "dunning.plan" }

// InsertOpts: at most one pass queued at a time.
func (PlanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByPeriod: 10 * time.Minute}}
}

type planWorker struct {
	river.WorkerDefaults[PlanArgs]
	s *Service
}

// Timeout: a pass over a million invoices takes a minute or two (internal/dunning/bench).
func (w *planWorker) Timeout(*river.Job[PlanArgs]) time.Duration { return 30 * time.Minute }

// Work settles the sends left without an answer, then plans what is due today in every
// organisation.
func (w *planWorker) Work(ctx context.Context, _ *river.Job[PlanArgs]) error {
	if n, err := w.s.MarkStaleSends(ctx); err != nil {
		return err
	} else if n > 0 {
		w.s.opts.Log.WarnContext(ctx, "dunning: reminders left sending are uncertain", "actions", n)
	}
	r, err := w.s.PlanDueActions(ctx, PlanOptions{})
	if err == nil && r.Planned > 0 {
		w.s.opts.Log.InfoContext(ctx, "dunning: planned", "actions", r.Planned, "invoice_steps", r.Items)
	}
	return err
}

// outgoing is an email ready to go, prepared in the first transaction of a send.
type outgoing struct {
	action Action
	msg    mail.Message
	lines  []line // the invoices it reminds
}

// errInFlight: the action is being handed to the SMTP server by another attempt right now.
var errInFlight = errors.New("dunning: action is being sent by another attempt")

// SendAction carries out one email action, at most once: re-check its invoices, render, record
// that it is handed to the SMTP server (committed before the server is asked), send, record the
// answer. last says this is the final attempt: a failure then marks the action failed.
//
// Only a failure known to precede the server's acceptance puts the action back in the queue
// for a retry. One whose outcome is unknown (the server went silent after the whole message,
// or a crash between handing it over and recording the answer) becomes uncertain: shown in the
// outbox, sent again only by someone who chooses to.
func (s *Service) SendAction(ctx context.Context, org, id uuid.UUID, last bool) error {
	out, err := txValue(ctx, s, func(tx *gorm.DB) (*outgoing, error) {
		return s.prepare(ctx, tx, org, id)
	})
	if err != nil || out == nil {
		return err
	}
	sendCtx, cancel := context.WithTimeout(ctx, s.opts.SendTimeout)
	receipt, sendErr := s.opts.Mail.Send(sendCtx, out.msg)
	cancel()
	// The outcome is recorded even when ctx ended meanwhile: the server has answered.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	switch {
	case sendErr == nil:
		return s.retryDB(rec, func() error { return s.sent(rec, out, receipt) })
	case !mail.Unsent(sendErr):
		return s.retryDB(rec, func() error {
			return s.tx(rec, func(tx *gorm.DB) error { return s.markUncertain(tx, out.action, sendErr.Error()) })
		})
	}
	final := last || !mail.Temporary(sendErr)
	err = s.tx(rec, func(tx *gorm.DB) error { return s.sendFailed(tx, out.action, sendErr, final) })
	if err == nil && !final {
		return sendErr // recorded; River retries with backoff
	}
	return err
}

// retryDB runs a write that records what the SMTP server said a few times: the message has
// gone, so the write must not be lost to a passing database error. If it is all the same, the
// action stays "sending" and the sweep (MarkStaleSends) or the job's next run calls it uncertain.
func (s *Service) retryDB(ctx context.Context, f func() error) error {
	var err error
	for i := range 5 {
		if err = f(); err == nil || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(100<<i) * time.Millisecond)
	}
	return err
}

// prepare locks a queued action, drops the invoices that must not be reminded any more (with the
// reason on their timeline), renders the message and records that it is being handed to the
// SMTP server. It returns nil when nothing is to be sent, and errInFlight when another attempt is
// sending it now. An action left "sending" by an attempt that is over (a crash) is uncertain.
func (s *Service) prepare(ctx context.Context, tx *gorm.DB, org, id uuid.UUID) (*outgoing, error) {
	a, err := lockAction(tx, org, id)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if a.Status == StatusSending {
		if a.HandedAt != nil && s.opts.Now().Sub(*a.HandedAt) < s.opts.SendTimeout {
			return nil, errInFlight
		}
		return nil, s.markUncertain(tx, a, "")
	}
	if a.Status != StatusQueued {
		return nil, nil
	}
	st, err := s.settings(tx, org)
	if err != nil {
		return nil, err
	}
	c, err := loadCustomer(tx, org, a.CustomerID)
	if err != nil {
		return nil, err
	}
	today := dateOf(s.opts.Now().In(c.location()))
	lines, err := s.recheck(tx, a, c, today)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, s.skipAction(tx, a, ReasonNothingLeft)
	}
	var step Step
	if err := tx.Where("organization_id = ? AND id = ?", org, a.StepID).Take(&step).Error; err != nil {
		return nil, err
	}
	to, cc, contactName, err := recipients(tx, a, step, c)
	if err != nil {
		return nil, err
	}
	if len(to) == 0 {
		return nil, s.skipAction(tx, a, ReasonNoRecipient)
	}
	data := s.messageData(st, c, lines, today, contactName)
	data.Stage, data.Channel = a.Stage, a.Channel
	if s.opts.Links != nil {
		if data.DebtorLink, err = s.opts.Links.ReminderLink(ctx, tx, org, c.ID, to[0]); err != nil {
			return nil, err
		}
	}
	data.OpenPixelURL = s.trackURL("o", a.ID, "")
	data.TrackLink = func(u string) string { return s.trackURL("c", a.ID, u) }
	email, err := render.Render(templateFor(step, c.Language), data)
	if err != nil {
		return nil, fmt.Errorf("dunning: render action %s: %w", a.ID, err)
	}
	msg := mail.Message{From: s.from(st, c.OrgName), To: to, Cc: cc, ReplyTo: st.ReplyTo, Subject: email.Subject,
		Text: email.Text, HTML: email.HTML, MessageID: s.messageID(a.ID),
		Headers: map[string]string{"X-Relance-Action": a.ID.String()}}
	if st.ReadReceipt && st.ReplyTo != "" {
		msg.ReadReceiptTo = st.ReplyTo
	}
	if msg.Attachments, err = s.attachments(ctx, lines); err != nil {
		return nil, err
	}
	now := s.opts.Now()
	a.Status, a.Attempts, a.Language, a.HandedAt = StatusSending, a.Attempts+1, c.Language, &now
	a.ToAddresses, a.CcAddresses = append([]string{}, to...), append([]string{}, cc...)
	a.Subject, a.BodyText, a.BodyHTML = email.Subject, email.Text, email.HTML
	a.MessageID, a.UpdatedAt = msg.MessageID, now
	if err := tx.Model(&a).Select("status", "attempts", "language", "handed_at", "to_addresses", "cc_addresses",
		"subject", "body_text", "body_html", "message_id", "updated_at").Updates(&a).Error; err != nil {
		return nil, err
	}
	return &outgoing{action: a, msg: msg, lines: lines}, nil
}

// customer is what a message needs to know of its customer and organisation.
type customer struct {
	ID                uuid.UUID
	Name              string
	Language          string
	Segment           string
	AccountingOwnerID *uuid.UUID
	SalesOwnerID      *uuid.UUID
	OrgName           string
	Timezone          string
}

func (c customer) location() *time.Location {
	return zone.Location(c.Timezone)
}

func loadCustomer(tx *gorm.DB, org, id uuid.UUID) (customer, error) {
	var c customer
	err := tx.Raw(`SELECT c.id, c.name, c.language, c.segment, c.accounting_owner_id, c.sales_owner_id,
			o.name AS org_name, o.timezone
		  FROM ledger_customers c JOIN organization_profiles o ON o.id = c.organization_id
		 WHERE c.organization_id = ? AND c.id = ?`, org, id).Scan(&c).Error
	if err == nil && c.ID == uuid.Nil {
		err = errs.ErrNotFound
	}
	return c, err
}

// line is an invoice of an action with everything the re-check and the message need.
type line struct {
	InvoiceID        uuid.UUID
	StepID           uuid.UUID
	Number           string
	IssueDate        time.Time
	DueDate          time.Time
	Currency         string
	TotalCents       int64
	BalanceCents     int64
	Status           string
	PDFKey           *string
	Excluded         bool
	InvoicePaused    *time.Time
	CustomerPaused   *time.Time
	CustomerDisabled bool
	Disputed         bool
	Promised         bool
	Paying           bool // a debit paid from the debtor page is on its way
	SkipWhenPromised bool
	OffsetDays       int       // the step's offset from the due date
	EffectiveDue     time.Time // the due date plus the customer's grace days
}

// recheck reads the action's invoices as they are now and skips those that must not be reminded.
func (s *Service) recheck(tx *gorm.DB, a Action, c customer, today time.Time) ([]line, error) {
	var all []line
	err := tx.Raw(`SELECT x.invoice_id, x.step_id, i.number, i.issue_date, i.due_date, i.currency, i.total_cents,
			i.balance_cents, i.status, i.pdf_key, coalesce(ir.excluded, false) AS excluded,
			ir.paused_until AS invoice_paused, cd.paused_until AS customer_paused,
			coalesce(cd.disabled, false) AS customer_disabled, st.skip_when_promised, x.offset_days,
			i.due_date + coalesce(cd.grace_days, 0) AS effective_due,
			EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id AND d.status = 'open'
			         WHERE di.organization_id = x.organization_id AND di.invoice_id = x.invoice_id) AS disputed,
			EXISTS (SELECT 1 FROM promise_invoices pi JOIN promises r ON r.id = pi.promise_id AND r.status = 'open'
			          JOIN dunning_settings ds ON ds.organization_id = r.organization_id
			         WHERE pi.organization_id = x.organization_id AND pi.invoice_id = x.invoice_id
			           AND r.promised_on + ds.promise_grace_days >= ?::date) AS promised,
			EXISTS (SELECT 1 FROM invoices_being_paid p WHERE p.organization_id = x.organization_id
			           AND p.invoice_id = x.invoice_id) AS paying
		  FROM dunning_action_items x
		  JOIN ledger_invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id
		  JOIN scenario_steps st ON st.organization_id = x.organization_id AND st.id = x.step_id
		  LEFT JOIN invoice_dunning ir ON ir.organization_id = x.organization_id AND ir.invoice_id = x.invoice_id
		  LEFT JOIN customer_dunning cd ON cd.organization_id = x.organization_id AND cd.customer_id = i.customer_id
		 WHERE x.organization_id = ? AND x.action_id = ? AND x.status = 'planned'
		 ORDER BY i.due_date, i.number`, today.Format(time.DateOnly), a.OrganizationID, a.ID).Scan(&all).Error
	if err != nil {
		return nil, err
	}
	var keep []line
	for _, l := range all {
		reason := skipReason(l, today)
		if reason == "" {
			keep = append(keep, l)
			continue
		}
		if err := tx.Exec(`UPDATE dunning_action_items SET status = 'skipped', skip_reason = ?
			WHERE invoice_id = ? AND step_id = ?`, reason, l.InvoiceID, l.StepID).Error; err != nil {
			return nil, err
		}
		if err := record(tx, system(a.OrganizationID), "reminder_skipped", &c.ID, &l.InvoiceID,
			ledger.JSON{"action_id": a.ID, "stage": a.Stage, "channel": a.Channel, "reason": reason}); err != nil {
			return nil, err
		}
	}
	return keep, nil
}

func skipReason(l line, today time.Time) string {
	switch {
	case l.Status == "paid" || l.BalanceCents == 0:
		return ReasonPaid
	case l.Status == "cancelled" || l.Status == "written_off":
		return ReasonCancelled
	case l.Disputed:
		return ReasonDisputed
	case l.Paying:
		return ReasonPaying
	case l.OffsetDays <= 0 && today.After(l.EffectiveDue):
		return ReasonOutOfDate
	case l.Excluded:
		return ReasonExcluded
	case l.CustomerDisabled:
		return ReasonDisabled
	case l.InvoicePaused != nil && !l.InvoicePaused.Before(today), l.CustomerPaused != nil && !l.CustomerPaused.Before(today):
		return ReasonPaused
	case l.Promised && l.SkipWhenPromised:
		return ReasonPromised
	}
	return ""
}

// recipients: the customer's contacts who receive reminders, by the step's audience (falling
// back to any of them), and the internal owner in copy when the step asks for it.
func recipients(tx *gorm.DB, a Action, step Step, c customer) (to, cc []string, name string, err error) {
	var contacts []struct{ Name, Email, Role string }
	if err = tx.Raw(`SELECT name, email, role FROM ledger_contacts WHERE organization_id = ? AND customer_id = ?
		AND receives_reminders AND email <> '' ORDER BY role, created_at`, a.OrganizationID, c.ID).Scan(&contacts).Error; err != nil {
		return
	}
	roles := map[string][]string{"accounting": {"accounting", "billing"}, "sales": {"sales"},
		"both": {"accounting", "billing", "sales", "other"}}[step.Recipients]
	for pass := 0; pass < 2 && len(to) == 0; pass++ {
		for _, ct := range contacts {
			if pass == 0 && !oneOf(ct.Role, roles) {
				continue
			}
			to = append(to, ct.Email)
			if name == "" {
				name = ct.Name
			}
		}
	}
	if step.CopyOwner {
		owner := c.AccountingOwnerID
		if owner == nil {
			owner = c.SalesOwnerID
		}
		if owner != nil {
			var email string
			if err = tx.Raw(`SELECT email FROM user_names WHERE id = ?`, *owner).Scan(&email).Error; err != nil {
				return
			}
			if email != "" {
				cc = append(cc, email)
			}
		}
	}
	return to, cc, name, nil
}

func templateFor(st Step, lang string) render.Template {
	t, ok := st.Templates[lang]
	if !ok {
		t = st.Templates["fr"]
	}
	return render.Template{Subject: t.Subject, Body: t.Body}
}

// messageData gathers the variables of a message: invoices with their days late and penalties.
func (s *Service) messageData(st Settings, c customer, lines []line, today time.Time, contactName string) render.Data {
	d := render.Data{Language: c.Language, OrganizationName: c.OrgName, Signature: st.Signature,
		CustomerName: c.Name, ContactName: contactName, ShowPenalties: st.ShowPenalties,
		InterestRate: st.rate().StringFixed(2), Transparency: st.TransparencyLine, Today: today}
	if d.Signature == "" {
		d.Signature = c.OrgName
	}
	rate := st.rate()
	for _, l := range lines {
		d.Currency = l.Currency
		indemnity := st.IndemnityCents
		if l.Currency != "EUR" { // the fixed indemnity is a euro amount
			indemnity = 0
		}
		b := penalty.Compute(l.BalanceCents, l.DueDate, today, rate, indemnity)
		d.Invoices = append(d.Invoices, render.Invoice{Number: l.Number, IssueDate: l.IssueDate, DueDate: l.DueDate,
			TotalCents: l.TotalCents, BalanceCents: l.BalanceCents, DaysLate: b.DaysLate,
			InterestCents: b.InterestCents, IndemnityCents: b.IndemnityCents})
	}
	return d
}

// attachments reads the invoices' PDFs.
func (s *Service) attachments(ctx context.Context, lines []line) ([]mail.Attachment, error) {
	var out []mail.Attachment
	for _, l := range lines {
		if l.PDFKey == nil || s.opts.Files == nil {
			continue
		}
		r, err := s.opts.Files.Open(ctx, *l.PDFKey)
		if err != nil {
			return nil, fmt.Errorf("dunning: invoice %s PDF: %w", l.Number, err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, mail.Attachment{Name: safeFileName(l.Number) + ".pdf", ContentType: "application/pdf", Data: b})
	}
	return out, nil
}

func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
}

// from is the sender: the organisation's sender name (or its name) at Relance's address.
func (s *Service) from(st Settings, orgName string) string {
	addr := s.opts.From
	if a, err := netmail.ParseAddress(s.opts.From); err == nil {
		addr = a.Address
	}
	name := st.SenderName
	if name == "" {
		name = orgName
	}
	return (&netmail.Address{Name: name, Address: addr}).String()
}

func (s *Service) messageID(id uuid.UUID) string {
	host := "relance.localhost"
	if u, err := url.Parse(s.opts.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return id.String() + "@" + host
}

// sent records the SMTP acceptance as the proof of sending: the action sent, its items sent,
// and a reminder_sent activity on each invoice's timeline (as ledger.RecordActivity writes it),
// in one statement. It applies to the attempt that sent (the same attempts count), whatever an
// impatient sweep called the action meanwhile: the server's answer is the truth.
func (s *Service) sent(ctx context.Context, out *outgoing, r mail.Receipt) error {
	a := out.action
	now := s.opts.Now()
	ids, invoices, steps := make([]uuid.UUID, len(out.lines)), make([]uuid.UUID, len(out.lines)), make([]uuid.UUID, len(out.lines))
	for i, l := range out.lines {
		ids[i], invoices[i], steps[i] = newID(), l.InvoiceID, l.StepID
	}
	data := ledger.JSON{"action_id": a.ID, "stage": a.Stage, "channel": a.Channel, "subject": a.Subject,
		"to": []string(a.ToAddresses), "message_id": a.MessageID}
	return s.db.WithContext(ctx).Exec(`WITH action AS (
			UPDATE dunning_actions SET status = 'sent', sent_at = @now, smtp_response = @response, error = '',
			       message_id = coalesce(nullif(@message_id, ''), message_id), updated_at = @now
			 WHERE id = @action AND attempts = @attempt AND status IN ('sending', 'uncertain') RETURNING id),
		items AS (
			UPDATE dunning_action_items x SET status = 'sent'
			  FROM action
			 WHERE x.organization_id = @org AND x.action_id = action.id AND x.status = 'planned'
			RETURNING x.invoice_id, x.step_id)
		INSERT INTO timeline_entries (id, organization_id, customer_id, invoice_id, kind, data, occurred_at)
		SELECT coalesce(x.id, gen_random_uuid()), @org, @customer, items.invoice_id, 'reminder_sent', @data, @at
		  FROM items LEFT JOIN unnest(CAST(@ids AS uuid[]), CAST(@invoices AS uuid[]), CAST(@steps AS uuid[]))
		       AS x (id, invoice_id, step_id) USING (invoice_id, step_id)`,
		map[string]any{"now": now, "response": r.Response, "message_id": strings.Trim(r.MessageID, "<>"), "action": a.ID,
			"attempt": a.Attempts, "org": a.OrganizationID, "customer": a.CustomerID, "data": data, "at": time.Now(),
			"ids": pq.Array(ids), "invoices": pq.Array(invoices), "steps": pq.Array(steps)}).Error
}

// sendFailed puts the action back in the queue for River's retry, or marks it failed for good.
// The server refused the message or was never reached: nothing went out.
func (s *Service) sendFailed(tx *gorm.DB, a Action, sendErr error, final bool) error {
	status := StatusQueued
	if final {
		status = StatusFailed
	}
	res := tx.Exec(`UPDATE dunning_actions SET status = ?, error = ?, handed_at = NULL, updated_at = ?
		WHERE id = ? AND attempts = ? AND status = 'sending'`, status, sendErr.Error(), s.opts.Now(), a.ID, a.Attempts)
	if res.Error != nil || res.RowsAffected == 0 || !final {
		return res.Error
	}
	if err := record(tx, system(a.OrganizationID), "reminder_failed", &a.CustomerID, nil,
		ledger.JSON{"action_id": a.ID, "stage": a.Stage, "error": sendErr.Error()}); err != nil {
		return err
	}
	s.opts.Log.Warn("dunning: reminder failed", "action_id", a.ID, "error", sendErr)
	return nil
}

// markUncertain records that an action may or may not have reached its recipients: it was
// handed to the SMTP server and no answer was recorded. reason is the sending error when there
// was one (a timeout, a dropped connection); empty when the attempt never came back (a crash),
// which the status itself says.
func (s *Service) markUncertain(tx *gorm.DB, a Action, reason string) error {
	res := tx.Exec(`UPDATE dunning_actions SET status = 'uncertain', error = ?, updated_at = ?
		WHERE id = ? AND attempts = ? AND status = 'sending'`, reason, s.opts.Now(), a.ID, a.Attempts)
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	s.opts.Log.Warn("dunning: reminder outcome unknown", "action_id", a.ID, "error", reason, "attempt", a.Attempts)
	return record(tx, system(a.OrganizationID), "reminder_uncertain", &a.CustomerID, nil,
		ledger.JSON{"action_id": a.ID, "stage": a.Stage, "channel": a.Channel, "error": reason})
}

// MarkStaleSends calls uncertain every action handed to the SMTP server longer ago than an
// attempt may last, whose attempt never recorded an answer (its process died, and its job was
// given up). It returns how many it marked.
func (s *Service) MarkStaleSends(ctx context.Context) (int, error) {
	var stale []Action
	err := s.db.WithContext(ctx).Where("status = ? AND handed_at < ?", StatusSending,
		s.opts.Now().Add(-s.opts.SendTimeout)).Order("handed_at").Limit(10_000).Find(&stale).Error
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range stale {
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
				Where("id = ? AND status = ?", a.ID, StatusSending).Take(&a).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return nil // sent meanwhile, or being looked at by its job
				}
				return err
			}
			n++
			return s.markUncertain(tx, a, "")
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// skipAction closes an action that has nothing (or nobody) left to send to.
func (s *Service) skipAction(tx *gorm.DB, a Action, reason string) error {
	if err := tx.Exec(`UPDATE dunning_actions SET status = 'skipped', skip_reason = ?, updated_at = ? WHERE id = ?`,
		reason, s.opts.Now(), a.ID).Error; err != nil {
		return err
	}
	if reason == ReasonNothingLeft {
		return nil // each invoice's reason is already on its timeline
	}
	if err := tx.Exec(`UPDATE dunning_action_items SET status = 'skipped', skip_reason = ? WHERE organization_id = ?
		AND action_id = ? AND status = 'planned'`, reason, a.OrganizationID, a.ID).Error; err != nil {
		return err
	}
	return record(tx, system(a.OrganizationID), "reminder_skipped", &a.CustomerID, nil,
		ledger.JSON{"action_id": a.ID, "stage": a.Stage, "channel": a.Channel, "reason": reason})
}
