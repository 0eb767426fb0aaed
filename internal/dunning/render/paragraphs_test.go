package render

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The regular expressions paragraphs was first written with: the scans must do the same.
var (
	oldParagraphBreakRE = regexp.MustCompile(`\n[ \t\r]*\n\s*`)
	oldLeadingBreakRE   = regexp.MustCompile(`(<p style="[^"]*">)(?:\s|<br>)+`)
	oldTrailingBreakRE  = regexp.MustCompile(`(?:\s|<br>)+</p>`)
	oldEmptyParagraphRE = regexp.MustCompile(`<p style="[^"]*"></p>\n?`)
)

func paragraphsWithRegexps(s string) string {
	var b strings.Builder
	for _, p := range oldParagraphBreakRE.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), -1) {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		lines := strings.Split(p, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		b.WriteString(openP + strings.Join(lines, "<br>\n") + "</p>\n")
	}
	out := oldLeadingBreakRE.ReplaceAllString(b.String(), "$1")
	out = oldTrailingBreakRE.ReplaceAllString(out, "</p>")
	out = oldEmptyParagraphRE.ReplaceAllString(out, "")
	return strings.ReplaceAll(out, "</table>"+openP, "</table>\n"+openP)
}

func TestParagraphsMatchTheRegexps(t *testing.T) {
	pieces := []string{"\n", "\n", "\n\n", " ", "\t", "\r", "\r\n", "\f", "<br>", "<br", ">", "Bonjour", "F-1 :", "é",
		"</p>", openP, `<p style="x">`, `<p style="`, `"`, `">`, "</table>", string(block("<table><tr><td>1</td></tr></table>")),
		string(block(`<a href="x">Payer</a>`))}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 30000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := paragraphs(in), paragraphsWithRegexps(in); got != want {
			t.Fatalf("case %d %q:\n got %q\nwant %q", n, in, got, want)
		}
	}
	// And the default templates' bodies, as written.
	for _, d := range Defaults() {
		for _, st := range d.Steps {
			for _, tpl := range st.Templates {
				if got, want := paragraphs(tpl.Body), paragraphsWithRegexps(tpl.Body); got != want {
					t.Fatalf("%s: got %q want %q", d.Key, got, want)
				}
			}
		}
	}
}

func BenchmarkParagraphs(b *testing.B) {
	body := Defaults()[0].Steps[2].Templates["fr"].Body
	body = strings.Repeat(body+"\n\n"+string(block("<table><tr><td>F-1</td></tr></table>")), 3)
	for range b.N {
		paragraphs(body)
	}
}
