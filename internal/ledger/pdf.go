package ledger

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
)

// MaxPDFSize is the largest invoice PDF accepted.
const MaxPDFSize = 10 << 20

// AttachPDF stores the invoice's PDF, replacing any earlier one. Only a real PDF (its header and
// end-of-file marker) of at most MaxPDFSize is accepted.
func (s *Service) AttachPDF(ctx context.Context, p auth.Principal, invoiceID uuid.UUID, r io.Reader) error {
	if err := canWrite(p); err != nil {
		return err
	}
	inv, err := s.invoiceOf(s.db.WithContext(ctx), p, invoiceID)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxPDFSize+1))
	if err != nil {
		return err
	}
	if err := checkPDF(data); err != nil {
		return err
	}
	key := fmt.Sprintf("org/%s/invoices/%s.pdf", p.OrganizationID, invoiceID)
	if _, err := s.files.Put(ctx, key, bytes.NewReader(data)); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&Invoice{}).Where("organization_id = ? AND id = ?", p.OrganizationID, invoiceID).
			Updates(map[string]any{"pdf_key": key, "pdf_size": len(data), "updated_at": s.now()}).Error
		if err != nil {
			return err
		}
		return record(tx, p, "invoice.pdf_attached", &inv.CustomerID, &inv.ID, JSON{"number": inv.Number, "size": len(data)})
	})
}

// checkPDF accepts a document that starts with %PDF- and ends with %%EOF.
func checkPDF(data []byte) error {
	switch {
	case len(data) > MaxPDFSize:
		return errs.Invalid("file", "ledger.pdf_larger_10_mb")
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		return errs.Invalid("file", "ledger.file_not_pdf")
	case !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")):
		return errs.Invalid("file", "ledger.pdf_incomplete_damaged")
	}
	return nil
}

// OpenPDF returns the invoice's PDF and its number (for the file name); the caller closes it.
func (s *Service) OpenPDF(ctx context.Context, p auth.Principal, invoiceID uuid.UUID) (io.ReadCloser, string, error) {
	inv, err := s.invoiceOf(s.db.WithContext(ctx), p, invoiceID)
	if err != nil {
		return nil, "", err
	}
	if inv.PDFKey == nil {
		return nil, "", ErrNoPDF
	}
	f, err := s.files.Open(ctx, *inv.PDFKey)
	if err != nil {
		return nil, "", err
	}
	return struct {
		io.Reader
		io.Closer
	}{bufio.NewReader(f), f}, inv.Number, nil
}

func (s *Service) invoiceOf(db *gorm.DB, p auth.Principal, id uuid.UUID) (Invoice, error) {
	var inv Invoice
	err := db.Where("organization_id = ? AND id = ?", p.OrganizationID, id).Take(&inv).Error
	return inv, notFound(err)
}
