package predict

import (
	"fmt"
	"time"
)

// habit is a day of the month a customer settles on: the last business day (dom 0) or a fixed
// day (moved to the next business day when it falls on a weekend).
type habit struct{ dom int }

func businessDay(t time.Time) bool {
	w := t.Weekday()
	return w != time.Saturday && w != time.Sunday
}

// in is the habit's day in month m of year y.
func (h habit) in(y int, m time.Month) day {
	if h.dom == 0 {
		t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		for !businessDay(t) {
			t = t.AddDate(0, 0, -1)
		}
		return toDay(t)
	}
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	t := time.Date(y, m, min(h.dom, last), 0, 0, 0, 0, time.UTC)
	for !businessDay(t) {
		t = t.AddDate(0, 0, 1)
	}
	return toDay(t)
}

// matches reports whether s is (within a day of) the habit's day of its month.
func (h habit) matches(s day) bool {
	t := s.time()
	d := h.in(t.Year(), t.Month())
	return s >= d-1 && s <= d+1
}

// onOrAfter is the first habit day on or after d.
func (h habit) onOrAfter(d day) day {
	t := d.time()
	for i := 0; i < 3; i++ {
		if x := h.in(t.Year(), t.Month()+time.Month(i)); x >= d {
			return x
		}
	}
	return d
}

// before is the last habit day before d.
func (h habit) before(d day) day {
	t := d.time()
	for i := 0; i < 3; i++ {
		if x := h.in(t.Year(), t.Month()-time.Month(i)); x < d {
			return x
		}
	}
	return d - 30
}

func (h habit) phrase() string {
	if h.dom == 0 {
		return "settles on the last business day of the month"
	}
	return fmt.Sprintf("settles on day %d of the month (or the next business day)", h.dom)
}

// habitOf finds a day-of-month habit in the last settlements (the weighted share of them on
// it at least share) and how many habit days after the due date the customer usually pays.
func habitOf(hist []settled, weights []float64, share float64) (habit, int, bool) {
	if len(hist) > 12 {
		weights = weights[len(hist)-12:]
		hist = hist[len(hist)-12:]
	}
	var total float64
	for _, w := range weights {
		total += w
	}
	candidates := []habit{{0}}
	seen := map[int]bool{}
	for _, s := range hist {
		d := s.settle.time().Day()
		if d <= 28 && !seen[d] {
			seen[d] = true
			candidates = append(candidates, habit{d})
		}
	}
	best, bestShare := habit{}, 0.0
	for _, h := range candidates {
		var on float64
		for i, s := range hist {
			if h.matches(s.settle) {
				on += weights[i]
			}
		}
		if on > bestShare {
			best, bestShare = h, on
		}
	}
	if total == 0 || bestShare/total < share {
		return habit{}, 0, false
	}
	// The customer settles on the first habit day on or after due + lag: find the lag most of
	// the history agrees with (for each invoice, lag in (previous habit day − due, habit day − due]).
	type span struct {
		lo, hi int
		w      float64
	}
	spans := make([]span, 0, len(hist))
	minL, maxL := 1<<30, -1<<30
	for i, s := range hist {
		hd := best.onOrAfter(s.settle - 1)
		sp := span{lo: int(best.before(hd) - s.due), hi: int(hd - s.due), w: weights[i]}
		spans = append(spans, sp)
		minL, maxL = min(minL, sp.lo+1), max(maxL, sp.hi)
	}
	bestL, bestW := 0, -1.0
	for l := max(minL, -60); l <= min(maxL, 365); l++ {
		var w float64
		for _, sp := range spans {
			if sp.lo < l && l <= sp.hi {
				w += sp.w
			}
		}
		if w > bestW {
			bestL, bestW = l, w
		}
	}
	return best, bestL, true
}
