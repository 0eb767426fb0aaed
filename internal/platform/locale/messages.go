package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The message catalogues: one file per language (messages/en.json, messages/fr.json), keyed by a
// stable key named after its home ("ledger.over_balance", "page.pay_title"), with go-i18n's
// placeholders for the values ("At most {{.Max}} characters."). To add a message, add its key to
// both files with the same placeholders, and call T (or an errs constructor) with the values in
// the order the English text names them. A message whose text holds "{{" itself (the template
// checks) sets leftDelim/rightDelim to "<<" and ">>". The tests keep every key in both languages,
// with the same placeholders, and every key the code names in the catalogue.
//
//go:embed messages/*.json
var messageFiles embed.FS

// Languages are the catalogue's languages: English, the language keys are written in, then French.
var Languages = []string{"en", "fr"}

type catalogue struct {
	localizers map[string]*i18n.Localizer
	// params are the placeholders of each key in the order the English text names them: the
	// positional arguments of T fill them in that order, whatever order a translation uses.
	params map[string][]string
	// plain are the texts without placeholders, served without go-i18n's template machinery.
	plain map[string]map[string]string
}

var messages = loadCatalogue()

var placeholder = regexp.MustCompile(`(?:\{\{|<<)[^}>]*?\.([A-Za-z]\w*)[^}>]*?(?:\}\}|>>)`)

func loadCatalogue() *catalogue {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &catalogue{localizers: map[string]*i18n.Localizer{}, params: map[string][]string{}, plain: map[string]map[string]string{}}
	for _, lang := range Languages {
		path := "messages/" + lang + ".json"
		if _, err := bundle.LoadMessageFileFS(messageFiles, path); err != nil {
			panic(fmt.Sprintf("locale: %s: %v", path, err))
		}
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang)
		texts, err := Texts(lang)
		if err != nil {
			panic(err)
		}
		c.plain[lang] = map[string]string{}
		for key, text := range texts {
			if lang == "en" {
				c.params[key] = Placeholders(text)
			}
			if !strings.Contains(text, "{{") && !strings.Contains(text, "<<") {
				c.plain[lang][key] = text
			}
		}
	}
	return c
}

// Texts returns the raw texts of a language's catalogue by key, placeholders unfilled.
func Texts(lang string) (map[string]string, error) {
	raw, err := messageFiles.ReadFile("messages/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("locale: no catalogue for %q: %w", lang, err)
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("locale: messages/%s.json: %w", lang, err)
	}
	out := make(map[string]string, len(entries))
	for key, v := range entries {
		var text string
		if json.Unmarshal(v, &text) != nil {
			var m struct{ Other string }
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, fmt.Errorf("locale: messages/%s.json: %s: %w", lang, key, err)
			}
			text = m.Other
		}
		out[key] = text
	}
	return out, nil
}

// Placeholders lists the names of a text's placeholders in order of appearance, each once.
func Placeholders(text string) []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			names = append(names, m[1])
		}
	}
	return names
}

// Lang is the catalogue language for a language tag: English for "en…", French otherwise (the
// product's first language).
func Lang(tag string) string {
	if len(tag) >= 2 && strings.EqualFold(tag[:2], "en") {
		return "en"
	}
	return "fr"
}

// T is the message key in lang ("en…" or else French), its placeholders filled with args in the
// order the English text names them. A key missing from the catalogue comes back as itself (a
// test keeps every key used in the code in every catalogue).
func T(lang, key string, args ...any) string {
	lang = Lang(lang)
	if len(args) == 0 {
		if s, ok := messages.plain[lang][key]; ok {
			return s
		}
	}
	names := messages.params[key]
	data := make(map[string]any, len(names))
	for i, name := range names {
		if i < len(args) {
			data[name] = args[i]
		}
	}
	s, err := messages.localizers[lang].Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		return key
	}
	return s
}

// Has reports whether the catalogue has a message for key.
func Has(key string) bool {
	_, ok := messages.params[key]
	return ok
}
