package locale

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"jean@example.fr", "jean@example.fr", true},
		{"  Jean.Dupont+relance@Example.FR \n", "Jean.Dupont+relance@Example.FR", true}, // trimmed, case kept
		{"o'brien@example.co.uk", "o'brien@example.co.uk", true},
		{"jean@exämple.fr", "jean@exämple.fr", true},               // an internationalized domain
		{"jean@xn--exmple-cua.fr", "jean@xn--exmple-cua.fr", true}, // the same, as punycode
		{"jean@sub-domain.example.fr", "jean@sub-domain.example.fr", true},
		// The cases the four checks disagreed on.
		{"Jean <jean@example.fr>", "Jean <jean@example.fr>", false}, // dunning's reply_to took it
		{"<jean@example.fr>", "<jean@example.fr>", false},
		{"jean@example.fr (Jean)", "jean@example.fr (Jean)", false},
		{"jean@localhost", "jean@localhost", false},               // no dot in the domain: reply_to and resend took it
		{"jean.dupont@localhost", "jean.dupont@localhost", false}, // auth took it (a dot anywhere)
		{`"jean dupont"@example.fr`, `"jean dupont"@example.fr`, false},
		{"jean.@example.fr", "jean.@example.fr", false}, // ledger's pattern took it
		{"jean@example.f", "jean@example.f", false},
		{"jean@example.123", "jean@example.123", false},
		{"jean@-example.fr", "jean@-example.fr", false},
		{"jean@example..fr", "jean@example..fr", false},
		{"jean@example.fr.", "jean@example.fr.", false},
		{"jean@@example.fr", "jean@@example.fr", false},
		{"jean@exa mple.fr", "jean@exa mple.fr", false},
		{"jean,paul@example.fr", "jean,paul@example.fr", false},
		{"a@b.fr, c@d.fr", "a@b.fr, c@d.fr", false},
		{"jean", "jean", false},
		{"", "", false},
		{"j@" + strings.Repeat("a", 250) + ".fr", "j@" + strings.Repeat("a", 250) + ".fr", false}, // longer than 254
	} {
		got, ok := Email(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Email(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
