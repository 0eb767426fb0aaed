// Package imports loads customers, invoices and payments from the CSV and XLSX files people
// export from their accounting software: upload, column mapping, dry run, commit. A background
// job streams the file, checks each row in Go, COPYs the good ones into a staging table and
// merges them into the ledger with set-based SQL (the one place that writes ledger tables
// directly, for speed), then refreshes balances and data quality through the ledger's SQL
// functions.
package imports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/page"
)

// DefaultMaxFileSize is the largest file accepted unless Options say otherwise.
const DefaultMaxFileSize = 50 << 20

// Options are the dependencies of the service.
type ServiceOptions struct {
	DB          *db.DB
	Jobs        *jobs.Queue
	Files       blob.Store
	Log         *slog.Logger
	MaxFileSize int64
}

// Service runs imports.
type Service struct {
	db      *gorm.DB
	pool    *pgxpool.Pool
	queue   *jobs.Queue
	files   blob.Store
	log     *slog.Logger
	maxSize int64
}

// NewService builds the service and registers its job with the queue.
func NewService(o ServiceOptions) *Service {
	s := &Service{db: o.DB.Gorm, pool: o.DB.Pool, queue: o.Jobs, files: o.Files, log: o.Log, maxSize: o.MaxFileSize}
	if s.maxSize <= 0 {
		s.maxSize = DefaultMaxFileSize
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	jobs.AddWorker(o.Jobs, &runWorker{svc: s})
	return s
}

// MaxFileSize is the largest file Upload accepts.
func (s *Service) MaxFileSize() int64 { return s.maxSize }

func canImport(p auth.Principal) error {
	if !p.Role.AtLeast(auth.RoleCollector) {
		return ErrForbidden
	}
	return nil
}

// Upload stores a file, reads its header and first rows, and proposes a mapping.
func (s *Service) Upload(ctx context.Context, p auth.Principal, kind Kind, filename string, r io.Reader) (Import, error) {
	if err := canImport(p); err != nil {
		return Import{}, err
	}
	if !kind.Valid() {
		return Import{}, errs.Invalid("kind", "Choose customers, invoices or payments.")
	}
	filename = strings.TrimSpace(path.Base(strings.ReplaceAll(filename, `\`, "/")))
	if filename == "" || filename == "." || filename == "/" {
		return Import{}, errs.Invalid("file", "Send the file in the multipart field named file.")
	}
	if len([]rune(filename)) > 255 {
		filename = string([]rune(filename)[:255])
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(8 << 10)
	format, err := sniffFormat(head, filename)
	if err != nil {
		return Import{}, err
	}
	im := Import{ID: newID(), OrganizationID: p.OrganizationID, Kind: kind, Filename: filename, Format: format,
		Status: StatusUploaded, AllOrNothing: true, Options: Options{}}
	im.BlobKey = fmt.Sprintf("org/%s/imports/%s", p.OrganizationID, im.ID)
	if p.IsUser() {
		im.CreatedBy = &p.UserID
	} else {
		im.CreatedByAPIKey = &p.APIKeyID
	}
	n, err := s.files.Put(ctx, im.BlobKey, io.LimitReader(br, s.maxSize+1))
	if err != nil {
		return Import{}, err
	}
	if n > s.maxSize {
		_ = s.files.Delete(ctx, im.BlobKey)
		return Import{}, errs.Invalid("file", fmt.Sprintf("The file is larger than %d MB.", s.maxSize>>20))
	}
	im.SizeBytes = n
	if im.Detected, err = s.detect(ctx, &im, Options{}); err != nil {
		_ = s.files.Delete(ctx, im.BlobKey)
		return Import{}, err
	}
	im.Mapping = ProposeMapping(kind, im.Detected.Headers)
	im.TotalRows = im.Detected.EstimatedRows
	if err := s.db.WithContext(ctx).Create(&im).Error; err != nil {
		_ = s.files.Delete(ctx, im.BlobKey)
		return Import{}, err
	}
	return im, nil
}

func (s *Service) detect(ctx context.Context, im *Import, opts Options) (Detected, error) {
	rc, err := s.files.Open(ctx, im.BlobKey)
	if err != nil {
		return Detected{}, fmt.Errorf("imports: open file: %w", err)
	}
	defer rc.Close()
	d, err := detect(rc, im.Format, opts)
	if err != nil {
		return Detected{}, err
	}
	if len(d.Headers) == 0 {
		return Detected{}, fileTypeError("The file has no header row.")
	}
	return d, nil
}

// Get returns one import of p's organisation.
func (s *Service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Import, error) {
	var im Import
	err := s.db.WithContext(ctx).Where("organization_id = ? AND id = ?", p.OrganizationID, id).Take(&im).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return im, ErrNotFound
	}
	return im, err
}

var importSorts = map[string]string{
	"created_at": "imports.created_at", "filename": "imports.filename", "kind": "imports.kind",
	"status": "imports.status", "finished_at": "imports.finished_at",
}

// List lists the organisation's imports, newest first unless sorted otherwise.
func (s *Service) List(ctx context.Context, p auth.Principal, q page.Query, kind Kind) (page.Result[Import], error) {
	if !page.ValidSort(q.Sort, importSorts) {
		return page.Result[Import]{}, errs.Invalid("sort", "Sort by created_at, filename, kind, status or finished_at.")
	}
	if kind != "" && !kind.Valid() {
		return page.Result[Import]{}, errs.Invalid("kind", "Choose customers, invoices or payments.")
	}
	db := s.db.WithContext(ctx).Model(&Import{}).Where("organization_id = ?", p.OrganizationID)
	if kind != "" {
		db = db.Where("kind = ?", kind)
	}
	if q.Normalize().Q != "" {
		db = db.Where("filename ILIKE ?", q.Like())
	}
	return page.Fetch[Import](db, q, importSorts, "imports.created_at DESC", "imports.id")
}

// Settings are the editable parts of an import: its mapping {field: column header} and options.
type Settings struct {
	Mapping map[string]string
	Options *Options
}

// Configure changes the mapping and options of an import not yet imported. Changing the
// encoding, separator or sheet reads the file again (and proposes a new mapping when none is
// given).
func (s *Service) Configure(ctx context.Context, p auth.Principal, id uuid.UUID, in Settings) (Import, error) {
	if err := canImport(p); err != nil {
		return Import{}, err
	}
	im, err := s.Get(ctx, p, id)
	if err != nil {
		return im, err
	}
	if err := editable(im); err != nil {
		return im, err
	}
	if in.Options != nil {
		if err := s.applyOptions(ctx, &im, *in.Options, in.Mapping == nil); err != nil {
			return im, err
		}
	}
	if in.Mapping != nil {
		mapping := map[string]string{}
		for k, v := range in.Mapping {
			if strings.TrimSpace(v) != "" {
				mapping[k] = v
			}
		}
		im.Mapping = mapping
	}
	if err := checkMapping(im.Kind, im.Mapping, im.Detected.Headers); err != nil {
		return im, err
	}
	im.Status, im.Report, im.ErrorRows, im.ProcessedRows, im.Failure = StatusUploaded, nil, 0, 0, ""
	im.TotalRows = im.Detected.EstimatedRows
	err = s.db.WithContext(ctx).Model(&im).Select("mapping", "options", "detected", "status", "report", "error_rows",
		"processed_rows", "total_rows", "failure", "updated_at").Updates(&im).Error
	return im, err
}

func editable(im Import) error {
	switch im.Status {
	case StatusValidating, StatusImporting:
		return ErrBusy
	case StatusDone:
		return ErrDone
	}
	return nil
}

var separators = map[string]string{";": ";", ",": ",", "\t": "\t", "tab": "\t", "|": "|"}

func (s *Service) applyOptions(ctx context.Context, im *Import, o Options, remap bool) error {
	var v errs.Validation
	v.Check(o.DateFormat == "" || o.DateFormat == DateDMY || o.DateFormat == DateMDY || o.DateFormat == DateYMD,
		"options.date_format", "Choose dmy, mdy or ymd.")
	if o.Encoding != "" {
		_, err := decoder(o.Encoding)
		v.Check(err == nil, "options.encoding", "Choose utf-8, utf-16, windows-1252 or iso-8859-1.")
	}
	if o.Separator != "" {
		sep, ok := separators[o.Separator]
		v.Check(ok, "options.separator", "Choose ; , | or tab.")
		o.Separator = sep
	}
	if o.Sheet != "" && im.Format == "xlsx" {
		v.Check(contains(im.Detected.Sheets, o.Sheet), "options.sheet", "The workbook has no sheet of that name.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	reread := o.Encoding != im.Options.Encoding || o.Separator != im.Options.Separator || o.Sheet != im.Options.Sheet
	im.Options = o
	if !reread {
		if o.DateFormat != "" {
			im.Detected.DateFormat = o.DateFormat
		}
		if o.DecimalComma != nil {
			im.Detected.DecimalComma = *o.DecimalComma
		}
		return nil
	}
	d, err := s.detect(ctx, im, o)
	if err != nil {
		return err
	}
	if remap && !equal(d.Headers, im.Detected.Headers) {
		im.Mapping = ProposeMapping(im.Kind, d.Headers)
	}
	im.Detected = d
	return nil
}

// checkMapping requires every mapped column to exist and every required field to be mapped.
func checkMapping(kind Kind, mapping map[string]string, headers []string) error {
	var v errs.Validation
	for field, header := range mapping {
		if _, ok := fieldByName(kind, field); !ok {
			v.Add("mapping."+field, "Relance has no field of that name for this kind of import.")
		} else if !contains(headers, header) {
			v.Add("mapping."+field, fmt.Sprintf("The file has no column %q.", header))
		}
	}
	groups := map[string]bool{}
	for _, f := range Fields(kind) {
		_, mapped := mapping[f.Name]
		if f.Required && !mapped {
			v.Add("mapping."+f.Name, fmt.Sprintf("Choose the column that holds the %s.", strings.ToLower(f.Label)))
		}
		if f.OneOf != "" {
			groups[f.OneOf] = groups[f.OneOf] || mapped
		}
	}
	for g, ok := range groups {
		if !ok {
			v.Add("mapping."+g, "Choose the column that holds the customer's code or name.")
		}
	}
	return v.Err()
}

// DryRun checks every row in the background without changing anything: the import goes
// validating, then validated with a report.
func (s *Service) DryRun(ctx context.Context, p auth.Principal, id uuid.UUID) (Import, error) {
	return s.start(ctx, p, id, false, nil)
}

// Commit imports the rows in the background: importing, then done (or failed). With
// allOrNothing, a single bad row leaves the ledger untouched; otherwise bad rows are skipped.
func (s *Service) Commit(ctx context.Context, p auth.Principal, id uuid.UUID, allOrNothing bool) (Import, error) {
	return s.start(ctx, p, id, true, &allOrNothing)
}

func (s *Service) start(ctx context.Context, p auth.Principal, id uuid.UUID, commit bool, allOrNothing *bool) (Import, error) {
	if err := canImport(p); err != nil {
		return Import{}, err
	}
	im, err := s.Get(ctx, p, id)
	if err != nil {
		return im, err
	}
	if err := editable(im); err != nil {
		return im, err
	}
	if err := checkMapping(im.Kind, im.Mapping, im.Detected.Headers); err != nil {
		return im, err
	}
	status := StatusValidating
	if commit {
		status = StatusImporting
	}
	now := time.Now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		set := map[string]any{"status": status, "processed_rows": 0, "started_at": now, "finished_at": nil,
			"failure": "", "updated_at": now}
		if allOrNothing != nil {
			set["all_or_nothing"] = *allOrNothing
		}
		res := tx.Model(&Import{}).Where("organization_id = ? AND id = ? AND status IN ?", p.OrganizationID, id,
			[]Status{StatusUploaded, StatusValidated, StatusFailed}).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrBusy // another request started it a moment ago
		}
		return s.queue.Enqueue(ctx, tx, RunArgs{ImportID: id, OrganizationID: p.OrganizationID, Commit: commit})
	})
	if err != nil {
		return im, err
	}
	return s.Get(ctx, p, id)
}

// Run is the body of the import job: it processes the import and records the outcome.
// A problem with the file ends the import as failed with a message for the person; so does an
// unexpected error, which is logged.
func (s *Service) Run(ctx context.Context, orgID, id uuid.UUID, commit bool) error {
	var im Import
	err := s.db.WithContext(ctx).Where("organization_id = ? AND id = ?", orgID, id).Take(&im).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // deleted with its organisation
	} else if err != nil {
		return err
	}
	want := StatusValidating
	if commit {
		want = StatusImporting
	}
	if im.Status != want {
		return nil // a stale job: the import was reconfigured or already finished
	}
	r, done, err := s.process(ctx, &im, commit)
	if err != nil {
		failure := "The import stopped on an unexpected error. Try again; if it persists, contact support."
		var de *errs.Error
		var pe *pgconn.PgError
		switch {
		case errors.As(err, &de) && len(de.Fields) > 0:
			failure = de.Fields[0].Message
		case errors.As(err, &de):
			failure = de.Msg
		case errors.As(err, &pe) && pe.Code == "23505": // unique_violation
			failure = "Some of these rows were created by someone else while the import ran: run it again."
		default:
			s.log.ErrorContext(ctx, "import failed", "import_id", id, "error", err)
		}
		return finish(context.WithoutCancel(ctx), s.pool, &im, StatusFailed, nil, failure)
	}
	if done {
		return nil
	}
	status := StatusValidated
	failure := ""
	if commit {
		status = StatusFailed
		failure = fmt.Sprintf("Nothing was imported: %d rows have problems. Fix them, or import without all-or-nothing to skip them.", r.ErrorRows)
	}
	return finish(ctx, s.pool, &im, status, &r, failure)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
