package payments

import (
	"strings"
	"testing"
)

func TestMethodsFor(t *testing.T) {
	for _, c := range []struct {
		accepted []string
		currency string
		want     string
	}{
		{[]string{"card", "sepa_debit"}, "EUR", "card,sepa_debit"},
		{[]string{"card", "sepa_debit"}, "USD", "card"}, // SEPA debits are in euros
		{[]string{"sepa_debit"}, "GBP", ""},
		{nil, "EUR", ""},
	} {
		if got := strings.Join(methodsFor(c.accepted, c.currency), ","); got != c.want {
			t.Errorf("methodsFor(%v, %s) = %q, want %q", c.accepted, c.currency, got, c.want)
		}
	}
}

func TestProductName(t *testing.T) {
	for _, c := range []struct {
		lang    string
		numbers []string
		want    string
	}{
		{"fr", []string{"F-1"}, "Facture F-1"},
		{"fr", []string{"F-1", "F-2"}, "Factures F-1, F-2"},
		{"en", []string{"F-1", "F-2"}, "Invoices F-1, F-2"},
	} {
		if got := productName(c.lang, c.numbers); got != c.want {
			t.Errorf("productName(%s, %v) = %q, want %q", c.lang, c.numbers, got, c.want)
		}
	}
	many := make([]string, 100)
	for i := range many {
		many[i] = "F-2026-0001"
	}
	if got := []rune(productName("fr", many)); len(got) > maxNameLen || got[len(got)-1] != '…' {
		t.Errorf("long name %q", string(got))
	}
}
