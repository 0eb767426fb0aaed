package portal

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/platform/page"
)

// The dashboard side of the page: links staff share, what debtors told us (questions, disputes,
// promises, bank-detail changes) and what staff do about it. Every query is scoped by the
// principal's organisation.

// Errors of the dashboard side.
var (
	ErrAnswered     = errs.New(errs.KindConflict, "portal.question_already_answered")
	ErrNoAttachment = errs.New(errs.KindNotFound, "portal.nothing_attached")
)

// Statuses a list can be filtered on.
var (
	QuestionStatuses   = []string{"open", "answered"}
	DisputeStatuses    = []string{"open", "resolved"}
	PromiseStatuses    = []string{"open", "kept", "broken", "cancelled"}
	BankChangeStatuses = []string{"pending", "confirmed", "rejected"}
)

// LinkView is a link as staff see it (never its token), with its state today.
type LinkView struct {
	Link
	Status        string // active, expired or revoked
	CreatedByName *string
}

// ShareLink makes a link to a customer's page for staff to send to contactEmail (optional).
func (s *Service) ShareLink(ctx context.Context, p auth.Principal, customer uuid.UUID, contactEmail string) (CreatedLink, error) {
	if err := canWrite(p); err != nil {
		return CreatedLink{}, err
	}
	contactEmail = strings.TrimSpace(contactEmail)
	if contactEmail != "" && !locale.ValidEmail(contactEmail) {
		return CreatedLink{}, errs.Invalid("contact_email", "common.email_invalid")
	}
	return s.CreateLink(ctx, p, customer, contactEmail)
}

// CustomerLinks lists a customer's links, newest first, with their visits.
func (s *Service) CustomerLinks(ctx context.Context, p auth.Principal, customer uuid.UUID) ([]LinkView, error) {
	db := s.db.WithContext(ctx)
	if err := customerExists(db, p.OrganizationID, customer); err != nil {
		return nil, err
	}
	out := []LinkView{}
	err := db.Raw(`SELECT l.*, u.name AS created_by_name FROM portal_links l LEFT JOIN user_names u ON u.id = l.created_by
		WHERE l.organization_id = ? AND l.customer_id = ? ORDER BY l.created_at DESC, l.id LIMIT 200`,
		p.OrganizationID, customer).Scan(&out).Error
	now := s.opts.Now()
	for i, l := range out {
		switch {
		case l.RevokedAt != nil:
			out[i].Status = "revoked"
		case !l.ExpiresAt.After(now):
			out[i].Status = "expired"
		default:
			out[i].Status = "active"
		}
	}
	return out, err
}

func customerExists(db *gorm.DB, org, customer uuid.UUID) error {
	var n int64
	if err := db.Table("ledger_customers").Where("organization_id = ? AND id = ?", org, customer).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return errs.ErrNotFound
	}
	return nil
}

// Filter narrows a list of what debtors told us.
type Filter struct {
	Status     string
	CustomerID *uuid.UUID
}

func (f Filter) check(statuses []string, message string, sorts map[string]string, q page.Query) error {
	var v errs.Validation
	v.Check(f.Status == "" || slices.Contains(statuses, f.Status), "status", message)
	v.Check(page.ValidSort(q.Sort, sorts), "sort", "common.unknown_sort_column")
	return v.Err()
}

// staffList is how one of the staff lists is read: the statuses it filters on (and the message
// naming them), its sortable columns, the alias of its rows, the condition a search adds (each ?
// takes the search's LIKE pattern), the default order and the tie-break.
type staffList struct {
	statuses          []string
	statusHint        string
	sorts             map[string]string
	alias, search     string
	order, tieBreaker string
}

// fetchList checks the filter and sort, applies them and the search to query, and reads one page.
func fetchList[T any](query *gorm.DB, f Filter, q page.Query, l staffList) (page.Result[T], error) {
	if err := f.check(l.statuses, l.statusHint, l.sorts, q); err != nil {
		return page.Result[T]{}, err
	}
	query = f.apply(query, l.alias)
	if q.Normalize().Q != "" {
		like := make([]any, strings.Count(l.search, "?"))
		for i := range like {
			like[i] = q.Like()
		}
		query = query.Where(l.search, like...)
	}
	return page.Fetch[T](query, q, l.sorts, l.order, l.tieBreaker)
}

func (f Filter) apply(db *gorm.DB, alias string) *gorm.DB {
	if f.Status != "" {
		db = db.Where(alias+".status = ?", f.Status)
	}
	if f.CustomerID != nil {
		db = db.Where(alias+".customer_id = ?", *f.CustomerID)
	}
	return db
}

// QuestionView is a question asked on the page, with who asked it and its answer.
type QuestionView struct {
	ID             uuid.UUID
	CustomerID     uuid.UUID
	CustomerName   string
	LinkID         *uuid.UUID
	ContactEmail   string // the address of the link it was asked through
	InvoiceID      *uuid.UUID
	InvoiceNumber  *string
	Message        string
	AttachmentKey  *string
	AttachmentName *string
	Status         string
	Answer         string
	AnsweredBy     *uuid.UUID
	AnsweredByName *string
	AnsweredAt     *time.Time
	CreatedAt      time.Time
	EmailedTo      string `gorm:"-"` // where AnswerQuestion sent the answer
}

const questionColumns = `q.id, q.customer_id, c.name AS customer_name, q.link_id, coalesce(l.contact_email, '') AS contact_email,
	q.invoice_id, i.number AS invoice_number, q.message, q.attachment_key, q.attachment_name, q.status, q.answer,
	q.answered_by, u.name AS answered_by_name, q.answered_at, q.created_at`

var questionList = staffList{statuses: QuestionStatuses, statusHint: "portal.filter_open_answered",
	sorts: map[string]string{"created_at": "q.created_at", "status": "q.status", "customer": "lower(c.name)"}, alias: "q",
	search: "(q.message ILIKE ? OR q.answer ILIKE ? OR c.name ILIKE ? OR l.contact_email ILIKE ? OR i.number ILIKE ?)",
	order:  "q.status = 'answered', q.created_at DESC", tieBreaker: "q.id"}

// fromDebtors narrows a query of what debtors sent (rows of alias a, with a customer_id and a
// link_id) to the organisation, and joins their customer (c) and the link they came through (l).
func fromDebtors(query *gorm.DB, a string, org uuid.UUID) *gorm.DB {
	return query.Joins("JOIN ledger_customers c ON c.organization_id = "+a+".organization_id AND c.id = "+a+".customer_id").
		Joins("LEFT JOIN portal_links l ON l.organization_id = "+a+".organization_id AND l.id = "+a+".link_id").
		Where(a+".organization_id = ?", org)
}

func (s *Service) questions(db *gorm.DB, org uuid.UUID) *gorm.DB {
	return fromDebtors(db.Table("portal_questions q").Select(questionColumns).
		Joins("LEFT JOIN ledger_invoices i ON i.organization_id = q.organization_id AND i.id = q.invoice_id").
		Joins("LEFT JOIN user_names u ON u.id = q.answered_by"), "q", org)
}

// ListQuestions lists the questions debtors asked, open ones first by default, newest first.
func (s *Service) ListQuestions(ctx context.Context, p auth.Principal, f Filter, q page.Query) (page.Result[QuestionView], error) {
	return fetchList[QuestionView](s.questions(s.db.WithContext(ctx), p.OrganizationID), f, q, questionList)
}

func (s *Service) question(db *gorm.DB, org, id uuid.UUID) (QuestionView, error) {
	return page.One[QuestionView](s.questions(db, org).Where("q.id = ?", id), errs.ErrNotFound)
}

// AnswerQuestion records staff's answer and emails it to the contact who asked (the address of
// the link the question came through, else the customer's accounting contact).
func (s *Service) AnswerQuestion(ctx context.Context, p auth.Principal, id uuid.UUID, answer string) (QuestionView, error) {
	if err := canWrite(p); err != nil {
		return QuestionView{}, err
	}
	answer = strings.TrimSpace(answer)
	if answer == "" || len([]rune(answer)) > 5000 {
		return QuestionView{}, errs.Invalid("answer", "portal.answer_length")
	}
	var v QuestionView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var status string
		if err := tx.Raw(`SELECT status FROM portal_questions WHERE organization_id = ? AND id = ? FOR UPDATE`,
			p.OrganizationID, id).Scan(&status).Error; err != nil {
			return err
		}
		switch status {
		case "":
			return errs.ErrNotFound
		case "answered":
			return ErrAnswered
		}
		var by *uuid.UUID
		if p.IsUser() {
			by = &p.UserID
		}
		if err := tx.Exec(`UPDATE portal_questions SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?
			WHERE organization_id = ? AND id = ?`, answer, by, s.opts.Now(), p.OrganizationID, id).Error; err != nil {
			return err
		}
		var err error
		if v, err = s.question(tx, p.OrganizationID, id); err != nil {
			return err
		}
		if v.EmailedTo, err = s.sendAnswer(ctx, tx, p, v); err != nil {
			return err
		}
		return record(tx, p, "portal_question_answered", &v.CustomerID, v.InvoiceID,
			ledger.JSON{"question_id": v.ID, "emailed_to": v.EmailedTo})
	})
	return v, err
}

// sendAnswer enqueues the answer's email in tx and returns the address it goes to ("" when the
// customer has no address to write to).
func (s *Service) sendAnswer(ctx context.Context, tx *gorm.DB, p auth.Principal, v QuestionView) (string, error) {
	var c struct {
		Language string
		OrgName  string
		Fallback string
		UserName string
		UserMail string
	}
	err := tx.Raw(`SELECT cu.language, o.name AS org_name,
		coalesce((SELECT ct.email FROM ledger_contacts ct WHERE ct.organization_id = cu.organization_id AND ct.customer_id = cu.id
		           AND ct.email <> '' ORDER BY ct.role <> 'accounting', NOT ct.receives_reminders, ct.created_at LIMIT 1), '') AS fallback,
		coalesce((SELECT name FROM user_names WHERE id = ?), '') AS user_name,
		coalesce((SELECT email::text FROM user_names WHERE id = ?), '') AS user_mail
		FROM ledger_customers cu JOIN organization_profiles o ON o.id = cu.organization_id
		WHERE cu.organization_id = ? AND cu.id = ?`, p.UserID, p.UserID, p.OrganizationID, v.CustomerID).Scan(&c).Error
	if err != nil {
		return "", err
	}
	to := v.ContactEmail
	if to == "" {
		to = c.Fallback
	}
	if to == "" {
		return "", nil
	}
	st, err := LoadSettings(tx, p.OrganizationID)
	if err != nil {
		return "", err
	}
	replyTo := st.ContactEmail
	if replyTo == "" {
		replyTo = c.UserMail
	}
	subject, text := answerEmail(c.Language, c.OrgName, c.UserName, st.ContactPhone, v)
	msg := mail.Message{To: []string{to}, ReplyTo: replyTo, Subject: subject, Text: text}
	return to, s.opts.Jobs.Enqueue(ctx, tx, mail.SendArgs{Message: msg})
}

// answerEmail writes the answer in the customer's language, quoting the question.
func answerEmail(lang, org, signer, phone string, v QuestionView) (subject, text string) {
	quoted := "> " + strings.ReplaceAll(strings.TrimSpace(v.Message), "\n", "\n> ")
	about := ""
	if v.InvoiceNumber != nil {
		about = locale.T(lang, "answer.about", *v.InvoiceNumber)
	}
	subject = locale.T(lang, "answer.subject", org, about)
	var b strings.Builder
	b.WriteString(locale.T(lang, "answer.body", locale.Date(v.CreatedAt, lang), about, quoted, v.Answer))
	for _, line := range []string{signer, org, phone} {
		if line != "" {
			b.WriteString(line + "\n")
		}
	}
	return subject, b.String()
}

// OpenQuestionAttachment returns the file a debtor joined to a question and its name.
func (s *Service) OpenQuestionAttachment(ctx context.Context, p auth.Principal, id uuid.UUID) (io.ReadCloser, string, error) {
	return s.openAttachment(ctx, "portal_questions", p.OrganizationID, id)
}

// OpenDisputeAttachment returns the file a debtor joined to a dispute and its name.
func (s *Service) OpenDisputeAttachment(ctx context.Context, p auth.Principal, id uuid.UUID) (io.ReadCloser, string, error) {
	return s.openAttachment(ctx, "dunning_disputes", p.OrganizationID, id)
}

// openAttachment reads the attachment of a row of table (one of this file's tables, never input).
func (s *Service) openAttachment(ctx context.Context, table string, org, id uuid.UUID) (io.ReadCloser, string, error) {
	var row struct {
		ID             uuid.UUID
		AttachmentKey  *string
		AttachmentName *string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT id, attachment_key, attachment_name FROM `+table+
		` WHERE organization_id = ? AND id = ?`, org, id).Scan(&row).Error
	switch {
	case err != nil:
		return nil, "", err
	case row.ID == uuid.Nil:
		return nil, "", errs.ErrNotFound
	}
	f, err := s.openFile(ctx, row.AttachmentKey, ErrNoAttachment)
	if err != nil {
		return nil, "", err
	}
	name := "attachment"
	if row.AttachmentName != nil && *row.AttachmentName != "" {
		name = *row.AttachmentName
	}
	return f, name, nil
}

// HeldInvoice is an invoice a dispute or a promise holds back.
type HeldInvoice struct {
	ID           uuid.UUID
	Number       string
	TotalCents   int64
	BalanceCents int64
	Currency     string
}

// held is a staff list of what holds invoices back (disputes, promises): the view dunning
// publishes (rows of alias list.alias) and the columns read, the view linking them to their
// invoices and its owner column. Constants of this file, never input.
type held struct {
	view, columns, links, owner string
	list                        staffList
}

var (
	heldDisputes = held{view: "dunning_disputes", links: "dunning_dispute_invoices", owner: "dispute_id",
		columns: `d.id, d.customer_id, d.reason, d.comment, d.source, d.status, d.resolution, d.link_id, d.attachment_key,
			d.attachment_name, d.opened_at, d.resolved_at`,
		list: staffList{statuses: DisputeStatuses, statusHint: "portal.filter_open_resolved",
			sorts: map[string]string{"opened_at": "d.opened_at", "status": "d.status", "customer": "lower(c.name)"}, alias: "d",
			search: "(c.name ILIKE ? OR d.comment ILIKE ? OR " + numberLike("d", "dunning_dispute_invoices", "dispute_id") + ")",
			order:  "d.status = 'resolved', d.opened_at DESC", tieBreaker: "d.id"}}
	heldPromises = held{view: "dunning_promises", links: "dunning_promise_invoices", owner: "promise_id",
		columns: "pr.id, pr.customer_id, pr.promised_on, pr.method, pr.source, pr.status, pr.link_id, pr.created_at, pr.closed_at",
		list: staffList{statuses: PromiseStatuses, statusHint: "portal.filter_open_kept_broken",
			sorts: map[string]string{"promised_on": "pr.promised_on", "created_at": "pr.created_at", "status": "pr.status",
				"customer": "lower(c.name)"}, alias: "pr",
			search: "(c.name ILIKE ? OR " + numberLike("pr", "dunning_promise_invoices", "promise_id") + ")",
			order:  "pr.status <> 'open', pr.promised_on, pr.created_at DESC", tieBreaker: "pr.id"}}
)

// numberLike is a condition on rows of alias a: one of their invoices (through links and its
// owner column) has a number like the search.
func numberLike(a, links, owner string) string {
	return `EXISTS (SELECT 1 FROM ` + links + ` x JOIN ledger_invoices i ON i.organization_id = x.organization_id
		AND i.id = x.invoice_id WHERE x.organization_id = ` + a + `.organization_id AND x.` + owner + ` = ` + a + `.id
		AND i.number ILIKE ?)`
}

// heldRow is a row of a held list: its id, and where its invoices go.
type heldRow[T any] interface {
	*T
	rowID() uuid.UUID
	setInvoices([]HeldInvoice)
}

func (d *DisputeListItem) rowID() uuid.UUID               { return d.ID }
func (d *DisputeListItem) setInvoices(inv []HeldInvoice)  { d.Invoices = inv }
func (pr *PromiseListItem) rowID() uuid.UUID              { return pr.ID }
func (pr *PromiseListItem) setInvoices(inv []HeldInvoice) { pr.Invoices = inv }

// listHeld reads a page of h's rows with their customer's name, each with the invoices it holds
// back, oldest due first.
func listHeld[T any, P heldRow[T]](db *gorm.DB, org uuid.UUID, h held, f Filter, q page.Query) (page.Result[T], error) {
	a := h.list.alias
	res, err := fetchList[T](db.Table(h.view+" "+a).Select(h.columns+", c.name AS customer_name").
		Joins("JOIN ledger_customers c ON c.organization_id = "+a+".organization_id AND c.id = "+a+".customer_id").
		Where(a+".organization_id = ?", org), f, q, h.list)
	if err != nil || len(res.Items) == 0 {
		return res, err
	}
	ids := make([]uuid.UUID, len(res.Items))
	for i := range res.Items {
		ids[i] = P(&res.Items[i]).rowID()
	}
	var rows []struct {
		OwnerID uuid.UUID
		HeldInvoice
	}
	err = db.Raw(`SELECT x.`+h.owner+` AS owner_id, i.id, i.number, i.total_cents, i.balance_cents, i.currency
		FROM `+h.links+` x JOIN ledger_invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id
		WHERE x.organization_id = ? AND x.`+h.owner+` IN ? ORDER BY i.due_date, i.number`, org, ids).Scan(&rows).Error
	byOwner := map[uuid.UUID][]HeldInvoice{}
	for _, r := range rows {
		byOwner[r.OwnerID] = append(byOwner[r.OwnerID], r.HeldInvoice)
	}
	for i, id := range ids {
		P(&res.Items[i]).setInvoices(append([]HeldInvoice{}, byOwner[id]...))
	}
	return res, err
}

// DisputeListItem is a dispute with its customer and invoices.
type DisputeListItem struct {
	ID             uuid.UUID
	CustomerID     uuid.UUID
	CustomerName   string
	Reason         string
	Comment        string
	Source         string
	Status         string
	Resolution     string
	LinkID         *uuid.UUID
	AttachmentKey  *string
	AttachmentName *string
	OpenedAt       time.Time
	ResolvedAt     *time.Time
	Invoices       []HeldInvoice `gorm:"-"`
}

// ListDisputes lists disputes, open ones first, newest first.
func (s *Service) ListDisputes(ctx context.Context, p auth.Principal, f Filter, q page.Query) (page.Result[DisputeListItem], error) {
	return listHeld[DisputeListItem](s.db.WithContext(ctx), p.OrganizationID, heldDisputes, f, q)
}

// PromiseListItem is a promise to pay with its customer and invoices.
type PromiseListItem struct {
	ID           uuid.UUID
	CustomerID   uuid.UUID
	CustomerName string
	PromisedOn   time.Time
	Method       string
	Source       string
	Status       string
	LinkID       *uuid.UUID
	CreatedAt    time.Time
	ClosedAt     *time.Time
	Invoices     []HeldInvoice `gorm:"-"`
}

// ListPromises lists promises to pay, open ones first, the soonest date first.
func (s *Service) ListPromises(ctx context.Context, p auth.Principal, f Filter, q page.Query) (page.Result[PromiseListItem], error) {
	return listHeld[PromiseListItem](s.db.WithContext(ctx), p.OrganizationID, heldPromises, f, q)
}

// BankChangeView is new bank details a debtor gave on the page, waiting for (or past) staff's
// decision, beside the account they would replace.
type BankChangeView struct {
	ID            uuid.UUID
	CustomerID    uuid.UUID
	CustomerName  string
	LinkID        *uuid.UUID
	ContactEmail  string
	Holder        string
	IBAN          string `gorm:"column:iban"`
	BIC           string `gorm:"column:bic"`
	Country       string
	Status        string
	DecidedBy     *uuid.UUID
	DecidedByName *string
	DecidedAt     *time.Time
	CreatedAt     time.Time
	CurrentIBAN   *string `gorm:"column:current_iban"`
}

var bankChangeList = staffList{statuses: BankChangeStatuses, statusHint: "portal.filter_pending_confirmed_rejected",
	sorts: map[string]string{"created_at": "b.created_at", "status": "b.status", "customer": "lower(c.name)"}, alias: "b",
	search: "(c.name ILIKE ? OR b.holder ILIKE ? OR b.iban ILIKE ?)",
	order:  "b.status <> 'pending', b.created_at DESC", tieBreaker: "b.id"}

func (s *Service) bankChanges(db *gorm.DB, org uuid.UUID) *gorm.DB {
	query := db.Table("bank_detail_changes b").Select(`b.id, b.customer_id, c.name AS customer_name, b.link_id,
		coalesce(l.contact_email, '') AS contact_email, b.holder, b.iban, b.bic, b.country, b.status, b.decided_by,
		u.name AS decided_by_name, b.decided_at, b.created_at, a.iban AS current_iban`).
		Joins("LEFT JOIN user_names u ON u.id = b.decided_by").
		Joins("LEFT JOIN customer_bank_accounts a ON a.organization_id = b.organization_id AND a.customer_id = b.customer_id")
	return fromDebtors(query, "b", org)
}

// ListBankChanges lists bank-detail changes, pending ones first, newest first.
func (s *Service) ListBankChanges(ctx context.Context, p auth.Principal, f Filter, q page.Query) (page.Result[BankChangeView], error) {
	return fetchList[BankChangeView](s.bankChanges(s.db.WithContext(ctx), p.OrganizationID), f, q, bankChangeList)
}

// ConfirmBankChange makes the new details the customer's account; nothing changed before.
func (s *Service) ConfirmBankChange(ctx context.Context, p auth.Principal, id uuid.UUID) (BankChangeView, error) {
	return s.decideBankChange(ctx, p, id, "confirmed")
}

// RejectBankChange refuses new details (a fraud attempt, a typing mistake): the account stays.
func (s *Service) RejectBankChange(ctx context.Context, p auth.Principal, id uuid.UUID) (BankChangeView, error) {
	return s.decideBankChange(ctx, p, id, "rejected")
}

func (s *Service) decideBankChange(ctx context.Context, p auth.Principal, id uuid.UUID, decision string) (BankChangeView, error) {
	if err := canWrite(p); err != nil {
		return BankChangeView{}, err
	}
	var v BankChangeView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var ch BankChangeView
		if err := tx.Raw(`SELECT id, customer_id, holder, iban, bic, country, status FROM bank_detail_changes
			WHERE organization_id = ? AND id = ? FOR UPDATE`, p.OrganizationID, id).Scan(&ch).Error; err != nil {
			return err
		}
		if ch.ID == uuid.Nil {
			return errs.ErrNotFound
		}
		if ch.Status != "pending" {
			return ErrDecided
		}
		var by *uuid.UUID
		if p.IsUser() {
			by = &p.UserID
		}
		now := s.opts.Now()
		if err := tx.Exec(`UPDATE bank_detail_changes SET status = ?, decided_by = ?, decided_at = ?
			WHERE organization_id = ? AND id = ?`, decision, by, now, p.OrganizationID, id).Error; err != nil {
			return err
		}
		if decision == "confirmed" {
			if err := tx.Exec(`INSERT INTO customer_bank_accounts (organization_id, customer_id, holder, iban, bic, country,
				confirmed_at, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (organization_id, customer_id) DO UPDATE SET holder = excluded.holder, iban = excluded.iban,
				bic = excluded.bic, country = excluded.country, confirmed_at = excluded.confirmed_at,
				change_id = excluded.change_id`, p.OrganizationID, ch.CustomerID, ch.Holder, ch.IBAN, ch.BIC, ch.Country,
				now, id).Error; err != nil {
				return err
			}
		}
		// The timeline keeps the end of the IBAN only: enough to tell accounts apart.
		if err := record(tx, p, "bank_details_"+decision, &ch.CustomerID, nil, ledger.JSON{"change_id": id,
			"country": ch.Country, "iban_end": ch.IBAN[max(0, len(ch.IBAN)-4):]}); err != nil {
			return err
		}
		err := s.bankChanges(tx, p.OrganizationID).Where("b.id = ?", id).Take(&v).Error
		return err
	})
	return v, err
}
