package imports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/relance/relance/internal/platform/errs"
)

// kindImport is what differs between customers, invoices and payments: how rows are checked
// in Go, then in SQL against the ledger, counted, merged and cleaned up. Statements take $1 =
// the import's id, $2 = the organisation's id.
type kindImport interface {
	parser() rowParser
	afterCopy(ctx context.Context, tx pgx.Tx, importID, orgID uuid.UUID) error
	// problemsSQL finds the problems Go cannot: (line, field, message) ordered by line.
	problemsSQL() string
	dropRows(ctx context.Context, tx pgx.Tx, importID uuid.UUID, lines []int32) error
	count(ctx context.Context, tx pgx.Tx, importID, orgID uuid.UUID, r *Report) error
	merge(ctx context.Context, tx pgx.Tx, a actor, r *Report) error
	cleanup(ctx context.Context, tx pgx.Tx, importID uuid.UUID) error
}

// execer runs a statement: a pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// actor is who an import's changes are recorded for on the timeline.
type actor struct {
	importID, orgID  uuid.UUID
	userID, apiKeyID *uuid.UUID
}

func newKindImport(kind Kind, st settings, opts Options) kindImport {
	switch kind {
	case KindCustomers:
		return &customerImport{p: &customerParser{st}}
	case KindPayments:
		return &paymentImport{p: &paymentParser{st}, autoAllocate: opts.AutoAllocate == nil || *opts.AutoAllocate}
	}
	return &invoiceImport{p: &invoiceParser{settings: st, customers: map[string]*customerKey{},
		numbers: map[string]int{}, externalIDs: map[string]int{}}}
}

func exec(ctx context.Context, tx pgx.Tx, what, sql string, args ...any) error {
	start := time.Now()
	_, err := tx.Exec(ctx, sql, args...)
	timing(ctx, what, start)
	return wrap(what, err)
}

// execEach runs queries in order, each with args.
func execEach(ctx context.Context, tx pgx.Tx, what string, queries []string, args ...any) error {
	for _, q := range queries {
		if err := exec(ctx, tx, what, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// timingKey carries a logger that wants each step's duration (the benchmark's).
type timingKey struct{}

// WithTiming makes the import steps run with ctx log their durations to log.
func WithTiming(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, timingKey{}, log)
}

func timing(ctx context.Context, what string, start time.Time) {
	if log, ok := ctx.Value(timingKey{}).(*slog.Logger); ok {
		log.Info("import step", "step", what, "ms", time.Since(start).Milliseconds())
	}
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("imports: %s: %w", what, err)
	}
	return nil
}

// process reads the file into staging and checks every row; with commit (and no problem, or
// problems allowed to be skipped) it merges the rows into the ledger and marks the import
// done, all in one transaction. Otherwise the transaction is rolled back: nothing changes.
func (s *Service) process(ctx context.Context, im *Import, commit bool) (Report, bool, error) {
	start := time.Now()
	src, headers, err := s.openSource(ctx, im)
	if err != nil {
		return Report{}, false, err
	}
	defer src.Close()

	var region string
	if err := s.pool.QueryRow(ctx, `SELECT country FROM organization_profiles WHERE id = $1`, im.OrganizationID).Scan(&region); err != nil {
		return Report{}, false, wrap("organisation", err)
	}
	st := settings{importID: im.ID, orgID: im.OrganizationID, ids: newIDGen(), dateOrder: im.Detected.DateFormat,
		decimalComma: im.Detected.DecimalComma, region: region}
	k := newKindImport(im.Kind, st, im.Options)
	probs := &problems{}

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return Report{}, false, wrap("begin", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	// The staging tables are shared by concurrent imports and never analysed (ANALYZE would
	// hold a lock until the end of each import), so the planner cannot know how many rows one
	// import has staged: it would pick nested loops over 100,000-row joins. Bulk merges want
	// hash joins, with room for them; the costs that this inflates must not trigger JIT
	// compilation (a second per statement) nor parallel workers that each redo the work.
	if err := exec(ctx, tx, "plan", `SET LOCAL enable_nestloop = off; SET LOCAL work_mem = '64MB';
		SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0`); err != nil {
		return Report{}, false, err
	}

	stg := &stager{src: src, cols: columnIndexes(im.Mapping, headers), parser: k.parser(), probs: probs,
		progress: func(n int) { s.setProgress(ctx, im, n) }}
	copyStart := time.Now()
	_, err = tx.CopyFrom(ctx, pgx.Identifier{k.parser().table()}, k.parser().columns(), stg)
	timing(ctx, "copy", copyStart)
	if err != nil {
		if stg.err != nil {
			return Report{}, false, readError(stg.err)
		}
		return Report{}, false, wrap("copy", err)
	}
	s.setProgress(ctx, im, stg.rows)
	if err := k.afterCopy(ctx, tx, im.ID, im.OrganizationID); err != nil {
		return Report{}, false, err
	}
	if err := s.checkInSQL(ctx, tx, k, im, probs); err != nil {
		return Report{}, false, err
	}
	r := Report{DryRun: !commit, RowsTotal: stg.rows, ErrorRows: probs.rows, ErrorCount: probs.count,
		Errors: append([]RowProblem{}, probs.list...), ErrorsTruncated: probs.count > len(probs.list)}
	if !commit || (im.AllOrNothing && probs.count > 0) {
		err := k.count(ctx, tx, im.ID, im.OrganizationID, &r)
		r.DurationMS = time.Since(start).Milliseconds()
		return r, false, err // the deferred rollback empties the staging tables
	}
	a := actor{importID: im.ID, orgID: im.OrganizationID, userID: im.CreatedBy, apiKeyID: im.CreatedByAPIKey}
	if err := k.merge(ctx, tx, a, &r); err != nil {
		return Report{}, false, err
	}
	r.Skipped = r.ErrorRows
	r.Unchanged = r.RowsTotal - r.ErrorRows - r.Created - r.Updated
	if err := k.cleanup(ctx, tx, im.ID); err != nil {
		return Report{}, false, err
	}
	r.DurationMS = time.Since(start).Milliseconds()
	if err := recordCompleted(ctx, tx, a, im, r); err != nil {
		return Report{}, false, err
	}
	if err := finish(ctx, tx, im, StatusDone, &r, ""); err != nil {
		return Report{}, false, err
	}
	return r, true, wrap("commit", tx.Commit(ctx))
}

// checkInSQL adds the problems found against the ledger and the whole file, and drops their
// rows from staging.
func (s *Service) checkInSQL(ctx context.Context, tx pgx.Tx, k kindImport, im *Import, probs *problems) error {
	start := time.Now()
	defer timing(ctx, "check", start)
	rows, err := tx.Query(ctx, k.problemsSQL(), im.ID, im.OrganizationID)
	if err != nil {
		return wrap("check", err)
	}
	defer rows.Close()
	var found []RowProblem
	var lines []int32
	count := 0
	for rows.Next() {
		var p RowProblem
		if err := rows.Scan(&p.Row, &p.Field, &p.Message); err != nil {
			return wrap("check", err)
		}
		count++
		if len(found) < maxListedProblems {
			found = append(found, p)
		}
		if len(lines) == 0 || lines[len(lines)-1] != int32(p.Row) {
			lines = append(lines, int32(p.Row))
		}
	}
	if err := rows.Err(); err != nil {
		return wrap("check", err)
	}
	if count == 0 {
		return nil
	}
	probs.merge(found, count, len(lines))
	return k.dropRows(ctx, tx, im.ID, lines)
}

// refreshIDs is ids as a non-NULL array: a nil slice would reach the ledger's refresh
// functions as NULL, which means "the whole organisation".
func refreshIDs(ids []uuid.UUID) []uuid.UUID {
	if ids == nil {
		return []uuid.UUID{}
	}
	return ids
}

// readError turns a file that stops making sense halfway into a problem for the person; a
// cancelled job stays a cancellation.
func readError(err error) error {
	var de *errs.Error
	if errors.As(err, &de) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fileTypeError("The file cannot be read to the end: " + err.Error())
}

// localFile returns the stored file as a local file: the zip checks and excelize need random
// access. A store that is not a local folder is copied into a temporary file first. done closes
// (and removes) it.
func (s *Service) localFile(ctx context.Context, key string) (file *os.File, done func(), err error) {
	rc, err := s.files.Open(ctx, key)
	if err != nil {
		return nil, nil, fmt.Errorf("imports: open file: %w", err)
	}
	if f, ok := rc.(*os.File); ok {
		return f, func() { _ = f.Close() }, nil
	}
	defer rc.Close()
	tmp, err := os.CreateTemp("", "relance-import-*")
	if err != nil {
		return nil, nil, fmt.Errorf("imports: spool file: %w", err)
	}
	done = func() { _ = tmp.Close(); _ = os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, io.LimitReader(rc, s.limits.MaxFileSize+1)); err != nil {
		done()
		return nil, nil, fmt.Errorf("imports: spool file: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		done()
		return nil, nil, fmt.Errorf("imports: spool file: %w", err)
	}
	return tmp, done, nil
}

// openRows opens the stored file as a source of rows checked against the limits.
func (s *Service) openRows(ctx context.Context, im *Import) (rowSource, error) {
	file, done, err := s.localFile(ctx, im.BlobKey)
	if err != nil {
		return nil, err
	}
	var src rowSource
	if im.Format == "xlsx" {
		f, err := openWorkbook(ctx, file, s.limits)
		done() // excelize has extracted what it streams; it reads the rest from memory
		if err != nil {
			return nil, err
		}
		if src, err = newXLSXSource(f, im.Detected.Sheet); err != nil {
			return nil, err
		}
	} else {
		rc := closerFunc{Reader: file, close: done}
		if src, err = newCSVSource(ctx, rc, im.Detected.Encoding, im.Detected.Separator, s.limits); err != nil {
			done()
			return nil, err
		}
	}
	return &limitedSource{rowSource: src, limits: s.limits}, nil
}

type closerFunc struct {
	io.Reader
	close func()
}

func (c closerFunc) Close() error { c.close(); return nil }

// openSource opens the stored file and reads its header row.
func (s *Service) openSource(ctx context.Context, im *Import) (rowSource, []string, error) {
	src, err := s.openRows(ctx, im)
	if err != nil {
		return nil, nil, err
	}
	for {
		_, cells, err := src.next()
		if err == io.EOF {
			_ = src.Close()
			return nil, nil, fileTypeError("imports.file_no_header_row")
		} else if err != nil {
			_ = src.Close()
			return nil, nil, readError(err)
		}
		if !blankRow(cells) {
			return src, uniqueHeaders(cells), nil
		}
	}
}

// setProgress records how many rows were read, on its own connection so that the SPA sees it
// while the import's transaction runs.
func (s *Service) setProgress(ctx context.Context, im *Import, n int) {
	_, err := s.pool.Exec(ctx, `UPDATE imports SET processed_rows = $3, total_rows = greatest(total_rows, $3), updated_at = now()
		WHERE organization_id = $1 AND id = $2`, im.OrganizationID, im.ID, n)
	if err != nil {
		s.log.WarnContext(ctx, "import progress not saved", "import_id", im.ID, "error", err)
	}
}

// recordCompleted adds the import to the organisation's timeline.
func recordCompleted(ctx context.Context, tx pgx.Tx, a actor, im *Import, r Report) error {
	data := map[string]any{"import_id": im.ID, "kind": im.Kind, "filename": im.Filename, "created": r.Created,
		"updated": r.Updated, "unchanged": r.Unchanged, "skipped": r.Skipped}
	return exec(ctx, tx, "record completion", `INSERT INTO activities (id, organization_id, kind, actor_user_id, actor_api_key_id, data)
		VALUES ($1, $2, 'import.completed', $3, $4, $5)`, newID(), a.orgID, a.userID, a.apiKeyID, data)
}

// finish writes the outcome of a run; without a report it keeps the counts.
func finish(ctx context.Context, q execer, im *Import, status Status, r *Report, failure string) error {
	var err error
	if r == nil {
		_, err = q.Exec(ctx, `UPDATE imports SET status = $3, failure = $4, finished_at = now(), updated_at = now()
			WHERE organization_id = $1 AND id = $2`, im.OrganizationID, im.ID, status, failure)
	} else {
		_, err = q.Exec(ctx, `UPDATE imports SET status = $3, report = $4, total_rows = $5, processed_rows = $5,
			error_rows = $6, failure = $7, finished_at = now(), updated_at = now()
			WHERE organization_id = $1 AND id = $2`, im.OrganizationID, im.ID, status, r, r.RowsTotal, r.ErrorRows, failure)
	}
	return wrap("finish", err)
}
