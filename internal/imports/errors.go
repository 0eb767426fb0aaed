package imports

import "github.com/relance/relance/internal/platform/errs"

// The errors of the imports domain.
var (
	ErrBusy     = errs.New(errs.KindConflict, "imports.running")
	ErrDone     = errs.New(errs.KindConflict, "imports.already_imported")
	ErrTooLarge = errs.New(errs.KindInvalid, "imports.file_too_large")
)

// fileTypeError refuses a file Relance cannot read (a 422 on the file field).
func fileTypeError(key string, args ...any) error { return errs.Invalid("file", key, args...) }

// optionError is a bad option or mapping (a 422 naming it).
func optionError(field, key string, args ...any) error { return errs.Invalid(field, key, args...) }

// rowError is a problem with one row of a file.
type rowError struct {
	line  int
	field string
	msg   string
}

func (e rowError) Error() string { return e.msg }
