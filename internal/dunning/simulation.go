package dunning

import (
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/dunning/calendar"
)

// NextAction is one message or task the simulation expects, if nothing changes.
type NextAction struct {
	Date           time.Time
	StepID         uuid.UUID
	OffsetDays     int
	Stage          string
	Channel        string
	InvoiceIDs     []uuid.UUID
	InvoiceNumbers []string
}

// simInvoice is an invoice as the simulation sees it.
type simInvoice struct {
	ID            uuid.UUID
	Number        string
	DueDate       time.Time
	BalanceCents  int64
	Status        string
	OwnScenario   *uuid.UUID `gorm:"column:own_scenario"`
	PausedUntil   *time.Time
	Excluded      bool
	Disputed      bool
	PromisedUntil *time.Time
	LastOffset    *int
	Closed        bool       `gorm:"-"`
	ScenarioID    *uuid.UUID `gorm:"-"`
	Source        string     `gorm:"-"`
	effDue        time.Time
}

type simScenario struct {
	Name  string
	Steps []Step
}

// simulation replays the planner's rules day by day for one customer.
type simulation struct {
	today            time.Time
	rules            CustomerRules
	segment          string
	gap              int
	lastMessage      *time.Time
	invoices         []simInvoice
	scenarios        map[uuid.UUID]simScenario
	customerScenario *uuid.UUID
	customerSource   string
	focus            *uuid.UUID
}

func (s *Service) loadSimulation(tx *gorm.DB, org uuid.UUID, c customer, st Settings, focus *uuid.UUID) (*simulation, error) {
	sim := &simulation{today: dateOf(s.opts.Now().In(c.location())), segment: c.Segment,
		gap: st.MinDaysBetweenMessages, scenarios: map[uuid.UUID]simScenario{}, focus: focus}
	if err := tx.Where("organization_id = ? AND customer_id = ?", org, c.ID).Limit(1).Find(&sim.rules).Error; err != nil {
		return nil, err
	}
	var focusID any
	if focus != nil {
		focusID = *focus
	}
	err := tx.Raw(`SELECT i.id, i.number, i.due_date, i.balance_cents, i.status, ir.scenario_id AS own_scenario,
			ir.paused_until, coalesce(ir.excluded, false) AS excluded, pr.last_offset,
			EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id AND d.status = 'open'
			         WHERE di.organization_id = i.organization_id AND di.invoice_id = i.id) AS disputed,
			(SELECT max(r.promised_on) + ?::int FROM promise_invoices pi JOIN promises r ON r.id = pi.promise_id AND r.status = 'open'
			  WHERE pi.organization_id = i.organization_id AND pi.invoice_id = i.id) AS promised_until
		  FROM ledger_invoices i
		  LEFT JOIN invoice_dunning ir ON ir.organization_id = i.organization_id AND ir.invoice_id = i.id
		  LEFT JOIN dunning_progress pr ON pr.invoice_id = i.id
		 WHERE i.organization_id = ? AND i.customer_id = ?
		   AND ((i.status IN ('open', 'partially_paid') AND i.balance_cents > 0) OR i.id = ?)
		 ORDER BY i.due_date, i.number`, st.PromiseGraceDays, org, c.ID, focusID).Scan(&sim.invoices).Error
	if err != nil {
		return nil, err
	}
	var segScenario *uuid.UUID
	if c.Segment != "" {
		var ids []uuid.UUID
		if err := tx.Raw(`SELECT scenario_id FROM scenario_segments WHERE organization_id = ? AND segment = ?`, org, c.Segment).
			Scan(&ids).Error; err != nil {
			return nil, err
		}
		if len(ids) > 0 {
			segScenario = &ids[0]
		}
	}
	sim.customerScenario, sim.customerSource = pick(
		choice{sim.rules.ScenarioID, "customer"}, choice{segScenario, "segment"}, choice{st.DefaultScenarioID, "default"})
	for i := range sim.invoices {
		inv := &sim.invoices[i]
		inv.Closed = !(inv.Status == "open" || inv.Status == "partially_paid") || inv.BalanceCents == 0
		inv.effDue = dateOf(inv.DueDate).AddDate(0, 0, sim.rules.GraceDays)
		inv.ScenarioID, inv.Source = pick(choice{inv.OwnScenario, "invoice"}, choice{sim.customerScenario, sim.customerSource})
		if err := sim.loadScenario(tx, org, inv.ScenarioID); err != nil {
			return nil, err
		}
	}
	if err := sim.loadScenario(tx, org, sim.customerScenario); err != nil {
		return nil, err
	}
	var last []time.Time
	if err := tx.Raw(`SELECT max(planned_on) FROM dunning_actions WHERE organization_id = ? AND customer_id = ?
		AND channel <> 'call' AND status <> 'skipped' HAVING max(planned_on) IS NOT NULL`, org, c.ID).Scan(&last).Error; err != nil {
		return nil, err
	}
	if len(last) > 0 {
		sim.lastMessage = &last[0]
	}
	return sim, nil
}

type choice struct {
	id     *uuid.UUID
	source string
}

// loadScenario adds scenario id (if any, and not loaded yet) to the simulation's scenarios.
func (sim *simulation) loadScenario(tx *gorm.DB, org uuid.UUID, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	if _, ok := sim.scenarios[*id]; ok {
		return nil
	}
	sc, err := scenarioOf(tx, org, *id)
	if err != nil {
		return err
	}
	sim.scenarios[sc.ID] = simScenario{Name: sc.Name, Steps: sc.Steps}
	return nil
}

func pick(choices ...choice) (*uuid.UUID, string) {
	for _, c := range choices {
		if c.id != nil {
			return c.id, c.source
		}
	}
	return nil, "none"
}

// run replays the planner over the next days business day by business day: the same choice of
// step, pauses, promises and flood guard; consolidated per stage and channel.
func (sim *simulation) run(cal *calendar.Calendar, days int) []NextAction {
	out := []NextAction{}
	if sim.rules.Disabled {
		return out
	}
	progress := map[uuid.UUID]int{}
	for _, inv := range sim.invoices {
		progress[inv.ID] = -1000
		if inv.LastOffset != nil {
			progress[inv.ID] = *inv.LastOffset
		}
	}
	last := sim.lastMessage
	for n := 0; n <= days; n++ {
		d := sim.today.AddDate(0, 0, n)
		if !cal.IsBusinessDay(d) || (sim.rules.PausedUntil != nil && !sim.rules.PausedUntil.Before(d)) {
			continue
		}
		groups := map[[2]string]*NextAction{}
		for _, inv := range sim.invoices {
			st, ok := sim.next(inv, progress[inv.ID], d)
			if !ok {
				continue
			}
			channel := st.Channel
			if sim.rules.LetterInsteadOfEmail && channel == "email" {
				channel = "letter"
			}
			if channel != "call" && sim.gap > 0 && last != nil && last.After(d.AddDate(0, 0, -sim.gap)) && last.Before(d) {
				continue
			}
			key := [2]string{st.Stage, channel}
			g := groups[key]
			if g == nil {
				g = &NextAction{Date: d, StepID: st.ID, OffsetDays: st.OffsetDays, Stage: st.Stage, Channel: channel}
				groups[key] = g
			}
			if st.OffsetDays > g.OffsetDays {
				g.StepID, g.OffsetDays = st.ID, st.OffsetDays
			}
			g.InvoiceIDs = append(g.InvoiceIDs, inv.ID)
			g.InvoiceNumbers = append(g.InvoiceNumbers, inv.Number)
			progress[inv.ID] = st.OffsetDays
		}
		var today []NextAction
		for _, g := range groups {
			today = append(today, *g)
			if g.Channel != "call" {
				day := d
				last = &day
			}
		}
		sort.Slice(today, func(i, j int) bool { return today[i].OffsetDays < today[j].OffsetDays })
		for _, a := range today {
			if sim.focus == nil || slices.Contains(a.InvoiceIDs, *sim.focus) {
				out = append(out, a)
			}
		}
	}
	return out
}

// next is the step the planner would carry out for inv on day d (a business day), if any.
func (sim *simulation) next(inv simInvoice, progress int, d time.Time) (Step, bool) {
	if inv.Closed || inv.Excluded || inv.Disputed || inv.ScenarioID == nil ||
		(inv.PausedUntil != nil && !inv.PausedUntil.Before(d)) {
		return Step{}, false
	}
	var best *Step
	for i, st := range sim.scenarios[*inv.ScenarioID].Steps {
		if st.OffsetDays <= progress || inv.effDue.AddDate(0, 0, st.OffsetDays).After(d) ||
			inv.BalanceCents < st.MinOverdueCents || (len(st.Segments) > 0 && !oneOf(sim.segment, st.Segments)) {
			continue
		}
		if best == nil || better(st, *best) {
			best = &sim.scenarios[*inv.ScenarioID].Steps[i]
		}
	}
	if best == nil || (best.SkipWhenPromised && inv.PromisedUntil != nil && !inv.PromisedUntil.Before(d)) {
		return Step{}, false
	}
	return *best, true
}

// better orders candidate steps as the planner does: overdue steps first, the earliest of them;
// else the latest step before the due date.
func better(a, b Step) bool {
	if (a.OffsetDays > 0) != (b.OffsetDays > 0) {
		return a.OffsetDays > 0
	}
	if a.OffsetDays > 0 {
		return a.OffsetDays < b.OffsetDays
	}
	return a.OffsetDays > b.OffsetDays
}
