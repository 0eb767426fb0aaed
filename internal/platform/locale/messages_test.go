package locale

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestEveryKeyIsInEveryLanguageWithTheSamePlaceholders(t *testing.T) {
	en, err := Texts("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages[1:] {
		other, err := Texts(lang)
		if err != nil {
			t.Fatal(err)
		}
		for key, text := range en {
			tr, ok := other[key]
			switch {
			case !ok:
				t.Errorf("%s: no %s text", key, lang)
			case strings.TrimSpace(tr) == "":
				t.Errorf("%s: empty %s text", key, lang)
			default:
				want, got := Placeholders(text), Placeholders(tr)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(want, got) {
					t.Errorf("%s: placeholders %v in en, %v in %s", key, want, got, lang)
				}
			}
		}
		for key := range other {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: in %s but not in en", key, lang)
			}
		}
	}
}

func TestEveryMessageRendersWithItsValues(t *testing.T) {
	en, _ := Texts("en")
	for key := range en {
		args := make([]any, len(messages.params[key]))
		for i := range args {
			args[i] = "V" + string(rune('0'+i))
		}
		for _, lang := range Languages {
			got := T(lang, key, args...)
			if got == key || strings.Contains(got, "<no value>") || strings.Contains(got, "{{.") || strings.Contains(got, "<<") {
				t.Errorf("T(%s, %s) = %q", lang, key, got)
			}
			for _, a := range args {
				if !strings.Contains(got, a.(string)) {
					t.Errorf("T(%s, %s) = %q: %s is missing", lang, key, got, a)
				}
			}
		}
	}
}

func TestTFillsPlaceholdersInTheEnglishOrder(t *testing.T) {
	for _, tc := range []struct{ lang, key, want string }{
		{"en", "ledger.invoice_other_currency", "This invoice is in USD, not EUR."},
		{"fr", "ledger.invoice_other_currency", "Cette facture est en USD, pas en EUR."},
		{"fr-FR", "common.at_most_chars", "100 caractères au plus."},
		{"de", "common.at_most_chars", "100 caractères au plus."}, // French, the product's first language
		{"en-GB", "template.stray_else", "{{else}} without a matching {{if}} on line 100"},
		{"en", "no.such_key", "no.such_key"},
	} {
		args := map[string][]any{"ledger.invoice_other_currency": {"USD", "EUR"}}[tc.key]
		if args == nil {
			args = []any{100}
		}
		if got := T(tc.lang, tc.key, args...); got != tc.want {
			t.Errorf("T(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

// French names a day from the due date "J+5" ("jour"), never "D+5"; English says "D+5".
func TestFrenchDaysAreJNotD(t *testing.T) {
	fr, _ := Texts("fr")
	dDay := regexp.MustCompile(`\bD(?:[+-]\d|\{\{)`)
	for key, text := range fr {
		if dDay.MatchString(text) {
			t.Errorf("%s: %q names a day D+n in French", key, text)
		}
	}
	if got := T("fr", "rules.day", "+5"); got != "J+5" {
		t.Errorf("fr day %q", got)
	}
	if got := T("en", "rules.day", "-15"); got != "D-15" {
		t.Errorf("en day %q", got)
	}
}

// keyLiteral is a string literal shaped like a message key (not a file name, not a key prefix).
var keyLiteral = regexp.MustCompile(`"([a-z]+)\.([a-z0-9_]*[a-z0-9])"`)

var fileName = regexp.MustCompile(`\.(html|css|js|txt|json|pdf|csv|go)$`)

// declaration ends the text before a key given a name (const msgX = "…", a struct field).
var declaration = regexp.MustCompile(`(=|:)\s*$`)

// notMessages are the lines whose key-shaped literals name something else: River job kinds and
// sortable columns ("created_at": "imports.created_at", page.Fetch, a listing's TieBreak).
var notMessages = regexp.MustCompile(`Kind\(\) string|\.Every\(|page\.Fetch|TieBreak:|"(\w+)": "\w+\.(\w+)"`)

func TestEveryKeyInTheCodeIsInTheCatalogue(t *testing.T) {
	en, _ := Texts("en")
	prefixes := map[string]bool{}
	for key := range en {
		prefixes[strings.SplitN(key, ".", 2)[0]] = true
	}
	root := moduleRoot(t)
	found := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "frontend" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(src), "\n") {
			if m := notMessages.FindStringSubmatch(line); m != nil && (m[1] == "" || m[1] == m[2]) {
				continue
			}
			for _, at := range keyLiteral.FindAllStringSubmatchIndex(line, -1) {
				key := line[at[2]:at[3]] + "." + line[at[4]:at[5]]
				if !prefixes[line[at[2]:at[3]]] || fileName.MatchString(key) {
					continue
				}
				found++
				rel, _ := filepath.Rel(root, path)
				if !Has(key) && !(Has(key+"_1") && Has(key+"_n")) { // a count's key: _1 for one, _n for more
					t.Errorf("%s:%d: %q is not in the catalogue", rel, n+1, key)
				}
				// A key with placeholders is called with its values (a constant's uses are not seen).
				rest := strings.TrimSpace(line[at[1]:])
				if len(messages.params[key]) > 0 && !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, "+") &&
					!declaration.MatchString(line[:at[0]]) {
					t.Errorf("%s:%d: %q takes %v but is given no values", rel, n+1, key, messages.params[key])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 200 {
		t.Errorf("found %d keys in the code: the scan is broken", found)
	}
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

func BenchmarkT(b *testing.B) {
	b.Run("plain", func(b *testing.B) {
		for range b.N {
			T("fr", "page.summary")
		}
	})
	b.Run("placeholders", func(b *testing.B) {
		for range b.N {
			T("fr", "page.intro", "Menuiserie Bertin SAS", "05/03/2026")
		}
	})
}
