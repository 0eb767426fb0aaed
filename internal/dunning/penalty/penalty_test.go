package penalty

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sameBreakdown compares field by field: decimals must be compared by value,
// not by their internal representation.
func sameBreakdown(a, b Breakdown) bool {
	return a.DaysLate == b.DaysLate && a.InterestCents == b.InterestCents &&
		a.IndemnityCents == b.IndemnityCents && a.TotalCents == b.TotalCents && a.Rate.Equal(b.Rate)
}

func TestEffective(t *testing.T) {
	tests := []struct {
		name    string
		rates   Rates
		want    string
		wantErr bool
	}{
		// ECB + 10 = 12.15; 3 × 6.65 = 19.95; max = 19.95: the floor wins.
		{"floor wins", Rates{ECB: dec("2.15"), Legal: dec("6.65")}, "19.95", false},
		// ECB + 10 = 14.5; 3 × 3 = 9; max = 14.5.
		{"ECB + 10 wins", Rates{ECB: dec("4.5"), Legal: dec("3")}, "14.5", false},
		// ECB + 10 = 15; 3 × 5 = 15: a tie is 15 either way.
		{"tie", Rates{ECB: dec("5"), Legal: dec("5")}, "15", false},
		// All zero: ECB + 10 = 10; 3 × 0 = 0.
		{"zero rates", Rates{}, "10", false},
		// Contract 20 ≥ floor 19.95: contract applies.
		{"contract above floor", Rates{ECB: dec("2.15"), Legal: dec("6.65"), Contract: dec("20")}, "20", false},
		// Contract 19.95 = floor 3 × 6.65: allowed, not "below".
		{"contract at floor", Rates{ECB: dec("2.15"), Legal: dec("6.65"), Contract: dec("19.95")}, "19.95", false},
		// Contract 10 < ECB + 10 = 14.5 but ≥ floor 3 × 3 = 9: the contract
		// still applies, ECB + 10 is only the default.
		{"contract below ECB+10 but above floor", Rates{ECB: dec("4.5"), Legal: dec("3"), Contract: dec("10")}, "10", false},
		// Contract 15 < floor 19.95.
		{"contract below floor", Rates{ECB: dec("2.15"), Legal: dec("6.65"), Contract: dec("15")}, "", true},
		// Contract 8.99 < floor 9.
		{"contract just below floor", Rates{ECB: dec("4.5"), Legal: dec("3"), Contract: dec("8.99")}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.rates.Effective()
			if tt.wantErr {
				if !errors.Is(err, ErrContractBelowFloor) {
					t.Fatalf("Effective() error = %v, want ErrContractBelowFloor", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Effective() error = %v", err)
			}
			if !got.Equal(dec(tt.want)) {
				t.Errorf("Effective() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCompute(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tzdata for Europe/Paris: %v", err)
	}
	rate := dec("12.15")
	const indemnity = 4000
	tests := []struct {
		name      string
		balance   int64
		due, asOf time.Time
		rate      decimal.Decimal
		indemnity int64
		want      Breakdown
	}{
		{
			// 2026-03-02 → 2026-04-01 = 30 days (29 to 31 March, +1).
			// 100000 × 12.15 × 30 / 36500 = 36 450 000 / 36 500 = 998.630…
			// (36 500 × 998 = 36 427 000, remainder 23 000 ≥ 18 250) → 999.
			name: "1 000,00 € for 30 days", balance: 100000,
			due: day(2026, time.March, 2), asOf: day(2026, time.April, 1), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 30, InterestCents: 999, IndemnityCents: 4000, TotalCents: 4999, Rate: rate},
		},
		{
			// 2026-01-15 → 2026-03-01 = 16 (to 31 Jan) + 28 (Feb) + 1 = 45 days.
			// 240000 × 12.15 = 2 916 000; × 45 = 131 220 000; / 36 500 = 3 595.068…
			// (36 500 × 3 595 = 131 217 500, remainder 2 500 < 18 250) → 3595
			// cents = 35,95 € (2 400 € × 12.15 % = 291,60 € a year; × 45/365 = 35,95 €).
			name: "2 400,00 € for 45 days", balance: 240000,
			due: day(2026, time.January, 15), asOf: day(2026, time.March, 1), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 45, InterestCents: 3595, IndemnityCents: 4000, TotalCents: 7595, Rate: rate},
		},
		{
			// Rounded once: 100000 × 12.15 × 10 / 36 500 = 12 150 000 / 36 500
			// = 332.876… (36 500 × 332 = 12 118 000, remainder 32 000 ≥ 18 250)
			// → 333. Rounding each day first would give 1 215 000 / 36 500 =
			// 33.287… → 33, × 10 = 330: 3 cents lost.
			name: "rounding once, not per day", balance: 100000,
			due: day(2026, time.June, 1), asOf: day(2026, time.June, 11), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 10, InterestCents: 333, IndemnityCents: 4000, TotalCents: 4333, Rate: rate},
		},
		{
			// 2026 is not a leap year: 2026-01-01 → 2027-01-01 = 365 days.
			// 25 × 10 × 365 / 36 500 = 91 250 / 36 500 = 2.5 exactly → 3 (half
			// away from zero; banker's rounding would give 2).
			name: "exact half rounds away from zero", balance: 25,
			due: day(2026, time.January, 1), asOf: day(2027, time.January, 1), rate: dec("10"), indemnity: 0,
			want: Breakdown{DaysLate: 365, InterestCents: 3, IndemnityCents: 0, TotalCents: 3, Rate: dec("10")},
		},
		{
			// 25 × 9.99999999999999999999 × 365 / 36 500 = 0.25 × 9.999…9 (20
			// nines) = 2.4999999999999999999975 → 2. A division cut at 16
			// digits would read 2.5000000000000000 and round to 3.
			name: "exact division, not 16 digits", balance: 25,
			due: day(2026, time.January, 1), asOf: day(2027, time.January, 1), rate: dec("9.99999999999999999999"), indemnity: 0,
			want: Breakdown{DaysLate: 365, InterestCents: 2, IndemnityCents: 0, TotalCents: 2, Rate: dec("9.99999999999999999999")},
		},
		{
			// Leap year 2028: 2028-02-01 → 2028-03-02 = 28 (to 29 Feb) + 2 = 30
			// days. Still / 365: 100000 × 12.15 × 30 / 36 500 = 998.630… → 999
			// (/ 366 would give 36 450 000 / 36 600 = 995.90… → 996).
			name: "leap year 2028 still /365", balance: 100000,
			due: day(2028, time.February, 1), asOf: day(2028, time.March, 2), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 30, InterestCents: 999, IndemnityCents: 4000, TotalCents: 4999, Rate: rate},
		},
		{
			// 2027-12-31 → 2028-12-31 = 366 days (2028 is leap).
			// 100000 × 10 × 366 / 36 500 = 366 000 000 / 36 500 = 10 027.397…
			// (36 500 × 10 027 = 365 985 500, remainder 14 500 < 18 250) →
			// 10027: a leap year earns more than the nominal 10 000.
			name: "full leap year is 366/365 of the rate", balance: 100000,
			due: day(2027, time.December, 31), asOf: day(2028, time.December, 31), rate: dec("10"), indemnity: indemnity,
			want: Breakdown{DaysLate: 366, InterestCents: 10027, IndemnityCents: 4000, TotalCents: 14027, Rate: dec("10")},
		},
		{
			// Interest runs from the day after the due date: 1 day.
			// 100000 × 12.15 × 1 / 36 500 = 33.287… → 33.
			name: "day after due date is 1 day late", balance: 100000,
			due: day(2026, time.May, 15), asOf: day(2026, time.May, 16), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 1, InterestCents: 33, IndemnityCents: 4000, TotalCents: 4033, Rate: rate},
		},
		{
			// 123 456 789 × 19.95 = 2 469 135 780 − 6 172 839.45 = 2 462 962 940.55;
			// × 60 = 147 777 776 433; 36 500 × 4 048 706 = 147 777 769 000,
			// remainder 7 433 < 18 250 → 4 048 706.
			name: "large balance", balance: 123456789,
			due: day(2026, time.January, 31), asOf: day(2026, time.April, 1), rate: dec("19.95"), indemnity: indemnity,
			want: Breakdown{DaysLate: 60, InterestCents: 4048706, IndemnityCents: 4000, TotalCents: 4052706, Rate: dec("19.95")},
		},
		{
			// Spring DST in Paris: midnight 28 March → midnight 30 March is 47 h
			// but 2 calendar days. 100000 × 12.15 × 2 / 36 500 = 66.575… → 67.
			name: "across spring DST in Paris", balance: 100000,
			due:  time.Date(2026, time.March, 28, 0, 0, 0, 0, paris),
			asOf: time.Date(2026, time.March, 30, 0, 0, 0, 0, paris), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 2, InterestCents: 67, IndemnityCents: 4000, TotalCents: 4067, Rate: rate},
		},
		{
			// Autumn DST: 24 Oct 23:30 → 26 Oct 00:10 Paris is 25 h 40 min
			// (one 25-hour day) yet 2 calendar days → 67 as above.
			name: "across autumn DST in Paris, clock times ignored", balance: 100000,
			due:  time.Date(2026, time.October, 24, 23, 30, 0, 0, paris),
			asOf: time.Date(2026, time.October, 26, 0, 10, 0, 0, paris), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 2, InterestCents: 67, IndemnityCents: 4000, TotalCents: 4067, Rate: rate},
		},
		{
			// 23:59 on 2 March → 00:01 on 1 April is under 30 × 24 h but 30
			// days by date: same 999 as the first case.
			name: "time of day ignored", balance: 100000,
			due:  time.Date(2026, time.March, 2, 23, 59, 0, 0, time.UTC),
			asOf: time.Date(2026, time.April, 1, 0, 1, 0, 0, time.UTC), rate: rate, indemnity: indemnity,
			want: Breakdown{DaysLate: 30, InterestCents: 999, IndemnityCents: 4000, TotalCents: 4999, Rate: rate},
		},
		{
			name: "on the due date: nothing", balance: 100000,
			due: day(2026, time.May, 15), asOf: day(2026, time.May, 15), rate: rate, indemnity: indemnity,
			want: Breakdown{},
		},
		{
			name: "before the due date: nothing", balance: 100000,
			due: day(2026, time.May, 15), asOf: day(2026, time.May, 1), rate: rate, indemnity: indemnity,
			want: Breakdown{},
		},
		{
			name: "zero balance: nothing, not even the indemnity", balance: 0,
			due: day(2026, time.March, 2), asOf: day(2026, time.April, 1), rate: rate, indemnity: indemnity,
			want: Breakdown{},
		},
		{
			name: "credit balance: nothing", balance: -5000,
			due: day(2026, time.March, 2), asOf: day(2026, time.April, 1), rate: rate, indemnity: indemnity,
			want: Breakdown{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.balance, tt.due, tt.asOf, tt.rate, tt.indemnity)
			if !sameBreakdown(got, tt.want) {
				t.Errorf("Compute() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSum(t *testing.T) {
	rate := dec("12.15")
	a := Breakdown{DaysLate: 30, InterestCents: 999, IndemnityCents: 4000, TotalCents: 4999, Rate: rate}
	b := Breakdown{DaysLate: 45, InterestCents: 3595, IndemnityCents: 4000, TotalCents: 7595, Rate: rate}
	// 100000 × 19.95 × 10 / 36 500 = 19 950 000 / 36 500 = 546.57… → 547.
	other := Breakdown{DaysLate: 10, InterestCents: 547, IndemnityCents: 4000, TotalCents: 4547, Rate: dec("19.95")}
	tests := []struct {
		name string
		bs   []Breakdown
		want Breakdown
	}{
		{"empty", nil, Breakdown{}},
		{"one", []Breakdown{a}, a},
		// 999 + 3595 = 4594; 4000 + 4000 = 8000; 4999 + 7595 = 12594; max(30, 45) = 45.
		{"same rate", []Breakdown{a, b}, Breakdown{DaysLate: 45, InterestCents: 4594, IndemnityCents: 8000, TotalCents: 12594, Rate: rate}},
		// An invoice not late adds nothing and does not blur the rate.
		{"with a not-late invoice", []Breakdown{{}, a}, Breakdown{DaysLate: 30, InterestCents: 999, IndemnityCents: 4000, TotalCents: 4999, Rate: rate}},
		// 999 + 547 = 1546; 8000; 4999 + 4547 = 9546; rates differ → zero.
		{"mixed rates", []Breakdown{a, other}, Breakdown{DaysLate: 30, InterestCents: 1546, IndemnityCents: 8000, TotalCents: 9546}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sum(tt.bs); !sameBreakdown(got, tt.want) {
				t.Errorf("Sum() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
