package render

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const nbsp = "\u00a0"

// manyInvoices is Sample data with n invoices.
func manyInvoices(lang string, n int) Data {
	d := Sample(lang)
	d.Invoices = nil
	for i := range n {
		d.Invoices = append(d.Invoices, sampleInvoice(fmt.Sprintf("F-2025-%04d", 200+i), d.Today, 40+i, 10+i, 50000, 45000))
	}
	return d
}

func oneInvoice(lang string) Data {
	d := Sample(lang)
	d.Invoices = d.Invoices[:1]
	return d
}

// bare is data without contact, link, penalties or transparency.
func bare(lang string) Data {
	d := Sample(lang)
	d.ContactName, d.DebtorLink, d.ShowPenalties, d.Transparency, d.Signature = "", "", false, false, ""
	return d
}

func TestDefaultsValidateAndRender(t *testing.T) {
	datasets := []struct {
		name string
		data func(lang string) Data
	}{
		{"sample", Sample},
		{"one invoice", oneInvoice},
		{"many invoices", func(lang string) Data { return manyInvoices(lang, 7) }},
		{"bare", bare},
	}
	for _, sc := range Defaults() {
		for i, st := range sc.Steps {
			for _, lang := range []string{"fr", "en"} {
				tpl, ok := st.Templates[lang]
				if !ok {
					t.Fatalf("%s step %d: no %s template", sc.Key, i, lang)
				}
				if errs := Validate(tpl); len(errs) > 0 {
					t.Errorf("%s step %d %s: %v", sc.Key, i, lang, errs)
					continue
				}
				for _, ds := range datasets {
					d := ds.data(lang)
					d.Stage, d.Channel = st.Stage, st.Channel
					e, err := Render(tpl, d)
					if err != nil {
						t.Errorf("%s step %d %s %s: %v", sc.Key, i, lang, ds.name, err)
						continue
					}
					checkEmail(t, fmt.Sprintf("%s/%d/%s/%s", sc.Key, st.OffsetDays, lang, ds.name), e, d)
				}
			}
		}
	}
}

// checkEmail asserts what any rendered default email must show.
func checkEmail(t *testing.T, name string, e Email, d Data) {
	t.Helper()
	if e.Subject == "" || strings.ContainsAny(e.Subject, "\n{}") {
		t.Errorf("%s: bad subject %q", name, e.Subject)
	}
	limit := 60
	if strings.Contains(e.Subject, d.CustomerName) {
		limit = 75 // task titles for the collector carry the customer's name
	}
	if n := utf8.RuneCountInString(e.Subject); len(d.Invoices) == 1 && n > limit {
		t.Errorf("%s: subject of %d characters: %q", name, n, e.Subject)
	}
	r := newRenderer(d)
	balance, _, _ := r.totals()
	for _, s := range []string{e.Text, e.HTML} {
		for _, bad := range []string{"<no value>", "{{", "}}", " ,", " .\n"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: %q in\n%s", name, bad, s)
			}
		}
		for _, inv := range d.Invoices {
			if !strings.Contains(s, inv.Number) {
				t.Errorf("%s: invoice %s missing", name, inv.Number)
			}
		}
		if !strings.Contains(s, r.money(balance)) {
			t.Errorf("%s: total %s missing", name, r.money(balance))
		}
	}
	if strings.Count(e.HTML, "<table role=\"presentation\" width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse") != 1 {
		t.Errorf("%s: want exactly one invoice table", name)
	}
	if d.Channel != "call" && d.DebtorLink != "" && !strings.Contains(e.HTML, `href="`+d.DebtorLink+`"`) {
		t.Errorf("%s: no button to the debtor page", name)
	}
	if sig := strings.Split(d.Signature, "\n")[0]; d.Signature != "" && d.Channel != "call" && strings.Count(e.Text, sig) != 1 {
		t.Errorf("%s: signature %q appears %d times", name, sig, strings.Count(e.Text, sig))
	}
}

func TestDefaultsShape(t *testing.T) {
	keys := map[string]int{}
	for _, sc := range Defaults() {
		keys[sc.Key] = len(sc.Steps)
		if sc.Name["fr"] == "" || sc.Name["en"] == "" || sc.Description["fr"] == "" || sc.Description["en"] == "" {
			t.Errorf("%s: name or description missing", sc.Key)
		}
		for _, st := range sc.Steps {
			later := st.Stage == "formal_notice" || st.Stage == "amicable" || st.Stage == "legal"
			if later != (st.Recipients == "both") || later == st.SkipWhenPromised {
				t.Errorf("%s D%+d %s: recipients %s, skip when promised %v", sc.Key, st.OffsetDays, st.Stage, st.Recipients, st.SkipWhenPromised)
			}
		}
	}
	want := map[string]int{"standard": 9, "key_accounts": 7, "late_payers": 10}
	for k, n := range want {
		if keys[k] != n {
			t.Errorf("scenario %s: %d steps, want %d", k, keys[k], n)
		}
	}
}

func TestValidateMessages(t *testing.T) {
	body := "Bonjour {{customer_name}}"
	tests := []struct {
		name          string
		tpl           Template
		field, prefix string
	}{
		{"unknown variable", Template{"Facture", "Bonjour {{custmer_name}}"}, "body", `unknown variable "custmer_name"`},
		{"unknown in if", Template{"{{if penalites}}x{{end}}", body}, "subject", `unknown variable "penalites"`},
		{"dot", Template{"Facture", "{{.customer_name}}"}, "body", "write {{customer_name}} without the leading dot"},
		{"unknown field", Template{"Facture", "{{.Foo}}"}, "body", `unknown variable "Foo"`},
		{"range", Template{"Facture", "{{range 1000000000}}x{{end}}"}, "body", `"range" cannot be used in templates`},
		{"printf", Template{"Facture", `{{printf "%09999999d" 1}}`}, "body", `"printf" cannot be used in templates`},
		{"define", Template{"Facture", `{{define "x"}}y{{end}}z`}, "body", `"define" cannot be used in templates`},
		{"empty subject", Template{"  ", body}, "subject", "subject is required"},
		{"empty body", Template{"Facture", ""}, "body", "body is required"},
		{"long subject", Template{strings.Repeat("a", 201), body}, "subject", "subject is longer than 200 characters"},
		{"unclosed action", Template{"Facture", "a\n{{customer_name"}, "body", "a {{ is not closed by }} on line 2"},
		{"missing end", Template{"Facture", "{{if penalties}}x"}, "body", "an {{if}} is not closed by {{end}}"},
		{"stray end", Template{"Facture", "x{{end}}"}, "body", "{{end}} without a matching {{if}} on line 1"},
		{"empty if", Template{"Facture", "{{if}}x{{end}}"}, "body", "{{if}} needs a variable on line 1"},
		{"table in subject", Template{"{{invoice_table}}", body}, "subject", `"invoice_table" cannot be used in the subject`},
		{"runtime", Template{"Facture", "a\n{{if eq customer_name 1}}x{{end}}"}, "body", "cannot fill in the template on line 2:"},
		{"arguments", Template{"Facture", `{{customer_name "x"}}`}, "body", "cannot fill in the template on line 1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Validate(tt.tpl)
			if len(errs) == 0 {
				t.Fatalf("no error")
			}
			if errs[0].Field != tt.field || !strings.HasPrefix(errs[0].Message, tt.prefix) {
				t.Errorf("got %s: %q, want %s: %q…", errs[0].Field, errs[0].Message, tt.field, tt.prefix)
			}
			if _, err := Render(tt.tpl, Sample("fr")); err == nil {
				t.Errorf("Render accepted it")
			}
		})
	}
	if errs := Validate(Template{"Facture {{invoice_numbers}}", "{{if and penalties (gt invoice_count 1)}}{{penalties}}{{else}}{{$x := total_due}}{{$x}}{{end}}"}); len(errs) > 0 {
		t.Errorf("valid template refused: %v", errs)
	}
}

func TestRenderContent(t *testing.T) {
	frTotal := "2" + nbsp + "096,80" + nbsp + "€"
	tests := []struct {
		name     string
		tpl      Template
		data     func() Data
		want     []string // in the text and the HTML
		wantText []string
		wantHTML []string
		not      []string // in neither
	}{
		{
			name: "text has numbers and total", tpl: Template{"Relance", "Total : {{total_due}}"}, data: func() Data { return Sample("fr") },
			want:     []string{"F-2025-0142", "F-2025-0157", frTotal},
			wantText: []string{"Total" + nbsp + ": " + frTotal},
		},
		{
			name: "french spacing", tpl: Template{"x", "Montant : {{total_due}} ?"}, data: func() Data { return Sample("fr") },
			want: []string{"Montant" + nbsp + ": " + frTotal + nbsp + "?"},
		},
		{
			name: "preventive sample is not late", tpl: Template{"x", "{{if penalties}}P{{end}}{{days_late}}"}, data: func() Data { return SampleFor("fr", "preventive") },
			wantText: []string{"0"},
			not:      []string{"Retard", "Intérêts", "Pénalités"},
		},
		{
			name: "french money", tpl: Template{"Relance", "{{total_due}}"}, data: func() Data { return oneInvoice("fr") },
			want: []string{"1" + nbsp + "240,00" + nbsp + "€"},
		},
		{
			name: "english money and dates", tpl: Template{"Reminder {{oldest_due_date}}", "{{total_due}} {{invoice_numbers}}"}, data: func() Data { return Sample("en") },
			want: []string{"€2,096.80", "F-2025-0142 and F-2025-0157", Sample("en").Invoices[0].DueDate.Format("2 Jan 2006")},
		},
		{
			name: "other language is french", tpl: Template{"x", "{{total_due}}"}, data: func() Data { d := Sample("de"); d.Language = "de"; return d },
			want: []string{frTotal, "Si vous avez déjà réglé, merci de ne pas tenir compte de ce message."},
		},
		{
			name: "escapes names and text", tpl: Template{"{{customer_name}}", "Bonjour {{customer_name}} <i>&</i>"},
			data:     func() Data { d := Sample("fr"); d.CustomerName = "<b>ACME & Fils</b>"; return d },
			wantText: []string{"Bonjour <b>ACME & Fils</b> <i>&</i>"},
			wantHTML: []string{"Bonjour &lt;b&gt;ACME &amp; Fils&lt;/b&gt; &lt;i&gt;&amp;&lt;/i&gt;"},
		},
		{
			name: "paragraphs", tpl: Template{"x", "Un\ndeux\n\n\n  \ntrois"}, data: func() Data { return Sample("fr") },
			wantHTML: []string{openP + "Un<br>\ndeux</p>", openP + "trois</p>"},
			wantText: []string{"Un\ndeux\n\ntrois"},
		},
		{
			name: "penalties shown", tpl: Template{"x", "{{if penalties}}Pénalités : {{penalties}}{{end}}"}, data: func() Data { return Sample("fr") },
			want:     []string{"Pénalités" + nbsp + ": ", "Intérêts de retard au taux annuel de 12,15" + nbsp + "%", "art. L441-10 et D441-5 du Code de commerce", "40,00" + nbsp + "€ par facture"},
			wantHTML: []string{">Intérêts</th>", "(40,00" + nbsp + "€ par facture)"},
			wantText: []string{"Indemnité\n"},
		},
		{
			name: "penalties hidden", tpl: Template{"x", "{{if penalties}}Pénalités : {{penalties}}{{end}}{{interest_rate}}"},
			data: func() Data { d := Sample("fr"); d.ShowPenalties = false; d.Stage = "formal_notice"; return d },
			not:  []string{"Pénalités", "Intérêts", "L441-10", "12,15"},
		},
		{
			name: "first reminder does not cite penalties", tpl: Template{"x", "Merci"}, data: func() Data { return Sample("fr") },
			not: []string{"Pénalités", "Intérêts", "L441-10"},
		},
		{
			name: "formal notice cites penalties", tpl: Template{"x", "Merci"}, data: func() Data { d := Sample("en"); d.Stage = "formal_notice"; return d },
			want: []string{"Late-payment penalties", "Total penalties: €", "French Commercial Code (articles L441-10 and D441-5)"},
			not:  []string{"Code de commerce", " et D441"},
		},
		{
			name: "table and signature appended once", tpl: Template{"x", "Merci"}, data: func() Data { return Sample("fr") },
			want: []string{"Reste dû", "Julie Moreau"},
		},
		{
			name: "transparency", tpl: Template{"x", "Merci"}, data: func() Data { return Sample("en") },
			want: []string{"Follow-up of this account is handled with Relance on behalf of Menuiserie Bertin SAS.", "If you have already paid, please disregard this message."},
		},
		{
			name: "no transparency", tpl: Template{"x", "Merci"}, data: func() Data { d := Sample("fr"); d.Transparency = false; return d },
			not: []string{"Relance pour le compte"},
		},
		{
			name: "no button without link", tpl: Template{"x", "{{if debtor_link}}Lien{{end}}{{debtor_link}}"}, data: func() Data { d := Sample("fr"); d.DebtorLink = ""; return d },
			not: []string{"Lien", "<a "},
		},
		{
			name: "no pixel unless set", tpl: Template{"x", "Merci"}, data: func() Data { return Sample("fr") },
			not: []string{"<img"},
		},
		{
			name: "pixel", tpl: Template{"x", "Merci"}, data: func() Data { d := Sample("fr"); d.OpenPixelURL = "https://t.example/o/abc&x"; return d },
			wantHTML: []string{`<img src="https://t.example/o/abc&amp;x" width="1" height="1"`},
		},
		{
			name: "accent colour", tpl: Template{"x", "{{debtor_link}}"}, data: func() Data { d := Sample("fr"); d.AccentColor = "#e8590c"; return d },
			wantHTML: []string{"background-color:#e8590c", "color:#e8590c"},
		},
		{
			name: "unsafe accent colour", tpl: Template{"x", "Merci"}, data: func() Data { d := Sample("fr"); d.AccentColor = `red;" onload="x`; return d },
			not: []string{"onload"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Render(tt.tpl, tt.data())
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.want {
				if !strings.Contains(e.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, e.Text)
				}
				if !strings.Contains(e.HTML, s) {
					t.Errorf("HTML lacks %q", s)
				}
			}
			for _, s := range tt.wantText {
				if !strings.Contains(e.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, e.Text)
				}
			}
			for _, s := range tt.wantHTML {
				if !strings.Contains(e.HTML, s) {
					t.Errorf("HTML lacks %q:\n%s", s, e.HTML)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(e.Text+e.HTML, s) {
					t.Errorf("%q should not appear:\n%s\n%s", s, e.Text, e.HTML)
				}
			}
			if strings.Count(e.Text, "Julie Moreau") > 1 || strings.Count(e.HTML, "Julie Moreau") > 1 {
				t.Errorf("signature repeated")
			}
		})
	}
}

func TestNoInvoicesAndBothFieldsInvalid(t *testing.T) {
	d := Sample("en")
	d.Invoices = nil
	if _, err := Render(Defaults()[0].Steps[3].Templates["en"], d); err != nil {
		t.Errorf("no invoices: %v", err)
	}
	if errs := Validate(Template{"{{nope}}", "{{if x}}"}); len(errs) != 2 || errs[0].Field != "subject" || errs[1].Field != "body" {
		t.Errorf("want one error per field, got %v", errs)
	}
}

func TestSubjectIsOneLine(t *testing.T) {
	e, err := Render(Template{"  Facture\n{{invoice_numbers}}  ", "x"}, Sample("fr"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != "Facture F-2025-0142 et F-2025-0157" {
		t.Errorf("subject %q", e.Subject)
	}
}

func TestTrackLinkWrapsEveryLink(t *testing.T) {
	d := Sample("fr")
	d.TrackLink = func(u string) string { return "https://t.example/c?u=" + u }
	for _, body := range []string{"{{if debtor_link}}Payer :\n\n{{debtor_link}}{{end}}", "Sans lien explicite"} {
		e, err := Render(Template{"x", body}, d)
		if err != nil {
			t.Fatal(err)
		}
		hrefs := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(e.HTML, -1)
		if body != "Sans lien explicite" && len(hrefs) == 0 {
			t.Fatalf("no link in %s", e.HTML)
		}
		for _, h := range hrefs {
			if h[1] != "https://t.example/c?u="+d.DebtorLink {
				t.Errorf("untracked link %q", h[1])
			}
		}
		if strings.Contains(e.Text, "t.example") {
			t.Errorf("text version should keep the raw link")
		}
	}
}

func TestVariablesInText(t *testing.T) {
	d := Sample("fr")
	d.Today = time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	tpl := Template{"x", "{{invoice_count}}|{{days_late}}|{{interest_rate}}|{{today}}|{{debtor_link}}|{{contact_name}}|{{organization_name}}"}
	e, err := Render(tpl, d)
	if err != nil {
		t.Fatal(err)
	}
	want := "2|20|12,15" + nbsp + "%|05/03/2026|https://pay.example.com/p/3f9c2a7e1b|Sophie Vasseur|Menuiserie Bertin SAS"
	if !strings.HasPrefix(e.Text, want) {
		t.Errorf("got %q, want %q", strings.SplitN(e.Text, "\n", 2)[0], want)
	}
}

// TestWritePreviews writes rendered emails for a visual check when RENDER_PREVIEW_DIR is set:
// RENDER_PREVIEW_DIR=/tmp go test -run Previews ./internal/dunning/render/
func TestWritePreviews(t *testing.T) {
	dir := os.Getenv("RENDER_PREVIEW_DIR")
	if dir == "" {
		t.Skip("RENDER_PREVIEW_DIR not set")
	}
	std := Defaults()[0]
	for _, lang := range []string{"fr", "en"} {
		for name, s := range map[string]DefaultStep{"": std.Steps[3], "-notice": std.Steps[6], "-preventive": std.Steps[0], "-call": std.Steps[4]} {
			d := SampleFor(lang, s.Stage)
			d.Channel = s.Channel
			d.OpenPixelURL = "https://t.example/o/1"
			e, err := Render(s.Templates[lang], d)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(dir, "render-"+lang+name)
			for ext, content := range map[string]string{".html": e.HTML, ".txt": e.Subject + "\n\n" + e.Text} {
				if err := os.WriteFile(base+ext, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
