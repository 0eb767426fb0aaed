package portal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relance/relance/internal/platform/errs"
)

// Statement formats.
const (
	StatementPDF = "pdf"
	StatementCSV = "csv"
)

// Statement is a rendered account statement.
type Statement struct {
	Data        []byte
	FileName    string // "releve-boulangerie-martin-2026-03-15.pdf"
	ContentType string
}

// Statement renders the account statement of the customer a link opens: its open invoices,
// its payments of the last 12 months and the totals, as a PDF or a CSV for Excel.
func (s *Service) Statement(ctx context.Context, a Access, lang, format string) (Statement, error) {
	pg, err := s.Page(ctx, a, lang)
	if err != nil {
		return Statement{}, err
	}
	name := fmt.Sprintf("%s-%s-%s.%s", Text(pg.Lang, "st_filename"), slug(pg.Customer.Name),
		pg.Today.Format("2006-01-02"), format)
	switch format {
	case StatementCSV:
		return Statement{Data: StatementCSVOf(pg), FileName: name, ContentType: "text/csv; charset=utf-8"}, nil
	case StatementPDF:
		var logo *Logo
		if pg.Org.HasLogo {
			logo = s.pdfLogo(ctx, a)
		}
		data, err := RenderStatement(pg, logo)
		if err != nil {
			return Statement{}, err
		}
		return Statement{Data: data, FileName: name, ContentType: "application/pdf"}, nil
	}
	return Statement{}, errs.ErrNotFound
}

// pdfLogo reads the organisation's logo when the PDF can show it (PNG or JPEG); never an error:
// a statement without its logo is still a statement.
func (s *Service) pdfLogo(ctx context.Context, a Access) *Logo {
	r, ctype, err := s.OpenLogo(ctx, a.OrganizationID)
	if err != nil {
		if !errors.Is(err, ErrNoLogo) {
			s.opts.Log.WarnContext(ctx, "portal: statement logo", "error", err)
		}
		return nil
	}
	defer r.Close()
	kind := map[string]string{"image/png": "PNG", "image/jpeg": "JPG"}[ctype]
	if kind == "" {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxLogoSize+1))
	if err != nil || len(data) > MaxLogoSize {
		return nil
	}
	return &Logo{Data: data, Type: kind}
}

// Logo is an image the statement PDF can draw: Type "PNG" or "JPG".
type Logo struct {
	Data []byte
	Type string
}

// slug makes a file-name part of a name: "Boulangerie Martin" → "boulangerie-martin".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r2, ok := unaccent[r]; ok {
			r = r2
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "compte"
	}
	return out
}

var unaccent = map[rune]rune{'à': 'a', 'â': 'a', 'ä': 'a', 'á': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'î': 'i', 'ï': 'i', 'í': 'i', 'ô': 'o', 'ö': 'o', 'ó': 'o', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ú': 'u', 'ÿ': 'y', 'ñ': 'n'}
