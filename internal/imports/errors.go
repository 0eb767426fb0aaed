package imports

import "github.com/relance/relance/internal/platform/errs"

// The errors of the imports domain.
var (
	ErrBusy     = errs.New(errs.KindConflict, "This import is running: wait until it ends.")
	ErrDone     = errs.New(errs.KindConflict, "This file was already imported: upload it again to import it once more.")
	ErrTooLarge = errs.New(errs.KindInvalid, "The file is too large.")
)

// fileTypeError refuses a file Relance cannot read (a 422 on the file field).
func fileTypeError(msg string) error { return errs.Invalid("file", msg) }

// optionError is a bad option or mapping (a 422 naming it).
func optionError(field, msg string) error { return errs.Invalid(field, msg) }

// rowError is a problem with one row of a file.
type rowError struct {
	line  int
	field string
	msg   string
}

func (e rowError) Error() string { return e.msg }
