package payments

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"github.com/stripe/stripe-go/v76"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/portal"
)

// Methods are the payment method types Checkout may offer, as portal_settings.payment_methods
// and ledger payments name them.
const (
	MethodCard      = "card"
	MethodSEPADebit = "sepa_debit"
)

// minimumCents is Stripe's smallest charge in EUR and USD (0.50); smaller amounts go by transfer.
const minimumCents = 50

// Session is a Checkout Session opened from the debtor page (table checkout_sessions).
type Session struct {
	ID             string // Stripe's cs_… id
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	LinkID         *uuid.UUID
	InvoiceIDs     pq.StringArray `gorm:"type:uuid[]"`
	AmountCents    int64
	Currency       string
	Status         string // open, processing, paid, failed, expired
	PaymentID      *uuid.UUID
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName keeps GORM on the migration's table.
func (Session) TableName() string { return "checkout_sessions" }

// Session statuses.
const (
	StatusOpen       = "open"
	StatusProcessing = "processing" // a SEPA debit on its way
	StatusPaid       = "paid"
	StatusFailed     = "failed"
	StatusExpired    = "expired"
)

// account is what a checkout needs to know about the customer and its organisation.
type account struct {
	CustomerName string
	Currency     string
	Language     string
	OrgName      string
	Timezone     string
}

func loadAccount(tx *gorm.DB, org, customer uuid.UUID) (account, error) {
	var a account
	res := tx.Raw(`SELECT c.name AS customer_name, c.currency, c.language, o.name AS org_name, o.timezone
		FROM ledger_customers c JOIN organization_profiles o ON o.id = c.organization_id
		WHERE c.organization_id = ? AND c.id = ?`, org, customer).Scan(&a)
	if res.Error != nil {
		return a, res.Error
	}
	if res.RowsAffected == 0 {
		return a, portal.ErrLinkInvalid // the link's customer is gone
	}
	return a, nil
}

// acceptedMethods lists the methods an organisation accepts (portal settings, card and SEPA
// debit by default).
func (s *Service) acceptedMethods(tx *gorm.DB, org uuid.UUID) ([]string, error) {
	list, err := portal.PaymentMethodsOf(tx, org)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range list {
		if m == MethodCard || m == MethodSEPADebit {
			out = append(out, m)
		}
	}
	return out, nil
}

// methodsFor keeps the accepted methods that can pay in currency: SEPA debits are in euros only.
func methodsFor(accepted []string, currency string) []string {
	var out []string
	for _, m := range accepted {
		if m == MethodSEPADebit && currency != "EUR" {
			continue
		}
		out = append(out, m)
	}
	return out
}

// chooseInvoices returns the invoices to pay, oldest due first: those asked for, which must all
// be open invoices of the customer in its currency, or every open one when none is asked for.
func chooseInvoices(tx *gorm.DB, a portal.Access, currency string, ids []uuid.UUID) ([]ledger.InvoiceBalance, error) {
	if len(ids) == 0 {
		list, err := ledger.OpenInvoiceBalances(tx, a.OrganizationID, a.CustomerID, currency)
		if err == nil && len(list) == 0 {
			err = errs.Invalid("invoice_ids", "payments.nothing_to_pay")
		}
		return list, err
	}
	ids = unique(ids)
	list, err := ledger.InvoiceBalances(tx, a.OrganizationID, ids)
	if err != nil {
		return nil, err
	}
	found := map[uuid.UUID]ledger.InvoiceBalance{}
	for _, p := range list {
		found[p.ID] = p
	}
	var v errs.Validation
	for _, id := range ids {
		p, ok := found[id]
		switch {
		case !ok || p.CustomerID != a.CustomerID: // another customer's invoice looks unknown
			v.Add("invoice_ids", "payments.invoice_not_on_account")
		case !p.Open():
			v.Add("invoice_ids", "payments.invoice_already_settled", p.Number)
		case p.Currency != currency:
			v.Add("invoice_ids", "payments.invoice_other_currency", p.Number, p.Currency)
		}
	}
	return list, v.Err()
}

func unique(ids []uuid.UUID) []uuid.UUID {
	seen := map[uuid.UUID]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// CreateCheckout opens a Stripe Checkout Session for invoices of the customer a gives access to
// (none: every open invoice) and returns the Stripe page to redirect the debtor to. token is the
// link's token: Stripe sends the debtor back to BaseURL/p/{token}/paid or /cancelled.
func (s *Service) CreateCheckout(ctx context.Context, a portal.Access, token string, invoiceIDs []uuid.UUID) (string, error) {
	if !s.Enabled() {
		return "", ErrNotConfigured
	}
	db := s.db.WithContext(ctx)
	acct, err := loadAccount(db, a.OrganizationID, a.CustomerID)
	if err != nil {
		return "", err
	}
	accepted, err := s.acceptedMethods(db, a.OrganizationID)
	if err != nil {
		return "", err
	}
	methods := methodsFor(accepted, acct.Currency)
	if len(methods) == 0 {
		return "", ErrNotConfigured
	}
	invoices, err := chooseInvoices(db, a, acct.Currency, invoiceIDs)
	if err != nil {
		return "", err
	}
	var total int64
	ids := make([]string, len(invoices))
	numbers := make([]string, len(invoices))
	for i, inv := range invoices {
		total += inv.BalanceCents
		ids[i], numbers[i] = inv.ID.String(), inv.Number
	}
	if total < minimumCents {
		return "", errs.Invalid("invoice_ids", "payments.amount_too_small")
	}
	cs, err := s.stripe.CheckoutSessions.New(s.sessionParams(ctx, a, token, acct, methods, numbers, total))
	if err != nil {
		// The session's return URLs hold the debtor's token: an error that quotes them must not
		// carry it into the log.
		msg := strings.ReplaceAll(err.Error(), token, "…")
		s.opts.Log.ErrorContext(ctx, "payments: open a Checkout Session", "customer_id", a.CustomerID, "error", msg)
		return "", fmt.Errorf("%w: %s", ErrProvider, msg)
	}
	var link *uuid.UUID
	if a.LinkID != uuid.Nil {
		link = &a.LinkID
	}
	err = db.Exec(`INSERT INTO checkout_sessions (id, organization_id, customer_id, link_id, invoice_ids, amount_cents, currency,
		status, created_at, updated_at) VALUES (?, ?, ?, ?, ?::uuid[], ?, ?, 'open', ?, ?)`, cs.ID, a.OrganizationID, a.CustomerID,
		link, "{"+strings.Join(ids, ",")+"}", total, acct.Currency, s.opts.Now(), s.opts.Now()).Error
	if err != nil {
		return "", fmt.Errorf("payments: store session %s: %w", cs.ID, err)
	}
	return cs.URL, nil
}

// sessionParams describes the Checkout Session: one line of the chosen balances, the methods,
// the debtor's language and email, and the way back to the page.
func (s *Service) sessionParams(ctx context.Context, a portal.Access, token string, acct account, methods, numbers []string,
	total int64) *stripe.CheckoutSessionParams {
	page := s.pageURL(token)
	name := productName(acct.Language, numbers)
	meta := map[string]string{"organization_id": a.OrganizationID.String(), "customer_id": a.CustomerID.String(),
		"link_id": a.LinkID.String()}
	p := &stripe.CheckoutSessionParams{
		Mode:               stripe.String(string(stripe.CheckoutSessionModePayment)),
		ClientReferenceID:  stripe.String(a.CustomerID.String()),
		PaymentMethodTypes: stripe.StringSlice(methods),
		Locale:             stripe.String(acct.Language),
		SuccessURL:         stripe.String(page + "/paid?session_id={CHECKOUT_SESSION_ID}"),
		CancelURL:          stripe.String(page + "/cancelled"),
		LineItems: []*stripe.CheckoutSessionLineItemParams{{
			PriceData: &stripe.CheckoutSessionLineItemPriceDataParams{
				Currency:    stripe.String(strings.ToLower(acct.Currency)),
				UnitAmount:  stripe.Int64(total),
				ProductData: &stripe.CheckoutSessionLineItemPriceDataProductDataParams{Name: stripe.String(name)},
			},
			Quantity: stripe.Int64(1),
		}},
		Metadata: meta,
		PaymentIntentData: &stripe.CheckoutSessionPaymentIntentDataParams{
			Description: stripe.String(acct.OrgName + " — " + name),
			Metadata:    meta,
		},
	}
	if a.ContactEmail != "" {
		p.CustomerEmail = stripe.String(a.ContactEmail)
	}
	p.Context = ctx
	return p
}

// pageURL is the debtor page of token.
func (s *Service) pageURL(token string) string {
	if s.opts.Links != nil {
		return s.opts.Links.URL(token)
	}
	return strings.TrimRight(s.opts.BaseURL, "/") + "/p/" + token
}

// maxNameLen keeps the product name Stripe shows short.
const maxNameLen = 200

// productName is the line Stripe shows: "Factures F-1, F-2" (or "Invoice F-1" in English).
func productName(lang string, numbers []string) string {
	key := "checkout.invoice_1"
	if len(numbers) > 1 {
		key = "checkout.invoice_n"
	}
	name := locale.T(lang, key, strings.Join(numbers, ", "))
	if utf8.RuneCountInString(name) <= maxNameLen {
		return name
	}
	r := []rune(name)[:maxNameLen-1]
	return strings.TrimRight(string(r), ", ") + "…"
}
