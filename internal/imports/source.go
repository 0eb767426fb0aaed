package imports

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The file encodings Relance reads.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF16       = "utf-16"
	EncodingWindows1252 = "windows-1252"
	EncodingLatin1      = "iso-8859-1"
)

// sampleRows is how many data rows Detected shows.
const sampleRows = 5

// Detected is what Relance found in a file: how to read it, its columns and its first rows.
type Detected struct {
	Format       string     `json:"format" enums:"csv,xlsx"`
	Encoding     string     `json:"encoding,omitempty"`
	Separator    string     `json:"separator,omitempty"`
	Sheet        string     `json:"sheet,omitempty"`
	Sheets       []string   `json:"sheets,omitempty"`
	Headers      []string   `json:"headers"`
	Sample       [][]string `json:"sample"`
	DateFormat   string     `json:"date_format" enums:"dmy,mdy,ymd"`
	DecimalComma bool       `json:"decimal_comma"`
	// EstimatedRows counts the lines after the header (exact unless cells span lines).
	EstimatedRows int `json:"estimated_rows"`
} // @name ImportDetected

// Options override what was detected.
type Options struct {
	DateFormat   string `json:"date_format,omitempty" enums:"dmy,mdy,ymd"`
	DecimalComma *bool  `json:"decimal_comma,omitempty"`
	Encoding     string `json:"encoding,omitempty" enums:"utf-8,utf-16,windows-1252,iso-8859-1"`
	Separator    string `json:"separator,omitempty" example:";"`
	Sheet        string `json:"sheet,omitempty"`
	// AutoAllocate allocates imported payments to open invoices, oldest first (default true).
	AutoAllocate *bool `json:"auto_allocate,omitempty"`
} // @name ImportOptions

// rowSource yields a file's rows: the header row first. line is the 1-based line (CSV) or row
// (XLSX) where the row starts.
type rowSource interface {
	next() (line int, cells []string, err error)
	Close() error
}

// ErrFileType refuses a file that is neither CSV (text) nor XLSX.
var errFileTypeMsg = "imports.unknown_file_type"

// sniffFormat tells CSV from XLSX by content, and refuses anything else.
func sniffFormat(head []byte, filename string) (string, error) {
	lower := strings.ToLower(filename)
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsm") || !strings.Contains(lower, ".") {
			return "xlsx", nil
		}
		if strings.HasSuffix(lower, ".ods") || strings.HasSuffix(lower, ".zip") || strings.HasSuffix(lower, ".docx") {
			return "", fileTypeError(errFileTypeMsg)
		}
		return "xlsx", nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", fileTypeError("imports.old_excel_xls_file")
	case len(head) == 0:
		return "", fileTypeError("imports.file_empty")
	case looksLikeText(head):
		return "csv", nil
	}
	return "", fileTypeError(errFileTypeMsg)
}

// looksLikeText accepts UTF-8, UTF-16 with a byte order mark and 8-bit text; it refuses
// binary files (NUL bytes, control characters).
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	if bytes.HasPrefix(b, []byte("%PDF")) {
		return false
	}
	for _, c := range b {
		if c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) {
			return false
		}
	}
	return true
}

// detectEncoding guesses a CSV's encoding from its first bytes.
func detectEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return EncodingUTF8
	}
	if utf8.Valid(head) || utf8.Valid(head[:incompleteTail(head)]) {
		return EncodingUTF8
	}
	for _, c := range head {
		if c >= 0x80 && c <= 0x9F {
			return EncodingWindows1252 // € ’ … live there; in ISO-8859-1 they are control codes
		}
	}
	return EncodingLatin1
}

// incompleteTail returns where a UTF-8 character cut by the end of the sample starts (or
// len(b) when the sample ends on a whole character).
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] >= 0xC0 { // a lead byte
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
		if b[i] < 0x80 {
			break
		}
	}
	return len(b)
}

func decoder(name string) (encoding.Encoding, error) {
	switch name {
	case EncodingUTF8, "":
		return unicode.UTF8BOM, nil // strips a BOM when there is one
	case EncodingUTF16:
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), nil
	case EncodingWindows1252:
		return charmap.Windows1252, nil
	case EncodingLatin1:
		return charmap.ISO8859_1, nil
	}
	return nil, fmt.Errorf("unknown encoding %q", name)
}

// sniffSeparator picks the separator that splits the first lines into the same, largest
// number of columns.
func sniffSeparator(text string) string {
	lines := strings.SplitN(text, "\n", 30)
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last one may be cut
	}
	sample := strings.Join(lines, "\n")
	best, bestScore := ",", -1
	for _, sep := range []string{";", ",", "\t", "|"} {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = rune(sep[0]), true, -1
		recs, _ := r.ReadAll()
		if len(recs) == 0 || len(recs[0]) < 2 {
			continue
		}
		same := 0
		for _, rec := range recs {
			if len(rec) == len(recs[0]) {
				same++
			}
		}
		score := same*1000 + len(recs[0])
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// csvSource reads a CSV through its encoding's decoder, one bounded record at a time.
type csvSource struct {
	rc     io.Closer
	r      *csv.Reader
	budget *rowBudget
	limits Limits
	line   int // where the last record started
}

func newCSVSource(ctx context.Context, rc io.ReadCloser, enc, sep string, l Limits) (*csvSource, error) {
	e, err := decoder(enc)
	if err != nil {
		return nil, err
	}
	var rd io.Reader = bufio.NewReaderSize(rc, 256<<10)
	if enc == EncodingUTF8 || enc == "" {
		rd = skipBOM(rd.(*bufio.Reader)) // valid UTF-8 needs no decoding: skip the transformer
	} else {
		rd = transform.NewReader(rd, e.NewDecoder())
	}
	// The budget sits under encoding/csv, which otherwise buffers a record of any length.
	budget := &rowBudget{ctx: ctx, r: rd, max: l.maxRowBytes(), err: errRowBudget{}}
	r := csv.NewReader(budget)
	if sep == "" {
		sep = ","
	}
	r.Comma, _ = utf8.DecodeRuneInString(sep)
	r.LazyQuotes, r.FieldsPerRecord, r.ReuseRecord = true, -1, true
	return &csvSource{rc: rc, r: r, budget: budget, limits: l}, nil
}

func skipBOM(r *bufio.Reader) io.Reader {
	if b, err := r.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = r.Discard(3)
	}
	return r
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errRowBudget{}):
			return s.line + 1, nil, rowTooLongError(s.limits, s.line+1)
		case errors.As(err, &pe):
			return pe.StartLine, nil, rowError{line: pe.StartLine, msg: "This line cannot be read: " + pe.Err.Error()}
		}
		return 0, nil, err
	}
	s.budget.reset()
	s.line, _ = s.r.FieldPos(0)
	return s.line, rec, nil
}

func (s *csvSource) Close() error { return s.rc.Close() }

// xlsxSource streams the rows of one sheet of a workbook with excelize's row iterator.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	line int
}

// openWorkbook opens a stored workbook within the limits: its zip directory is checked, then
// its sheets and shared strings are scanned as streams (ctx stops the scan), and only then does
// excelize open it, with explicit limits: at most l.MaxUnzipSize unzipped, and any sheet or
// shared-string table over 1 MB extracted to a temporary file and streamed rather than held in
// memory. Close the file to remove its temporary files.
func openWorkbook(ctx context.Context, file *os.File, l Limits) (*excelize.File, error) {
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("imports: stat workbook: %w", err)
	}
	if err := checkZipDirectory(file, st.Size(), l); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(file, st.Size())
	if err != nil {
		return nil, unreadableWorkbook()
	}
	if err := checkStreamedParts(ctx, zr, l); err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(file.Name(), excelize.Options{UnzipSizeLimit: l.MaxUnzipSize,
		UnzipXMLSizeLimit: xlsxInMemoryLimit, RawCellValue: true})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, unreadableWorkbook()
	}
	return f, nil
}

func newXLSXSource(f *excelize.File, sheet string) (*xlsxSource, error) {
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		_ = f.Close()
		return nil, optionError("sheet", "imports.workbook_no_sheet_named", strconv.Quote(sheet))
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("imports: read sheet: %w", err)
	}
	return &xlsxSource{f: f, rows: rows}, nil
}

func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, err
		}
		return 0, nil, io.EOF
	}
	s.line++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	return s.line, cells, err
}

func (s *xlsxSource) Close() error {
	_ = s.rows.Close()
	return s.f.Close()
}

// sheetRows estimates a sheet's data rows from its dimension ("A1:H1001" → 1000).
func sheetRows(f *excelize.File, sheet string) int {
	dim, err := f.GetSheetDimension(sheet)
	if err != nil {
		return 0
	}
	parts := strings.Split(dim, ":")
	_, last, err := excelize.CellNameToCoordinates(parts[len(parts)-1])
	if err != nil || last < 1 {
		return 0
	}
	return last - 1
}

// blankRow reports whether every cell is empty.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// uniqueHeaders names empty headers "Column N" and repeated ones "Name (2)", so that a mapping
// can name every column.
func uniqueHeaders(cells []string) []string {
	out := make([]string, len(cells))
	seen := map[string]int{}
	for i, c := range cells {
		h := strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))
		if h == "" {
			h = "Column " + strconv.Itoa(i+1)
		}
		seen[h]++
		if n := seen[h]; n > 1 {
			h = fmt.Sprintf("%s (%d)", h, n)
		}
		out[i] = h
	}
	for len(out) > 0 && strings.HasPrefix(out[len(out)-1], "Column ") && strings.TrimSpace(cells[len(out)-1]) == "" {
		out = out[:len(out)-1] // trailing empty columns
	}
	return out
}
