package imports

import (
	"time"

	"github.com/google/uuid"
)

// Status is where an import stands.
type Status string

// The statuses of an import: reading → uploaded → validating → validated → importing → done or
// failed. Reading (the job reads the header and first rows) may also end in failed.
const (
	StatusReading    Status = "reading"
	StatusUploaded   Status = "uploaded"
	StatusValidating Status = "validating"
	StatusValidated  Status = "validated"
	StatusImporting  Status = "importing"
	StatusDone       Status = "done"
	StatusFailed     Status = "failed"
)

// maxListedProblems caps the problems a report keeps; the count is always exact.
const maxListedProblems = 1000

// Import is one uploaded file and what became of it.
type Import struct {
	ID              uuid.UUID
	OrganizationID  uuid.UUID
	Kind            Kind
	Filename        string
	Format          string
	SizeBytes       int64
	BlobKey         string
	Status          Status
	Mapping         map[string]string `gorm:"serializer:json"`
	Options         Options           `gorm:"serializer:json"`
	Detected        Detected          `gorm:"serializer:json"`
	AllOrNothing    bool
	TotalRows       int
	ProcessedRows   int
	ErrorRows       int
	Report          *Report `gorm:"serializer:json"`
	Failure         string
	CreatedBy       *uuid.UUID
	CreatedByAPIKey *uuid.UUID `gorm:"column:created_by_api_key"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
	StartedAt       *time.Time
	FinishedAt      *time.Time
}

// Report is the outcome of a dry run or of a commit.
type Report struct {
	// DryRun is true for a dry run: nothing was written, Would* tell what a commit would do.
	DryRun      bool `json:"dry_run"`
	RowsTotal   int  `json:"rows_total"`
	WouldCreate int  `json:"would_create"`
	WouldUpdate int  `json:"would_update"`
	Unchanged   int  `json:"unchanged"`
	Created     int  `json:"created"`
	Updated     int  `json:"updated"`
	// Skipped rows had problems and were left out (commit without all-or-nothing).
	Skipped int `json:"skipped"`
	// CustomersCreated counts customers an invoice import created from their names.
	CustomersCreated int `json:"customers_created"`
	// ErrorRows counts rows with at least one problem; ErrorCount counts the problems.
	ErrorRows  int `json:"error_rows"`
	ErrorCount int `json:"error_count"`
	// Errors lists the first problems by row (at most 1000); ErrorsTruncated says there are more.
	Errors          []RowProblem `json:"errors"`
	ErrorsTruncated bool         `json:"errors_truncated"`
	DurationMS      int64        `json:"duration_ms"`
} // @name ImportReport

// RowProblem is why one row cannot be imported. Row is the line in the file (the header is 1).
type RowProblem struct {
	Row     int    `json:"row" example:"12"`
	Field   string `json:"field" example:"due_date"`
	Message string `json:"message" example:"\"31/02/2025\" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)"`
} // @name ImportRowProblem
