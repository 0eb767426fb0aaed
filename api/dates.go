package api

import (
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/errs"
)

const dateLayout = "2006-01-02"

// The years a date of the API may fall in.
const (
	minYear = 1900
	maxYear = 2199
)

// dateString formats a calendar date as YYYY-MM-DD.
func dateString(d time.Time) string { return d.Format(dateLayout) }

func datePtr(d *time.Time) *string {
	if d == nil {
		return nil
	}
	s := dateString(*d)
	return &s
}

// fields reads typed values out of request strings, collecting every problem.
type fields struct{ errs.Validation }

// date parses a required YYYY-MM-DD date (a zero time when missing, reported by the domain).
func (f *fields) date(name, s string) time.Time {
	if strings.TrimSpace(s) == "" {
		return time.Time{}
	}
	d, err := time.Parse(dateLayout, strings.TrimSpace(s))
	f.Check(err == nil, name, "api.date_format")
	// Dates of receivables: far-away years are typing mistakes, and would make day counts
	// (penalties, ages) absurd.
	f.Check(err != nil || (d.Year() >= minYear && d.Year() <= maxYear), name, "api.date_range", minYear, maxYear)
	return d
}

// optDate parses an optional date.
func (f *fields) optDate(name string, s *string) *time.Time {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	d := f.date(name, *s)
	return &d
}

// id parses a UUID that names something in the request body.
func (f *fields) id(name, s string) uuid.UUID {
	id, err := uuid.Parse(strings.TrimSpace(s))
	f.Check(err == nil, name, "api.expected_id_uuid")
	return id
}

func (f *fields) optID(name string, s *string) *uuid.UUID {
	if s == nil || *s == "" {
		return nil
	}
	id := f.id(name, *s)
	return &id
}

// queryID parses an optional UUID filter of the query string.
func queryID(v *fields, name, s string) *uuid.UUID {
	if s == "" {
		return nil
	}
	return v.optID(name, &s)
}

func uuidPtrString(id *uuid.UUID) *string {
	if id == nil {
		return nil
	}
	s := id.String()
	return &s
}
