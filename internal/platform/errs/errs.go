// Package errs defines the kinds of domain errors that the HTTP layer maps to status codes.
// Domains declare their own sentinels with New; the two every domain has, ErrNotFound and
// ErrForbidden, are declared here once and used by all and return Invalid for bad input. Messages are keys of the
// locale catalogue (internal/platform/locale/messages): an error carries its key and values, its
// English text for logs and stored outcomes, and In renders it in another language.
package errs

import (
	"strings"
	"time"

	"github.com/relance/relance/internal/platform/locale"
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

// invalidFields is the message of every validation error.
const invalidFields = "errs.invalid_fields"

// Error is a domain error: a kind, a message safe to show to the caller, optional per-field
// problems and, for throttling, when to retry.
type Error struct {
	Kind       Kind
	Msg        string // the message in English
	Key        string // the message's catalogue key
	Args       []any  // the values of the message's placeholders
	Fields     []FieldError
	RetryAfter time.Duration
}

// FieldError names one bad input field (or row) and why it is bad.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Key     string `json:"-"`
	Args    []any  `json:"-"`
} // @name FieldError

// Field is the problem key (with its values) of field.
func Field(field, key string, args ...any) FieldError {
	return FieldError{Field: field, Message: locale.T("en", key, args...), Key: key, Args: args}
}

// In is the field's message in lang; a message built without a key stays as it is.
func (f FieldError) In(lang string) string {
	if f.Key == "" {
		return f.Message
	}
	return locale.T(lang, f.Key, f.Args...)
}

// In is the error's message in lang; a message built without a key stays as it is.
func (e *Error) In(lang string) string {
	if e.Key == "" {
		return e.Msg
	}
	return locale.T(lang, e.Key, e.Args...)
}

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

// New declares a sentinel error of the given kind with the message key (and its values).
func New(kind Kind, key string, args ...any) *Error {
	return &Error{Kind: kind, Msg: locale.T("en", key, args...), Key: key, Args: args}
}

// WithFields is a copy of e naming the fields at fault.
func (e *Error) WithFields(fields ...FieldError) *Error {
	c := *e
	c.Fields = fields
	return &c
}

// RetryIn is a copy of e telling the caller to retry after d.
func (e *Error) RetryIn(d time.Duration) *Error {
	c := *e
	c.RetryAfter = d
	return &c
}

// The sentinels every domain has.
var (
	ErrNotFound  = New(KindNotFound, "common.not_found")
	ErrForbidden = New(KindForbidden, "common.forbidden")
)

// Validation collects field problems; its Err is nil when nothing was added.
type Validation struct{ fields []FieldError }

// Add records a problem with field: the message key and its values.
func (v *Validation) Add(field, key string, args ...any) {
	v.fields = append(v.fields, Field(field, key, args...))
}

// Check records the message key (and its values) for field when ok is false.
func (v *Validation) Check(ok bool, field, key string, args ...any) {
	if !ok {
		v.Add(field, key, args...)
	}
}

// Err returns an Invalid error listing every field problem, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return New(KindInvalid, invalidFields).WithFields(v.fields...)
}

// Invalid is a one-field validation error: the field, the message key and its values.
func Invalid(field, key string, args ...any) error {
	return New(KindInvalid, invalidFields).WithFields(Field(field, key, args...))
}
