// Package errs defines the kinds of domain errors that the HTTP layer maps to status codes.
// Domains declare their own sentinels with New (the two every domain has, ErrNotFound and
// ErrForbidden, are declared here) and return Invalid for bad input.
package errs

import (
	"strings"
	"time"
)

// Kind classifies an error for the API layer.
type Kind int

// The kinds of domain error.
const (
	KindInvalid Kind = iota + 1
	KindNotFound
	KindConflict
	KindForbidden
	KindUnauthorized
	KindTooManyRequests
)

// Error is a domain error: a kind, a message safe to show to the caller, optional per-field
// problems and, for throttling, when to retry.
type Error struct {
	Kind       Kind
	Msg        string
	Fields     []FieldError
	RetryAfter time.Duration
}

// FieldError names one bad input field (or row) and why it is bad.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
} // @name FieldError

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Msg
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return e.Msg + " (" + strings.Join(parts, "; ") + ")"
}

// New declares a sentinel error of the given kind.
func New(kind Kind, msg string) *Error { return &Error{Kind: kind, Msg: msg} }

// The sentinels every domain has.
var (
	ErrNotFound  = New(KindNotFound, "Not found.")
	ErrForbidden = New(KindForbidden, "Your role does not allow this action.")
)

// Validation collects field problems; its Err is nil when nothing was added.
type Validation struct{ fields []FieldError }

// Add records a problem with field.
func (v *Validation) Add(field, message string) {
	v.fields = append(v.fields, FieldError{field, message})
}

// Check records message for field when ok is false.
func (v *Validation) Check(ok bool, field, message string) {
	if !ok {
		v.Add(field, message)
	}
}

// Err returns an Invalid error listing every field problem, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalid, Msg: "The request has invalid fields.", Fields: v.fields}
}

// Invalid is a one-field validation error.
func Invalid(field, message string) error {
	return &Error{Kind: KindInvalid, Msg: "The request has invalid fields.", Fields: []FieldError{{field, message}}}
}
