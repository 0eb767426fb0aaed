package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/imports"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// ImportField is a value Relance can read from a column of the file.
type ImportField struct {
	Name     string `json:"name" example:"due_date"`
	Label    string `json:"label" example:"Due date"`
	Required bool   `json:"required"`
	// OneOf names a group of fields of which one at least must be mapped.
	OneOf string `json:"one_of" example:"customer"`
}

// ImportProgress is how far the running job got.
type ImportProgress struct {
	Processed int `json:"processed"`
	Total     int `json:"total"`
}

// ImportResponse is an uploaded file, how it is read, and what became of it.
type ImportResponse struct {
	ID        string `json:"id" format:"uuid"`
	Kind      string `json:"kind" enums:"customers,invoices,payments"`
	Filename  string `json:"filename"`
	Format    string `json:"format" enums:"csv,xlsx"`
	SizeBytes int64  `json:"size_bytes"`
	// Status: reading (a job reads the file's header and first rows), uploaded (ready to map), validating,
	// validated, importing, done or failed (Failure says why, e.g. the limit the file is beyond).
	Status string `json:"status" enums:"reading,uploaded,validating,validated,importing,done,failed"`
	// Detected is how the file reads: encoding, separator, sheet, headers and the first rows.
	Detected imports.Detected `json:"detected"`
	// Mapping maps a target field to the header of the column that holds it.
	Mapping      map[string]string `json:"mapping"`
	Options      imports.Options   `json:"options"`
	Fields       []ImportField     `json:"fields"`
	AllOrNothing bool              `json:"all_or_nothing"`
	Progress     ImportProgress    `json:"progress"`
	ErrorRows    int               `json:"error_rows"`
	Report       *imports.Report   `json:"report" extensions:"x-nullable"`
	// Failure says why a failed import stopped.
	Failure    string     `json:"failure"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	StartedAt  *time.Time `json:"started_at" extensions:"x-nullable"`
	FinishedAt *time.Time `json:"finished_at" extensions:"x-nullable"`
}

// ImportList is one page of imports.
type ImportList struct {
	Items []ImportResponse `json:"items"`
	Total int64            `json:"total"`
}

// ConfigureImportRequest changes how a file is read. A field left out keeps its value.
type ConfigureImportRequest struct {
	Mapping map[string]string `json:"mapping,omitempty"`
	Options *imports.Options  `json:"options,omitempty"`
}

// CommitImportRequest says what to do with bad rows.
type CommitImportRequest struct {
	// AllOrNothing (default true): one bad row and nothing is imported. False skips bad rows.
	AllOrNothing *bool `json:"all_or_nothing,omitempty"`
}

func toImportResponse(im imports.Import) ImportResponse {
	out := ImportResponse{ID: im.ID.String(), Kind: string(im.Kind), Filename: im.Filename, Format: im.Format,
		SizeBytes: im.SizeBytes, Status: string(im.Status), Detected: im.Detected, Mapping: im.Mapping,
		Options: im.Options, AllOrNothing: im.AllOrNothing, ErrorRows: im.ErrorRows, Report: im.Report,
		Progress: ImportProgress{Processed: im.ProcessedRows, Total: im.TotalRows}, Failure: im.Failure,
		CreatedAt: im.CreatedAt, UpdatedAt: im.UpdatedAt, StartedAt: im.StartedAt, FinishedAt: im.FinishedAt}
	if out.Mapping == nil {
		out.Mapping = map[string]string{}
	}
	for _, f := range imports.Fields(im.Kind) {
		out.Fields = append(out.Fields, ImportField{Name: f.Name, Label: f.Label, Required: f.Required, OneOf: f.OneOf})
	}
	return out
}

// ListImports godoc
// @Summary      List imports
// @Tags         imports
// @Produce      json
// @Security     BearerAuth
// @Param        kind    query     string  false  "customers, invoices or payments"
// @Param        q       query     string  false  "Search in file names"
// @Param        sort    query     string  false  "created_at, filename, kind, status or finished_at; prefix with - for descending"
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  ImportList
// @Failure      422     {object}  Problem
// @Router       /api/v1/imports [get]
func (s *Server) ListImports(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Imports.List(c.Request().Context(), principal(c), q, imports.Kind(c.QueryParam("kind")))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ImportList{Items: mapped(res.Items, toImportResponse), Total: res.Total})
}

// UploadImport godoc
// @Summary      Upload a file to import
// @Description  A CSV (separated by ; , or tabs; UTF-8, UTF-16 or Latin-1) or an XLSX workbook. Admins and collectors only.
// @Description  Limits (docs/imports.md): at most 50 MB; a workbook at most 512 MB once unzipped (and at most 16 MB of
// @Description  parts other than large sheets, 10,000 zip entries, 2,000,000 distinct texts); at most 1,000,000 rows,
// @Description  256 columns and 10,000 characters per cell. The request checks the size, the type and a workbook's zip
// @Description  directory (a 422 naming the limit); a job then reads the file: the import is `reading`, then
// @Description  `uploaded` with how the file reads (encoding, separator, sheet, headers, first rows) and a proposed
// @Description  mapping, or `failed` with `failure` naming the limit and the row or column beyond it. Poll GET
// @Description  /imports/{id} while it is `reading`.
// @Tags         imports
// @Accept       multipart/form-data
// @Produce      json
// @Security     BearerAuth
// @Param        kind  formData  string  true  "customers, invoices or payments"  Enums(customers, invoices, payments)
// @Param        file  formData  file    true  "The CSV or XLSX file"
// @Success      201   {object}  ImportResponse
// @Failure      403   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/imports [post]
func (s *Server) UploadImport(c echo.Context) error {
	max := s.svc.Imports.MaxFileSize()
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, max+1<<20)
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return errs.Invalid("file", "common.file_too_large_mb", max>>20)
	case err != nil:
		return errs.Invalid("file", "common.send_file")
	}
	kind, err := formValue(c, "kind", 100)
	if err != nil {
		return err
	}
	if p, args := textProblem(fh.Filename, 255); p != "" {
		return errs.Invalid("file", "api.file_name", locale.T("en", p, args...))
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	im, err := s.svc.Imports.Upload(c.Request().Context(), principal(c), imports.Kind(kind), fh.Filename, f)
	return reply(c, http.StatusCreated, im, err, toImportResponse)
}

// GetImport godoc
// @Summary      An import, with its progress and report
// @Description  Poll it while the status is validating or importing: progress counts the rows read.
// @Tags         imports
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Import id"  format(uuid)
// @Success      200  {object}  ImportResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/imports/{id} [get]
func (s *Server) GetImport(c echo.Context) error {
	return byID(c, http.StatusOK, s.svc.Imports.Get, toImportResponse)
}

// ConfigureImport godoc
// @Summary      Change an import's mapping or options
// @Description  Every required field must be mapped to a column of the file. Changing the encoding, separator
// @Description  or sheet reads the file again in a job: the import is `reading` until it is `uploaded` (or `failed`).
// @Description  Any earlier dry-run report is cleared.
// @Tags         imports
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string                  true  "Import id"  format(uuid)
// @Param        body  body      ConfigureImportRequest  true  "Mapping and options"
// @Success      200   {object}  ImportResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/imports/{id} [patch]
func (s *Server) ConfigureImport(c echo.Context) error {
	var req ConfigureImportRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	im, err := s.svc.Imports.Configure(c.Request().Context(), principal(c), id,
		imports.Settings{Mapping: req.Mapping, Options: req.Options})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toImportResponse(im))
}

// DryRunImport godoc
// @Summary      Check every row without importing
// @Description  Runs in the background: the status goes validating, then validated with a report of what a
// @Description  commit would create, update or leave unchanged, and every bad row with why. The file is read within
// @Description  the limits of POST /imports; beyond one, the import fails with `failure` naming it (not retried). A
// @Description  file refused when it was read answers 422 with the same message.
// @Tags         imports
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Import id"  format(uuid)
// @Success      202  {object}  ImportResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem
// @Failure      422  {object}  Problem
// @Router       /api/v1/imports/{id}/dry-run [post]
func (s *Server) DryRunImport(c echo.Context) error {
	return byID(c, http.StatusAccepted, s.svc.Imports.DryRun, toImportResponse)
}

// CommitImport godoc
// @Summary      Import the rows
// @Description  Runs in the background: the status goes importing, then done (or failed). All-or-nothing (the
// @Description  default) imports nothing when a row is bad; otherwise bad rows are skipped and listed. Importing
// @Description  the same rows again changes nothing.
// @Tags         imports
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string               true   "Import id"  format(uuid)
// @Param        body  body      CommitImportRequest  false  "What to do with bad rows"
// @Success      202   {object}  ImportResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/imports/{id}/commit [post]
func (s *Server) CommitImport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CommitImportRequest
	if c.Request().ContentLength > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	allOrNothing := req.AllOrNothing == nil || *req.AllOrNothing
	im, err := s.svc.Imports.Commit(c.Request().Context(), principal(c), id, allOrNothing)
	return reply(c, http.StatusAccepted, im, err, toImportResponse)
}
