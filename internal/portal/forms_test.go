package portal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/internal/platform/errs"
)

// The forms against Postgres and Mailpit are tested over HTTP in web/portal/forms_test.go; here
// are the checks that need no database.

func TestCheckUploadTellsTypesByTheirBytes(t *testing.T) {
	pdfDoc := []byte("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...)
	jpeg := append([]byte("\xff\xd8\xff\xe0"), make([]byte, 32)...)
	for _, tc := range []struct {
		name    string
		u       *Upload
		ext     string
		problem string
	}{
		{"none", nil, "", ""},
		{"empty file input", &Upload{}, "", ""},
		{"pdf", &Upload{Name: "facture.pdf", Size: int64(len(pdfDoc)), Data: pdfDoc}, "pdf", ""},
		{"png named .pdf", &Upload{Name: "scan.pdf", Size: int64(len(png)), Data: png}, "png", ""},
		{"jpeg", &Upload{Name: "photo.jpg", Size: int64(len(jpeg)), Data: jpeg}, "jpg", ""},
		{"text disguised as pdf", &Upload{Name: "virus.pdf", Size: 11, Data: []byte("MZ\x90\x00 hello")}, "", "Attach a PDF, PNG or JPEG file."},
		{"html", &Upload{Name: "x.pdf", Size: 15, Data: []byte("<html>%PDF-</html>")}, "", "Attach a PDF, PNG or JPEG file."},
		{"announced too large", &Upload{Name: "big.pdf", Size: MaxAttachment + 1, Data: pdfDoc}, "", "The file is larger than 5 MB."},
		{"read too large", &Upload{Name: "big.pdf", Data: append(pdfDoc, bytes.Repeat([]byte("x"), MaxAttachment)...)}, "", "The file is larger than 5 MB."},
		{"exactly 5 MB", &Upload{Name: "ok.pdf", Size: MaxAttachment, Data: append(pdfDoc, bytes.Repeat([]byte("x"), MaxAttachment-len(pdfDoc))...)}, "pdf", ""},
	} {
		var v errs.Validation
		ext := checkUpload(tc.u, &v)
		problem := ""
		if err, ok := v.Err().(*errs.Error); ok {
			if len(err.Fields) != 1 || err.Fields[0].Field != "attachment" {
				t.Fatalf("%s: fields %+v", tc.name, err.Fields)
			}
			problem = err.Fields[0].Message
		}
		if ext != tc.ext || problem != tc.problem {
			t.Errorf("%s: ext %q problem %q; want %q %q", tc.name, ext, problem, tc.ext, tc.problem)
		}
	}
}

func TestAttachmentName(t *testing.T) {
	for in, want := range map[string]string{
		"facture.pdf":                    "facture.pdf",
		`C:\Users\claire\Desktop\bl.pdf`: "bl.pdf",
		"../../etc/passwd":               "passwd",
		"a\x00b\nc.png":                  "abc.png",
		"":                               "piece-jointe.pdf",
	} {
		if got := attachmentName(&Upload{Name: in}, "pdf"); got != want {
			t.Errorf("attachmentName(%q) = %q, want %q", in, got, want)
		}
	}
	long := attachmentName(&Upload{Name: strings.Repeat("é", 300) + ".pdf"}, "pdf")
	if n := len([]rune(long)); n != 200 {
		t.Errorf("long name kept %d characters", n)
	}
}

func TestParseFormDate(t *testing.T) {
	want := time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-06-03", " 03/06/2026 ", "3/6/2026"} {
		if d, ok := parseFormDate(s); !ok || !d.Equal(want) {
			t.Errorf("parseFormDate(%q) = %v, %v", s, d, ok)
		}
	}
	for _, s := range []string{"", "demain", "2026-02-30", "06/31/2026"} {
		if _, ok := parseFormDate(s); ok {
			t.Errorf("parseFormDate(%q) accepted", s)
		}
	}
}

func TestMaskIBAN(t *testing.T) {
	if got := maskIBAN("FR1420041010050500013M02606"); got != "FR14•••••••••••••••••••2606" {
		t.Errorf("maskIBAN = %q", got)
	}
}

func TestNoticeTextAndHTML(t *testing.T) {
	n := notice{Subject: "Question", Intro: []string{"claire@martin.test a posé une question :"},
		Quote: "Bonjour,\n<b>facture</b> reçue ?", Facts: [][2]string{{"Facture", "F-1"}}, Outro: []string{"Répondez."}}
	text, html, err := renderNotice("fr", n, "http://localhost:8080/customers/1", "Ouvrir")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "text", text, "> Bonjour,\n> <b>facture</b> reçue ?", "Facture : F-1", "Ouvrir : http://localhost:8080/customers/1")
	if strings.Contains(html, "<b>facture") || !strings.Contains(html, "&lt;b&gt;facture") {
		t.Errorf("the debtor's words are not escaped in the HTML:\n%s", html)
	}
}

func TestChoicesAreLabelledInBothLanguages(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		for _, c := range append(DisputeReasons(lang), PromiseMethods(lang)...) {
			if c.Label == "" || c.Label == c.Value {
				t.Errorf("%s: %q has no label", lang, c.Value)
			}
		}
	}
	if DisputeReasons("en")[0].Label != "Invoice not received" || PromiseMethods("fr")[0].Label != "Virement" {
		t.Error("labels")
	}
}
