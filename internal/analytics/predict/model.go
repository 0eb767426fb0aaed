// Package predict predicts when an invoice will be settled, from what was known of its customer
// and of the organisation on a given day, and back-tests the prediction on settled invoices.
//
// The model is small and explainable, pure Go over the history read in one query:
//   - the customer's signed delays (settlement − due date) of the invoices settled before the
//     day, recent ones weighing more (exponential decay, half-life Params.HalfLifeDays);
//   - a drift: a robust slope (Theil–Sen) of delay against issue date, shrunk toward none when
//     the history is short, that moves older delays to today's level (drifting payers);
//   - an amount effect: how much later larger invoices of this customer were paid;
//   - a seasonal effect: how much later than usual invoices due in the same calendar month were;
//   - day-of-month habits: a customer who settles on the last business day of the month, or on a
//     fixed day, is predicted on the k-th such day after the due date (k as in its history);
//   - shrinkage toward the organisation's delay distribution when the customer has little history;
//   - optionally (Params.OpenFloor, off: it did worse on generated ledgers) a lower bound from an
//     open invoice of the customer already later than the prediction;
//   - for open invoices (OpenInvoices), a promise to pay made by the day sets the date.
package predict

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Invoice is what the model knows of an invoice.
type Invoice struct {
	ID         uuid.UUID
	CustomerID uuid.UUID
	Issue, Due time.Time
	Amount     int64
	Currency   string
	// Settled is the day the invoice's balance reached zero (the date of the payment or credit
	// note that completed it); nil while it is open, or when it was cancelled or written off.
	Settled *time.Time
}

// Prediction is a predicted settlement date with its band.
type Prediction struct {
	Date time.Time
	P10  time.Time
	P90  time.Time
	// DelayDays is Date − due date (negative: before the due date).
	DelayDays int
	// History is the number of the customer's settled invoices the prediction is based on.
	History     int
	Explanation string
}

// Params are the model's knobs (DefaultParams is what the API uses; tuned on generated data).
type Params struct {
	HalfLifeDays float64 // recency: weight halves every HalfLifeDays before the day
	PriorWeight  float64 // shrinkage: the organisation's median counts as PriorWeight invoices
	Trim         float64 // the centre of the delays: mean of those between the Trim and 1−Trim quantiles (0.5: median)
	SlopeShrink  float64 // drift: slope × t²/(t²+SlopeShrink²), t its t-value
	MaxSlope     float64 // drift: at most this many days of delay per day
	AmountShrink float64 // amount effect: slope × t²/(t²+AmountShrink²), t its t-value
	SeasonShrink float64 // seasonal effect: mean residual of the month × count/(count + SeasonShrink)
	SeasonZ      float64 // seasonal effect: kept when the month's mean residual exceeds SeasonZ standard errors
	HabitShare   float64 // habit: share of settlements on the habit day to call it one
	HabitMin     int     // habit: settled invoices needed to call it one
	MaxHistory   int     // the most recent settled invoices used
	OpenFloor    bool    // an open invoice already later than the prediction raises it
}

// DefaultParams are the knobs tuned on the generated ledgers of package sim (train years only).
var DefaultParams = Params{
	HalfLifeDays: 360,
	PriorWeight:  1,
	Trim:         0.25,
	SlopeShrink:  3,
	MaxSlope:     0.06,
	AmountShrink: 2,
	SeasonShrink: 1,
	SeasonZ:      3,
	HabitShare:   0.75,
	HabitMin:     6,
	MaxHistory:   36,
	OpenFloor:    false,
}

// day is a calendar date as days since 1970-01-01.
type day int

func toDay(t time.Time) day {
	y, m, d := t.Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

type settled struct {
	id, customer       uuid.UUID
	issue, due, settle day
	delay              float64
	logAmount          float64
}

// less orders settled invoices by settlement day, then issue day, due day, amount and id: the
// same order whatever order they were read in.
func (s settled) less(o settled) bool {
	switch {
	case s.settle != o.settle:
		return s.settle < o.settle
	case s.issue != o.issue:
		return s.issue < o.issue
	case s.due != o.due:
		return s.due < o.due
	case s.logAmount != o.logAmount:
		return s.logAmount < o.logAmount
	}
	return bytes.Compare(s.id[:], o.id[:]) < 0
}

type invoiceRow struct {
	id       uuid.UUID
	issue    day
	due      day
	amount   int64
	settle   day
	isSettle bool
}

type customerHistory struct {
	settled []settled    // by settlement day
	all     []invoiceRow // by issue day (for the open invoices known on a day)
}

// History indexes an organisation's invoices for predictions as of any day.
type History struct {
	p         Params
	customers map[uuid.UUID]*customerHistory
	org       []settled // every settled invoice, by settlement day
	priors    map[day]prior
}

type prior struct {
	median, q10, q90 float64
	n                int
	// weight is how many invoices the organisation's median counts for against a customer's
	// own: the spread of delays within customers over the spread between them (empirical
	// Bayes), times Params.PriorWeight.
	weight float64
}

// NewHistory indexes invoices (of one organisation) with the model's parameters.
func NewHistory(invoices []Invoice, p Params) *History {
	h := &History{p: p, customers: map[uuid.UUID]*customerHistory{}, priors: map[day]prior{}}
	for _, inv := range invoices {
		c := h.customers[inv.CustomerID]
		if c == nil {
			c = &customerHistory{}
			h.customers[inv.CustomerID] = c
		}
		r := invoiceRow{id: inv.ID, issue: toDay(inv.Issue), due: toDay(inv.Due), amount: inv.Amount}
		if inv.Settled != nil {
			r.settle, r.isSettle = toDay(*inv.Settled), true
			s := settled{id: inv.ID, customer: inv.CustomerID, issue: r.issue, due: r.due, settle: r.settle, delay: float64(r.settle - r.due),
				logAmount: math.Log(float64(max(inv.Amount, 1)))}
			c.settled = append(c.settled, s)
			h.org = append(h.org, s)
		}
		c.all = append(c.all, r)
	}
	for _, c := range h.customers {
		sort.Slice(c.settled, func(i, j int) bool { return c.settled[i].less(c.settled[j]) })
		sort.Slice(c.all, func(i, j int) bool {
			a, b := c.all[i], c.all[j]
			if a.issue != b.issue {
				return a.issue < b.issue
			}
			return bytes.Compare(a.id[:], b.id[:]) < 0
		})
	}
	sort.Slice(h.org, func(i, j int) bool { return h.org[i].less(h.org[j]) })
	return h
}

// orgPrior is the organisation's delay distribution over the year before the first of asOf's
// month (cached per month).
func (h *History) orgPrior(asOf day) prior {
	t := asOf.time()
	first := toDay(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
	if p, ok := h.priors[first]; ok {
		return p
	}
	lo := sort.Search(len(h.org), func(i int) bool { return h.org[i].settle >= first-365 })
	hi := sort.Search(len(h.org), func(i int) bool { return h.org[i].settle >= first })
	var p prior
	if hi > lo {
		d := make([]float64, 0, hi-lo)
		for _, s := range h.org[lo:hi] {
			d = append(d, s.delay)
		}
		sort.Float64s(d)
		p = prior{median: quantileSorted(d, 0.5), q10: quantileSorted(d, 0.1), q90: quantileSorted(d, 0.9), n: len(d),
			weight: h.p.PriorWeight * shrinkWeight(h.org[lo:hi])}
	} else {
		p = prior{median: 0, q10: -5, q90: 30, weight: h.p.PriorWeight}
	}
	h.priors[first] = p
	return p
}

// shrinkWeight is the within-customer variance of delays over the between-customer variance of
// their means (how many of its own invoices make a customer's mean as trustworthy as the
// organisation's), between 0.05 and 10; 1 when there are too few customers to tell.
func shrinkWeight(list []settled) float64 {
	type acc struct{ n, sum, sq float64 }
	by := map[uuid.UUID]*acc{}
	for _, s := range list {
		a := by[s.customer]
		if a == nil {
			a = &acc{}
			by[s.customer] = a
		}
		a.n++
		a.sum += s.delay
		a.sq += s.delay * s.delay
	}
	var within, withinN, means, meansSq, k, noise float64
	for _, a := range by {
		if a.n < 2 {
			continue
		}
		m := a.sum / a.n
		v := (a.sq - a.n*m*m) / (a.n - 1)
		within += v * (a.n - 1)
		withinN += a.n - 1
		means += m
		meansSq += m * m
		k++
		noise += 1 / a.n
	}
	if k < 5 || withinN == 0 {
		return 1
	}
	within /= withinN
	mm := means / k
	between := meansSq/k - mm*mm - within*noise/k
	if between <= 0 {
		return 10
	}
	return math.Max(0.05, math.Min(10, within/between))
}

// Predict predicts inv's settlement with what was known at the end of the day before asOf:
// the invoices settled before asOf. For a back-test asOf is the issue date; for an open
// invoice today, asOf is tomorrow.
func (h *History) Predict(inv Invoice, asOf time.Time) Prediction {
	a := toDay(asOf)
	due := toDay(inv.Due)
	issue := toDay(inv.Issue)
	pr := h.orgPrior(a)
	c := h.customers[inv.CustomerID]
	var hist []settled
	if c != nil {
		n := sort.Search(len(c.settled), func(i int) bool { return c.settled[i].settle >= a })
		hist = c.settled[:n]
		if len(hist) > h.p.MaxHistory {
			hist = hist[len(hist)-h.p.MaxHistory:]
		}
	}
	n := len(hist)
	var why []string
	if n == 0 {
		d := pr.median
		pred := due + day(math.Round(d))
		return Prediction{Date: pred.time(), P10: (due + day(math.Round(pr.q10))).time(),
			P90: (due + day(math.Round(pr.q90))).time(), DelayDays: int(pred - due),
			Explanation: "no payment yet from this customer: " + delayPhrase(d) + ", as usual across customers"}
	}
	fn := float64(n)
	weights := make([]float64, n)
	for i, s := range hist {
		weights[i] = math.Exp2(-float64(a-s.settle) / h.p.HalfLifeDays)
	}
	raw := make([]float64, n)
	for i, s := range hist {
		raw[i] = s.delay
	}
	usual := weightedQuantile(raw, weights, 0.5)
	why = append(why, "usually "+delayPhrase(usual))

	sigma := robustSpread(raw)

	// Seasonal effect: how much later than usual the invoices due in each calendar month were,
	// kept where it stands out of the noise (and shrunk toward none).
	effects := map[time.Month]float64{}
	{
		byMonth := map[time.Month][]float64{}
		for _, s := range hist {
			m := s.due.time().Month()
			byMonth[m] = append(byMonth[m], s.delay-usual)
		}
		for m, r := range byMonth {
			if len(r) < 2 {
				continue
			}
			sort.Float64s(r)
			c := float64(len(r))
			med := quantileSorted(r, 0.5)
			if math.Abs(med) > h.p.SeasonZ*sigma/math.Sqrt(c) {
				effects[m] = med * c / (c + h.p.SeasonShrink)
			}
		}
	}
	deseason := make([]float64, n)
	for i, s := range hist {
		deseason[i] = s.delay - effects[s.due.time().Month()]
	}

	// Drift.
	slope := 0.0
	if n >= 5 {
		// Shrunk by its significance: t²/(t²+SlopeShrink²), t the slope over its standard error.
		b, t := theilSen(hist, deseason)
		slope = b * t * t / (t*t + h.p.SlopeShrink*h.p.SlopeShrink)
		slope = math.Max(-h.p.MaxSlope, math.Min(h.p.MaxSlope, slope))
	}
	adj := make([]float64, n)
	for i, s := range hist {
		adj[i] = deseason[i] + slope*float64(issue-s.issue)
	}
	if shift := slope * 180; shift >= 4 {
		why = append(why, "recent invoices later")
	} else if shift <= -4 {
		why = append(why, "recent invoices earlier")
	}
	est := center(adj, weights, h.p.Trim)

	// Amount effect.
	if n >= 8 {
		la := math.Log(float64(max(inv.Amount, 1)))
		beta, mean, t := amountSlope(hist, adj)
		beta *= t * t / (t*t + h.p.AmountShrink*h.p.AmountShrink)
		effect := beta * (la - mean)
		est += effect
		for i, s := range hist {
			adj[i] -= beta * (s.logAmount - mean)
		}
		if beta*math.Log(2) >= 2 && effect >= 2 {
			why = append(why, "large invoices paid later")
		}
	}
	resid := make([]float64, n)
	mid := center(adj, weights, h.p.Trim)
	for i := range adj {
		resid[i] = adj[i] - mid
	}
	month := inv.Due.Month()
	if season := effects[month]; season != 0 {
		est += season
		if season >= 5 {
			why = append(why, fmt.Sprintf("later for invoices due in %s", month))
		}
	}

	// Shrinkage toward the organisation.
	delay := (fn*est + pr.weight*pr.median) / (fn + pr.weight)
	if n < 3 {
		why = append(why, "little history: the organisation's usual delay weighs in")
	}
	pred := due + day(math.Round(delay))

	// Day-of-month habit.
	if hb, lag, ok := habitOf(hist, weights, h.p.HabitShare); ok && n >= h.p.HabitMin {
		pred = hb.onOrAfter(due + day(lag))
		why = append(why, hb.phrase())
	}

	// What is already known: an open invoice later than this prediction.
	if h.p.OpenFloor && c != nil {
		worst := math.Inf(-1)
		for _, r := range c.all {
			if r.issue >= a {
				break
			}
			if r.isSettle && r.settle < a {
				continue
			}
			if late := float64(a - 1 - r.due); late > worst {
				worst = late
			}
		}
		if worst > float64(pred-due) && worst > 0 {
			floor := due + day(math.Round((worst+float64(pred-due))/2))
			if floor > pred {
				pred = floor
				why = append(why, "has older invoices still unpaid")
			}
		}
	}

	// Band: the customer's residuals, blended with the organisation's spread.
	lo := weightedQuantile(resid, weights, 0.1)
	hi := weightedQuantile(resid, weights, 0.9)
	blend := fn / (fn + pr.weight)
	lo = blend*lo + (1-blend)*(pr.q10-pr.median)
	hi = blend*hi + (1-blend)*(pr.q90-pr.median)
	p10 := pred + day(math.Floor(math.Min(lo, -1)))
	p90 := pred + day(math.Ceil(math.Max(hi, 1)))
	return Prediction{Date: pred.time(), P10: p10.time(), P90: p90.time(), DelayDays: int(pred - due),
		History: n, Explanation: strings.Join(why, "; ")}
}

func delayPhrase(d float64) string {
	r := int(math.Round(d))
	switch {
	case r == 0:
		return "pays on the due date"
	case r == 1:
		return "pays 1 day late"
	case r > 1:
		return fmt.Sprintf("pays %d days late", r)
	case r == -1:
		return "pays 1 day early"
	default:
		return fmt.Sprintf("pays %d days early", -r)
	}
}

// theilSen is the median of the pairwise slopes of delay against issue day, and its t-value
// (the slope over its standard error, the residuals' spread taken robustly from their MAD).
func theilSen(hist []settled, y []float64) (float64, float64) {
	if len(hist) > 24 {
		hist, y = hist[len(hist)-24:], y[len(y)-24:]
	}
	var slopes []float64
	for i := range hist {
		for j := i + 1; j < len(hist); j++ {
			dx := float64(hist[j].issue - hist[i].issue)
			if dx >= 7 || dx <= -7 {
				slopes = append(slopes, (y[j]-y[i])/dx)
			}
		}
	}
	if len(slopes) == 0 {
		return 0, 0
	}
	sort.Float64s(slopes)
	b := quantileSorted(slopes, 0.5)
	var mx float64
	for _, s := range hist {
		mx += float64(s.issue)
	}
	mx /= float64(len(hist))
	res := make([]float64, len(hist))
	var sxx float64
	for i, s := range hist {
		dx := float64(s.issue) - mx
		res[i] = y[i] - b*dx
		sxx += dx * dx
	}
	return b, b / (robustSpread(res) / math.Sqrt(sxx))
}

// robustSpread is the larger of the standard deviation of values and its estimate from their
// median absolute deviation (at least a day): the conservative spread of significance tests.
func robustSpread(values []float64) float64 {
	v := append([]float64(nil), values...)
	var sum, sq float64
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(len(v))
	for _, x := range v {
		sq += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(sq / float64(len(v)))
	sort.Float64s(v)
	med := quantileSorted(v, 0.5)
	for i := range v {
		v[i] = math.Abs(v[i] - med)
	}
	sort.Float64s(v)
	return math.Max(math.Max(1.4826*quantileSorted(v, 0.5), sd), 1)
}

// amountSlope is the least-squares slope of (detrended) delay against log amount, the mean
// log amount and the slope's t-value.
func amountSlope(hist []settled, y []float64) (beta, meanX, t float64) {
	var sx, sy float64
	for i, s := range hist {
		sx += s.logAmount
		sy += y[i]
	}
	n := float64(len(hist))
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for i, s := range hist {
		dx := s.logAmount - mx
		sxy += dx * (y[i] - my)
		sxx += dx * dx
	}
	if sxx < 0.25 {
		return 0, mx, 0
	}
	beta = sxy / sxx
	res := make([]float64, len(hist))
	for i, s := range hist {
		res[i] = y[i] - my - beta*(s.logAmount-mx)
	}
	return beta, mx, beta / (robustSpread(res) / math.Sqrt(sxx))
}

func quantileSorted(s []float64, q float64) float64 {
	if len(s) == 0 {
		return 0
	}
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	f := pos - float64(i)
	return s[i]*(1-f) + s[i+1]*f
}

// center is the weighted mean of the values between their trim and 1−trim weighted quantiles
// (the weighted median when trim is 0.5): robust to outliers (disputes) yet steadier than the
// median on small histories.
func center(values, weights []float64, trim float64) float64 {
	if trim >= 0.5 {
		return weightedQuantile(values, weights, 0.5)
	}
	lo, hi := weightedQuantile(values, weights, trim), weightedQuantile(values, weights, 1-trim)
	var sum, w float64
	for i, v := range values {
		if v >= lo && v <= hi {
			sum += v * weights[i]
			w += weights[i]
		}
	}
	if w == 0 {
		return weightedQuantile(values, weights, 0.5)
	}
	return sum / w
}

// weightedQuantile is the q-quantile of values under weights.
func weightedQuantile(values, weights []float64, q float64) float64 {
	idx := make([]int, len(values))
	var total float64
	for i := range idx {
		idx[i] = i
		total += weights[i]
	}
	sort.Slice(idx, func(a, b int) bool { return values[idx[a]] < values[idx[b]] })
	target := q * total
	var acc float64
	for _, i := range idx {
		acc += weights[i]
		if acc >= target {
			return values[i]
		}
	}
	return values[idx[len(idx)-1]]
}
