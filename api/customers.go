package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/ledger"
)

// AddressBody is a postal address.
type AddressBody struct {
	Line1      string `json:"line1" maxLength:"200"`
	Line2      string `json:"line2" maxLength:"200"`
	PostalCode string `json:"postal_code" maxLength:"20"`
	City       string `json:"city" maxLength:"100"`
	Country    string `json:"country" example:"FR" maxLength:"100"`
}

// CustomerRequest is every editable field of a customer (create, or replace).
type CustomerRequest struct {
	Name              string      `json:"name" example:"Boulangerie Martin SARL" maxLength:"300"`
	ExternalID        string      `json:"external_id,omitempty" example:"C-0042" maxLength:"100"`
	Siren             string      `json:"siren,omitempty" example:"732829320" maxLength:"20"`
	Siret             string      `json:"siret,omitempty" maxLength:"20"`
	VATNumber         string      `json:"vat_number,omitempty" example:"FR44732829320" maxLength:"30"`
	BillingAddress    AddressBody `json:"billing_address,omitempty"`
	PostalAddress     AddressBody `json:"postal_address,omitempty"`
	Language          string      `json:"language,omitempty" enums:"fr,en"`
	Currency          string      `json:"currency,omitempty" example:"EUR"`
	PaymentTermsDays  *int        `json:"payment_terms_days,omitempty" example:"30"`
	Segment           string      `json:"segment,omitempty" maxLength:"100"`
	Tags              []string    `json:"tags,omitempty" maxLength:"100"`
	CreditLimitCents  *int64      `json:"credit_limit_cents,omitempty" minimum:"0" maximum:"10000000000000"`
	Notes             string      `json:"notes,omitempty"`
	AccountingOwnerID *string     `json:"accounting_owner_id,omitempty" format:"uuid"`
	SalesOwnerID      *string     `json:"sales_owner_id,omitempty" format:"uuid"`
}

// CustomerSummary is a customer in a list, with its receivables figures.
type CustomerSummary struct {
	ID               string    `json:"id" format:"uuid"`
	Name             string    `json:"name"`
	ExternalID       *string   `json:"external_id" extensions:"x-nullable"`
	Segment          string    `json:"segment"`
	Tags             []string  `json:"tags"`
	Currency         string    `json:"currency"`
	BalanceCents     int64     `json:"balance_cents"`
	OverdueCents     int64     `json:"overdue_cents"`
	OpenInvoices     int64     `json:"open_invoices"`
	OldestDueDate    *string   `json:"oldest_due_date" format:"date" extensions:"x-nullable"`
	DataProblems     []string  `json:"data_problems" enums:"missing_reminder_email,invalid_email,missing_phone,missing_postal_address,missing_company_id,invalid_siren,invalid_siret,invalid_vat,missing_payment_terms"`
	PaymentTermsDays *int      `json:"payment_terms_days" extensions:"x-nullable"`
	ArchivedAt       *string   `json:"archived_at" format:"date-time" extensions:"x-nullable"`
	CreatedAt        time.Time `json:"created_at"`
}

// Owner is a member of the organisation in charge of a customer.
type Owner struct {
	UserID string `json:"user_id" format:"uuid"`
	Name   string `json:"name"`
}

// CustomerResponse is a customer with everything the customer page shows.
type CustomerResponse struct {
	CustomerSummary
	Siren                  string            `json:"siren"`
	Siret                  string            `json:"siret"`
	VATNumber              string            `json:"vat_number"`
	VATNumberSuggested     string            `json:"vat_number_suggested"`
	BillingAddress         AddressBody       `json:"billing_address"`
	PostalAddress          AddressBody       `json:"postal_address"`
	Language               string            `json:"language" enums:"fr,en"`
	CreditLimitCents       *int64            `json:"credit_limit_cents" extensions:"x-nullable"`
	Notes                  string            `json:"notes"`
	AccountingOwner        *Owner            `json:"accounting_owner" extensions:"x-nullable"`
	SalesOwner             *Owner            `json:"sales_owner" extensions:"x-nullable"`
	UnallocatedCreditCents int64             `json:"unallocated_credit_cents"`
	Contacts               []ContactResponse `json:"contacts"`
}

// CustomerList is one page of customers.
type CustomerList struct {
	Items []CustomerSummary `json:"items"`
	Total int64             `json:"total"`
}

func toAddress(a ledger.Address) AddressBody { return AddressBody(a) }

func toCustomerSummary(c ledger.CustomerSummary) CustomerSummary {
	out := CustomerSummary{ID: c.ID.String(), Name: c.Name, ExternalID: c.ExternalID, Segment: c.Segment,
		Tags: append([]string{}, c.Tags...), Currency: c.Currency, BalanceCents: c.BalanceCents, OverdueCents: c.OverdueCents,
		OpenInvoices: c.OpenInvoices, OldestDueDate: datePtr(c.OldestDueDate), DataProblems: append([]string{}, c.DataProblems...),
		PaymentTermsDays: c.PaymentTermsDays, CreatedAt: c.CreatedAt}
	if c.ArchivedAt != nil {
		s := c.ArchivedAt.Format(time.RFC3339)
		out.ArchivedAt = &s
	}
	return out
}

func toCustomerResponse(d ledger.CustomerDetail) CustomerResponse {
	r := CustomerResponse{CustomerSummary: toCustomerSummary(d.CustomerSummary), Siren: d.Siren, Siret: d.Siret,
		VATNumber: d.VATNumber, VATNumberSuggested: ledger.FrenchVAT(d.Siren), BillingAddress: toAddress(d.BillingAddress),
		PostalAddress: toAddress(d.PostalAddress), Language: d.Language, CreditLimitCents: d.CreditLimitCents, Notes: d.Notes,
		UnallocatedCreditCents: d.UnallocatedCreditCents, Contacts: make([]ContactResponse, len(d.Contacts))}
	if d.AccountingOwnerID != nil && d.AccountingOwnerName != nil {
		r.AccountingOwner = &Owner{UserID: d.AccountingOwnerID.String(), Name: *d.AccountingOwnerName}
	}
	if d.SalesOwnerID != nil && d.SalesOwnerName != nil {
		r.SalesOwner = &Owner{UserID: d.SalesOwnerID.String(), Name: *d.SalesOwnerName}
	}
	for i, k := range d.Contacts {
		r.Contacts[i] = toContactResponse(k)
	}
	return r
}

func (req CustomerRequest) input() (ledger.CustomerInput, error) {
	var f fields
	in := ledger.CustomerInput{Name: req.Name, ExternalID: req.ExternalID, Siren: req.Siren, Siret: req.Siret,
		VATNumber: req.VATNumber, BillingAddress: ledger.Address(req.BillingAddress), PostalAddress: ledger.Address(req.PostalAddress),
		Language: req.Language, Currency: req.Currency, PaymentTermsDays: req.PaymentTermsDays, Segment: req.Segment,
		Tags: req.Tags, CreditLimitCents: req.CreditLimitCents, Notes: req.Notes,
		AccountingOwnerID: f.optID("accounting_owner_id", req.AccountingOwnerID), SalesOwnerID: f.optID("sales_owner_id", req.SalesOwnerID)}
	return in, f.Err()
}

// ListCustomers godoc
// @Summary      List customers with their balances
// @Tags         customers
// @Produce      json
// @Security     BearerAuth
// @Param        q           query     string  false  "Search in name, external id, SIREN or VAT number"
// @Param        segment     query     string  false  "Only this segment"
// @Param        incomplete  query     bool    false  "Only customers with data problems"
// @Param        overdue     query     bool    false  "Only customers with overdue invoices"
// @Param        archived    query     bool    false  "Archived customers instead of active ones"
// @Param        sort        query     string  false  "name, balance, overdue, open_invoices, oldest_due_date or created_at; prefix with - for descending"
// @Param        limit       query     int     false  "Page size (1–200, default 50)"
// @Param        offset      query     int     false  "Rows to skip"
// @Success      200         {object}  CustomerList
// @Failure      422         {object}  Problem
// @Router       /api/v1/customers [get]
func (s *Server) ListCustomers(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	f := ledger.CustomerFilter{Segment: c.QueryParam("segment"), Incomplete: c.QueryParam("incomplete") == "true",
		Overdue: c.QueryParam("overdue") == "true", Archived: c.QueryParam("archived") == "true"}
	res, err := s.svc.Ledger.ListCustomers(c.Request().Context(), principal(c), q, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CustomerList{Items: mapped(res.Items, toCustomerSummary), Total: res.Total})
}

// CreateCustomer godoc
// @Summary      Create a customer
// @Description  Missing or invalid identifiers, emails or phone numbers are accepted and listed in data_problems.
// @Tags         customers
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      CustomerRequest  true  "The customer"
// @Success      201   {object}  CustomerResponse
// @Failure      409   {object}  Problem  "external id already used"
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers [post]
func (s *Server) CreateCustomer(c echo.Context) error {
	var req CustomerRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	d, err := s.svc.Ledger.CreateCustomer(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusCreated, d, err, toCustomerResponse)
}

// GetCustomer godoc
// @Summary      A customer with its figures, contacts and data problems
// @Tags         customers
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Customer id"  format(uuid)
// @Success      200  {object}  CustomerResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id} [get]
func (s *Server) GetCustomer(c echo.Context) error {
	return byID(c, http.StatusOK, s.svc.Ledger.Customer, toCustomerResponse)
}

// UpdateCustomer godoc
// @Summary      Replace a customer's fields
// @Description  Send every field, as in creation: absent fields are emptied.
// @Tags         customers
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string           true  "Customer id"  format(uuid)
// @Param        body  body      CustomerRequest  true  "The customer"
// @Success      200   {object}  CustomerResponse
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers/{id} [put]
func (s *Server) UpdateCustomer(c echo.Context) error {
	var req CustomerRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	d, err := s.svc.Ledger.UpdateCustomer(c.Request().Context(), principal(c), id, in)
	return reply(c, http.StatusOK, d, err, toCustomerResponse)
}

// ArchiveCustomer godoc
// @Summary      Archive a customer
// @Description  The customer leaves the lists; its invoices, payments and history stay.
// @Tags         customers
// @Security     BearerAuth
// @Param        id   path  string  true  "Customer id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id} [delete]
func (s *Server) ArchiveCustomer(c echo.Context) error {
	return removeByID(c, "id", s.svc.Ledger.ArchiveCustomer)
}

// SegmentList is the customer segments in use.
type SegmentList struct {
	Items []string `json:"items"`
	Total int64    `json:"total"`
}

// ListSegments godoc
// @Summary      The customer segments in use
// @Tags         customers
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  SegmentList
// @Router       /api/v1/customer-segments [get]
func (s *Server) ListSegments(c echo.Context) error {
	segs, err := s.svc.Ledger.Segments(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SegmentList{Items: segs, Total: int64(len(segs))})
}
