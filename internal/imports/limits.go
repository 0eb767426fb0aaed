package imports

import (
	"context"
	"io"
	"unicode/utf8"
)

// Limits bound the work one import may cost the server: every file is refused, with a message
// naming the limit, before it can take more memory or time than these allow. The defaults
// keep the server's peak memory under 400 MB for any file within them (make bench measures it).
type Limits struct {
	// MaxFileSize is the largest file accepted, in bytes (checked in the request).
	MaxFileSize int64
	// MaxUnzipSize is the most an XLSX workbook may hold once unzipped, in bytes (checked in the
	// request from the zip's directory, which Go's zip reader enforces while inflating).
	MaxUnzipSize int64
	// MaxRows is the most data rows a file may have (the header row not counted).
	MaxRows int
	// MaxColumns is the most columns a row may have (up to its last non-empty cell).
	MaxColumns int
	// MaxCellChars is the most characters a cell may hold.
	MaxCellChars int
}

// The default limits.
const (
	DefaultMaxFileSize  = 50 << 20
	DefaultMaxUnzipSize = 512 << 20
	DefaultMaxRows      = 1_000_000
	DefaultMaxColumns   = 256
	DefaultMaxCellChars = 10_000
)

// Inner bounds of an XLSX workbook, derived from the limits above, that hold the server's memory
// whatever the workbook's shape: excelize keeps in memory every part but the large sheets and
// shared strings, which it extracts to temporary files and streams.
const (
	// xlsxInMemoryLimit is excelize's UnzipXMLSizeLimit: a sheet or shared-string table larger
	// than this is extracted to a temporary file and streamed.
	xlsxInMemoryLimit = 1 << 20
	// maxInMemoryParts caps the parts excelize keeps in memory (styles, workbook, small sheets…).
	maxInMemoryParts = 16 << 20
	// maxZipEntries caps the files in the zip (each costs memory before anything is read).
	maxZipEntries = 10_000
	// maxSharedStrings caps the distinct texts of a workbook (excelize indexes each one).
	maxSharedStrings = 2_000_000
)

// DefaultLimits returns the limits used unless ServiceOptions say otherwise.
func DefaultLimits() Limits {
	return Limits{MaxFileSize: DefaultMaxFileSize, MaxUnzipSize: DefaultMaxUnzipSize, MaxRows: DefaultMaxRows,
		MaxColumns: DefaultMaxColumns, MaxCellChars: DefaultMaxCellChars}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxUnzipSize <= 0 {
		l.MaxUnzipSize = d.MaxUnzipSize
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellChars <= 0 {
		l.MaxCellChars = d.MaxCellChars
	}
	return l
}

// maxRowBytes bounds the bytes of one row (a CSV record, or a sheet's row element): a row within
// the column and cell limits is never longer, so a longer one is refused before it is read whole.
func (l Limits) maxRowBytes() int64 {
	return int64(l.MaxColumns)*int64(l.MaxCellChars)*6 + 64<<10 // 6: the longest escaped character
}

// The errors of the limits: each names the limit, and the row or column when there is one.
func tooLargeError(l Limits) error {
	return limitError("common.file_too_large_mb", l.MaxFileSize>>20)
}

func unzipTooLargeError(l Limits) error {
	return limitError("imports.unzipped_too_large", l.MaxUnzipSize>>20)
}

func tooManyRowsError(l Limits) error {
	return limitError("imports.too_many_rows", l.MaxRows)
}

func tooManyColumnsError(l Limits, line, col int) error {
	return limitError("imports.too_many_columns", line, col, l.MaxColumns)
}

func cellTooLongError(l Limits, line, col int) error {
	return limitError("imports.cell_too_long", line, col, l.MaxCellChars)
}

func rowTooLongError(l Limits, line int) error {
	return limitError("imports.row_too_long", line, l.MaxColumns, l.MaxCellChars)
}

// limitError is a file beyond a limit: the import fails at once with its message, and the job
// is not retried.
func limitError(key string, args ...any) error { return fileTypeError(key, args...) }

// checkRow refuses a row beyond the column or cell limits. line is the row's number in the file.
func (l Limits) checkRow(line int, cells []string) error {
	last := len(cells) - 1
	for last >= 0 && cells[last] == "" {
		last--
	}
	if last+1 > l.MaxColumns {
		return tooManyColumnsError(l, line, last+1)
	}
	for i, c := range cells[:last+1] {
		if len(c) > l.MaxCellChars && utf8.RuneCountInString(c) > l.MaxCellChars {
			return cellTooLongError(l, line, i+1)
		}
	}
	return nil
}

// limitedSource checks every row of a source against the limits.
type limitedSource struct {
	rowSource
	limits Limits
	rows   int
}

func (s *limitedSource) next() (int, []string, error) {
	line, cells, err := s.rowSource.next()
	if err != nil {
		return line, cells, err
	}
	if s.rows++; s.rows > s.limits.MaxRows+1 { // the header row is not a data row
		return line, nil, tooManyRowsError(s.limits)
	}
	if err := s.limits.checkRow(line, cells); err != nil {
		return line, nil, err
	}
	return line, cells, nil
}

// rowBudget is a reader that lets at most max bytes through between two calls of reset: it
// stops a reader above it (encoding/csv, encoding/xml) from buffering a row or a token of any
// size. It also stops when ctx is done, so that a cancelled job stops reading.
type rowBudget struct {
	ctx  context.Context
	r    io.Reader
	max  int64
	used int64
	err  error // returned once the budget is spent
}

func (b *rowBudget) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	if b.used >= b.max {
		return 0, b.err
	}
	if int64(len(p)) > b.max-b.used {
		p = p[:b.max-b.used]
	}
	n, err := b.r.Read(p)
	b.used += int64(n)
	return n, err
}

func (b *rowBudget) reset() { b.used = 0 }

// errRowBudget marks a spent budget; the source turns it into a message with the row.
type errRowBudget struct{}

func (errRowBudget) Error() string { return "imports: row longer than the limit" }
