package payments

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
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

// spread pays the invoices in the order given (oldest due first), each up to its balance,
// skipping what is settled or not the session's customer's; the rest is left over.
func TestSpread(t *testing.T) {
	cust, other := uuid.New(), uuid.New()
	inv := func(n string, balance int64, status string) payable {
		return payable{ID: uuid.NewSHA1(uuid.Nil, []byte(n)), CustomerID: cust, Number: n, Currency: "EUR", Status: status,
			BalanceCents: balance, DueDate: time.Now()}
	}
	a, b, c := inv("A", 10000, "open"), inv("B", 5000, "partially_paid"), inv("C", 3000, "open")
	paid := inv("P", 0, "paid")
	foreign := inv("X", 4000, "open")
	foreign.CustomerID = other
	usd := inv("U", 4000, "open")
	usd.Currency = "USD"
	for _, tc := range []struct {
		name     string
		invoices []payable
		amount   int64
		want     string
	}{
		{"exact", []payable{a, b}, 15000, "A:10000 B:5000"},
		{"partial, oldest first", []payable{a, b, c}, 12000, "A:10000 B:2000"},
		{"less than the first", []payable{a, b}, 700, "A:700"},
		{"surplus stays as credit", []payable{a}, 20000, "A:10000"},
		{"settled, foreign and other-currency invoices take nothing", []payable{paid, foreign, usd, c}, 5000, "C:3000"},
		{"nothing open", []payable{paid}, 5000, ""},
	} {
		lines := spread(tc.invoices, cust, "EUR", tc.amount)
		var got []string
		for _, l := range lines {
			for _, i := range tc.invoices {
				if i.ID == l.InvoiceID {
					got = append(got, i.Number+":"+strconv.FormatInt(l.AmountCents, 10))
				}
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
}
