package api_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/relance/relance/api"
)

// upload sends a file to POST /api/v1/imports as a browser form would.
func (e *env) upload(token, kind, filename string, content []byte) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if kind != "" {
		_ = w.WriteField("kind", kind)
	}
	part, err := w.CreateFormFile("file", filename)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = part.Write(content)
	_ = w.Close()
	req := httptest.NewRequest("POST", "/api/v1/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return response{e.Serve("", req)}
}

// uploaded uploads a file and returns the new import once its job has read it.
func (e *env) uploaded(token, kind, filename string, content []byte) api.ImportResponse {
	e.t.Helper()
	im := e.uploadRead(token, kind, filename, content)
	if im.Status != "uploaded" {
		e.t.Fatalf("upload of %s: %s %q", filename, im.Status, im.Failure)
	}
	return im
}

// uploadRead uploads a file and waits until its job has read it (or refused it).
func (e *env) uploadRead(token, kind, filename string, content []byte) api.ImportResponse {
	e.t.Helper()
	var im api.ImportResponse
	e.upload(token, kind, filename, content).expect(http.StatusCreated).json(&im)
	if im.Status != "reading" {
		e.t.Fatalf("upload of %s answered status %s", filename, im.Status)
	}
	return e.waitImport(token, im.ID)
}

// runImport starts a dry run ("dry-run") or a commit ("commit") and waits until it ends.
func (e *env) runImport(token, id, action string, body any) api.ImportResponse {
	e.t.Helper()
	e.call("POST", "/api/v1/imports/"+id+"/"+action, token, body).expect(http.StatusAccepted)
	return e.waitImport(token, id)
}

// waitImport polls an import until its job has ended.
func (e *env) waitImport(token, id string) api.ImportResponse {
	e.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var im api.ImportResponse
		e.call("GET", "/api/v1/imports/"+id, token, nil).expect(http.StatusOK).json(&im)
		if im.Status != "reading" && im.Status != "validating" && im.Status != "importing" {
			return im
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("import %s still %s", id, im.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// importFile uploads a file and commits it all-or-nothing, returning the finished import.
func (e *env) importFile(token, kind, filename string, content []byte) api.ImportResponse {
	e.t.Helper()
	im := e.uploaded(token, kind, filename, content)
	return e.runImport(token, im.ID, "commit", nil)
}

// count runs a counting query on the test's database.
func (e *env) count(sql string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.app.DB.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// windows1252 encodes text as Windows' Latin-1, as older French accounting software exports it.
func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(b)
}

// workbook builds an XLSX file whose first sheet holds rows (time.Time values become date cells).
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
		for j, v := range r {
			if _, ok := v.(time.Time); ok {
				c, _ := excelize.CoordinatesToCellName(j+1, i+1)
				_ = f.SetCellStyle("Sheet1", c, c, style)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func problemAt(r *api.ImportResponse, row int, field string) bool {
	if r.Report == nil {
		return false
	}
	for _, p := range r.Report.Errors {
		if p.Row == row && p.Field == field {
			return true
		}
	}
	return false
}
