package imports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// headBytes is how much of a CSV detection reads to guess its encoding and separator.
const headBytes = 64 << 10

// detectRows is how many rows detection looks at to guess the date order and decimal mark.
const detectRows = 500

// detect reads a file's header, first rows and formats. opts, when set, overrides the guesses.
// The rows are read through the same bounded source as the import itself, so a file beyond the
// limits is refused here already.
func detect(ctx context.Context, file *os.File, format string, opts Options, l Limits) (Detected, error) {
	if format == "xlsx" {
		return detectXLSX(ctx, file, opts, l)
	}
	return detectCSV(ctx, file, opts, l)
}

func detectCSV(ctx context.Context, file *os.File, opts Options, l Limits) (Detected, error) {
	head := make([]byte, headBytes)
	n, err := io.ReadFull(file, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return Detected{}, err
	}
	head = head[:n]
	lines := bytes.Count(head, []byte{'\n'})
	rest, err := countLines(ctx, file)
	if err != nil {
		return Detected{}, err
	}
	lines += rest
	if n > 0 && head[n-1] != '\n' && rest == 0 {
		lines++ // no final newline
	}
	d := Detected{Format: "csv", Encoding: opts.Encoding, Separator: opts.Separator}
	if d.Encoding == "" {
		d.Encoding = detectEncoding(head)
	}
	enc, err := decoder(d.Encoding)
	if err != nil {
		return Detected{}, optionError("options.encoding", "imports.choose_encoding")
	}
	text, err := enc.NewDecoder().Bytes(head)
	if err != nil {
		return Detected{}, fileTypeError("The file is not text in " + d.Encoding + ": choose another encoding.")
	}
	if n == headBytes { // drop the last, probably cut, line
		if i := bytes.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i+1]
		}
	}
	if d.Separator == "" {
		d.Separator = sniffSeparator(string(text))
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return Detected{}, err
	}
	src, err := newCSVSource(ctx, io.NopCloser(file), d.Encoding, d.Separator, l)
	if err != nil {
		return Detected{}, err
	}
	rows, err := firstRows(&limitedSource{rowSource: src, limits: l})
	if err != nil {
		return Detected{}, err
	}
	d.EstimatedRows = max(lines-1, 0)
	fill(&d, rows, opts)
	return d, nil
}

// firstRows reads the header and up to detectRows rows that are not blank.
func firstRows(src rowSource) ([][]string, error) {
	var rows [][]string
	for len(rows) <= detectRows {
		_, cells, err := src.next()
		var re rowError
		switch {
		case err == io.EOF:
			return rows, nil
		case errors.As(err, &re):
			continue // a row that cannot be read is reported by the dry run
		case err != nil:
			return nil, readError(err)
		}
		if !blankRow(cells) {
			rows = append(rows, append([]string(nil), cells...))
		}
	}
	return rows, nil
}

func countLines(ctx context.Context, r io.Reader) (int, error) {
	buf := make([]byte, 256<<10)
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		n, err := r.Read(buf)
		total += bytes.Count(buf[:n], []byte{'\n'})
		if err == io.EOF {
			return total, nil
		} else if err != nil {
			return 0, err
		}
	}
}

func detectXLSX(ctx context.Context, file *os.File, opts Options, l Limits) (Detected, error) {
	f, err := openWorkbook(ctx, file, l)
	if err != nil {
		return Detected{}, err
	}
	d := Detected{Format: "xlsx", Sheets: f.GetSheetList(), Sheet: opts.Sheet}
	if d.Sheet == "" && len(d.Sheets) > 0 {
		d.Sheet = d.Sheets[0]
	}
	d.EstimatedRows = sheetRows(f, d.Sheet)
	src, err := newXLSXSource(f, d.Sheet)
	if err != nil {
		return Detected{}, err
	}
	defer src.Close()
	rows, err := firstRows(&limitedSource{rowSource: src, limits: l})
	if err != nil {
		return Detected{}, err
	}
	fill(&d, rows, opts)
	return d, nil
}

// fill sets the headers, the sample and the formats from the first rows (header first).
func fill(d *Detected, rows [][]string, opts Options) {
	d.Headers, d.Sample = []string{}, [][]string{}
	if len(rows) == 0 {
		return
	}
	d.Headers = uniqueHeaders(rows[0])
	for _, r := range rows[1:min(len(rows), sampleRows+1)] {
		row := make([]string, len(d.Headers))
		for i := range row {
			if i < len(r) {
				row[i] = strings.TrimSpace(r[i])
			}
		}
		d.Sample = append(d.Sample, row)
	}
	d.DateFormat, d.DecimalComma = guessFormats(rows[1:], d.Format == "csv" && d.Separator == ";")
	if opts.DateFormat != "" {
		d.DateFormat = opts.DateFormat
	}
	if opts.DecimalComma != nil {
		d.DecimalComma = *opts.DecimalComma
	}
}

var (
	slashDate   = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}`)
	commaAmount = regexp.MustCompile(`^[-(]?[\d\s\x{a0}\x{202f}.]*\d,\d{1,2}\D*$`)
	pointAmount = regexp.MustCompile(`^[-(]?[$€£]?[\d\s\x{a0}\x{202f},]*\d\.\d{1,2}\D*$`)
)

// guessFormats reads the date order (a first number above 12 means day first; a second one
// means month first) and the decimal mark from the cells.
func guessFormats(rows [][]string, semicolon bool) (string, bool) {
	dayFirst, monthFirst, comma, point := 0, 0, 0, 0
	for _, r := range rows {
		for _, c := range r {
			c = strings.TrimSpace(c)
			if m := slashDate.FindStringSubmatch(c); m != nil {
				a, _ := strconv.Atoi(m[1])
				b, _ := strconv.Atoi(m[2])
				if a > 12 {
					dayFirst++
				} else if b > 12 {
					monthFirst++
				}
				continue
			}
			if commaAmount.MatchString(c) {
				comma++
			} else if pointAmount.MatchString(c) {
				point++
			}
		}
	}
	order := DateDMY
	if monthFirst > 0 && dayFirst == 0 {
		order = DateMDY
	}
	return order, comma > point || (comma == point && semicolon)
}
