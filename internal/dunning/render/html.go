package render

import (
	"fmt"
	"html"
	htmltemplate "html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
)

// Colours and type of the email layout. Everything is inline: many clients drop <style>.
const (
	defaultAccent = "#1c7ed6"
	fontStack     = "Helvetica,Arial,sans-serif"
	textColor     = "#212529"
	mutedColor    = "#6c757d"
	ruleColor     = "#e9ecef"
	pStyle        = "margin:0 0 16px 0;font-family:" + fontStack + ";font-size:15px;line-height:24px;color:" + textColor
	openP         = `<p style="` + pStyle + `">`
)

// html renders the HTML version: the staff's plain-text body, escaped and cut into paragraphs,
// then what the body did not place itself, inside the layout.
func (r *renderer) html(body *template.Template, subject string) (string, error) {
	tree := body.Tree.Copy()
	escapeText(tree.Root)
	h, err := htmltemplate.New("body").Funcs(r.htmlFuncs()).AddParseTree("body", tree)
	if err != nil {
		return "", fmt.Errorf("render: html body: %w", err)
	}
	r.usedTable, r.usedSignature = false, false
	var b strings.Builder
	if err := h.Execute(&b, nil); err != nil {
		return "", &fieldError{"body", execMessage(err)}
	}
	content := paragraphs(b.String())
	if !r.usedTable && len(r.d.Invoices) > 0 {
		content += r.htmlTable()
	}
	if r.forCollector() {
		return r.layout(subject, content), nil
	}
	if r.citePenalties {
		content += r.htmlPenalties()
	}
	if !r.usedSignature {
		content += openP + multiline(r.signature()) + "</p>"
	}
	return r.layout(subject, content), nil
}

// escapeText makes the literal text of a plain-text template safe as HTML; the actions stay.
func escapeText(n parse.Node) {
	walk(n, func(n parse.Node) {
		if t, ok := n.(*parse.TextNode); ok {
			t.Text = []byte(html.EscapeString(string(t.Text)))
		}
	})
}

// block places a block element (table, button) between paragraphs; the empty paragraphs it
// leaves are removed by paragraphs.
func block(markup string) htmltemplate.HTML {
	return htmltemplate.HTML("</p>" + markup + openP)
}

// paragraphs turns blank-line-separated text into <p> and single newlines into <br>, then tidies
// the paragraphs a block left (no <br> or spaces at either end of a paragraph, no empty one).
// Written with plain scans: a message's body went through four regular expressions, a tenth
// of a reminder's CPU (paragraphs_test.go checks it against them).
func paragraphs(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, p := range splitParagraphs(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))) {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		b.WriteString(openP)
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(strings.TrimSpace(line))
		}
		b.WriteString("</p>\n")
	}
	out := dropEmptyParagraphs(trimParagraphEnds(trimParagraphStarts(b.String())))
	return strings.ReplaceAll(out, "</table>"+openP, "</table>\n"+openP)
}

// splitParagraphs splits at blank lines: a newline, blanks, a newline, then any white space.
func splitParagraphs(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j >= len(s) || s[j] != '\n' {
			continue
		}
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		out = append(out, s[start:i])
		start, i = j, j-1
	}
	return append(out, s[start:])
}

// isSpace is RE2's \s.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// breakRun is the length of the run of white space and <br> at the start of s.
func breakRun(s string) int {
	n := 0
	for n < len(s) {
		switch {
		case isSpace(s[n]):
			n++
		case strings.HasPrefix(s[n:], "<br>"):
			n += 4
		default:
			return n
		}
	}
	return n
}

// paragraphOpen is the length of the <p style="…"> at the start of s, 0 when there is none.
func paragraphOpen(s string) int {
	const head = `<p style="`
	if !strings.HasPrefix(s, head) {
		return 0
	}
	q := strings.IndexByte(s[len(head):], '"')
	if q < 0 || !strings.HasPrefix(s[len(head)+q+1:], ">") {
		return 0
	}
	return len(head) + q + 2
}

// rewriteParagraphOpens rewrites s at each <p style="…">: cut says how many bytes after the tag
// go, and whether the tag goes with them; 0 leaves s alone there, and the search goes on from the
// next byte, as a regular expression's would.
func rewriteParagraphOpens(s string, cut func(after string) (n int, withTag bool)) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, `<p style="`)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		n := paragraphOpen(s[i:])
		drop, withTag := 0, false
		if n > 0 {
			drop, withTag = cut(s[i+n:])
		}
		if drop == 0 {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		if withTag {
			b.WriteString(s[:i])
		} else {
			b.WriteString(s[:i+n])
		}
		s = s[i+n+drop:]
	}
}

// trimParagraphStarts drops the white space and <br> right after each <p style="…">.
func trimParagraphStarts(s string) string {
	return rewriteParagraphOpens(s, func(after string) (int, bool) { return breakRun(after), false })
}

// trimParagraphEnds drops the white space and <br> right before each </p>.
func trimParagraphEnds(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "</p>")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		head := s[:i]
		for {
			switch {
			case len(head) > 0 && isSpace(head[len(head)-1]):
				head = head[:len(head)-1]
				continue
			case strings.HasSuffix(head, "<br>"):
				head = head[:len(head)-4]
				continue
			}
			break
		}
		b.WriteString(head)
		b.WriteString("</p>")
		s = s[i+4:]
	}
}

// dropEmptyParagraphs drops each <p style="…"></p> and the newline after it.
func dropEmptyParagraphs(s string) string {
	return rewriteParagraphOpens(s, func(after string) (int, bool) {
		switch {
		case strings.HasPrefix(after, "</p>\n"):
			return 5, true
		case strings.HasPrefix(after, "</p>"):
			return 4, true
		}
		return 0, false
	})
}

// multiline escapes text and keeps its line breaks.
func multiline(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for i := range lines {
		lines[i] = html.EscapeString(strings.TrimSpace(lines[i]))
	}
	return strings.Join(lines, "<br>")
}

// link is the href for url: tracked when the caller tracks clicks, escaped for an attribute.
func (r *renderer) link(u string) string {
	if r.d.TrackLink != nil {
		u = r.d.TrackLink(u)
	}
	return html.EscapeString(u)
}

// safeLink accepts only web links for the button.
func safeLink(u string) bool {
	parsed, err := url.Parse(u)
	return err == nil && (parsed.Scheme == "https" || parsed.Scheme == "http") && parsed.Host != ""
}

var hexColorRE = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// accent is the brand colour, and the text colour readable on it.
func (r *renderer) accent() (background, foreground string) {
	c := strings.TrimSpace(r.d.AccentColor)
	if !hexColorRE.MatchString(c) {
		c = defaultAccent
	}
	hex := c[1:]
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	rgb, _ := strconv.ParseUint(hex, 16, 32)
	red, green, blue := float64(rgb>>16&0xff), float64(rgb>>8&0xff), float64(rgb&0xff)
	if 0.299*red+0.587*green+0.114*blue > 170 {
		return c, textColor
	}
	return c, "#ffffff"
}

// htmlButton is a bulletproof button to the debtor page: a table cell, inline styles.
func (r *renderer) htmlButton() string {
	if !safeLink(r.d.DebtorLink) {
		return ""
	}
	bg, fg := r.accent()
	balance, _, _ := r.totals()
	label := html.EscapeString(r.l.t("pay_button", r.money(balance)))
	return `<table role="presentation" border="0" cellspacing="0" cellpadding="0" style="margin:4px 0 24px 0">` +
		`<tr><td align="center" bgcolor="` + bg + `" style="border-radius:6px;background-color:` + bg + `">` +
		`<a href="` + r.link(r.d.DebtorLink) + `" target="_blank" style="display:inline-block;padding:13px 28px;` +
		`font-family:` + fontStack + `;font-size:16px;font-weight:bold;line-height:20px;color:` + fg +
		`;text-decoration:none;border-radius:6px">` + label + `</a></td></tr></table>`
}

// htmlTable is the invoice table: amounts right-aligned, days late in red, interest when
// penalties are cited. To fit a 360-pixel phone, that table puts the due date under the invoice
// number and leaves the fixed indemnity to the penalties box.
func (r *renderer) htmlTable() string {
	cols, late := r.tableColumns()
	rows := r.tableRows(late)
	stack := r.citePenalties
	if stack {
		cols = cols[:len(cols)-1]
		for i := range rows {
			rows[i] = rows[i][:len(rows[i])-1]
		}
	}
	size := "14px"
	if stack {
		size = "13px"
	}
	var b strings.Builder
	b.WriteString(`<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" ` +
		`style="border-collapse:collapse;margin:4px 0 24px 0;font-family:` + fontStack + `;font-size:` + size + `;line-height:20px;color:` + textColor + `">`)
	b.WriteString(`<tr style="background-color:#f1f3f5">`)
	for i, c := range cols {
		title := html.EscapeString(c.title)
		switch {
		case stack && i == 1:
			continue
		case stack && i == 0:
			title += "<br>" + html.EscapeString(cols[1].title)
		}
		b.WriteString(tableCell("th", title, c.right, "font-size:12px;line-height:16px;font-weight:bold;color:"+mutedColor+";border-bottom:1px solid #dee2e6"))
	}
	b.WriteString("</tr>")
	for i, row := range rows {
		last := i == len(rows)-1
		b.WriteString("<tr>")
		for j, text := range row {
			content := html.EscapeString(text)
			style := "white-space:nowrap;border-bottom:1px solid " + ruleColor
			switch {
			case stack && j == 1:
				continue
			case stack && j == 0 && !last:
				content += `<br><span style="font-size:12px;color:` + mutedColor + `">` + html.EscapeString(row[1]) + `</span>`
			}
			if last {
				style = "white-space:nowrap;font-weight:bold"
			} else if cols[j].title == r.l.daysLate && text != "" {
				style += ";color:#c92a2a"
			}
			b.WriteString(tableCell("td", content, cols[j].right, style))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	return b.String()
}

// tableCell is one cell of the invoice table; content is markup.
func tableCell(tag, content string, right bool, style string) string {
	align := "left"
	if right {
		align = "right"
	}
	return "<" + tag + ` align="` + align + `" valign="top" style="padding:8px 4px;text-align:` + align + ";" + style + `">` +
		content + "</" + tag + ">"
}

// htmlPenalties is the box that details the penalties and their legal basis.
func (r *renderer) htmlPenalties() string {
	lines, total := r.penaltyLines()
	for i := range lines {
		lines[i] = html.EscapeString(lines[i])
	}
	return `<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" style="margin:0 0 24px 0">` +
		`<tr><td style="padding:14px 16px;background-color:#fff9db;border:1px solid #ffe066;border-radius:6px;` +
		`font-family:` + fontStack + `;font-size:13px;line-height:20px;color:#5c4a00">` +
		`<strong>` + html.EscapeString(r.l.penaltiesTitle) + `</strong><br>` + strings.Join(lines, "<br>") +
		`<br><strong>` + html.EscapeString(total) + `</strong><br>` +
		`<span style="font-size:12px;color:#7c6a1e">` + html.EscapeString(r.l.legalBasis) + `</span></td></tr></table>`
}

// layout wraps the content in a 600-pixel, table-based email that holds in every client.
func (r *renderer) layout(subject, content string) string {
	accent, _ := r.accent()
	var footer []string
	if !r.forCollector() {
		for _, line := range r.footerLines() {
			footer = append(footer, html.EscapeString(line))
		}
	}
	footerRow := ""
	if len(footer) > 0 {
		footerRow = `<tr><td style="padding:16px 24px 22px 24px;border-top:1px solid ` + ruleColor + `;font-family:` + fontStack +
			`;font-size:12px;line-height:18px;color:` + mutedColor + `">` + strings.Join(footer, "<br>") + "</td></tr>\n"
	}
	pixel := ""
	if r.d.OpenPixelURL != "" && !r.forCollector() {
		pixel = `<img src="` + html.EscapeString(r.d.OpenPixelURL) + `" width="1" height="1" alt="" ` +
			`style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">`
	}
	return `<!DOCTYPE html>
<html lang="` + r.l.lang + `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>` + html.EscapeString(subject) + `</title>
</head>
<body style="margin:0;padding:0;background-color:#f1f3f5;-webkit-text-size-adjust:100%">
<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" style="background-color:#f1f3f5">
<tr><td align="center" style="padding:24px 8px">
<!--[if mso]><table role="presentation" width="600" border="0" cellspacing="0" cellpadding="0"><tr><td><![endif]-->
<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" style="max-width:600px;background-color:#ffffff;border:1px solid #dee2e6;border-top:4px solid ` + accent + `;border-radius:6px">
<tr><td style="padding:22px 24px 6px 24px;font-family:` + fontStack + `;font-size:20px;line-height:28px;font-weight:bold;color:` + accent + `">` + html.EscapeString(oneLine(r.d.OrganizationName)) + `</td></tr>
<tr><td style="padding:18px 24px 12px 24px">
` + content + `
</td></tr>
` + footerRow + `</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
` + pixel + `
</body>
</html>
`
}
