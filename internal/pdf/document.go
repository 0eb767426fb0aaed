package pdf

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

// RGB is a colour on a document.
type RGB struct{ R, G, B int }

// Hex is the colour as "#rrggbb".
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Meta is what a document says of itself in its properties.
type Meta struct {
	Date   time.Time // its creation and modification date: the same input gives the same bytes
	Author string
	Title  string
	Lang   string // fr or en
	Margin float64
}

// Document is an A4 document measured in millimetres and written in the core Helvetica; every
// text goes through Tr (UTF-8 → the core fonts' cp1252). Invoices and statements draw on one.
type Document struct {
	F  *fpdf.Fpdf
	Tr func(string) string
}

// NewDocument starts an A4 document with its properties and margins, no automatic page break,
// and "{nb}" standing for the number of pages.
func NewDocument(m Meta) Document {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(m.Date)
	f.SetModificationDate(m.Date)
	f.SetCatalogSort(true)
	f.SetProducer("Relance", true)
	f.SetCreator("Relance", true)
	f.SetAuthor(m.Author, true)
	f.SetTitle(m.Title, true)
	f.SetLang(map[string]string{"fr": "fr-FR", "en": "en-GB"}[m.Lang])
	f.SetMargins(m.Margin, m.Margin, m.Margin)
	f.SetAutoPageBreak(false, 0)
	f.AliasNbPages("{nb}")
	return Document{F: f, Tr: f.UnicodeTranslatorFromDescriptor("")}
}

func (d Document) Color(c RGB)                     { d.F.SetTextColor(c.R, c.G, c.B) }
func (d Document) Fill(c RGB)                      { d.F.SetFillColor(c.R, c.G, c.B) }
func (d Document) Draw(c RGB)                      { d.F.SetDrawColor(c.R, c.G, c.B) }
func (d Document) Font(style string, size float64) { d.F.SetFont("Helvetica", style, size) }

// Bytes finishes the document and returns it.
func (d Document) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	err := d.F.Output(&buf)
	return buf.Bytes(), err
}
