package imports

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// readAll returns the rows of a source as "line:cell|cell".
func readAll(t *testing.T, src rowSource) []string {
	t.Helper()
	defer src.Close()
	var out []string
	for {
		line, cells, err := src.next()
		if err == io.EOF {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		if !blankRow(cells) {
			out = append(out, strings.Join(append([]string{string(rune('0' + line))}, cells...), "|"))
		}
	}
}

func TestXLSXRowsKeepTheirNumbers(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Amount"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Alpha", 12.5})
	_ = f.SetSheetRow("Sheet1", "A4", &[]any{"Gamma", "1 000,00"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	wb, err := openWorkbook(context.Background(), tempFile(t, buf.Bytes()), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	src, err := newXLSXSource(wb, "")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(readAll(t, src), " / ")
	if got != "1|Name|Amount / 2|Alpha|12.5 / 4|Gamma|1 000,00" {
		t.Errorf("rows %s", got)
	}
}

func TestCSVReadsEncodingsAndQuotedLines(t *testing.T) {
	text := "Nom;Note\r\n\"Société\";\"deux\r\nlignes\"\r\n\r\nÉlan;ok\r\n"
	latin, _ := charmap.Windows1252.NewEncoder().String(text)
	for name, raw := range map[string]string{"windows-1252": latin, "utf-8": "\ufeff" + text} {
		src, err := newCSVSource(context.Background(), io.NopCloser(strings.NewReader(raw)), name, ";", DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(readAll(t, src), " / ")
		if got != "1|Nom|Note / 2|Société|deux\r\nlignes / 5|Élan|ok" && got != "1|Nom|Note / 2|Société|deux\nlignes / 5|Élan|ok" {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// tempFile writes content to a file of the test's temporary folder and opens it.
func tempFile(t *testing.T, content []byte) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}
