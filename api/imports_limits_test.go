package api_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The hostile files of issue 9, made in the test: each is refused with a message naming the
// limit (a 422 when the request can tell, else a failed import), nothing is imported, and the
// job that found it is not retried.

// hostileWorkbook is a real workbook whose first sheet's XML is written by sheet: the way to make
// a file that is small zipped and huge unzipped.
func hostileWorkbook(t *testing.T, sheet func(w io.Writer)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	base, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, part := range zr.File {
		w, err := zw.Create(part.Name)
		if err != nil {
			t.Fatal(err)
		}
		if part.Name == "xl/worksheets/sheet1.xml" {
			bw := &errWriter{w: w}
			io.WriteString(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			sheet(bw)
			io.WriteString(bw, `</sheetData></worksheet>`)
			if bw.err != nil {
				t.Fatal(bw.err)
			}
			continue
		}
		rc, err := part.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// repeat writes s n times.
func repeat(w io.Writer, s string, n int) {
	chunk := strings.Repeat(s, max(1, (1<<20)/len(s)))
	per := len(chunk) / len(s)
	for ; n >= per; n -= per {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, strings.Repeat(s, n))
}

// headerRow is a sheet's first row: the header of a customers file.
const headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>`

// refusedWhenRead uploads content, waits for the reading job, and checks that the import
// failed with a message containing want; that a dry run then answers 422 with it; that nothing
// was imported; and that the job ran once and was not retried.
func (e *env) refusedWhenRead(token, filename string, content []byte, want string) {
	e.t.Helper()
	im := e.uploadRead(token, "customers", filename, content)
	if im.Status != "failed" || !strings.Contains(im.Failure, want) || len(im.Detected.Headers) != 0 {
		e.t.Fatalf("%s: %s %q (headers %d), want failed with %q", filename, im.Status, im.Failure, len(im.Detected.Headers), want)
	}
	p := e.call("POST", "/api/v1/imports/"+im.ID+"/dry-run", token, nil).problem(http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "file" || !strings.Contains(p.Errors[0].Message, want) {
		e.t.Errorf("%s: dry run answered %+v", filename, p)
	}
	e.nothingImported(im.ID, "imports.detect")
}

// nothingImported checks that no customer exists and that the import's job of kind ran once
// and was cancelled (River does not retry a refused file).
func (e *env) nothingImported(importID, kind string) {
	e.t.Helper()
	if n := e.count(`SELECT count(*) FROM customers`); n != 0 {
		e.t.Errorf("%d customers imported", n)
	}
	// The import's status is written before the job returns: wait for River to record the job.
	var state string
	var attempts int
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		err := e.app.DB.Pool.QueryRow(e.t.Context(), `SELECT state, attempt FROM river_job
			WHERE kind = $1 AND args->>'import_id' = $2 ORDER BY id DESC LIMIT 1`, kind, importID).Scan(&state, &attempts)
		if err != nil {
			e.t.Fatal(err)
		}
		if state != "running" || time.Now().After(deadline) {
			break
		}
	}
	if state != "cancelled" || attempts != 1 {
		e.t.Errorf("%s job %s after %d attempts, want cancelled after 1", kind, state, attempts)
	}
}

// A 1 MB workbook whose sheet inflates to 1 GB is refused by the request, from its zip
// directory, before anything is unzipped.
func TestImportRefusesZipBomb(t *testing.T) {
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	bomb := hostileWorkbook(t, func(w io.Writer) {
		io.WriteString(w, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
		repeat(w, " ", 1<<30)
		io.WriteString(w, `</t></is></c></row>`)
	})
	if len(bomb) > 2<<20 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	p := e.upload(owner.AccessToken, "customers", "bomb.xlsx", bomb).problem(http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "file" || !strings.Contains(p.Errors[0].Message, "more than 512 MB once unzipped") {
		t.Fatalf("zip bomb: %+v", p)
	}
	if n := e.count(`SELECT count(*) FROM imports`); n != 0 {
		t.Errorf("%d imports stored", n)
	}
}

// A file over 50 MB is refused by the request (a 64 MB CSV of one row).
func TestImportRefusesLargeFile(t *testing.T) {
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	big := append([]byte("Name;Email\n"), bytes.Repeat([]byte("a"), 64<<20)...)
	p := e.upload(owner.AccessToken, "customers", "big.csv", big).problem(http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "file" || p.Errors[0].Message != "The file is larger than 50 MB." {
		t.Fatalf("large file: %+v", p)
	}
	if n := e.count(`SELECT count(*) FROM imports`); n != 0 {
		t.Errorf("%d imports stored", n)
	}
}

// A 64 MB cell, in a workbook (64 KB zipped) or in a 40 MB CSV, is refused by the reading job
// at its row, before it is read whole.
func TestImportRefusesHugeCell(t *testing.T) {
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	wb := hostileWorkbook(t, func(w io.Writer) {
		io.WriteString(w, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
		repeat(w, "a", 64<<20)
		io.WriteString(w, `</t></is></c></row>`)
	})
	e.refusedWhenRead(owner.AccessToken, "cell.xlsx", wb,
		"Row 2 is too long: a row may have at most 256 columns of at most 10000 characters.")

	csv := append([]byte("Name;Email\n"), bytes.Repeat([]byte("a"), 40<<20)...)
	e.refusedWhenRead(owner.AccessToken, "cell.csv", append(csv, '\n'),
		"Row 2 is too long: a row may have at most 256 columns of at most 10000 characters.")

	// Past the rows read when uploading, the dry run finds it, fails, and is not retried.
	var late bytes.Buffer
	late.WriteString("Name;Email\n")
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&late, "Customer %d;c%d@acme.test\n", i, i)
	}
	late.WriteString("Last;" + strings.Repeat("a", 20<<20) + "\n")
	im := e.uploaded(owner.AccessToken, "customers", "late.csv", late.Bytes())
	im = e.runImport(owner.AccessToken, im.ID, "dry-run", nil)
	if want := "Row 602 is too long: a row may have at most 256 columns of at most 10000 characters."; im.Status != "failed" || im.Failure != want {
		t.Fatalf("late cell: %s %q, want failed with %q", im.Status, im.Failure, want)
	}
	e.nothingImported(im.ID, "imports.run")

	// A cell within the row's bytes but over 10,000 characters is named by row and column.
	long := "Name;Email\nAlpha;a@alpha.test\nBeta;" + strings.Repeat("é", 10_001) + "\n"
	e.refusedWhenRead(owner.AccessToken, "long.csv", []byte(long),
		"The cell in row 3, column 2 is longer than 10000 characters.")
}

// One very wide row: a header of 4,500,002 columns (the issue returned 4,543,825 headers), a
// row of 300 columns, and a workbook row of 5,000,000 cells (75 MB of XML).
func TestImportRefusesWideRow(t *testing.T) {
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	header := "Name;Email" + strings.Repeat(";x", 4_500_000) + "\nAlpha;a@alpha.test\n"
	e.refusedWhenRead(owner.AccessToken, "header.csv", []byte(header),
		"Row 1 has a value in column 4500002: a row may have at most 256 columns.")

	wide := "Name;Email\nAlpha;a@alpha.test" + strings.Repeat(";x", 298) + "\n"
	e.refusedWhenRead(owner.AccessToken, "wide.csv", []byte(wide),
		"Row 2 has a value in column 300: a row may have at most 256 columns.")

	wb := hostileWorkbook(t, func(w io.Writer) {
		io.WriteString(w, headerRow+`<row r="2">`)
		repeat(w, `<c><v>1</v></c>`, 5_000_000)
		io.WriteString(w, `</row>`)
	})
	e.refusedWhenRead(owner.AccessToken, "wide.xlsx", wb, "Row 2 is too long")
}

// Many rows: a workbook of 1,000,001 data rows is refused when read; a CSV of as many rows
// reads (only its first rows are read then) and its dry run fails, not retried.
func TestImportRefusesTooManyRows(t *testing.T) {
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	wb := hostileWorkbook(t, func(w io.Writer) {
		io.WriteString(w, headerRow)
		repeat(w, `<row><c t="inlineStr"><is><t>a</t></is></c></row>`, 1_000_001)
	})
	e.refusedWhenRead(owner.AccessToken, "rows.xlsx", wb, "The file has more than 1000000 rows: split it into several files.")

	var csv bytes.Buffer
	csv.WriteString("Name\n")
	for i := 0; i <= 1_000_000; i++ {
		fmt.Fprintf(&csv, "c%d\n", i)
	}
	im := e.uploaded(owner.AccessToken, "customers", "rows.csv", csv.Bytes())
	im = e.runImport(owner.AccessToken, im.ID, "dry-run", nil)
	if im.Status != "failed" || im.Failure != "The file has more than 1000000 rows: split it into several files." || im.Report != nil {
		t.Fatalf("many rows: %s %q %+v", im.Status, im.Failure, im.Report)
	}
	e.nothingImported(im.ID, "imports.run")
}
