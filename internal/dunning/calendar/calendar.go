// Package calendar knows which days are business days in an organisation's
// country and when, within a day, reminders may be sent.
//
// Dunning steps that fall on a weekend or a public holiday move to the next
// business day, and emails go out only inside the organisation's sending
// window (see docs/dunning.md). Everything here is pure and deterministic so
// the planner and its dry runs agree.
package calendar

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// Easter returns Easter Sunday of the given Gregorian year at UTC midnight.
func Easter(year int) time.Time {
	// Anonymous Gregorian algorithm (Meeus/Jones/Butcher): exact for every
	// Gregorian year, no tables needed.
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holidays returns the public holidays of country (ISO 3166-1 alpha-2) in
// year, sorted, at UTC midnight; unknown countries have none.
func Holidays(country string, year int) []time.Time {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "FR":
		easter := Easter(year)
		ymd := func(m time.Month, d int) time.Time {
			return time.Date(year, m, d, 0, 0, 0, 0, time.UTC)
		}
		// AddDate on a UTC date never meets a DST shift, so +N days is
		// exactly N calendar days.
		days := []time.Time{
			ymd(time.January, 1),     // Jour de l'an
			easter.AddDate(0, 0, 1),  // Lundi de Pâques
			ymd(time.May, 1),         // Fête du travail
			ymd(time.May, 8),         // Victoire 1945
			easter.AddDate(0, 0, 39), // Ascension
			easter.AddDate(0, 0, 50), // Lundi de Pentecôte
			ymd(time.July, 14),       // Fête nationale
			ymd(time.August, 15),     // Assomption
			ymd(time.November, 1),    // Toussaint
			ymd(time.November, 11),   // Armistice 1918
			ymd(time.December, 25),   // Noël
		}
		// Ascension ranges from 30 April to 3 June, so it can fall on 1 May
		// (2008) or 8 May (1975): sort and drop duplicates rather than trust
		// the literal order above.
		slices.SortFunc(days, func(x, y time.Time) int { return x.Compare(y) })
		return slices.CompactFunc(days, func(x, y time.Time) bool { return x.Equal(y) })
	default:
		return nil
	}
}

// Calendar answers business-day questions for one country.
type Calendar struct {
	country string

	// Holidays are computed lazily per year and kept: the planner asks the
	// same few years over and over, often from several goroutines.
	mu    sync.RWMutex
	years map[int]map[int]struct{} // year → set of YearDay() that are holidays
}

// New returns a Calendar for country (e.g. "FR"); an unknown country only
// has weekends as non-business days.
func New(country string) *Calendar {
	return &Calendar{
		country: strings.ToUpper(strings.TrimSpace(country)),
		years:   make(map[int]map[int]struct{}),
	}
}

// holidaySet returns the holidays of year as a set of day-of-year numbers,
// computing and caching them on first use.
func (c *Calendar) holidaySet(year int) map[int]struct{} {
	c.mu.RLock()
	set, ok := c.years[year]
	c.mu.RUnlock()
	if ok {
		return set
	}

	set = make(map[int]struct{})
	for _, h := range Holidays(c.country, year) {
		set[h.YearDay()] = struct{}{}
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.years == nil { // zero-value Calendar
		c.years = make(map[int]map[int]struct{})
	}
	// Another goroutine may have filled the year meanwhile; both results are
	// identical, keep the first so readers always see one map per year.
	if existing, ok := c.years[year]; ok {
		return existing
	}
	c.years[year] = set
	return set
}

// IsBusinessDay reports whether d's date (in d's own location) is neither a
// Saturday, a Sunday nor a public holiday.
func (c *Calendar) IsBusinessDay(d time.Time) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	// Year and YearDay are read in d's location, so only its Y-M-D matters,
	// whatever its clock or offset.
	_, holiday := c.holidaySet(d.Year())[d.YearDay()]
	return !holiday
}

// NextBusinessDay returns d itself when it is a business day, otherwise the
// first business day after it, keeping d's clock time and location.
func (c *Calendar) NextBusinessDay(d time.Time) time.Time {
	// AddDate works on the wall clock in d's location, so crossing a DST
	// change moves exactly one calendar day (unlike Add(24*time.Hour)).
	for !c.IsBusinessDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// LastBusinessDayOnOrBefore returns d itself when it is a business day,
// otherwise the last business day before it, keeping d's clock time and
// location.
func (c *Calendar) LastBusinessDayOnOrBefore(d time.Time) time.Time {
	for !c.IsBusinessDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// HolidaysBetween returns the holidays whose date lies between from's and
// to's dates, both included, sorted, at UTC midnight.
func (c *Calendar) HolidaysBetween(from, to time.Time) []time.Time {
	// Compare dates, not instants: a holiday at UTC midnight must match a
	// bound given as, say, 00:00 in Paris (22:00 or 23:00 UTC the day before).
	lo, hi := dateOf(from), dateOf(to)
	var out []time.Time
	for year := lo.Year(); year <= hi.Year(); year++ {
		for _, h := range Holidays(c.country, year) {
			if !h.Before(lo) && !h.After(hi) {
				out = append(out, h)
			}
		}
	}
	return out
}

// Window is the part of each business day during which messages may be sent.
type Window struct {
	// Start and End are wall-clock offsets from local midnight in Location
	// (e.g. 9h and 17h); the window is [Start, End).
	Start, End time.Duration
	// Location is the organisation's time zone; nil means UTC.
	Location *time.Location
}

// NextSendTime returns now when, in w.Location, now is on a business day
// inside [w.Start, w.End); otherwise the start of the next window: today's
// when now is before it on a business day, else the next business day's.
func (c *Calendar) NextSendTime(now time.Time, w Window) time.Time {
	loc := w.Location
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	y, m, d := local.Date()

	if c.IsBusinessDay(local) {
		start := wallClock(y, m, d, w.Start, loc)
		end := wallClock(y, m, d, w.End, loc)
		if local.Before(start) {
			return start
		}
		if local.Before(end) {
			return now
		}
	}

	// Step over dates (UTC midnight, no DST) and only then rebuild the
	// local wall-clock time, so 9h stays 9:00 on both sides of a DST change.
	next := c.NextBusinessDay(time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC))
	ny, nm, nd := next.Date()
	return wallClock(ny, nm, nd, w.Start, loc)
}

// wallClock returns the instant at which the clocks in loc show offset past
// midnight on y-m-d.
func wallClock(y int, m time.Month, d int, offset time.Duration, loc *time.Location) time.Time {
	// time.Date normalises the fields before resolving the zone, so 9h means
	// "09:00 local" even on a day that is 23 or 25 hours long, whereas
	// midnight.Add(9h) would give 10:00 or 08:00 there.
	h := offset / time.Hour
	offset -= h * time.Hour
	mi := offset / time.Minute
	offset -= mi * time.Minute
	s := offset / time.Second
	offset -= s * time.Second
	return time.Date(y, m, d, int(h), int(mi), int(s), int(offset), loc)
}

// dateOf returns t's date (in t's own location) at UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
