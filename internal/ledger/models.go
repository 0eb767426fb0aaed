// Package ledger owns the receivables: customers (debtors) and their contacts, invoices with
// their PDFs, credit notes, payments and their allocation to invoices, data-quality checks and
// the timeline of activities. Balances are never written by hand: they are recomputed in SQL
// (relance_refresh_invoices) from allocations inside the transaction that changes them.
package ledger

import (
	"database/sql/driver"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"

	"github.com/relance/relance/internal/platform/db"
)

// Date is a calendar day without time or time zone, stored as a Postgres date.
type Date = time.Time

// Address is a postal address.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Country    string `json:"country"` // ISO 3166-1 alpha-2
}

// Empty reports whether no part of the address is filled.
func (a Address) Empty() bool { return a == Address{} }

// Value stores the address as jsonb.
func (a Address) Value() (driver.Value, error) { return db.JSONValue(a) }

// Scan reads the address from jsonb.
func (a *Address) Scan(v any) error {
	*a = Address{}
	return db.ScanJSON(v, a)
}

// Customer is a debtor of the organisation.
type Customer struct {
	ID                uuid.UUID
	OrganizationID    uuid.UUID
	Name              string
	ExternalID        *string
	Siren             string
	Siret             string
	VATNumber         string `gorm:"column:vat_number"`
	BillingAddress    Address
	PostalAddress     Address
	Language          string
	Currency          string
	PaymentTermsDays  *int
	Segment           string
	Tags              pq.StringArray `gorm:"type:text[]"`
	CreditLimitCents  *int64
	Notes             string
	AccountingOwnerID *uuid.UUID
	SalesOwnerID      *uuid.UUID
	DataProblems      pq.StringArray `gorm:"type:text[]"`
	ArchivedAt        *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Contact roles and preferred channels.
var (
	ContactRoles    = []string{"accounting", "sales", "billing", "other"}
	ContactChannels = []string{"email", "sms", "letter", "phone"}
)

// Contact is a person at a customer.
type Contact struct {
	ID                uuid.UUID
	OrganizationID    uuid.UUID
	CustomerID        uuid.UUID
	Name              string
	Role              string
	Email             string
	Phone             string
	PreferredChannel  string
	ReceivesReminders bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Invoice statuses.
const (
	StatusOpen          = "open"
	StatusPartiallyPaid = "partially_paid"
	StatusPaid          = "paid"
	StatusCancelled     = "cancelled"
	StatusWrittenOff    = "written_off"
)

// Invoice is a customer invoice; its balance is what remains to be paid.
type Invoice struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	Number         string
	ExternalID     *string
	IssueDate      Date
	DueDate        Date
	Currency       string
	TotalCents     int64
	TaxCents       int64
	BalanceCents   int64
	Status         string
	PaidOn         *Date
	ClosedAt       *time.Time
	PDFKey         *string `gorm:"column:pdf_key"`
	PDFSize        *int64  `gorm:"column:pdf_size"`
	Notes          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// CreditNote reduces what a customer owes.
type CreditNote struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	Number         string
	ExternalID     *string
	IssueDate      Date
	Currency       string
	AmountCents    int64
	Reason         string
	CreatedAt      time.Time
}

// Payment methods.
var PaymentMethods = []string{"transfer", "card", "sepa_debit", "check", "cash", "other"}

// Payment is money received from a customer.
type Payment struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	ExternalID     *string
	ReceivedOn     Date
	Currency       string
	AmountCents    int64
	Method         string
	Reference      string
	ReversedAt     *time.Time
	ReversalReason string
	CreatedAt      time.Time
}

// Allocation settles part of an invoice with part of a payment or a credit note.
type Allocation struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	InvoiceID      uuid.UUID
	PaymentID      *uuid.UUID
	CreditNoteID   *uuid.UUID
	AmountCents    int64
	CreatedAt      time.Time
}

// Activity is one entry of a customer's or an invoice's timeline.
type Activity struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     *uuid.UUID
	InvoiceID      *uuid.UUID
	Kind           string
	ActorUserID    *uuid.UUID
	ActorAPIKeyID  *uuid.UUID `gorm:"column:actor_api_key_id"`
	Data           JSON
	OccurredAt     time.Time
}

// JSON is a jsonb object.
type JSON map[string]any

// Value stores the object as jsonb.
func (j JSON) Value() (driver.Value, error) { return db.JSONValue(j) }

// Scan reads the object from jsonb.
func (j *JSON) Scan(v any) error {
	*j = JSON{}
	return db.ScanJSON(v, j)
}

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }
