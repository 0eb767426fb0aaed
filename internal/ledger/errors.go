package ledger

import "github.com/relance/relance/internal/platform/errs"

// The errors of the ledger.
var (
	ErrNotFound          = errs.New(errs.KindNotFound, "common.not_found")
	ErrForbidden         = errs.New(errs.KindForbidden, "common.role_does_not_allow")
	ErrDuplicateNumber   = errs.New(errs.KindConflict, "ledger.another_document_organisation_already")
	ErrDuplicateExternal = errs.New(errs.KindConflict, "ledger.another_record_organisation_already")
	ErrInvoiceClosed     = errs.New(errs.KindConflict, "ledger.invoice_cancelled_written_off")
	ErrInvoiceSettled    = errs.New(errs.KindConflict, "ledger.invoice_already_payments_credit")
	ErrPaymentReversed   = errs.New(errs.KindConflict, "ledger.payment_reversed")
	ErrNoPDF             = errs.New(errs.KindNotFound, "ledger.invoice_no_pdf_yet")
)
