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
	"slices"
	"strconv"
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
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/page"
)

// ServiceOptions are the dependencies of the service.
type ServiceOptions struct {
	DB    *db.DB
	Jobs  *jobs.Queue
	Files blob.Store
	Log   *slog.Logger
	// MaxFileSize overrides Limits.MaxFileSize when set.
	MaxFileSize int64
	// Limits bound the files accepted; zero fields take the defaults (DefaultLimits).
	Limits Limits
}

// Service runs imports.
type Service struct {
	db     *gorm.DB
	pool   *pgxpool.Pool
	queue  *jobs.Queue
	files  blob.Store
	log    *slog.Logger
	limits Limits
}

// NewService builds the service and registers its jobs with the queue.
func NewService(o ServiceOptions) *Service {
	if o.MaxFileSize > 0 {
		o.Limits.MaxFileSize = o.MaxFileSize
	}
	s := &Service{db: o.DB.Gorm, pool: o.DB.Pool, queue: o.Jobs, files: o.Files, log: o.Log, limits: o.Limits.withDefaults()}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	jobs.AddWorker(o.Jobs, &runWorker{svc: s})
	jobs.AddWorker(o.Jobs, &detectWorker{svc: s})
	o.Jobs.AddQueue(runQueue, 1)
	o.Jobs.AddQueue(readQueue, 1)
	return s
}

// MaxFileSize is the largest file Upload accepts.
func (s *Service) MaxFileSize() int64 { return s.limits.MaxFileSize }

// Limits are the limits files are checked against.
func (s *Service) Limits() Limits { return s.limits }

func canImport(p auth.Principal) error {
	if !p.Role.AtLeast(auth.RoleCollector) {
		return errs.ErrForbidden
	}
	return nil
}

// Upload stores a file and checks what is cheap to check (its size, its type and, for a
// workbook, its zip directory), then leaves the reading to a job: the import is "reading" until
// the job has found its header, its first rows and a proposed mapping ("uploaded"), or refused
// it ("failed", with why).
func (s *Service) Upload(ctx context.Context, p auth.Principal, kind Kind, filename string, r io.Reader) (Import, error) {
	if err := canImport(p); err != nil {
		return Import{}, err
	}
	if !kind.Valid() {
		return Import{}, errs.Invalid("kind", "imports.choose_kind")
	}
	filename = strings.TrimSpace(path.Base(strings.ReplaceAll(filename, `\`, "/")))
	if filename == "" || filename == "." || filename == "/" {
		return Import{}, errs.Invalid("file", "common.send_file")
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
		Status: StatusReading, AllOrNothing: true, Options: Options{}, Mapping: map[string]string{}}
	im.BlobKey = fmt.Sprintf("org/%s/imports/%s", p.OrganizationID, im.ID)
	if p.IsUser() {
		im.CreatedBy = &p.UserID
	} else {
		im.CreatedByAPIKey = &p.APIKeyID
	}
	n, err := s.files.Put(ctx, im.BlobKey, io.LimitReader(br, s.limits.MaxFileSize+1))
	if err != nil {
		return Import{}, err
	}
	im.SizeBytes = n
	if err := s.checkUpload(ctx, &im); err != nil {
		_ = s.files.Delete(ctx, im.BlobKey)
		return Import{}, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&im).Error; err != nil {
			return err
		}
		return s.queue.Enqueue(ctx, tx, DetectArgs{ImportID: im.ID, OrganizationID: im.OrganizationID, Remap: true})
	})
	if err != nil {
		_ = s.files.Delete(ctx, im.BlobKey)
		return Import{}, err
	}
	return im, nil
}

// checkUpload refuses, before anything is read, a file larger than the limit or a workbook
// whose zip directory says it would unzip beyond the limits.
func (s *Service) checkUpload(ctx context.Context, im *Import) error {
	if im.SizeBytes > s.limits.MaxFileSize {
		return tooLargeError(s.limits)
	}
	if im.Format != "xlsx" {
		return nil
	}
	file, done, err := s.localFile(ctx, im.BlobKey)
	if err != nil {
		return err
	}
	defer done()
	return checkZipDirectory(file, im.SizeBytes, s.limits)
}

// Detect is the body of the reading job: it reads the file's header and first rows within the
// limits, guesses how to read it and proposes a mapping (when remap is set or the headers
// changed). A file that cannot be read, or is beyond a limit, ends the import as failed with
// why; the error is then a refusal, which the job does not retry.
func (s *Service) Detect(ctx context.Context, orgID, id uuid.UUID, remap bool) error {
	im, err := s.jobImport(ctx, orgID, id)
	if err != nil || im == nil {
		return err
	}
	if im.Status != StatusReading {
		return nil // a stale job
	}
	d, err := s.detect(ctx, im, im.Options)
	if err != nil {
		return s.fail(ctx, im, err)
	}
	if remap && (!slices.Equal(d.Headers, im.Detected.Headers) || len(im.Mapping) == 0) {
		im.Mapping = ProposeMapping(im.Kind, d.Headers)
	}
	im.Detected, im.TotalRows, im.Status = d, d.EstimatedRows, StatusUploaded
	res := s.db.WithContext(ctx).Model(im).Where("status = ?", StatusReading).
		Select("mapping", "detected", "total_rows", "status", "updated_at").Updates(im)
	return res.Error
}

func (s *Service) detect(ctx context.Context, im *Import, opts Options) (Detected, error) {
	file, done, err := s.localFile(ctx, im.BlobKey)
	if err != nil {
		return Detected{}, err
	}
	defer done()
	d, err := detect(ctx, file, im.Format, opts, s.limits)
	if err != nil {
		return Detected{}, err
	}
	if len(d.Headers) == 0 {
		return Detected{}, fileTypeError("imports.file_no_header_row")
	}
	return d, nil
}

// Get returns one import of p's organisation.
func (s *Service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Import, error) {
	var im Import
	err := s.db.WithContext(ctx).Where("organization_id = ? AND id = ?", p.OrganizationID, id).Take(&im).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return im, errs.ErrNotFound
	}
	return im, err
}

var importList = page.Listing{
	Sorts: map[string]string{
		"created_at": "imports.created_at", "filename": "imports.filename", "kind": "imports.kind",
		"status": "imports.status", "finished_at": "imports.finished_at",
	},
	SortHint: "imports.sort",
	Search:   "filename ILIKE ?",
	Order:    "imports.created_at DESC", TieBreak: "imports.id",
}

// List lists the organisation's imports, newest first unless sorted otherwise.
func (s *Service) List(ctx context.Context, p auth.Principal, q page.Query, kind Kind) (page.Result[Import], error) {
	if kind != "" && !kind.Valid() {
		return page.Result[Import]{}, errs.Invalid("kind", "imports.choose_kind")
	}
	db := s.db.WithContext(ctx).Model(&Import{}).Where("organization_id = ?", p.OrganizationID)
	if kind != "" {
		db = db.Where("kind = ?", kind)
	}
	return page.List[Import](db, q, importList)
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
	im, err := s.editableImport(ctx, p, id)
	if err != nil {
		return im, err
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
	reread := false
	if in.Options != nil {
		if reread, err = applyOptions(&im, *in.Options); err != nil {
			return im, err
		}
	}
	if !reread {
		if err := checkMapping(im.Kind, im.Mapping, im.Detected.Headers); err != nil {
			return im, err
		}
	}
	im.Status, im.Report, im.ErrorRows, im.ProcessedRows, im.Failure = StatusUploaded, nil, 0, 0, ""
	im.TotalRows = im.Detected.EstimatedRows
	if reread {
		im.Status = StatusReading // the job reads the file again with the new options
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Model(&im).Select("mapping", "options", "detected", "status", "report", "error_rows",
			"processed_rows", "total_rows", "failure", "updated_at").Updates(&im).Error
		if err != nil || !reread {
			return err
		}
		return s.queue.Enqueue(ctx, tx, DetectArgs{ImportID: im.ID, OrganizationID: im.OrganizationID, Remap: in.Mapping == nil})
	})
	return im, err
}

// editableImport loads an import p may change: not running, not done.
func (s *Service) editableImport(ctx context.Context, p auth.Principal, id uuid.UUID) (Import, error) {
	if err := canImport(p); err != nil {
		return Import{}, err
	}
	im, err := s.Get(ctx, p, id)
	if err != nil {
		return im, err
	}
	return im, editable(im)
}

func editable(im Import) error {
	switch im.Status {
	case StatusReading, StatusValidating, StatusImporting:
		return ErrBusy
	case StatusDone:
		return ErrDone
	}
	return nil
}

var separators = map[string]string{";": ";", ",": ",", "\t": "\t", "tab": "\t", "|": "|"}

// applyOptions checks and sets the options; it reports whether the file must be read again.
func applyOptions(im *Import, o Options) (bool, error) {
	var v errs.Validation
	v.Check(o.DateFormat == "" || o.DateFormat == DateDMY || o.DateFormat == DateMDY || o.DateFormat == DateYMD,
		"options.date_format", "imports.choose_date_format")
	if o.Encoding != "" {
		_, err := decoder(o.Encoding)
		v.Check(err == nil, "options.encoding", "imports.choose_encoding")
	}
	if o.Separator != "" {
		sep, ok := separators[o.Separator]
		v.Check(ok, "options.separator", "imports.choose_delimiter")
		o.Separator = sep
	}
	if o.Sheet != "" && im.Format == "xlsx" {
		v.Check(slices.Contains(im.Detected.Sheets, o.Sheet), "options.sheet", "imports.workbook_no_sheet_name")
	}
	if err := v.Err(); err != nil {
		return false, err
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
	}
	return reread, nil
}

// checkMapping requires every mapped column to exist and every required field to be mapped.
func checkMapping(kind Kind, mapping map[string]string, headers []string) error {
	var v errs.Validation
	for field, header := range mapping {
		if _, ok := fieldByName(kind, field); !ok {
			v.Add("mapping."+field, "imports.unknown_field")
		} else if !slices.Contains(headers, header) {
			v.Add("mapping."+field, "imports.file_no_column", strconv.Quote(header))
		}
	}
	groups := map[string]bool{}
	for _, f := range Fields(kind) {
		_, mapped := mapping[f.Name]
		if f.Required && !mapped {
			v.Add("mapping."+f.Name, "imports.choose_column_for", strings.ToLower(f.Label))
		}
		if f.OneOf != "" {
			groups[f.OneOf] = groups[f.OneOf] || mapped
		}
	}
	for g, ok := range groups {
		if !ok {
			v.Add("mapping."+g, "imports.choose_customer_column")
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
	im, err := s.editableImport(ctx, p, id)
	if err != nil {
		return im, err
	}
	if im.Status == StatusFailed && len(im.Detected.Headers) == 0 {
		return im, fileTypeError(im.Failure) // the file was refused when it was read
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
	im, err := s.jobImport(ctx, orgID, id)
	if err != nil || im == nil {
		return err
	}
	want := StatusValidating
	if commit {
		want = StatusImporting
	}
	if im.Status != want {
		return nil // a stale job: the import was reconfigured or already finished
	}
	r, done, err := s.process(ctx, im, commit)
	if err != nil {
		return s.fail(ctx, im, err)
	}
	if done {
		return nil
	}
	status := StatusValidated
	failure := ""
	if commit {
		status = StatusFailed
		failure = locale.T("en", "imports.all_or_nothing_failed", r.ErrorRows)
	}
	return finish(ctx, s.pool, im, status, &r, failure)
}

// refusedError is a file refused for good (unreadable, or beyond a limit): its job is not
// retried, the same file would fail the same way.
type refusedError struct{ err error }

func (e refusedError) Error() string { return e.err.Error() }
func (e refusedError) Unwrap() error { return e.err }

// fail ends a job that stopped on err: the import fails with a message for the person. A
// cancelled job (the server stopping) is left for River to run again.
func (s *Service) fail(ctx context.Context, im *Import, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	failure := locale.T("en", "imports.unexpected_error")
	var de *errs.Error
	var pe *pgconn.PgError
	refused := false
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		failure, refused = locale.T("en", "imports.too_long"), true
	case errors.As(err, &de) && len(de.Fields) > 0:
		failure, refused = de.Fields[0].Message, true
	case errors.As(err, &de):
		failure, refused = de.Msg, true
	case errors.As(err, &pe) && pe.Code == "23505": // unique_violation
		failure = locale.T("en", "imports.concurrent_rows")
	default:
		s.log.ErrorContext(ctx, "import failed", "import_id", im.ID, "error", err)
	}
	if err := finish(context.WithoutCancel(ctx), s.pool, im, StatusFailed, nil, failure); err != nil {
		return err
	}
	if refused {
		return refusedError{err: err}
	}
	return nil
}

// jobImport is the import a job works on; nil when it was deleted with its organisation.
func (s *Service) jobImport(ctx context.Context, orgID, id uuid.UUID) (*Import, error) {
	var im Import
	err := s.db.WithContext(ctx).Where("organization_id = ? AND id = ?", orgID, id).Take(&im).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &im, nil
}
