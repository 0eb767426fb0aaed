package locale

import (
	"net/mail"
	"strings"

	"golang.org/x/net/idna"
)

// MaxEmailLength is the longest address accepted (RFC 5321's path limit less its brackets).
const MaxEmailLength = 254

// Email is Relance's one rule for an email address someone types (an account, an invitation, a
// contact, a reply-to, a debtor's address): a bare address, surrounding spaces trimmed, without a
// display name or angle brackets ("Jean <jean@example.fr>" is refused), at most 254 characters,
// its domain made of valid ASCII or internationalized labels with at least one dot. It returns the
// trimmed address and whether it is valid.
func Email(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxEmailLength {
		return s, false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return s, false
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, `"`) { // a quoted local part: valid, but no mailbox anyone types
		return s, false
	}
	ascii, err := idna.Lookup.ToASCII(domain)
	if err != nil || !strings.Contains(strings.Trim(ascii, "."), ".") || strings.HasSuffix(ascii, ".") {
		return s, false
	}
	tld := ascii[strings.LastIndexByte(ascii, '.')+1:]
	if len(tld) < 2 || strings.Trim(tld, "0123456789") == "" {
		return s, false
	}
	return s, true
}

// ValidEmail reports whether s is an email address by the rule of Email.
func ValidEmail(s string) bool {
	_, ok := Email(s)
	return ok
}
