package bench

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/relance/relance/internal/imports"
	"github.com/relance/relance/internal/testenv"
)

// rssInvoices is how many invoices the XLSX of TestImportPeakRSS holds: the row limit.
const rssInvoices = imports.DefaultMaxRows

// TestImportPeakRSS runs the real binary (`relance serve`) and measures its peak resident memory
// (VmHWM, from /proc) over the largest imports it allows: a CSV just under the 50 MB limit
// (uploaded, read, dry-run and committed), a workbook of 1,000,000 rows with shared strings
// (read while the CSV is committed, then dry-run), and a 1 MB workbook that unzips to 1 GB
// (refused).
func TestImportPeakRSS(t *testing.T) {
	testenv.SkipUnlessBench(t, "import benchmark")
	dir := t.TempDir()
	bin := testenv.BuildRelance(t)
	csvPath := filepath.Join(dir, "factures.csv")
	csvSize := writeInvoicesUpTo(t, csvPath, imports.DefaultMaxFileSize-(1<<20))
	xlsxPath := filepath.Join(dir, "factures.xlsx")
	xlsxSize := writeInvoicesWorkbook(t, xlsxPath, rssInvoices)
	report("rss_csv_file_mb", float64(csvSize)/(1<<20), "MB")
	report("rss_xlsx_file_mb", float64(xlsxSize)/(1<<20), "MB")

	srv := startRelance(t, bin, dir)
	token := srv.signup(t)

	// The zip bomb is refused by the request.
	bomb := zipBomb(t, 1<<30)
	if code, body := srv.upload(t, token, "bomb.xlsx", bytes.NewReader(bomb)); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "once unzipped") {
		t.Fatalf("zip bomb: %d %s", code, body)
	}
	report("import_peak_rss_after_zip_bomb", float64(srv.peakRSS(t)>>20), "MB")

	// The CSV is read, dry-run, then committed while the workbook is read (each import queue works
	// one job at a time: a run and a reading are the most that can run at once); then the workbook
	// is dry-run.
	start := time.Now()
	csv := srv.uploadRead(t, token, csvPath)
	if im := srv.run(t, token, csv.ID, "dry-run"); im.Status != "validated" || im.Report.ErrorRows != 0 {
		t.Fatalf("csv dry run: %s %s %+v", im.Status, im.Failure, im.Report)
	}
	srv.call(t, "POST", "/api/v1/imports/"+csv.ID+"/commit", token)
	xlsx := srv.uploadRead(t, token, xlsxPath)
	im := srv.wait(t, token, csv.ID)
	if im.Status != "done" || im.Report.Created == 0 || im.Report.ErrorRows != 0 {
		t.Fatalf("csv: %s %s %+v", im.Status, im.Failure, im.Report)
	}
	report("rss_csv_rows", float64(im.Report.RowsTotal), "rows")
	report("import_peak_rss_after_csv", float64(srv.peakRSS(t)>>20), "MB")
	if im = srv.run(t, token, xlsx.ID, "dry-run"); im.Status != "validated" || im.Report.RowsTotal != rssInvoices {
		t.Fatalf("xlsx: %s %s %+v", im.Status, im.Failure, im.Report)
	}
	t.Logf("imports took %v", time.Since(start).Round(time.Second))
	peak := srv.peakRSS(t)
	fmt.Printf("bench: import_peak_rss_mb %d\n", peak>>20)
	if peak > 400<<20 {
		t.Errorf("peak RSS %d MB, over 400 MB", peak>>20)
	}
}

type relance struct {
	cmd  *exec.Cmd
	base string
}

// startRelance runs the real binary (`relance serve`) on the test's database.
func startRelance(t *testing.T, bin, dir string) *relance {
	r := testenv.StartRelance(t, bin, "DATABASE_URL="+testenv.DatabaseURL(t),
		"RELANCE_SECRET_KEY="+strings.Repeat("k", 40), "RELANCE_STORAGE_DIR="+filepath.Join(dir, "files"),
		"RELANCE_PLANNER_EVERY=24h", "SMTP_URL=")
	return &relance{cmd: r.Cmd, base: r.URL}
}

// peakRSS reads the process's high-water mark of resident memory.
func (r *relance) peakRSS(t *testing.T) int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", r.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

func (r *relance) signup(t *testing.T) string {
	body := `{"organization_name":"Bench","name":"Bench","email":"bench@bench.test","password":"correct horse battery","locale":"en"}`
	resp, err := http.Post(r.base+"/api/v1/auth/signup", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("signup: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}

// upload streams a file as a browser form would.
func (r *relance) upload(t *testing.T, token, name string, file io.Reader) (int, string) {
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		_ = w.WriteField("kind", "invoices")
		part, err := w.CreateFormFile("file", name)
		if err == nil {
			_, err = io.Copy(part, file)
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", r.base+"/api/v1/imports", pr)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

type importState struct {
	ID      string          `json:"id"`
	Status  string          `json:"status"`
	Failure string          `json:"failure"`
	Report  *imports.Report `json:"report"`
}

func (r *relance) call(t *testing.T, method, path, token string) importState {
	req, _ := http.NewRequest(method, r.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var im importState
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&im); err != nil {
		t.Fatal(err)
	}
	return im
}

func (r *relance) wait(t *testing.T, token, id string) importState {
	for deadline := time.Now().Add(15 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		im := r.call(t, "GET", "/api/v1/imports/"+id, token)
		if im.Status != "reading" && im.Status != "validating" && im.Status != "importing" {
			return im
		}
	}
	t.Fatalf("import %s did not end", id)
	return importState{}
}

// uploadRead uploads path and waits until it was read.
func (r *relance) uploadRead(t *testing.T, token, path string) importState {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	code, body := r.upload(t, token, filepath.Base(path), f)
	var im importState
	if code != http.StatusCreated || json.Unmarshal([]byte(body), &im) != nil {
		t.Fatalf("upload %s: %d %s", path, code, body)
	}
	if im = r.wait(t, token, im.ID); im.Status != "uploaded" {
		t.Fatalf("read %s: %s %s", path, im.Status, im.Failure)
	}
	return im
}

// run starts a dry run or a commit and waits until it ends.
func (r *relance) run(t *testing.T, token, id, action string) importState {
	r.call(t, "POST", "/api/v1/imports/"+id+"/"+action, token)
	return r.wait(t, token, id)
}

// writeInvoicesUpTo writes the French export of writeInvoices with as many invoices as fit
// in limit bytes.
func writeInvoicesUpTo(t *testing.T, path string, limit int64) int64 {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	header := "N° facture;Code client;Raison sociale;Date facture;Date d'échéance;Montant TTC;TVA\r\n"
	size := int64(len(header))
	w.WriteString(header)
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; ; i++ {
		c := rng.IntN(benchCustomers) + 1
		issue := base.AddDate(0, 0, rng.IntN(540))
		total := int64(rng.IntN(5_000_000) + 1_000)
		line := fmt.Sprintf("FA-%07d;CL%05d;Societe %d SARL;%s;%s;%s;%s\r\n", i, c, c,
			issue.Format("02/01/2006"), issue.AddDate(0, 0, 30).Format("02/01/2006"),
			frenchAmount(total), frenchAmount(total/6))
		if size+int64(len(line)) > limit {
			break
		}
		size += int64(len(line))
		w.WriteString(line)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return size
}

// writeInvoicesWorkbook writes a workbook of n invoices as spreadsheet software does: texts in
// the shared-strings table, dates as serial numbers, amounts as numbers.
func writeInvoicesWorkbook(t *testing.T, path string, n int) int64 {
	headers := []string{"Invoice number", "Customer code", "Customer name", "Invoice date", "Due date", "Total", "Tax"}
	// Shared strings: the headers, then each customer's code and name, then the invoice numbers.
	code := func(c int) int { return len(headers) + 2*(c-1) }
	number := func(i int) int { return len(headers) + 2*benchCustomers + i - 1 }
	count := len(headers) + 2*benchCustomers + n
	strs := func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, count, count)
		for _, h := range headers {
			fmt.Fprintf(w, "<si><t>%s</t></si>", h)
		}
		for c := 1; c <= benchCustomers; c++ {
			fmt.Fprintf(w, "<si><t>CL%05d</t></si><si><t>Customer %d Ltd</t></si>", c, c)
		}
		for i := 1; i <= n; i++ {
			fmt.Fprintf(w, "<si><t>INV-%07d</t></si>", i)
		}
		io.WriteString(w, `</sst>`)
	}
	sheet := func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`)
		for i := range headers {
			fmt.Fprintf(w, `<c t="s"><v>%d</v></c>`, i)
		}
		io.WriteString(w, `</row>`)
		rng := rand.New(rand.NewPCG(3, 4))
		for i := 1; i <= n; i++ {
			c := rng.IntN(benchCustomers) + 1
			issue := 45000 + rng.IntN(540)
			total := rng.IntN(5_000_000) + 1_000
			fmt.Fprintf(w, `<row r="%d"><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c>`+
				`<c><v>%d</v></c><c><v>%d</v></c><c><v>%d.%02d</v></c><c><v>%d.%02d</v></c></row>`,
				i+1, number(i), code(c), code(c)+1, issue, issue+30, total/100, total%100, total/600, (total/6)%100)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	}
	writeWorkbook(t, path, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strs})
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// writeWorkbook writes a new excelize workbook with parts replaced or added, and the shared
// strings declared in the content types and the workbook's relationships.
func writeWorkbook(t *testing.T, path string, parts map[string]func(io.Writer)) {
	f := excelize.NewFile()
	base, err := f.WriteToBuffer()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	put := func(name string, write func(io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		write(bw)
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	for _, part := range zr.File {
		if _, ok := parts[part.Name]; ok {
			continue
		}
		rc, err := part.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		s := string(b)
		switch part.Name {
		case "[Content_Types].xml":
			s = strings.Replace(s, "</Types>", `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`, 1)
		case "xl/_rels/workbook.xml.rels":
			s = strings.Replace(s, "</Relationships>", `<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, 1)
		}
		put(part.Name, func(w io.Writer) { io.WriteString(w, s) })
	}
	for name, write := range parts {
		put(name, write)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// zipBomb is a workbook of about 1 MB whose sheet inflates to size bytes.
func zipBomb(t *testing.T, size int) []byte {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
