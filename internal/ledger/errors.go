package ledger

import "github.com/relance/relance/internal/platform/errs"

// The errors of the ledger.
var (
	ErrNotFound          = errs.ErrNotFound
	ErrForbidden         = errs.ErrForbidden
	ErrDuplicateNumber   = errs.New(errs.KindConflict, "Another document of this organisation already has this number.")
	ErrDuplicateExternal = errs.New(errs.KindConflict, "Another record of this organisation already has this external id.")
	ErrInvoiceClosed     = errs.New(errs.KindConflict, "This invoice is cancelled or written off.")
	ErrInvoiceSettled    = errs.New(errs.KindConflict, "This invoice already has payments or credit notes: its amounts can no longer change.")
	ErrPaymentReversed   = errs.New(errs.KindConflict, "This payment was reversed.")
	ErrNoPDF             = errs.New(errs.KindNotFound, "This invoice has no PDF yet.")
)
