package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/pdf"
)

// The plan is the whole demo ledger computed in memory before anything is written, from a fixed
// random seed and today's date: the same data on every fresh database, always 18 months old.

const (
	randomSeed    = 20250101
	totalInvoices = 600
	historyMonths = 18
)

type plan struct {
	today     time.Time
	customers []*customerPlan
}

type customerPlan struct {
	company
	ref      string    // C-0001: external id, printed on invoices
	id       uuid.UUID // once created
	input    ledger.CustomerInput
	contacts []ledger.ContactInput
	buyer    pdf.Party
	invoices []*invoicePlan
	events   []*event // payments and credit notes, in date order
	method   string
}

type invoicePlan struct {
	doc         pdf.Invoice
	total, tax  int64
	id          uuid.UUID // once created
	settled     int64     // by the events planned so far
	credit      *event    // a credit note planned on it
	unpaid      bool      // left unpaid whatever the behaviour says
	bounced     bool      // paid by a cheque that bounced
	unallocated bool      // paid by a transfer nobody matched yet
}

type allocationPlan struct {
	invoice *invoicePlan
	amount  int64
}

// event is a payment (with its allocations; none means kept as credit) or a credit note.
type event struct {
	date        time.Time
	creditNote  bool
	number      string // credit note
	reason      string // credit note reason, or why a payment was reversed
	amount      int64
	method      string
	reference   string
	allocations []allocationPlan
	reversed    bool
	invoice     *invoicePlan // credit note's invoice
}

// newPlan draws the demo ledger for today.
func newPlan(today time.Time, owner *uuid.UUID) *plan {
	r := rand.New(rand.NewPCG(randomSeed, 7))
	pl := &plan{today: today}
	counts := invoiceCounts()
	for i, co := range companies {
		c := newCustomer(r, i, co, owner)
		c.invoices = newInvoices(r, c, counts[i], today)
		pl.customers = append(pl.customers, c)
	}
	pl.number()
	pl.specialCases()
	for _, c := range pl.customers {
		planPayments(r, c, today)
	}
	return pl
}

// invoiceCounts shares totalInvoices among customers by how often their segment is invoiced
// and how long they have been customers.
func invoiceCounts() []int {
	weights := make([]float64, len(companies))
	var sum float64
	for i, c := range companies {
		weights[i] = invoicesPerYear[c.segment] * float64(months(c)) / 12
		sum += weights[i]
	}
	counts := make([]int, len(companies))
	left, largest := totalInvoices, 0
	for i, w := range weights {
		counts[i] = max(2, int(math.Round(w*totalInvoices/sum)))
		left -= counts[i]
		if counts[i] > counts[largest] {
			largest = i
		}
	}
	counts[largest] += left
	return counts
}

func months(c company) int {
	if c.startsAgo > 0 {
		return c.startsAgo
	}
	return historyMonths
}

// businessDay moves a weekend day to the Friday before (or the Monday after when forward).
func businessDay(d time.Time, forward bool) time.Time {
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		if forward {
			d = d.AddDate(0, 0, 1)
		} else {
			d = d.AddDate(0, 0, -1)
		}
	}
	return d
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// newInvoices spreads n invoices regularly over the customer's history, with some jitter.
func newInvoices(r *rand.Rand, c *customerPlan, n int, today time.Time) []*invoicePlan {
	start := today.AddDate(0, -months(c.company), 0)
	span := today.Sub(start).Hours() / 24
	step := span / float64(n)
	terms := 30
	if c.terms != noTerms {
		terms = c.terms
	}
	out := make([]*invoicePlan, 0, n)
	for k := range n {
		offset := (float64(k)+0.75)*step + (r.Float64()-0.5)*step*0.5
		issue := businessDay(start.AddDate(0, 0, int(offset)), false)
		if !issue.Before(today) {
			issue = businessDay(today.AddDate(0, 0, -1), false)
		}
		doc := pdf.Invoice{Language: c.input.Language, IssueDate: issue, DueDate: issue.AddDate(0, 0, terms),
			Seller: seller(), Buyer: c.buyer, CustomerRef: c.ref, Lines: newLines(r, c, issue)}
		if vatRate(c) == 0 {
			doc.Notes = reverseCharge[c.input.Language]
		}
		if c.segment == segKey || c.segment == segPublic {
			doc.OrderRef = fmt.Sprintf("BC-%d-%05d", issue.Year(), r.IntN(100000))
		}
		t := doc.Totals()
		out = append(out, &invoicePlan{doc: doc, total: t.TTCCents, tax: t.VATCents})
	}
	return out
}

// newLines draws one to four products the customer's segment buys.
func newLines(r *rand.Rand, c *customerPlan, issue time.Time) []pdf.Line {
	var pool []product
	for _, p := range products {
		if strings.Contains(p.segments, segmentLetter[c.segment]) {
			pool = append(pool, p)
		}
	}
	n := []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 4}[r.IntN(10)]
	var lines []pdf.Line
	for _, i := range r.Perm(len(pool))[:n] {
		p := pool[i]
		label := p.label
		month := frenchMonths[issue.Month()-1] + " " + fmt.Sprint(issue.Year())
		if c.input.Language == "en" {
			label, month = p.english, issue.Format("January 2006")
		}
		if p.monthly {
			label = fmt.Sprintf(label, month)
		}
		q := int64(between(r, int(p.minQ), int(p.maxQ))) * 100
		if p.halves && r.IntN(3) == 0 {
			q += 50
		}
		if p.bulk {
			q = q * scale[c.segment] / 100 / 100 * 100
		}
		unit := int64(between(r, int(p.minPU), int(p.maxPU)))
		if unit >= 100 {
			unit = unit / 5 * 5
		}
		lines = append(lines, pdf.Line{Description: label, Quantity: q, UnitCents: unit * 100, VATRate: vatRate(c)})
	}
	return lines
}

// vatRate is 20 % in France; a business elsewhere in the EU accounts for the VAT itself.
func vatRate(c *customerPlan) int {
	if c.input.BillingAddress.Country != "FR" {
		return 0
	}
	return 2000
}

// reverseCharge is the mention an invoice without French VAT must carry.
var reverseCharge = map[string]string{
	"fr": "Autoliquidation : TVA due par le preneur (art. 196 de la directive 2006/112/CE) ; " +
		"livraisons intracommunautaires de biens exonérées (art. 262 ter I du CGI).",
	"en": "Reverse charge: VAT to be accounted for by the recipient (Art. 196, Council Directive 2006/112/EC); " +
		"intra-Community supplies of goods exempt (Art. 262 ter I, French Tax Code).",
}

// number gives invoices their numbers in issue-date order, one series a year: F-2025-0001.
func (pl *plan) number() {
	var all []*invoicePlan
	for _, c := range pl.customers {
		all = append(all, c.invoices...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].doc.IssueDate.Before(all[j].doc.IssueDate) })
	next := yearly("F")
	for _, inv := range all {
		inv.doc.Number = next(inv.doc.IssueDate)
	}
}

// yearly numbers documents in the order it is called, one series a year: F-2025-0001.
func yearly(prefix string) func(date time.Time) string {
	seq := map[int]int{}
	return func(date time.Time) string {
		y := date.Year()
		seq[y]++
		return fmt.Sprintf("%s-%d-%04d", prefix, y, seq[y])
	}
}

func (pl *plan) customer(name string) *customerPlan {
	for _, c := range pl.customers {
		if c.name == name {
			return c
		}
	}
	panic("demo: no customer " + name) // the catalogue is fixed: a typo is a programming error
}

// pick returns the customer's invoice issued between from and to days ago with the largest total.
func (pl *plan) pick(c *customerPlan, from, to int) *invoicePlan {
	var best *invoicePlan
	for _, inv := range c.invoices {
		age := int(pl.today.Sub(inv.doc.IssueDate).Hours() / 24)
		if age >= to && age <= from && inv.credit == nil && (best == nil || inv.total > best.total) {
			best = inv
		}
	}
	if best == nil {
		best = c.invoices[len(c.invoices)/2]
	}
	return best
}

// specialCases adds the stories a demo needs once: a commercial discount and a cancelled
// duplicate (credit notes), a bounced cheque, and a transfer nobody has matched yet.
func (pl *plan) specialCases() {
	discount := pl.pick(pl.customer("Éditions du Rhône"), 200, 90)
	discount.credit = &event{date: businessDay(discount.doc.IssueDate.AddDate(0, 0, 12), true), creditNote: true,
		amount: discount.total / 10, reason: "Remise commerciale de 10 % : livraison du matériel en retard", invoice: discount}

	duplicate := pl.pick(pl.customer("Agence Pixel & Papier"), 120, 45)
	duplicate.credit = &event{date: businessDay(duplicate.doc.IssueDate.AddDate(0, 0, 6), true), creditNote: true,
		amount: duplicate.total, reason: "Annulation de la facture " + duplicate.doc.Number + " émise en double", invoice: duplicate}

	notes := []*invoicePlan{discount, duplicate}
	sort.Slice(notes, func(i, j int) bool { return notes[i].credit.date.Before(notes[j].credit.date) })
	next := yearly("AV")
	for _, inv := range notes {
		inv.credit.number = next(inv.credit.date)
	}

	cheque := pl.pick(pl.customer("Menuiserie Dubois"), 90, 45)
	cheque.bounced = true
	pl.pick(pl.customer("Transports Lefèvre et Fils"), 50, 10).unallocated = true
}
