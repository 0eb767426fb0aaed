// Package sim generates ledgers of invoices with varied, realistic payment behaviours, to tune
// and test the payment-date model: punctual, steady late, drifting (later and later), month-end
// and fixed-day payers, seasonal ones (summer, December), erratic ones, amount-sensitive ones,
// and occasional disputes that hold an invoice for weeks. Deterministic for a seed.
package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// Kind is a customer's payment behaviour.
type Kind int

const (
	Punctual Kind = iota
	SteadyLate
	Drifting
	MonthEnd
	FixedDay
	Seasonal
	Erratic
	AmountSensitive
	kinds
)

// Invoice is a generated invoice; Settled is nil while open at the end of the ledger.
type Invoice struct {
	ID         uuid.UUID
	CustomerID uuid.UUID
	Kind       Kind
	Issue, Due time.Time
	Amount     int64
	Settled    *time.Time
}

// Options shape a generated ledger.
type Options struct {
	Seed      uint64
	Customers int
	Start     time.Time
	Years     int
}

type customer struct {
	id       uuid.UUID
	kind     Kind
	terms    int
	perMonth float64
	medAmt   float64
	mu, sd   float64 // delay in days
	drift    float64 // days of delay per year
	lag      int     // month-end / fixed day: days after the due date before the run is considered
	dom      int     // fixed day
	summer   float64 // extra delay for invoices due in July and August
	december float64
	amtCoef  float64 // extra days per doubling of the amount
	dispute  float64 // probability an invoice is disputed
}

// Generate builds a ledger: every customer's invoices over the years, settled as its behaviour
// says (settlements after the end of the ledger stay open).
func Generate(o Options) []Invoice {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	end := o.Start.AddDate(o.Years, 0, 0)
	var out []Invoice
	for i := 0; i < o.Customers; i++ {
		c := newCustomer(r, Kind(i%int(kinds)))
		days := int(end.Sub(o.Start).Hours() / 24)
		// Customers join over the first year and a half.
		start := r.IntN(540)
		for d := start; d < days; {
			d += 1 + int(r.ExpFloat64()*30/c.perMonth)
			if d >= days {
				break
			}
			issue := o.Start.AddDate(0, 0, d)
			inv := c.invoice(r, issue, o.Start)
			if inv.Settled != nil && !inv.Settled.Before(end) {
				inv.Settled = nil
			}
			out = append(out, inv)
		}
	}
	return out
}

func newCustomer(r *rand.Rand, k Kind) *customer {
	terms := []int{0, 15, 30, 30, 30, 45, 60}[r.IntN(7)]
	c := &customer{kind: k, terms: terms, perMonth: 0.5 + r.Float64()*4,
		medAmt: math.Exp(7 + r.Float64()*4), dispute: 0.02}
	c.id = uuidFrom(r)
	switch k {
	case Punctual:
		c.mu, c.sd = -1+r.Float64()*3, 1.5
	case SteadyLate:
		c.mu, c.sd = 5+r.Float64()*35, 2+r.Float64()*6
	case Drifting:
		c.mu, c.sd = r.Float64()*15, 3+r.Float64()*3
		c.drift = 6 + r.Float64()*18
	case MonthEnd:
		c.lag, c.sd = r.IntN(12), 1
	case FixedDay:
		c.lag, c.sd, c.dom = r.IntN(8), 1, []int{5, 10, 15, 20, 25}[r.IntN(5)]
	case Seasonal:
		c.mu, c.sd = 3+r.Float64()*15, 3+r.Float64()*3
		c.summer, c.december = 15+r.Float64()*20, 8+r.Float64()*15
	case Erratic:
		c.mu, c.sd = 10+r.Float64()*20, 15+r.Float64()*15
		c.dispute = 0.06
	case AmountSensitive:
		c.mu, c.sd = r.Float64()*10, 3+r.Float64()*3
		c.amtCoef = 4 + r.Float64()*8
	}
	return c
}

func uuidFrom(r *rand.Rand) uuid.UUID {
	var u uuid.UUID
	for i := range u {
		u[i] = byte(r.UintN(256))
	}
	u[6] = (u[6] & 0x0f) | 0x40
	u[8] = (u[8] & 0x3f) | 0x80
	return u
}

func (c *customer) invoice(r *rand.Rand, issue, origin time.Time) Invoice {
	due := issue.AddDate(0, 0, c.terms)
	amt := c.medAmt * math.Exp(r.NormFloat64()*0.8)
	inv := Invoice{ID: uuidFrom(r), CustomerID: c.id, Kind: c.kind, Issue: issue, Due: due, Amount: int64(amt)*100 + 100}
	var settle time.Time
	switch c.kind {
	case MonthEnd:
		settle = lastBusinessDay(due.AddDate(0, 0, c.lag))
		if r.Float64() < 0.1 { // sometimes one run later
			settle = lastBusinessDay(time.Date(settle.Year(), settle.Month()+1, 1, 0, 0, 0, 0, time.UTC))
		}
	case FixedDay:
		settle = nextDay(due.AddDate(0, 0, c.lag), c.dom)
		if r.Float64() < 0.1 {
			settle = nextDay(settle.AddDate(0, 0, 1), c.dom)
		}
	default:
		delay := c.mu + r.NormFloat64()*c.sd
		if c.kind == Erratic {
			delay = c.mu*0.3 + r.ExpFloat64()*c.mu*0.7 + r.NormFloat64()*c.sd*0.3
		}
		years := due.Sub(origin).Hours() / 24 / 365
		delay += c.drift * years
		switch due.Month() {
		case time.July, time.August:
			delay += c.summer
		case time.December:
			delay += c.december
		}
		if c.amtCoef != 0 {
			delay += c.amtCoef * math.Log2(amt/c.medAmt)
		}
		delay = math.Max(delay, -float64(c.terms))
		settle = due.AddDate(0, 0, int(math.Round(delay)))
		for settle.Weekday() == time.Saturday || settle.Weekday() == time.Sunday {
			settle = settle.AddDate(0, 0, 1)
		}
	}
	if r.Float64() < c.dispute {
		settle = settle.AddDate(0, 0, 30+r.IntN(60))
	}
	if settle.Before(issue) {
		settle = issue
	}
	inv.Settled = &settle
	return inv
}

func businessDay(t time.Time) bool {
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

// lastBusinessDay is the last business day of t's month.
func lastBusinessDay(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	for !businessDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// nextDay is the first day dom (moved to the next business day) on or after t.
func nextDay(t time.Time, dom int) time.Time {
	for i := 0; i < 3; i++ {
		d := time.Date(t.Year(), t.Month()+time.Month(i), dom, 0, 0, 0, 0, time.UTC)
		for !businessDay(d) {
			d = d.AddDate(0, 0, 1)
		}
		if !d.Before(t) {
			return d
		}
	}
	return t
}
