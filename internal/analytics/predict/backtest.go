package predict

import (
	"math"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Miss is one of a back-test's worst predictions.
type Miss struct {
	InvoiceID  uuid.UUID
	CustomerID uuid.UUID
	Issue      time.Time
	Due        time.Time
	Settled    time.Time
	Predicted  time.Time
	ErrorDays  int // predicted − settled
	Reason     string
}

// Result is a back-test: the model's mean absolute error in days on the invoices issued in a
// range and since settled, each predicted with what was known on its issue date, against two
// baselines: the due date, and the due date plus the customer's mean signed delay over the
// invoices settled before the issue date (0 with no history).
type Result struct {
	Invoices        int
	MAEDays         float64
	DueDateMAE      float64
	CustomerMeanMAE float64
	// Within is the share of settlements inside the predicted P10–P90 band.
	Within float64
	Worst  []Miss
}

// WorstMisses is how many of the worst predictions a back-test lists.
const WorstMisses = 10

// Evaluate back-tests the model with parameters p on invoices (one organisation's, with every
// invoice of the history the predictions may use) for those issued in [from, to] and settled.
func Evaluate(invoices []Invoice, from, to time.Time, p Params) Result {
	h := NewHistory(invoices, p)
	f, t := toDay(from), toDay(to)
	var targets []Invoice
	for _, inv := range invoices {
		if inv.Settled == nil {
			continue
		}
		if d := toDay(inv.Issue); d >= f && d <= t {
			targets = append(targets, inv)
		}
	}
	// Predict in issue order: the organisation's prior is cached per month.
	sort.Slice(targets, func(i, j int) bool { return targets[i].Issue.Before(targets[j].Issue) })

	var r Result
	var sumModel, sumDue, sumMean float64
	var within int
	var misses []Miss
	for _, inv := range targets {
		pred := h.Predict(inv, inv.Issue)
		s := toDay(*inv.Settled)
		due := toDay(inv.Due)
		e := float64(toDay(pred.Date) - s)
		sumModel += math.Abs(e)
		sumDue += math.Abs(float64(due - s))
		sumMean += math.Abs(float64(due) + h.customerMean(inv.CustomerID, toDay(inv.Issue)) - float64(s))
		if s >= toDay(pred.P10) && s <= toDay(pred.P90) {
			within++
		}
		misses = append(misses, Miss{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Issue: inv.Issue, Due: inv.Due,
			Settled: *inv.Settled, Predicted: pred.Date, ErrorDays: int(e), Reason: pred.Explanation})
		r.Invoices++
	}
	if r.Invoices == 0 {
		return r
	}
	n := float64(r.Invoices)
	r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE = sumModel/n, sumDue/n, sumMean/n
	r.Within = float64(within) / n
	sort.SliceStable(misses, func(i, j int) bool {
		return abs(misses[i].ErrorDays) > abs(misses[j].ErrorDays)
	})
	r.Worst = misses[:min(WorstMisses, len(misses))]
	return r
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// customerMean is the customer's mean signed delay over the invoices settled before a (0 with
// none): the second baseline.
func (h *History) customerMean(customer uuid.UUID, a day) float64 {
	c := h.customers[customer]
	if c == nil {
		return 0
	}
	n := sort.Search(len(c.settled), func(i int) bool { return c.settled[i].settle >= a })
	if n == 0 {
		return 0
	}
	var sum float64
	for _, s := range c.settled[:n] {
		sum += s.delay
	}
	return sum / float64(n)
}
