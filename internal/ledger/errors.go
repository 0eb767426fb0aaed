package ledger

import "github.com/relance/relance/internal/platform/errs"

// The errors of the ledger.
var (
	ErrDuplicateNumber   = errs.New(errs.KindConflict, "ledger.number_taken")
	ErrDuplicateExternal = errs.New(errs.KindConflict, "ledger.external_id_taken")
	ErrInvoiceClosed     = errs.New(errs.KindConflict, "ledger.invoice_cancelled_written_off")
	ErrInvoiceSettled    = errs.New(errs.KindConflict, "ledger.invoice_amounts_locked")
	ErrPaymentReversed   = errs.New(errs.KindConflict, "ledger.payment_reversed")
	ErrNoPDF             = errs.New(errs.KindNotFound, "ledger.invoice_no_pdf_yet")
)
