package portal

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/zone"
)

// Page is everything the debtor page shows: one customer of one organisation, in one language.
// The statement (PDF and CSV) is drawn from the same data.
//
// Like the dunning engine, the page reads the ledger's and the dunning engine's rows directly
// (read only), always filtered on the access's organisation AND customer.
type Page struct {
	Lang           string    // "fr" or "en": the page's language
	Today          time.Time // the organisation's today (a date, UTC midnight)
	Org            PageOrg
	Customer       PageCustomer
	ContactEmail   string // the contact the link was sent to
	Invoices       []PageInvoice
	Totals         PageTotals
	RecentPayments []PagePayment // the last 12 months, newest first
	Payments       PagePayments  // online payment (Stripe)
	// Late-payment terms: penalties per invoice are shown when the dunning settings say so.
	ShowPenalties      bool
	PenaltyRate        string // annual percent, written the page's way: "12,15"
	IndemnityCents     int64  // per late invoice, in euros
	PromiseHorizonDays int    // how far ahead a promise may go

	// Digest identifies what the page shows: a SHA-256 of everything it was made from (the
	// rows read, as Postgres sent them, and every other input: link, language, today, payment
	// methods, penalty terms). Two pages with the same digest are the same page; the API keeps
	// rendered pages by it. Whatever new input a page gets must be written into it (digest).
	Digest [sha256.Size]byte `json:"-"`
}

// digest is a Page's digest being written: each value length-prefixed, so that no two lists
// of values write the same bytes; hashed once at the end (a 200-invoice page writes ~40 KB).
type digest struct{ buf []byte }

func newDigest() *digest { return &digest{buf: make([]byte, 0, 64<<10)} }

func (d *digest) bytes(b []byte) {
	d.buf = binary.BigEndian.AppendUint32(d.buf, uint32(len(b)))
	d.buf = append(d.buf, b...)
}

func (d *digest) str(vals ...string) {
	for _, v := range vals {
		d.buf = binary.BigEndian.AppendUint32(d.buf, uint32(len(v)))
		d.buf = append(d.buf, v...)
	}
}

// row writes a row as Postgres sent it (a NULL is told apart from an empty value).
func (d *digest) row(raw [][]byte) {
	d.str("row")
	for _, v := range raw {
		if v == nil {
			d.buf = binary.BigEndian.AppendUint32(d.buf, 1<<32-1)
			continue
		}
		d.bytes(v)
	}
}

func (d *digest) sum() [sha256.Size]byte { return sha256.Sum256(d.buf) }

// PageOrg is who is asking: the creditor.
type PageOrg struct {
	ID         uuid.UUID
	Name       string
	BrandColor string // "#1c7ed6"
	HasLogo    bool   // served at /p/{token}/logo
	Phone      string
	Email      string
	IBAN       string // grouped by four: "FR76 3000 6000 …"
	BIC        string
	Reference  string // the transfer reference: RLC-<customer external id or short id>
}

// PageCustomer is the debtor.
type PageCustomer struct {
	ID       uuid.UUID
	Name     string
	Language string
	Currency string
}

// Invoice statuses on the page, in the order they win.
const (
	StatusDisputed = "disputed"
	StatusPromised = "promised"
	StatusLate     = "late"
	StatusDueToday = "due_today"
	StatusNotDue   = "not_due"
)

// PageInvoice is an open invoice of the customer.
type PageInvoice struct {
	ID           uuid.UUID
	Number       string
	IssueDate    time.Time
	DueDate      time.Time
	Currency     string
	TotalCents   int64
	BalanceCents int64
	DaysLate     int
	PenaltyCents int64 // interest + recovery indemnity today (0 unless ShowPenalties)
	Disputed     bool
	PromisedOn   *time.Time // an open promise's date
	HasPDF       bool
	Status       string // StatusDisputed, StatusPromised, StatusLate, StatusDueToday, StatusNotDue
}

// PageTotals sum the open invoices.
type PageTotals struct {
	Currency      string
	DueCents      int64
	OverdueCents  int64
	DisputedCents int64
	PenaltyCents  int64
	CreditCents   int64      // unallocated payments and credit notes
	OldestDue     *time.Time // the earliest due date of an open invoice
	OpenInvoices  int
	LateInvoices  int
}

// PagePayment is a payment received from the customer.
type PagePayment struct {
	ID          uuid.UUID
	ReceivedOn  time.Time
	Currency    string
	AmountCents int64
	Method      string // transfer, card, sepa_debit, check, cash, other
	Reference   string
	Invoices    []string // numbers of the invoices it settled
}

// PagePayments says whether the debtor can pay online, and how.
type PagePayments struct {
	Enabled bool
	Methods []string // card, sepa_debit
}

// Page gathers the page of the customer a link opens. lang is "fr" or "en"; anything else means
// the customer's language.
func (s *Service) Page(ctx context.Context, a Access, lang string) (Page, error) {
	d := newDigest()
	pg, terms, err := s.page(ctx, a, lang, d)
	if err != nil {
		return Page{}, err
	}
	// Penalties under the dunning settings, read with the page; an organisation without them
	// yet gets them installed (on first use, in a transaction of its own).
	if terms == nil && s.opts.Dunning != nil {
		t, err := s.opts.Dunning.PenaltyTermsOf(ctx, a.OrganizationID)
		if err != nil {
			return Page{}, err
		}
		terms = &t
		d.str("terms", strconv.FormatBool(t.Show), t.Rate.String(), strconv.FormatInt(t.IndemnityCents, 10))
	}
	if terms != nil {
		applyPenalties(&pg, *terms)
	}
	pg.Digest = d.sum()
	return pg, nil
}

func applyPenalties(pg *Page, terms dunning.PenaltyTerms) {
	pg.ShowPenalties, pg.IndemnityCents = terms.Show, terms.IndemnityCents
	rate := terms.Rate.StringFixed(2)
	if pg.Lang == "fr" {
		rate = strings.ReplaceAll(rate, ".", ",")
	}
	pg.PenaltyRate = rate
	if !terms.Show {
		return
	}
	for i := range pg.Invoices {
		inv := &pg.Invoices[i]
		if !inv.Disputed {
			inv.PenaltyCents = terms.Of(inv.BalanceCents, inv.Currency, dateOnly(inv.DueDate), pg.Today).TotalCents
			pg.Totals.PenaltyCents += inv.PenaltyCents
		}
	}
}

// page reads the page's rows straight through pgx: the page is the busiest read of the portal
// (a customer with 200 open invoices is 200 rows per view), and scanning them through GORM's
// reflection cost more than the rest of the view.
//
// Its three reads go in one round trip (a pgx batch), each a statement of its own under READ
// COMMITTED: a transaction around them would only add its BEGIN and COMMIT to every view.
func (s *Service) page(ctx context.Context, a Access, lang string, d *digest) (Page, *dunning.PenaltyTerms, error) {
	var org struct {
		Name, Timezone             string
		BrandColor, LogoKey        *string
		CreditorIBAN, CreditorBIC  *string
		ContactPhone, ContactEmail *string
		PaymentMethods             []string
		PromiseHorizonDays         *int32
		CustomerName, CustomerLang string
		CustomerCurrency           string
		CustomerExternalID         *string
		CreditCents                int64
		// The dunning settings' penalty terms (NULL before the organisation's first use).
		ShowPenalties      *bool
		ECBRate, LegalRate *decimal.Decimal
		ContractRate       *decimal.Decimal
		IndemnityCents     *int64
	}
	d.str("link", a.LinkID.String(), a.OrganizationID.String(), a.CustomerID.String(), a.ContactEmail, "lang", lang)
	// Payments of the last 12 months: a day's margin here, the exact day (the organisation's)
	// below.
	since := s.opts.Now().AddDate(-1, 0, -1).Format(time.DateOnly)
	b := &pgx.Batch{}
	b.Queue(`SELECT o.name, o.timezone, ps.brand_color, ps.logo_key, ps.creditor_iban, ps.creditor_bic,
			ps.contact_phone, ps.contact_email, ps.payment_methods, ps.promise_horizon_days,
			c.name AS customer_name, c.language AS customer_lang, c.currency AS customer_currency,
			c.external_id AS customer_external_id,
			-- Credit: what was paid or credited beyond its allocations.
			(SELECT coalesce(sum(d.amount_cents - coalesce(al.allocated, 0)), 0) FROM (
				SELECT id, amount_cents FROM ledger_payments
				WHERE organization_id = c.organization_id AND customer_id = c.id AND reversed_at IS NULL
				UNION ALL
				SELECT id, amount_cents FROM ledger_credit_notes WHERE organization_id = c.organization_id AND customer_id = c.id) d
			LEFT JOIN LATERAL (SELECT sum(amount_cents) AS allocated FROM ledger_allocations
				WHERE organization_id = c.organization_id AND (payment_id = d.id OR credit_note_id = d.id)) al ON true
			) AS credit_cents,
			ds.show_penalties, ds.ecb_rate, ds.legal_rate, ds.contract_rate, ds.indemnity_cents
		FROM ledger_customers c JOIN organization_profiles o ON o.id = c.organization_id
		LEFT JOIN portal_settings ps ON ps.organization_id = c.organization_id
		LEFT JOIN dunning_terms ds ON ds.organization_id = c.organization_id
		WHERE c.organization_id = $1 AND c.id = $2`, a.OrganizationID, a.CustomerID)
	b.Queue(invoicesSQL, a.OrganizationID, a.CustomerID)
	b.Queue(paymentsSQL, a.OrganizationID, a.CustomerID, since)
	br := s.opts.DB.Pool.SendBatch(ctx, b)
	defer br.Close()

	rows, err := br.Query()
	if err != nil {
		return Page{}, nil, err
	}
	_, err = pgx.CollectExactlyOneRow(rows, func(r pgx.CollectableRow) (struct{}, error) {
		d.row(r.RawValues())
		return struct{}{}, r.Scan(&org.Name, &org.Timezone, &org.BrandColor, &org.LogoKey, &org.CreditorIBAN,
			&org.CreditorBIC, &org.ContactPhone, &org.ContactEmail, &org.PaymentMethods, &org.PromiseHorizonDays,
			&org.CustomerName, &org.CustomerLang, &org.CustomerCurrency, &org.CustomerExternalID, &org.CreditCents,
			&org.ShowPenalties, &org.ECBRate, &org.LegalRate, &org.ContractRate, &org.IndemnityCents)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return Page{}, nil, ErrLinkInvalid
	}
	if err != nil {
		return Page{}, nil, err
	}
	var terms *dunning.PenaltyTerms
	if org.ShowPenalties != nil {
		t := dunning.PenaltyTermsFrom(*org.ShowPenalties, *org.ECBRate, *org.LegalRate, org.ContractRate, *org.IndemnityCents)
		terms = &t
	}
	if lang != "fr" && lang != "en" {
		lang = org.CustomerLang
	}
	if lang != "fr" && lang != "en" {
		lang = "fr"
	}
	today := zone.Day(s.opts.Now(), org.Timezone)
	pg := Page{
		Lang: lang, Today: today, ContactEmail: a.ContactEmail,
		Org: PageOrg{ID: a.OrganizationID, Name: org.Name, BrandColor: deref(org.BrandColor, "#1c7ed6"),
			HasLogo: org.LogoKey != nil && *org.LogoKey != "", Phone: deref(org.ContactPhone, ""),
			Email: deref(org.ContactEmail, ""), IBAN: locale.IBAN(deref(org.CreditorIBAN, "")),
			BIC:       strings.ToUpper(strings.TrimSpace(deref(org.CreditorBIC, ""))),
			Reference: TransferReference(org.CustomerExternalID, a.CustomerID)},
		Customer: PageCustomer{ID: a.CustomerID, Name: org.CustomerName, Language: org.CustomerLang,
			Currency: org.CustomerCurrency},
		PromiseHorizonDays: 30,
		Totals:             PageTotals{Currency: org.CustomerCurrency, CreditCents: org.CreditCents},
	}
	if org.PromiseHorizonDays != nil {
		pg.PromiseHorizonDays = int(*org.PromiseHorizonDays)
	}
	methods := org.PaymentMethods
	if org.PaymentMethods == nil {
		methods = []string{"card", "sepa_debit"} // the settings' defaults
	}
	if s.opts.PaymentsEnabled && len(methods) > 0 {
		pg.Payments = PagePayments{Enabled: true, Methods: methods}
	}
	d.str("today", today.Format(time.DateOnly), "payments", strconv.FormatBool(pg.Payments.Enabled))
	d.str(pg.Payments.Methods...)

	rows, err = br.Query()
	if err != nil {
		return Page{}, nil, err
	}
	pg.Invoices, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (PageInvoice, error) {
		var inv PageInvoice
		d.row(r.RawValues())
		// Ids scanned as their 16 bytes: through uuid.UUID's Scan, pgx would write and parse text.
		err := r.Scan((*[16]byte)(&inv.ID), &inv.Number, &inv.IssueDate, &inv.DueDate, &inv.Currency, &inv.TotalCents,
			&inv.BalanceCents, &inv.HasPDF, &inv.Disputed, &inv.PromisedOn)
		return inv, err
	})
	if err != nil {
		return Page{}, nil, err
	}
	for i := range pg.Invoices {
		inv := &pg.Invoices[i]
		inv.DaysLate = max(0, int(today.Sub(dateOnly(inv.DueDate)).Hours()/24))
		switch {
		case inv.Disputed:
			inv.Status = StatusDisputed
		case inv.PromisedOn != nil && !dateOnly(*inv.PromisedOn).Before(today):
			inv.Status = StatusPromised
		case inv.DaysLate > 0:
			inv.Status = StatusLate
		case dateOnly(inv.DueDate).Equal(today):
			inv.Status = StatusDueToday
		default:
			inv.Status = StatusNotDue
		}
		t := &pg.Totals
		t.DueCents += inv.BalanceCents
		t.OpenInvoices++
		if inv.DaysLate > 0 {
			t.OverdueCents += inv.BalanceCents
			t.LateInvoices++
		}
		if inv.Disputed {
			t.DisputedCents += inv.BalanceCents
		}
		if t.OldestDue == nil || inv.DueDate.Before(*t.OldestDue) {
			d := dateOnly(inv.DueDate)
			t.OldestDue = &d
		}
	}

	rows, err = br.Query()
	if err != nil {
		return Page{}, nil, err
	}
	yearAgo := today.AddDate(-1, 0, 0)
	pg.RecentPayments, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (PagePayment, error) {
		var p PagePayment
		d.row(r.RawValues())
		err := r.Scan((*[16]byte)(&p.ID), &p.ReceivedOn, &p.Currency, &p.AmountCents, &p.Method, &p.Reference, &p.Invoices)
		return p, err
	})
	if err != nil {
		return Page{}, nil, err
	}
	// The margin's payments out, the rows still written in the digest (same rows, same page).
	pg.RecentPayments = slices.DeleteFunc(pg.RecentPayments, func(p PagePayment) bool { return p.ReceivedOn.Before(yearAgo) })
	return pg, terms, nil
}

// invoicesSQL reads a customer's open invoices ($1 organisation, $2 customer), whether each is
// under an open dispute and the date of its open promise.
const invoicesSQL = `SELECT i.id, i.number, i.issue_date, i.due_date, i.currency, i.total_cents, i.balance_cents,
			i.pdf_key IS NOT NULL AS has_pdf,
			EXISTS (SELECT 1 FROM dunning_dispute_invoices di JOIN dunning_disputes d ON d.organization_id = di.organization_id
				AND d.id = di.dispute_id WHERE di.organization_id = i.organization_id AND di.invoice_id = i.id
				AND d.customer_id = i.customer_id AND d.status = 'open') AS disputed,
			(SELECT max(p.promised_on) FROM dunning_promise_invoices pi JOIN dunning_promises p ON p.organization_id = pi.organization_id
				AND p.id = pi.promise_id WHERE pi.organization_id = i.organization_id AND pi.invoice_id = i.id
				AND p.customer_id = i.customer_id AND p.status = 'open') AS promised_on
		FROM ledger_invoices i
		WHERE i.organization_id = $1 AND i.customer_id = $2 AND i.status IN ('open', 'partially_paid') AND i.balance_cents > 0
		ORDER BY i.due_date, i.number`

// paymentsSQL reads a customer's payments received since $3, newest first, with the numbers of
// the invoices each settled.
const paymentsSQL = `SELECT p.id, p.received_on, p.currency, p.amount_cents, p.method, p.reference,
			ARRAY(SELECT i.number FROM ledger_allocations al JOIN ledger_invoices i ON i.organization_id = al.organization_id
				AND i.id = al.invoice_id WHERE al.organization_id = p.organization_id AND al.payment_id = p.id
				AND i.customer_id = p.customer_id ORDER BY i.due_date, i.number) AS numbers
		FROM ledger_payments p
		WHERE p.organization_id = $1 AND p.customer_id = $2 AND p.reversed_at IS NULL AND p.received_on >= $3
		ORDER BY p.received_on DESC, p.created_at DESC LIMIT 100`

// OpenInvoicePDF opens the PDF of an invoice of the access's customer; an invoice of anyone
// else, or without a PDF, is errs.ErrNotFound. The caller closes the reader.
func (s *Service) OpenInvoicePDF(ctx context.Context, a Access, invoiceID uuid.UUID) (io.ReadCloser, string, error) {
	var row struct {
		Number string
		PDFKey *string `gorm:"column:pdf_key"`
	}
	err := s.db.WithContext(ctx).Raw(`SELECT number, pdf_key FROM ledger_invoices
		WHERE organization_id = ? AND customer_id = ? AND id = ?`, a.OrganizationID, a.CustomerID, invoiceID).Scan(&row).Error
	if err != nil {
		return nil, "", err
	}
	if row.Number == "" || row.PDFKey == nil || s.opts.Files == nil {
		return nil, "", errs.ErrNotFound
	}
	f, err := s.opts.Files.Open(ctx, *row.PDFKey)
	if err != nil {
		return nil, "", fmt.Errorf("portal: invoice %s PDF: %w", row.Number, err)
	}
	return f, row.Number, nil
}

// RecordDownload puts a document the debtor downloaded on the customer's timeline: "statement"
// (with its format) or "invoice" (with the invoice).
func (s *Service) RecordDownload(ctx context.Context, a Access, document, format string, invoiceID *uuid.UUID) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return record(tx, system(a.OrganizationID), "portal_document_downloaded", &a.CustomerID, invoiceID,
			map[string]any{"link_id": a.LinkID, "document": document, "format": format, "contact": a.ContactEmail})
	})
}

// TransferReference is the reference a customer's transfers carry: RLC- and the customer's
// external id (letters, digits and dashes, upper case), or the last 8 hex digits of its id.
func TransferReference(externalID *string, id uuid.UUID) string {
	if externalID != nil {
		ref := strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z':
				return r - 'a' + 'A'
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
				return r
			case r == ' ' || r == '_' || r == '/' || r == '.':
				return '-'
			}
			return -1
		}, strings.TrimSpace(*externalID))
		if ref = strings.Trim(ref, "-"); ref != "" && len(ref) <= 30 {
			return "RLC-" + ref
		}
	}
	hex := strings.ReplaceAll(id.String(), "-", "")
	return "RLC-" + strings.ToUpper(hex[len(hex)-8:])
}

func deref(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
