package imports

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/money"
)

// progressEvery is how many rows pass between two progress writes.
const progressEvery = 5000

// problems collects the row problems of one run: every one is counted, the first
// maxListedProblems are kept.
type problems struct {
	list     []RowProblem
	count    int
	rows     int
	lastLine int
}

func (p *problems) add(line int, field, msg string) {
	p.count++
	if line != p.lastLine {
		p.rows++
		p.lastLine = line
	}
	if len(p.list) < maxListedProblems {
		p.list = append(p.list, RowProblem{Row: line, Field: field, Message: msg})
	}
}

// merge adds problems found later (in SQL), whose rows differ from those already counted.
func (p *problems) merge(more []RowProblem, count, rows int) {
	p.list = append(p.list, more...)
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].Row < p.list[j].Row })
	if len(p.list) > maxListedProblems {
		p.list = p.list[:maxListedProblems]
	}
	p.count += count
	p.rows += rows
}

// row is one data row of the file, read through the mapping.
type row struct {
	line  int
	cells []string
	cols  map[string]int // target field → column index
	bad   bool
	probs *problems
}

// get returns the trimmed cell of field, "" when the field is not mapped.
func (r *row) get(field string) string {
	i, ok := r.cols[field]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// fail records a problem with field; the row will not be staged.
func (r *row) fail(field, format string, args ...any) {
	r.bad = true
	r.probs.add(r.line, field, fmt.Sprintf(format, args...))
}

// text returns field as a nullable string, checking its length.
func (r *row) text(field string, maxLen int) any {
	v := r.get(field)
	if v == "" {
		return nil
	}
	if utf8.RuneCountInString(v) > maxLen {
		r.fail(field, "At most %d characters.", maxLen)
	}
	return v
}

// rowParser turns a row into the values of one staging row; it reports problems on the row.
type rowParser interface {
	table() string
	columns() []string
	parse(r *row) []any
}

// stager is the COPY source of a run: it reads the file row by row, checks each row in Go and
// yields the good ones, so that the file is never held in memory.
type stager struct {
	src      rowSource
	cols     map[string]int
	parser   rowParser
	probs    *problems
	progress func(rows int)
	values   []any
	rows     int
	err      error
}

// Next reads up to the next good row.
func (s *stager) Next() bool {
	for {
		line, cells, err := s.src.next()
		var re rowError
		switch {
		case err == io.EOF:
			return false
		case errors.As(err, &re):
			s.rows++
			s.probs.add(re.line, "", re.msg)
			continue
		case err != nil:
			s.err = err
			return false
		}
		if blankRow(cells) {
			continue
		}
		s.rows++
		if s.rows%progressEvery == 0 && s.progress != nil {
			s.progress(s.rows)
		}
		r := row{line: line, cells: cells, cols: s.cols, probs: s.probs}
		vals := s.parser.parse(&r)
		if !r.bad {
			s.values = vals
			return true
		}
	}
}

// Values are the current row's staging values.
func (s *stager) Values() ([]any, error) { return s.values, nil }

// Err is what stopped the reading, if anything but the end of the file.
func (s *stager) Err() error { return s.err }

// columnIndexes turns a mapping {field: header} into {field: column index}.
func columnIndexes(mapping map[string]string, headers []string) map[string]int {
	pos := make(map[string]int, len(headers))
	for i, h := range headers {
		pos[h] = i
	}
	cols := map[string]int{}
	for field, h := range mapping {
		if i, ok := pos[h]; ok {
			cols[field] = i
		}
	}
	return cols
}

// settings are what parsers need to read values.
type settings struct {
	importID     uuid.UUID
	orgID        uuid.UUID
	ids          *idGen
	dateOrder    string
	decimalComma bool
	region       string // default country of phone numbers
}

func (st settings) date(r *row, field string, required bool) any {
	return parsed(r, field, required, "This date is required.", func(v string) (time.Time, error) {
		return parseDate(v, st.dateOrder)
	})
}

func (st settings) amount(r *row, field string, required bool) any {
	n := parsed(r, field, required, "This amount is required.", func(v string) (int64, error) {
		return parseAmount(v, st.decimalComma)
	})
	if cents, ok := n.(int64); ok && !money.InBounds(cents) {
		r.fail(field, "At most %d.", money.MaxCents/100) // the file has units, not cents
		return nil
	}
	return n
}

func optional[T any](r *row, field string, parse func(string) (T, error)) any {
	return parsed(r, field, false, "", parse)
}

// parsed reads field with parse; nil when it is empty (failing the row with missing when the
// field is required) or when parse fails (failing the row with parse's message).
func parsed[T any](r *row, field string, required bool, missing string, parse func(string) (T, error)) any {
	v := r.get(field)
	if v == "" {
		if required {
			r.fail(field, "%s", missing)
		}
		return nil
	}
	out, err := parse(v)
	if err != nil {
		r.fail(field, "%s", err.Error())
		return nil
	}
	return out
}
