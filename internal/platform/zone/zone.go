// Package zone gives organisations' time zones and calendar days. Dates are kept as UTC
// midnights (the ledger's convention for a day).
package zone

import (
	"sync"
	"time"
)

// locations caches zones by name: time.LoadLocation reads and parses the zone's file on every
// call, and a debtor page or a planner pass asks for the same few zones over and over.
var locations sync.Map // name → *time.Location

// Location is the zone of a name ("Europe/Paris"), UTC when the name is unknown.
func Location(name string) *time.Location {
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = time.UTC
	}
	locations.Store(name, l)
	return l
}

// Day is the calendar day of t in the zone named, as a UTC midnight.
func Day(t time.Time, name string) time.Time {
	y, m, d := t.In(Location(name)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
