package ledger

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// spread pays the invoices in the order given (oldest due first), each up to its balance,
// skipping what is settled or not the payment's customer's; the rest is left over.
func TestSpread(t *testing.T) {
	cust, other := uuid.New(), uuid.New()
	inv := func(n string, balance int64, status string) InvoiceBalance {
		return InvoiceBalance{ID: uuid.NewSHA1(uuid.Nil, []byte(n)), CustomerID: cust, Number: n, Currency: "EUR", Status: status,
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
		invoices []InvoiceBalance
		amount   int64
		want     string
	}{
		{"exact", []InvoiceBalance{a, b}, 15000, "A:10000 B:5000"},
		{"partial, oldest first", []InvoiceBalance{a, b, c}, 12000, "A:10000 B:2000"},
		{"less than the first", []InvoiceBalance{a, b}, 700, "A:700"},
		{"surplus stays as credit", []InvoiceBalance{a}, 20000, "A:10000"},
		{"settled, foreign and other-currency invoices take nothing", []InvoiceBalance{paid, foreign, usd, c}, 5000, "C:3000"},
		{"nothing open", []InvoiceBalance{paid}, 5000, ""},
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
