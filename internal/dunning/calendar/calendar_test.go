package calendar

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// day builds a UTC-midnight date, the form Holidays and Easter return.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tzdata for Europe/Paris: %v", err)
	}
	return loc
}

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want time.Time
	}{
		{2024, day(2024, time.March, 31)},
		{2025, day(2025, time.April, 20)},
		{2026, day(2026, time.April, 5)},
		{2027, day(2027, time.March, 28)},
		{2000, day(2000, time.April, 23)},
		{2019, day(2019, time.April, 21)},
		{1818, day(1818, time.March, 22)}, // earliest possible date
		{2038, day(2038, time.April, 25)}, // latest possible date
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			got := Easter(tt.year)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Easter(%d) = %v, want %v", tt.year, got, tt.want)
			}
			if got.Weekday() != time.Sunday {
				t.Errorf("Easter(%d) is a %v", tt.year, got.Weekday())
			}
		})
	}
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		name    string
		country string
		year    int
		want    []time.Time
	}{
		{
			// Easter 2026-04-05: Monday 04-06, Ascension +39 = 05-14, Whit Monday +50 = 05-25.
			name: "FR 2026", country: "FR", year: 2026,
			want: []time.Time{
				day(2026, time.January, 1), day(2026, time.April, 6), day(2026, time.May, 1),
				day(2026, time.May, 8), day(2026, time.May, 14), day(2026, time.May, 25),
				day(2026, time.July, 14), day(2026, time.August, 15), day(2026, time.November, 1),
				day(2026, time.November, 11), day(2026, time.December, 25),
			},
		},
		{
			// Easter 2008-03-23, so Ascension (+39) is 1 May itself: one
			// holiday, not two.
			name: "FR 2008 Ascension on 1 May", country: "fr", year: 2008,
			want: []time.Time{
				day(2008, time.January, 1), day(2008, time.March, 24), day(2008, time.May, 1),
				day(2008, time.May, 8), day(2008, time.May, 12), day(2008, time.July, 14),
				day(2008, time.August, 15), day(2008, time.November, 1), day(2008, time.November, 11),
				day(2008, time.December, 25),
			},
		},
		{name: "unknown country", country: "XX", year: 2026, want: nil},
		{name: "empty country", country: "", year: 2026, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Holidays(tt.country, tt.year)
			if len(got) != len(tt.want) {
				t.Fatalf("Holidays(%q, %d) = %v, want %v", tt.country, tt.year, got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) || got[i].Location() != time.UTC {
					t.Errorf("holiday %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestIsBusinessDay(t *testing.T) {
	loc := paris(t)
	fr := New("FR")
	tests := []struct {
		name string
		d    time.Time
		want bool
	}{
		{"Thursday 2026-05-14 Ascension", day(2026, time.May, 14), false},
		{"Friday 2026-05-15", day(2026, time.May, 15), true},
		{"Saturday 2026-05-16", day(2026, time.May, 16), false},
		{"Sunday 2026-05-17", day(2026, time.May, 17), false},
		{"Monday 2026-04-06 Easter Monday", day(2026, time.April, 6), false},
		{"Monday 2026-05-25 Whit Monday", day(2026, time.May, 25), false},
		{"Friday 2026-12-25 Christmas", day(2026, time.December, 25), false},
		{"Tuesday 2026-04-07", day(2026, time.April, 7), true},
		// Only the Y-M-D in d's own location counts: late on Ascension day in
		// Paris is still Ascension, and 00:30 the next day in Paris is Friday
		// even though it is still Thursday 22:30 in UTC.
		{"Ascension 23:30 Paris", time.Date(2026, time.May, 14, 23, 30, 0, 0, loc), false},
		{"Friday 00:30 Paris (Thursday in UTC)", time.Date(2026, time.May, 15, 0, 30, 0, 0, loc), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fr.IsBusinessDay(tt.d); got != tt.want {
				t.Errorf("IsBusinessDay(%v) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}

	t.Run("unknown country has weekends only", func(t *testing.T) {
		xx := New("XX")
		if !xx.IsBusinessDay(day(2026, time.May, 14)) || !xx.IsBusinessDay(day(2026, time.December, 25)) {
			t.Error("holidays of FR leaked into an unknown country")
		}
		if xx.IsBusinessDay(day(2026, time.May, 16)) {
			t.Error("Saturday is a business day")
		}
	})

	t.Run("zero-value Calendar has weekends only", func(t *testing.T) {
		var c Calendar
		if !c.IsBusinessDay(day(2026, time.May, 14)) || c.IsBusinessDay(day(2026, time.May, 17)) {
			t.Error("zero-value Calendar misbehaves")
		}
	})
}

// NextBusinessDay moves forward to a business day and LastBusinessDayOnOrBefore back to one; a
// business day is itself.
func TestBusinessDayShifts(t *testing.T) {
	loc := paris(t)
	fr := New("FR")
	next, last := fr.NextBusinessDay, fr.LastBusinessDayOnOrBefore
	tests := []struct {
		name  string
		shift func(time.Time) time.Time
		d     time.Time
		want  time.Time
	}{
		{"next: Ascension → Friday", next, day(2026, time.May, 14), day(2026, time.May, 15)},
		{"next: business day is itself", next, day(2026, time.May, 15), day(2026, time.May, 15)},
		{"next: Saturday → Monday", next, day(2026, time.June, 6), day(2026, time.June, 8)},
		{"next: Christmas Friday → Monday", next, day(2026, time.December, 25), day(2026, time.December, 28)},
		{"next: Easter Monday → Tuesday", next, day(2026, time.April, 6), day(2026, time.April, 7)},
		{"next: Saturday before Whit Monday → Tuesday", next, day(2026, time.May, 23), day(2026, time.May, 26)},
		{"next: New Year 2027 (Friday) → Monday", next, day(2027, time.January, 1), day(2027, time.January, 4)},
		{
			// Clock and location are kept, across the DST change of 2026-03-29.
			"next: Saturday 10:15 Paris → Monday 10:15 Paris", next,
			time.Date(2026, time.March, 28, 10, 15, 0, 0, loc),
			time.Date(2026, time.March, 30, 10, 15, 0, 0, loc),
		},
		{"last: Sunday → Friday", last, day(2026, time.May, 17), day(2026, time.May, 15)},
		{"last: Ascension → Wednesday", last, day(2026, time.May, 14), day(2026, time.May, 13)},
		{"last: Easter Monday → Friday before", last, day(2026, time.April, 6), day(2026, time.April, 3)},
		{"last: business day is itself", last, day(2026, time.April, 7), day(2026, time.April, 7)},
		{"last: New Year 2027 → Thursday 2026-12-31", last, day(2027, time.January, 1), day(2026, time.December, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.shift(tt.d)
			if !got.Equal(tt.want) || got.Location() != tt.want.Location() {
				t.Errorf("%v → %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

func TestHolidaysBetween(t *testing.T) {
	loc := paris(t)
	fr := New("FR")
	tests := []struct {
		name     string
		from, to time.Time
		want     []time.Time
	}{
		{
			"May 2026", day(2026, time.May, 1), day(2026, time.May, 31),
			[]time.Time{day(2026, time.May, 1), day(2026, time.May, 8), day(2026, time.May, 14), day(2026, time.May, 25)},
		},
		{
			"across the new year", day(2026, time.December, 20), day(2027, time.January, 10),
			[]time.Time{day(2026, time.December, 25), day(2027, time.January, 1)},
		},
		{
			// Bounds are dates: midnight in Paris is the day before in UTC,
			// yet both bound days are included.
			"bounds in Paris, inclusive",
			time.Date(2026, time.May, 8, 0, 0, 0, 0, loc), time.Date(2026, time.May, 14, 0, 0, 0, 0, loc),
			[]time.Time{day(2026, time.May, 8), day(2026, time.May, 14)},
		},
		{"no holiday", day(2026, time.June, 1), day(2026, time.June, 30), nil},
		{"from after to", day(2026, time.May, 31), day(2026, time.May, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fr.HolidaysBetween(tt.from, tt.to)
			if len(got) != len(tt.want) {
				t.Fatalf("HolidaysBetween = %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("holiday %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestNextSendTime(t *testing.T) {
	loc := paris(t)
	fr := New("FR")
	w := Window{Start: 9 * time.Hour, End: 17 * time.Hour, Location: loc}
	at := func(y int, m time.Month, d, h, mi int) time.Time {
		return time.Date(y, m, d, h, mi, 0, 0, loc)
	}
	tests := []struct {
		name string
		now  time.Time
		w    Window
		want time.Time
	}{
		{"Tuesday 07:00 → 09:00 same day", at(2026, time.May, 12, 7, 0), w, at(2026, time.May, 12, 9, 0)},
		{"within the window → now", at(2026, time.May, 12, 10, 30), w, at(2026, time.May, 12, 10, 30)},
		{"09:00 sharp is inside", at(2026, time.May, 12, 9, 0), w, at(2026, time.May, 12, 9, 0)},
		{"17:00 sharp is outside → next day 09:00", at(2026, time.May, 12, 17, 0), w, at(2026, time.May, 13, 9, 0)},
		{"Friday 18:00 → Monday 09:00", at(2026, time.May, 15, 18, 0), w, at(2026, time.May, 18, 9, 0)},
		{"Ascension 10:00 → Friday 09:00", at(2026, time.May, 14, 10, 0), w, at(2026, time.May, 15, 9, 0)},
		{"Wednesday 18:00 before Ascension → Friday 09:00", at(2026, time.May, 13, 18, 0), w, at(2026, time.May, 15, 9, 0)},
		{
			// Friday 18:00 CET (UTC+1) = 17:00Z; Monday 09:00 CEST (UTC+2) =
			// 07:00Z. A 24h-step would land on 10:00 local.
			"Friday 18:00 before the spring DST change → Monday 09:00 CEST",
			time.Date(2026, time.March, 27, 17, 0, 0, 0, time.UTC), w,
			time.Date(2026, time.March, 30, 7, 0, 0, 0, time.UTC),
		},
		{
			// Saturday 23:30Z is already Sunday 00:30 CET, the day of the change.
			"Sunday of the DST change, given in UTC → Monday 09:00 CEST",
			time.Date(2026, time.March, 28, 23, 30, 0, 0, time.UTC), w,
			time.Date(2026, time.March, 30, 7, 0, 0, 0, time.UTC),
		},
		{
			// Friday 17:30 CEST (UTC+2); Monday 09:00 CET (UTC+1) = 08:00Z.
			"Friday after the window before the autumn DST change → Monday 09:00 CET",
			at(2026, time.October, 23, 17, 30), w,
			time.Date(2026, time.October, 26, 8, 0, 0, 0, time.UTC),
		},
		{
			// 2026-05-13 23:30Z is already Ascension 01:30 in Paris: the local
			// date decides, not the UTC one.
			"now in UTC, local date is the holiday → Friday 09:00",
			time.Date(2026, time.May, 13, 23, 30, 0, 0, time.UTC), w, at(2026, time.May, 15, 9, 0),
		},
		{
			"nil location means UTC",
			time.Date(2026, time.May, 12, 8, 0, 0, 0, time.UTC),
			Window{Start: 9 * time.Hour, End: 17 * time.Hour},
			time.Date(2026, time.May, 12, 9, 0, 0, 0, time.UTC),
		},
		{
			"minutes in the window bounds",
			at(2026, time.May, 12, 8, 45),
			Window{Start: 8*time.Hour + 30*time.Minute, End: 12 * time.Hour, Location: loc},
			at(2026, time.May, 12, 8, 45),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fr.NextSendTime(tt.now, tt.w)
			if !got.Equal(tt.want) {
				t.Errorf("NextSendTime(%v) = %v, want %v", tt.now, got, tt.want)
			}
		})
	}
}

// TestNextSendTimeDSTOnBusinessDay covers a DST change on a weekday, which
// France never has: Egypt springs forward at midnight on Friday 2026-04-24,
// a 23-hour day where midnight + 9h would be 10:00 local, not 09:00.
func TestNextSendTimeDSTOnBusinessDay(t *testing.T) {
	cairo, err := time.LoadLocation("Africa/Cairo")
	if err != nil {
		t.Skipf("no tzdata for Africa/Cairo: %v", err)
	}
	_, before := time.Date(2026, time.April, 23, 12, 0, 0, 0, cairo).Zone()
	_, after := time.Date(2026, time.April, 24, 12, 0, 0, 0, cairo).Zone()
	if after-before != 3600 {
		t.Skip("tzdata too old: no Egyptian DST on 2026-04-24")
	}
	c := New("") // no holidays, Sat/Sun weekends: Friday is a business day here
	w := Window{Start: 9 * time.Hour, End: 17 * time.Hour, Location: cairo}
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		// 09:00 EEST (UTC+3) = 06:00Z.
		{"Thursday evening → Friday 09:00 EEST", time.Date(2026, time.April, 23, 18, 0, 0, 0, cairo), time.Date(2026, time.April, 24, 6, 0, 0, 0, time.UTC)},
		{"Friday 01:30 EEST → 09:00 same day", time.Date(2026, time.April, 24, 1, 30, 0, 0, cairo), time.Date(2026, time.April, 24, 6, 0, 0, 0, time.UTC)},
		{"Friday 16:59 EEST is inside", time.Date(2026, time.April, 24, 16, 59, 0, 0, cairo), time.Date(2026, time.April, 24, 13, 59, 0, 0, time.UTC)},
		// End is 17:00 on the wall clock; midnight (01:00 EEST that day) + 17h
		// would be 18:00 and keep 17:00 inside.
		{"Friday 17:00 EEST sharp → Monday 09:00", time.Date(2026, time.April, 24, 17, 0, 0, 0, cairo), time.Date(2026, time.April, 27, 6, 0, 0, 0, time.UTC)},
		{"Friday 17:30 EEST → Monday 09:00", time.Date(2026, time.April, 24, 17, 30, 0, 0, cairo), time.Date(2026, time.April, 27, 6, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.NextSendTime(tt.now, w); !got.Equal(tt.want) {
				t.Errorf("NextSendTime(%v) = %v, want %v", tt.now, got, tt.want.In(cairo))
			}
		})
	}
}

// TestConcurrentUse exercises the per-year cache from many goroutines; run
// with -race to make it meaningful.
func TestConcurrentUse(t *testing.T) {
	fr := New("FR")
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for y := 2020; y < 2040; y++ {
				d := day(y, time.May, 1+g%7)
				if d.Month() == time.May && d.Day() == 1 && fr.IsBusinessDay(d) {
					t.Errorf("1 May %d is a business day", y)
				}
				_ = fr.NextBusinessDay(d)
			}
		})
	}
	wg.Wait()
}
