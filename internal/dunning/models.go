// Package dunning is the heart of Relance: scenarios (playbooks of steps), the rules that pick
// one for each customer and invoice, the planner that finds every action due "as of" a day in
// one set-based pass and records it exactly once, and the executor that sends each message after
// re-checking its invoices. See docs/dunning.md.
package dunning

import (
	"database/sql/driver"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"github.com/shopspring/decimal"

	"github.com/relance/relance/internal/platform/db"
)

// Stages, channels and recipients of a step.
var (
	Stages     = []string{"preventive", "reminder", "formal_notice", "amicable", "legal"}
	Channels   = []string{"email", "sms", "letter", "call"}
	Recipients = []string{"accounting", "sales", "both"}
	Languages  = []string{"fr", "en"}
)

// Template is a step's message in one language.
type Template struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Templates maps a language to its template; stored as jsonb.
type Templates map[string]Template

// Value stores the templates as jsonb.
func (t Templates) Value() (driver.Value, error) { return db.JSONValue(t) }

// Scan reads the templates from jsonb.
func (t *Templates) Scan(v any) error {
	*t = Templates{}
	return db.ScanJSON(v, t)
}

// Scenario is a named playbook.
type Scenario struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	Key            string
	Name           string
	Description    string
	DeletedAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Steps          []Step   `gorm:"-"`
	Segments       []string `gorm:"-"`
}

// Step is one action of a scenario, offset from the due date.
type Step struct {
	ID               uuid.UUID
	OrganizationID   uuid.UUID
	ScenarioID       uuid.UUID
	Position         int
	OffsetDays       int
	Stage            string
	Channel          string
	Recipients       string
	CopyOwner        bool
	MinOverdueCents  int64
	SkipWhenPromised bool
	Segments         pq.StringArray `gorm:"type:text[]"`
	Templates        Templates
	RemovedAt        *time.Time
}

// TableName keeps GORM on the migration's table.
func (Step) TableName() string { return "scenario_steps" }

// Settings are an organisation's dunning settings.
type Settings struct {
	OrganizationID         uuid.UUID `gorm:"primaryKey"`
	DefaultScenarioID      *uuid.UUID
	MinDaysBetweenMessages int
	PromiseGraceDays       int
	SendWindowStart        string
	SendWindowEnd          string
	SenderName             string
	ReplyTo                string
	ReadReceipt            bool
	TransparencyLine       bool
	Signature              string
	ShowPenalties          bool
	ECBRate                decimal.Decimal  `gorm:"column:ecb_rate"`
	LegalRate              decimal.Decimal  `gorm:"column:legal_rate"`
	ContractRate           *decimal.Decimal `gorm:"column:contract_rate"`
	IndemnityCents         int64
	UpdatedAt              time.Time
}

// TableName keeps GORM on the migration's table.
func (Settings) TableName() string { return "dunning_settings" }

// CustomerRules are the dunning rules of one customer.
type CustomerRules struct {
	OrganizationID       uuid.UUID `gorm:"primaryKey"`
	CustomerID           uuid.UUID `gorm:"primaryKey"`
	ScenarioID           *uuid.UUID
	GraceDays            int
	LetterInsteadOfEmail bool
	PausedUntil          *time.Time
	Disabled             bool
	UpdatedAt            time.Time
}

// TableName keeps GORM on the migration's table.
func (CustomerRules) TableName() string { return "customer_dunning" }

// InvoiceRules are the dunning rules of one invoice.
type InvoiceRules struct {
	OrganizationID uuid.UUID `gorm:"primaryKey"`
	InvoiceID      uuid.UUID `gorm:"primaryKey"`
	ScenarioID     *uuid.UUID
	PausedUntil    *time.Time
	Excluded       bool
	UpdatedAt      time.Time
}

// TableName keeps GORM on the migration's table.
func (InvoiceRules) TableName() string { return "invoice_dunning" }

// Action is one message or task for one customer, stage, channel and day: an outbox entry.
type Action struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	IdempotencyKey string
	StepID         uuid.UUID
	Stage          string
	Channel        string
	PlannedOn      time.Time
	Status         string
	SkipReason     string
	Origin         string
	SendAt         *time.Time
	Language       string
	ToAddresses    pq.StringArray `gorm:"type:text[]"`
	CcAddresses    pq.StringArray `gorm:"type:text[]"`
	Subject        string
	BodyText       string
	BodyHTML       string `gorm:"column:body_html"`
	MessageID      string
	SMTPResponse   string `gorm:"column:smtp_response"`
	Attempts       int
	Error          string
	HandedAt       *time.Time // when the current attempt handed the message to the SMTP server
	SentAt         *time.Time
	OpenedAt       *time.Time
	ClickedAt      *time.Time
	OpenCount      int
	ClickCount     int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName keeps GORM on the migration's table.
func (Action) TableName() string { return "dunning_actions" }

// ActionItem is an invoice covered by an action, with the step it carries out.
type ActionItem struct {
	OrganizationID uuid.UUID
	ActionID       uuid.UUID
	InvoiceID      uuid.UUID `gorm:"primaryKey"`
	StepID         uuid.UUID `gorm:"primaryKey"`
	OffsetDays     int
	BalanceCents   int64
	Status         string
	SkipReason     string
}

// TableName keeps GORM on the migration's table.
func (ActionItem) TableName() string { return "dunning_action_items" }

// Action statuses.
const (
	StatusQueued  = "queued"
	StatusSending = "sending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
	StatusSkipped = "skipped"
	StatusPending = "pending"
	StatusDone    = "done"
	// StatusUncertain: handed to the SMTP server, with no answer recorded (a crash, a server
	// that went silent after the message): it may have gone out, so it is sent again only by hand.
	StatusUncertain = "uncertain"
)

// Reasons an invoice or an action is skipped, shown on the timeline and in the outbox.
const (
	ReasonPaid        = "paid"
	ReasonCancelled   = "cancelled"
	ReasonDisputed    = "disputed"
	ReasonPaying      = "payment_processing" // a debit paid from the debtor page is on its way
	ReasonPaused      = "paused"
	ReasonPromised    = "promised"
	ReasonExcluded    = "excluded"
	ReasonDisabled    = "customer_disabled"
	ReasonNoRecipient = "no_recipient"
	ReasonByUser      = "skipped_by_user"
	ReasonCancelledBy = "cancelled_by_user"
	ReasonNothingLeft = "nothing_left_to_remind"
	// ReasonOutOfDate: a step written for before the due date, whose date has passed: its
	// text ("due on…", "due today") would no longer be true.
	ReasonOutOfDate = "out_of_date"
)

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}
