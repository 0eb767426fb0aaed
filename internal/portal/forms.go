package portal

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/platform/zone"
)

// What debtors tell us on their page: a question, a dispute, a promise to pay, new bank details.
// Each form is checked whole before anything is kept: a bad field stores no row, no file and no
// email. The values arrive as posted (strings), so every problem is reported on its field.

// MaxAttachment is the largest file a debtor may attach: 5 MB.
const MaxAttachment = 5 << 20

// MaxMessage is the longest question or comment.
const MaxMessage = 5000

// Upload is a file attached to a form. Data holds what was read of it, at most MaxAttachment+1
// bytes; Size is the size the client announced.
type Upload struct {
	Name string
	Size int64
	Data []byte
}

// QuestionForm is the #question form.
type QuestionForm struct {
	Message    string
	InvoiceID  string // optional
	Attachment *Upload
}

// DisputeForm is the #litige form.
type DisputeForm struct {
	InvoiceIDs []string
	Reason     string
	Comment    string
	Attachment *Upload
}

// PromiseForm is the #promesse form.
type PromiseForm struct {
	InvoiceIDs []string
	PromisedOn string // YYYY-MM-DD (a date input) or DD/MM/YYYY
	Method     string
}

// BankDetailsForm is the #coordonnees form.
type BankDetailsForm struct {
	Holder string
	IBAN   string
	BIC    string
}

// debtor is who acts on the page: no staff member, but allowed to open disputes and record
// promises for the one customer its link opens.
func debtor(org uuid.UUID) auth.Principal {
	return auth.Principal{OrganizationID: org, Role: auth.RoleCollector}
}

// formCustomer is what the forms and their emails need of the customer and its organisation.
type formCustomer struct {
	ID        uuid.UUID
	Name      string
	Language  string
	OrgName   string
	Timezone  string
	Horizon   int // portal_settings.promise_horizon_days
	ReplyTo   string
	OrgLocale string
}

func loadFormCustomer(tx *gorm.DB, a Access) (formCustomer, error) {
	var c formCustomer
	err := tx.Raw(`SELECT c.id, c.name, c.language, o.name AS org_name, o.timezone, o.locale AS org_locale,
			coalesce(ps.promise_horizon_days, 30) AS horizon,
			coalesce(nullif(ds.reply_to, ''), ps.contact_email, '') AS reply_to
		  FROM ledger_customers c JOIN organization_profiles o ON o.id = c.organization_id
		  LEFT JOIN portal_settings ps ON ps.organization_id = c.organization_id
		  LEFT JOIN dunning_terms ds ON ds.organization_id = c.organization_id
		 WHERE c.organization_id = ? AND c.id = ?`, a.OrganizationID, a.CustomerID).Scan(&c).Error
	if err == nil && c.ID == uuid.Nil {
		err = ErrLinkInvalid
	}
	return c, err
}

// today is the organisation's calendar day.
func (c formCustomer) today(now time.Time) time.Time {
	return zone.Day(now, c.Timezone)
}

// invoicesOf reads the invoices of the link's customer among ids (ledger.InvoiceBalances).
func invoicesOf(tx *gorm.DB, a Access, ids []uuid.UUID) (map[uuid.UUID]ledger.InvoiceBalance, error) {
	rows, err := ledger.InvoiceBalances(tx, a.OrganizationID, ids)
	out := map[uuid.UUID]ledger.InvoiceBalance{}
	for _, r := range rows {
		if r.CustomerID == a.CustomerID {
			out[r.ID] = r
		}
	}
	return out, err
}

// checkInvoiceList parses the ticked invoices: at least one, each an open invoice of the customer.
func checkInvoiceList(tx *gorm.DB, a Access, raw []string, v *errs.Validation) ([]ledger.InvoiceBalance, error) {
	var ids []uuid.UUID
	seen := map[uuid.UUID]bool{}
	bad := false
	for _, s := range raw {
		if strings.TrimSpace(s) == "" {
			continue
		}
		id, err := uuid.Parse(strings.TrimSpace(s))
		if err != nil {
			bad = true
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if bad {
		v.Add("invoice_ids", "portal.choose_invoices_list")
		return nil, nil
	}
	if len(ids) == 0 {
		v.Add("invoice_ids", "common.choose_invoices")
		return nil, nil
	}
	found, err := invoicesOf(tx, a, ids)
	if err != nil {
		return nil, err
	}
	var out []ledger.InvoiceBalance
	for _, id := range ids {
		inv, ok := found[id]
		switch {
		case !ok:
			v.Add("invoice_ids", "portal.choose_invoices_list")
			return nil, nil
		case !inv.Open():
			v.Add("invoice_ids", "portal.invoice_closed", inv.Number)
			return nil, nil
		}
		out = append(out, inv)
	}
	return out, nil
}

// attachment types, told by their first bytes (never by the name or the announced type).
var attachmentTypes = []struct {
	magic []byte
	ext   string
}{
	{[]byte("%PDF-"), "pdf"},
	{[]byte("\x89PNG\r\n\x1a\n"), "png"},
	{[]byte("\xff\xd8\xff"), "jpg"},
}

// checkUpload validates an optional attachment and returns its extension ("" for none).
func checkUpload(u *Upload, v *errs.Validation) string {
	if u == nil || (len(u.Data) == 0 && u.Size == 0 && u.Name == "") {
		return ""
	}
	if u.Size > MaxAttachment || len(u.Data) > MaxAttachment {
		v.Add("attachment", "common.file_too_large_5mb")
		return ""
	}
	for _, t := range attachmentTypes {
		if bytes.HasPrefix(u.Data, t.magic) {
			return t.ext
		}
	}
	v.Add("attachment", "portal.attach_pdf_png_jpeg")
	return ""
}

// attachmentName is the file name kept for display: its base name, printable, at most 200 chars.
func attachmentName(u *Upload, ext string) string {
	name := path.Base(strings.ReplaceAll(u.Name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == 127 {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" {
		name = "piece-jointe." + ext
	}
	for utf8.RuneCountInString(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// keepAttachment stores an accepted attachment under org/<id>/portal/<kind>/<id>.<ext> and returns its key
// and a function removing it (when the transaction that refers to it fails).
func (s *Service) keepAttachment(ctx context.Context, a Access, kind string, id uuid.UUID, ext string, u *Upload) (string, func(), error) {
	key := fmt.Sprintf("org/%s/portal/%s/%s.%s", a.OrganizationID, kind, id, ext)
	if _, err := s.opts.Files.Put(ctx, key, bytes.NewReader(u.Data)); err != nil {
		return "", nil, err
	}
	return key, func() { _ = s.opts.Files.Delete(context.WithoutCancel(ctx), key) }, nil
}

// AskQuestion records a debtor's question and emails the customer's internal contact.
func (s *Service) AskQuestion(ctx context.Context, a Access, f QuestionForm) error {
	var v errs.Validation
	msg := strings.TrimSpace(f.Message)
	v.Check(msg != "", "message", "portal.write_question")
	v.Check(utf8.RuneCountInString(msg) <= MaxMessage, "message", "common.at_most_chars", MaxMessage)
	ext := checkUpload(f.Attachment, &v)
	var invoice *ledger.InvoiceBalance
	if raw := strings.TrimSpace(f.InvoiceID); raw != "" {
		id, err := uuid.Parse(raw)
		var found map[uuid.UUID]ledger.InvoiceBalance
		if err == nil {
			if found, err = invoicesOf(s.db.WithContext(ctx), a, []uuid.UUID{id}); err != nil {
				return err
			}
		}
		if inv, ok := found[id]; ok {
			invoice = &inv
		} else {
			v.Add("invoice_id", "portal.choose_invoice_list")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	q := questionRow{ID: newID(), OrganizationID: a.OrganizationID, CustomerID: a.CustomerID, LinkID: &a.LinkID,
		Message: msg, Status: "open", CreatedAt: s.opts.Now()}
	if invoice != nil {
		q.InvoiceID = &invoice.ID
	}
	var drop func()
	if ext != "" {
		key, d, err := s.keepAttachment(ctx, a, "questions", q.ID, ext, f.Attachment)
		if err != nil {
			return err
		}
		name := attachmentName(f.Attachment, ext)
		q.AttachmentKey, q.AttachmentName, drop = &key, &name, d
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		c, err := loadFormCustomer(tx, a)
		if err != nil {
			return err
		}
		if err := tx.Create(&q).Error; err != nil {
			return err
		}
		data := ledger.JSON{"question_id": q.ID, "link_id": a.LinkID, "contact": a.ContactEmail, "message": excerpt(msg, 280)}
		if q.AttachmentName != nil {
			data["attachment_name"] = *q.AttachmentName
		}
		if err := record(tx, system(a.OrganizationID), "portal_question", &a.CustomerID, q.InvoiceID, data); err != nil {
			return err
		}
		return s.notifyStaff(ctx, tx, a, c, questionNotice(q, invoice))
	})
	if err != nil && drop != nil {
		drop()
	}
	return err
}

// questionRow is a debtor's question, as stored.
type questionRow struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	LinkID         *uuid.UUID
	InvoiceID      *uuid.UUID
	Message        string
	AttachmentKey  *string
	AttachmentName *string
	Status         string
	Answer         string
	AnsweredBy     *uuid.UUID
	AnsweredAt     *time.Time
	CreatedAt      time.Time
}

// TableName keeps GORM on the migration's table.
func (questionRow) TableName() string { return "portal_questions" }

// OpenDispute takes the ticked invoices out of the dunning flow (dunning.OpenDispute, source
// portal) and emails the customer's internal contact.
func (s *Service) OpenDispute(ctx context.Context, a Access, f DisputeForm) error {
	var v errs.Validation
	comment := strings.TrimSpace(f.Comment)
	v.Check(slices.Contains(dunning.DisputeReasons, f.Reason), "reason", "portal.choose_reason_list")
	v.Check(utf8.RuneCountInString(comment) <= MaxMessage, "comment", "common.at_most_chars", MaxMessage)
	ext := checkUpload(f.Attachment, &v)
	invoices, err := checkInvoiceList(s.db.WithContext(ctx), a, f.InvoiceIDs, &v)
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	in := dunning.DisputeInput{CustomerID: a.CustomerID, InvoiceIDs: idsOf(invoices), Reason: f.Reason,
		Comment: comment, Source: "portal", LinkID: &a.LinkID}
	var drop func()
	if ext != "" {
		key, d, err := s.keepAttachment(ctx, a, "disputes", newID(), ext, f.Attachment)
		if err != nil {
			return err
		}
		in.AttachmentKey, in.AttachmentName, drop = key, attachmentName(f.Attachment, ext), d
	}
	in.InTx = func(tx *gorm.DB, d dunning.DisputeView) error {
		c, err := loadFormCustomer(tx, a)
		if err != nil {
			return err
		}
		return s.notifyStaff(ctx, tx, a, c, disputeNotice(d, invoices, in.AttachmentName))
	}
	if _, err := s.opts.Dunning.OpenDispute(ctx, debtor(a.OrganizationID), in); err != nil {
		if drop != nil {
			drop()
		}
		return err
	}
	return nil
}

// PromisePayment records a promise to pay the ticked invoices on a date between today and the
// organisation's horizon (dunning.RecordPromise, source portal): reminders wait until the date
// plus the grace days. An earlier open promise covering only these invoices is replaced. The
// debtor's contact receives a confirmation in the customer's language.
func (s *Service) PromisePayment(ctx context.Context, a Access, f PromiseForm) error {
	var v errs.Validation
	v.Check(slices.Contains(dunning.PromiseMethods, f.Method), "method", "portal.choose_payment_method_list")
	c, err := loadFormCustomer(s.db.WithContext(ctx), a)
	if err != nil {
		return err
	}
	today := c.today(s.opts.Now())
	on, ok := parseFormDate(f.PromisedOn)
	switch {
	case strings.TrimSpace(f.PromisedOn) == "":
		v.Add("promised_on", "portal.choose_date")
	case !ok:
		v.Add("promised_on", "portal.date_format")
	case on.Before(today):
		v.Add("promised_on", "portal.date_in_past")
	case on.After(today.AddDate(0, 0, c.Horizon)):
		v.Add("promised_on", "portal.date_beyond_horizon", c.Horizon)
	}
	invoices, err := checkInvoiceList(s.db.WithContext(ctx), a, f.InvoiceIDs, &v)
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	in := dunning.PromiseInput{CustomerID: a.CustomerID, InvoiceIDs: idsOf(invoices), PromisedOn: on, Method: f.Method,
		Source: "portal", LinkID: &a.LinkID}
	in.InTx = func(tx *gorm.DB, p dunning.PromiseView) error {
		if err := replaceEarlierPromises(tx, a, p); err != nil {
			return err
		}
		return s.confirmPromise(ctx, tx, a, c, p, invoices)
	}
	_, err = s.opts.Dunning.RecordPromise(ctx, debtor(a.OrganizationID), in)
	return err
}

// replaceEarlierPromises cancels the customer's other open promises whose invoices are all in
// the new one: the debtor changed the date.
func replaceEarlierPromises(tx *gorm.DB, a Access, p dunning.PromiseView) error {
	ids, err := dunning.CancelPromisesCoveredBy(tx, a.OrganizationID, a.CustomerID, p.ID, p.InvoiceIDs)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := record(tx, system(a.OrganizationID), "promise_cancelled", &a.CustomerID, nil,
			ledger.JSON{"promise_id": id, "replaced_by": p.ID, "source": "portal"}); err != nil {
			return err
		}
	}
	return nil
}

// parseFormDate reads a date input's YYYY-MM-DD, or DD/MM/YYYY typed where there is no date picker.
func parseFormDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// bankChangeRow is a debtor's new bank account, waiting for staff confirmation.
type bankChangeRow struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	LinkID         *uuid.UUID
	Holder         string
	IBAN           string `gorm:"column:iban"`
	BIC            string `gorm:"column:bic"`
	Country        string
	Status         string
	DecidedBy      *uuid.UUID
	DecidedAt      *time.Time
	CreatedAt      time.Time
}

// TableName keeps GORM on the migration's table.
func (bankChangeRow) TableName() string { return "bank_detail_changes" }

// ChangeBankDetails records new bank details as a pending change (nothing else changes until
// staff confirm it) and alerts the customer's internal contact.
func (s *Service) ChangeBankDetails(ctx context.Context, a Access, f BankDetailsForm) error {
	var v errs.Validation
	holder := strings.Join(strings.Fields(f.Holder), " ")
	v.Check(holder != "", "holder", "portal.enter_account_holder_name")
	v.Check(utf8.RuneCountInString(holder) <= 200, "holder", "common.at_most_chars", 200)
	iban, country, problem := CheckIBAN(f.IBAN)
	if problem.Key != "" {
		v.Add("iban", problem.Key, problem.Args...)
	}
	var bic string
	if strings.TrimSpace(f.BIC) != "" {
		if bic, problem = CheckBIC(f.BIC, country); problem.Key != "" {
			v.Add("bic", problem.Key, problem.Args...)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	ch := bankChangeRow{ID: newID(), OrganizationID: a.OrganizationID, CustomerID: a.CustomerID, LinkID: &a.LinkID,
		Holder: holder, IBAN: iban, BIC: bic, Country: country, Status: "pending", CreatedAt: s.opts.Now()}
	return s.tx(ctx, func(tx *gorm.DB) error {
		c, err := loadFormCustomer(tx, a)
		if err != nil {
			return err
		}
		if err := tx.Create(&ch).Error; err != nil {
			return err
		}
		if err := record(tx, system(a.OrganizationID), "portal_bank_details", &a.CustomerID, nil, ledger.JSON{
			"change_id": ch.ID, "link_id": a.LinkID, "contact": a.ContactEmail, "holder": holder,
			"iban": maskIBAN(iban), "country": country}); err != nil {
			return err
		}
		return s.notifyStaff(ctx, tx, a, c, bankNotice(ch))
	})
}

// maskIBAN keeps the country, check digits and last four characters: enough to recognise it on
// the timeline without spreading the whole number.
func maskIBAN(iban string) string {
	if len(iban) <= 8 {
		return iban
	}
	return iban[:4] + strings.Repeat("•", len(iban)-8) + iban[len(iban)-4:]
}

func idsOf(invoices []ledger.InvoiceBalance) []uuid.UUID {
	out := make([]uuid.UUID, len(invoices))
	for i, inv := range invoices {
		out[i] = inv.ID
	}
	return out
}

// excerpt cuts s to n characters for the timeline.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// enqueueMail queues an email in tx.
func (s *Service) enqueueMail(ctx context.Context, tx *gorm.DB, m mail.Message) error {
	if s.opts.Jobs == nil {
		return nil
	}
	return s.opts.Jobs.Enqueue(ctx, tx, mail.SendArgs{Message: m})
}
