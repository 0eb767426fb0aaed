package portal

import "github.com/relance/relance/internal/platform/locale"

// FormText is a word of the page's self-service forms (#question, #litige, #promesse,
// #coordonnees) and of their confirmations in lang ("en", else French): the catalogue's "form."
// keys, with args in its placeholders.
func FormText(lang, key string, args ...any) string { return locale.T(lang, "form."+key, args...) }
