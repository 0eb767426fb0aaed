package zone

import (
	"testing"
	"time"
)

func TestDay(t *testing.T) {
	// 23:30 UTC on 31 December is already New Year's Day in Paris, still 31 December in New York.
	at := time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	for _, c := range []struct{ zone, want string }{
		{"Europe/Paris", "2027-01-01"}, {"America/New_York", "2026-12-31"}, {"Nowhere/Unknown", "2026-12-31"},
	} {
		if got := Day(at, c.zone).Format(time.DateOnly); got != c.want {
			t.Errorf("Day(%s) = %s, want %s", c.zone, got, c.want)
		}
	}
	if Location("Europe/Paris") != Location("Europe/Paris") {
		t.Error("a zone is loaded once")
	}
	if Location("Nowhere/Unknown") != time.UTC {
		t.Error("an unknown zone is UTC")
	}
}
