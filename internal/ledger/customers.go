package ledger

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/money"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/platform/zone"
)

// CustomerInput is every editable field of a customer (create, or replace on update).
type CustomerInput struct {
	Name              string
	ExternalID        string
	Siren             string
	Siret             string
	VATNumber         string
	BillingAddress    Address
	PostalAddress     Address
	Language          string
	Currency          string
	PaymentTermsDays  *int
	Segment           string
	Tags              []string
	CreditLimitCents  *int64
	Notes             string
	AccountingOwnerID *uuid.UUID
	SalesOwnerID      *uuid.UUID
}

// normalize cleans identifiers and fills defaults.
func (in *CustomerInput) normalize() {
	in.Name = strings.TrimSpace(in.Name)
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	in.Siren = NormalizeSiren(in.Siren)
	in.Siret = NormalizeSiren(in.Siret)
	in.VATNumber = NormalizeVAT(in.VATNumber)
	in.Segment = strings.TrimSpace(in.Segment)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.Currency == "" {
		in.Currency = "EUR"
	}
	if in.Language == "" {
		in.Language = "fr"
	}
	in.BillingAddress.Country = strings.ToUpper(in.BillingAddress.Country)
	in.PostalAddress.Country = strings.ToUpper(in.PostalAddress.Country)
	tags := []string{}
	for _, t := range in.Tags {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	in.Tags = tags
}

// validate rejects what cannot be stored. Missing or invalid identifiers are accepted: they are
// data problems shown on the customer, not reasons to refuse it.
func (in CustomerInput) validate(tx *gorm.DB, org uuid.UUID) error {
	var v errs.Validation
	v.Check(in.Name != "" && len([]rune(in.Name)) <= 300, "name", "ledger.customer_name")
	v.Check(len([]rune(in.ExternalID)) <= maxExternalID, "external_id", "common.at_most_chars", 100)
	v.Check(in.Language == "fr" || in.Language == "en", "language", "common.choose_fr_en")
	v.Check(validCurrency(in.Currency), "currency", "ledger.use_3_letter_iso")
	v.Check(in.PaymentTermsDays == nil || (*in.PaymentTermsDays >= 0 && *in.PaymentTermsDays <= 365), "payment_terms_days", "ledger.between_0_365_days")
	v.Check(in.CreditLimitCents == nil || *in.CreditLimitCents >= 0, "credit_limit_cents", "ledger.cannot_negative")
	v.Check(in.CreditLimitCents == nil || *in.CreditLimitCents <= money.MaxCents, "credit_limit_cents", money.TooLarge, money.MaxCents)
	for _, a := range []struct {
		field string
		addr  Address
	}{{"billing_address.country", in.BillingAddress}, {"postal_address.country", in.PostalAddress}} {
		v.Check(a.addr.Country == "" || len(a.addr.Country) == 2, a.field, "ledger.use_2_letter_iso")
	}
	for _, o := range []struct {
		field string
		id    *uuid.UUID
	}{{"accounting_owner_id", in.AccountingOwnerID}, {"sales_owner_id", in.SalesOwnerID}} {
		if o.id != nil {
			var n int64
			if err := tx.Table("member_profiles").Where("organization_id = ? AND user_id = ?", org, *o.id).Count(&n).Error; err != nil {
				return err
			}
			v.Check(n == 1, o.field, "ledger.choose_member_organisation")
		}
	}
	return v.Err()
}

func (in CustomerInput) apply(c *Customer) {
	c.Name, c.Siren, c.Siret, c.VATNumber = in.Name, in.Siren, in.Siret, in.VATNumber
	c.ExternalID = nil
	if in.ExternalID != "" {
		c.ExternalID = ptr(in.ExternalID)
	}
	c.BillingAddress, c.PostalAddress = in.BillingAddress, in.PostalAddress
	c.Language, c.Currency, c.PaymentTermsDays = in.Language, in.Currency, in.PaymentTermsDays
	c.Segment, c.Tags, c.CreditLimitCents, c.Notes = in.Segment, in.Tags, in.CreditLimitCents, in.Notes
	c.AccountingOwnerID, c.SalesOwnerID = in.AccountingOwnerID, in.SalesOwnerID
}

// CreateCustomer adds a customer.
func (s *Service) CreateCustomer(ctx context.Context, p auth.Principal, in CustomerInput) (CustomerDetail, error) {
	in.normalize()
	c := Customer{ID: newID(), OrganizationID: p.OrganizationID, Tags: []string{}, DataProblems: []string{}}
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		if err := in.validate(tx, p.OrganizationID); err != nil {
			return err
		}
		in.apply(&c)
		if err := tx.Create(&c).Error; err != nil {
			return dbError(err)
		}
		return customerChanged(tx, p, c.ID, "customer.created", JSON{"name": c.Name})
	})
	if err != nil {
		return CustomerDetail{}, err
	}
	return s.Customer(ctx, p, c.ID)
}

// UpdateCustomer replaces a customer's editable fields.
func (s *Service) UpdateCustomer(ctx context.Context, p auth.Principal, id uuid.UUID, in CustomerInput) (CustomerDetail, error) {
	in.normalize()
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		var c Customer
		if err := tx.Where("organization_id = ? AND id = ?", p.OrganizationID, id).Take(&c).Error; err != nil {
			return notFound(err)
		}
		if err := in.validate(tx, p.OrganizationID); err != nil {
			return err
		}
		var open int64
		if err := tx.Model(&Invoice{}).Where("organization_id = ? AND customer_id = ? AND currency <> ?", p.OrganizationID, id, in.Currency).
			Count(&open).Error; err != nil {
			return err
		}
		if open > 0 {
			return errs.Invalid("currency", "ledger.customer_other_currency")
		}
		in.apply(&c)
		c.UpdatedAt = s.now()
		if err := tx.Select("*").Omit("created_at", "data_problems", "archived_at").Save(&c).Error; err != nil {
			return dbError(err)
		}
		return customerChanged(tx, p, c.ID, "customer.updated", JSON{"name": c.Name})
	})
	if err != nil {
		return CustomerDetail{}, err
	}
	return s.Customer(ctx, p, id)
}

// ArchiveCustomer hides a customer from lists; its history stays.
func (s *Service) ArchiveCustomer(ctx context.Context, p auth.Principal, id uuid.UUID) error {
	return s.write(ctx, p, func(tx *gorm.DB) error {
		res := tx.Model(&Customer{}).Where("organization_id = ? AND id = ?", p.OrganizationID, id).
			Update("archived_at", gorm.Expr("coalesce(archived_at, ?)", s.now()))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.ErrNotFound
		}
		return record(tx, p, "customer.archived", &id, nil, nil)
	})
}

// CustomerSummary is a customer with its receivables figures.
type CustomerSummary struct {
	Customer
	BalanceCents  int64
	OverdueCents  int64
	OpenInvoices  int64
	OldestDueDate *Date
}

// CustomerDetail is a customer with its figures, contacts and owners.
type CustomerDetail struct {
	CustomerSummary
	UnallocatedCreditCents int64
	AccountingOwnerName    *string
	SalesOwnerName         *string
	Contacts               []Contact `gorm:"-"`
}

// CustomerFilter narrows the customer list.
type CustomerFilter struct {
	Segment    string
	Incomplete bool
	Overdue    bool
	Archived   bool
}

var customerSorts = map[string]string{
	"name": "lower(c.name)", "balance": "balance_cents", "overdue": "overdue_cents",
	"open_invoices": "open_invoices", "created_at": "c.created_at", "oldest_due_date": "oldest_due_date",
}

// today is the current date in the organisation's time zone.
func (s *Service) today(tx *gorm.DB, org uuid.UUID) (Date, error) {
	var tz string
	if err := tx.Table("organization_profiles").Select("timezone").Where("id = ?", org).Scan(&tz).Error; err != nil {
		return Date{}, err
	}
	return zone.Day(s.now(), tz), nil
}

func (s *Service) customersQuery(tx *gorm.DB, org uuid.UUID, today Date) *gorm.DB {
	return tx.Table("customers c").
		Select(`c.*, coalesce(f.balance, 0) AS balance_cents, coalesce(f.overdue, 0) AS overdue_cents,
			coalesce(f.open, 0) AS open_invoices, f.oldest_due AS oldest_due_date`).
		Joins(`LEFT JOIN LATERAL (
			SELECT sum(i.balance_cents) AS balance,
			       sum(i.balance_cents) FILTER (WHERE i.due_date < ?) AS overdue,
			       count(*) AS open, min(i.due_date) AS oldest_due
			FROM invoices i WHERE i.organization_id = c.organization_id AND i.customer_id = c.id
			  AND i.status IN ('open', 'partially_paid')) f ON true`, today).
		Where("c.organization_id = ?", org)
}

// ListCustomers lists customers with their balances.
func (s *Service) ListCustomers(ctx context.Context, p auth.Principal, q page.Query, f CustomerFilter) (page.Result[CustomerSummary], error) {
	if !page.ValidSort(q.Sort, customerSorts) {
		return page.Result[CustomerSummary]{}, errs.Invalid("sort", "ledger.sort_name_balance_overdue")
	}
	db := s.db.WithContext(ctx)
	today, err := s.today(db, p.OrganizationID)
	if err != nil {
		return page.Result[CustomerSummary]{}, err
	}
	query := s.customersQuery(db, p.OrganizationID, today)
	if q = q.Normalize(); q.Q != "" {
		// An identifier matches exactly, and only when the search has the shape of one (a
		// word without digits would normalise to "", matching every customer without a SIREN).
		siren, vat := NormalizeSiren(q.Q), NormalizeVAT(q.Q)
		if ValidVAT(vat) && strings.HasPrefix(vat, "FR") && len(vat) == 13 {
			siren = vat[4:] // a French VAT number also finds the customer by its SIREN
		}
		query = query.Where("c.name ILIKE ? OR c.external_id ILIKE ? OR (? <> '' AND (c.siren = ? OR c.siret = ?)) OR (length(?) > 4 AND c.vat_number = ?)",
			q.Like(), q.Like(), siren, siren, siren, vat, vat)
	}
	if f.Segment != "" {
		query = query.Where("c.segment = ?", f.Segment)
	}
	if f.Incomplete {
		query = query.Where("c.data_problems <> '{}'")
	}
	if f.Overdue {
		query = query.Where("f.overdue > 0")
	}
	if f.Archived {
		query = query.Where("c.archived_at IS NOT NULL")
	} else {
		query = query.Where("c.archived_at IS NULL")
	}
	return page.Fetch[CustomerSummary](query, q, customerSorts, "lower(c.name)", "c.id")
}

// Customer returns one customer with its figures and contacts.
func (s *Service) Customer(ctx context.Context, p auth.Principal, id uuid.UUID) (CustomerDetail, error) {
	db := s.db.WithContext(ctx)
	today, err := s.today(db, p.OrganizationID)
	if err != nil {
		return CustomerDetail{}, err
	}
	var d CustomerDetail
	err = s.customersQuery(db, p.OrganizationID, today).
		Select(`c.*, coalesce(f.balance, 0) AS balance_cents, coalesce(f.overdue, 0) AS overdue_cents,
			coalesce(f.open, 0) AS open_invoices, f.oldest_due AS oldest_due_date,
			ao.name AS accounting_owner_name, so.name AS sales_owner_name`).
		Joins("LEFT JOIN user_names ao ON ao.id = c.accounting_owner_id").
		Joins("LEFT JOIN user_names so ON so.id = c.sales_owner_id").
		Where("c.id = ?", id).Take(&d).Error
	if err != nil {
		return d, notFound(err)
	}
	if d.UnallocatedCreditCents, err = s.unallocatedCredit(db, p.OrganizationID, id); err != nil {
		return d, err
	}
	d.Contacts, err = contactsOf(db, p.OrganizationID, id)
	return d, err
}

// unallocatedCredit is what the customer paid or was credited beyond its allocated amounts.
func (s *Service) unallocatedCredit(db *gorm.DB, org, customerID uuid.UUID) (int64, error) {
	var credit int64
	err := db.Raw(`SELECT coalesce(sum(d.amount_cents - coalesce(a.allocated, 0)), 0) FROM (
			SELECT id, amount_cents, 'p' AS k FROM payments
			WHERE organization_id = ? AND customer_id = ? AND reversed_at IS NULL
			UNION ALL
			SELECT id, amount_cents, 'c' FROM credit_notes WHERE organization_id = ? AND customer_id = ?) d
		LEFT JOIN LATERAL (SELECT sum(amount_cents) AS allocated FROM allocations
			WHERE organization_id = ? AND (payment_id = d.id OR credit_note_id = d.id)) a ON true`,
		org, customerID, org, customerID, org).Scan(&credit).Error
	return credit, err
}

// customer loads a customer of p's organisation for a change, locking it.
func customerForUpdate(tx *gorm.DB, org, id uuid.UUID, field string) (Customer, error) {
	c, err := forUpdate[Customer](tx, org, id)
	if err == errs.ErrNotFound {
		return c, errs.Invalid(field, "ledger.customer_not_found")
	}
	return c, err
}

// Segments lists the segments in use, for filters and pickers.
func (s *Service) Segments(ctx context.Context, p auth.Principal) ([]string, error) {
	out := []string{}
	err := s.db.WithContext(ctx).Table("customers").Distinct("segment").
		Where("organization_id = ? AND segment <> '' AND archived_at IS NULL", p.OrganizationID).
		Order("segment").Pluck("segment", &out).Error
	return out, err
}
