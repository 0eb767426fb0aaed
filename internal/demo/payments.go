package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// instalment is money a customer will send for one invoice.
type instalment struct {
	date   time.Time
	amount int64
	label  string // "Acompte", "Solde" for split payments
}

// planPayments turns the customer's behaviour into payments (and the planned credit notes
// into events), up to today. What falls after today stays open.
func planPayments(r *rand.Rand, c *customerPlan, today time.Time) {
	var events []*event
	batches := map[time.Time]*event{}
	upper := strings.ToUpper(slug(c.name))
	upper = strings.ReplaceAll(upper, "-", " ")
	for _, inv := range c.invoices {
		if inv.credit != nil {
			events = append(events, inv.credit)
			inv.settled += inv.credit.amount
		}
		left := inv.total - inv.settled
		switch {
		case left == 0 || inv.unpaid:
			continue
		case inv.bounced:
			events = append(events, &event{date: businessDay(today.AddDate(0, 0, -6), false), amount: left, method: "check",
				reference: fmt.Sprintf("Chèque n° %07d — %s", r.IntN(10_000_000), inv.doc.Number), reversed: true,
				reason: "Chèque impayé : provision insuffisante", allocations: []allocationPlan{{inv, left}}})
			continue
		case inv.unallocated:
			events = append(events, &event{date: businessDay(today.AddDate(0, 0, -3), false), amount: left, method: "transfer",
				reference: "VIREMENT " + upper + " REF " + fmt.Sprint(100000+r.IntN(900000))})
			continue
		}
		for _, in := range instalments(r, c, inv, left, today) {
			if in.date.After(today) {
				break
			}
			inv.settled += in.amount
			if c.pays == runs {
				ev := batches[in.date]
				if ev == nil {
					ev = &event{date: in.date, method: "transfer",
						reference: fmt.Sprintf("VIR %s REGLT FOURNISSEURS %s", upper, in.date.Format("02/01/2006"))}
					batches[in.date] = ev
					events = append(events, ev)
				}
				ev.amount += in.amount
				ev.allocations = append(ev.allocations, allocationPlan{inv, in.amount})
				continue
			}
			events = append(events, &event{date: in.date, amount: in.amount, method: c.method,
				reference: reference(r, c, inv, in, upper), allocations: []allocationPlan{{inv, in.amount}}})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].date.Before(events[j].date) })
	c.events = events
}

// instalments is when and how the customer pays an invoice, by its behaviour.
func instalments(r *rand.Rand, c *customerPlan, inv *invoicePlan, left int64, today time.Time) []instalment {
	due := inv.doc.DueDate
	daysAgo := int(today.Sub(due).Hours() / 24)
	at := func(days int) time.Time {
		d := due.AddDate(0, 0, days)
		if earliest := inv.doc.IssueDate.AddDate(0, 0, 1); d.Before(earliest) {
			d = earliest
		}
		return businessDay(d, true)
	}
	whole := func(days int) []instalment { return []instalment{{date: at(days), amount: left}} }
	// Even good payers leave the odd invoice unpaid (lost, disputed): the worklist needs some.
	if c.pays != veryLate && daysAgo >= 10 && daysAgo <= 150 && r.IntN(100) < 6 {
		return nil
	}
	switch c.pays {
	case debit:
		return whole(0)
	case late:
		return whole(between(r, 10, 28))
	case cheques:
		return whole(between(r, 3, 12))
	case slowPublic:
		return whole(between(r, 20, 55))
	case runs:
		d := at(between(r, 0, 6))
		for d.Day() != 10 && d.Day() != 25 {
			d = d.AddDate(0, 0, 1)
		}
		return []instalment{{date: businessDay(d, true), amount: left}}
	case veryLate:
		switch n := r.IntN(100); {
		case daysAgo > -30 && daysAgo < 180 && n < 45:
			return nil
		case n < 55: // a part late, the rest much later (or not yet)
			parts := split(r, left, at(between(r, 40, 80)), 30, 50)
			if daysAgo < 240 {
				return parts[:1]
			}
			return parts
		default:
			return whole(between(r, 55, 130))
		}
	case partial:
		if left >= 1500_00 || r.IntN(2) == 0 {
			return split(r, left, at(between(r, 0, 10)), 30, 60)
		}
		return whole(between(r, 2, 12))
	}
	return whole(between(r, -6, 6))
}

// split pays lo–hi % of left (rounded to ten euros) on first, the rest 25 to 70 days later.
func split(r *rand.Rand, left int64, first time.Time, lo, hi int) []instalment {
	if left < 50_00 {
		return []instalment{{date: first, amount: left}}
	}
	part := left * int64(between(r, lo, hi)) / 100 / 1000 * 1000
	part = min(max(part, 1000), left-100)
	rest := businessDay(first.AddDate(0, 0, between(r, 25, 70)), true)
	return []instalment{{date: first, amount: part, label: "Acompte"}, {date: rest, amount: left - part, label: "Solde"}}
}

// reference is what the bank statement says about a payment.
func reference(r *rand.Rand, c *customerPlan, inv *invoicePlan, in instalment, upper string) string {
	n := inv.doc.Number
	if in.label != "" {
		return in.label + " facture " + n
	}
	switch c.method {
	case "check":
		return fmt.Sprintf("Chèque n° %07d", r.IntN(10_000_000))
	case "sepa_debit":
		return "PRLV SEPA " + n
	case "card":
		return "CB " + n
	}
	return []string{"VIR SEPA " + upper + " " + n, "Règlement facture " + n, "FACT " + n + " " + upper,
		"VIREMENT " + upper}[r.IntN(4)]
}
