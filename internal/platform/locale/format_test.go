package locale

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	day := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{Money(124000, "EUR", "fr"), "1\u00a0240,00\u00a0€"},
		{Money(124000, "EUR", "en"), "€1,240.00"},
		{Money(-5, "GBP", "en"), "-£0.05"},
		{Money(100, "CHF", "fr"), "1,00\u00a0CHF"},
		{MoneyWhole(1000000, "EUR", "fr"), "10\u00a0000\u00a0€"},
		{MoneyWhole(1000050, "EUR", "en"), "€10,000.50"},
		{Rate(550, "fr"), "5,5\u00a0%"},
		{Rate(2000, "en"), "20%"},
		{Quantity(150, "fr"), "1,5"},
		{Quantity(1200, "en"), "12"},
		{Date(day, "fr"), "05/03/2025"},
		{Date(day, "en"), "5 March 2025"},
		{DateShort(day, "en"), "5 Mar 2025"},
		{IBAN("fr1420041010050500013m02606"), "FR14 2004 1010 0505 0001 3M02 606"},
		{IBAN("NO93 8601 1117 947"), "NO93 8601 1117 947"},
		{SIREN("912345678"), "912 345 678"},
		{SIREN("91234"), "91234"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
