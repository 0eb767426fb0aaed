package dunning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/calendar"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/zone"
)

// PlanOptions tune a planning pass.
type PlanOptions struct {
	AsOf         *time.Time // a calendar day; nil: today in each organisation's time zone
	Organization *uuid.UUID // only this organisation; nil: all of them
	IgnoreWindow bool       // send at once, even outside the sending window
	DryRun       bool       // compute what would be planned, then roll everything back
	Summaries    int        // how many planned actions to describe in the result (0: none)
}

// PlanResult says what a pass planned.
type PlanResult struct {
	AsOf    time.Time // the day of the first organisation (the API runs one)
	Cutoff  time.Time
	Planned int // actions created
	Items   int // invoice steps recorded (an action covers one or more)
	Actions []PlannedAction
}

// PlannedAction describes one action of a pass.
type PlannedAction struct {
	ID             uuid.UUID
	CustomerID     uuid.UUID
	CustomerName   string
	Stage          string
	Channel        string
	Status         string
	PlannedOn      time.Time
	SendAt         *time.Time
	InvoiceNumbers pq.StringArray `gorm:"type:text[]"`
	TotalCents     int64
	Currency       string
}

// orgDay is one organisation's planning day.
type orgDay struct {
	ID       uuid.UUID
	Timezone string
	Country  string
	Start    string
	End      string
	asOf     time.Time
	cutoff   time.Time
	sendAt   time.Time
}

// plannerLock is the first key of each organisation's planning lock (the second is the
// organisation's hash): two passes for one organisation (the schedule, a click on "run now",
// another worker) run one after the other, and the second finds everything already recorded.
// Passes of different organisations do not wait for each other; the unique keys are the safety net.
const plannerLock = 7_223_001

// planBatch is how many organisations one planning transaction covers.
const planBatch = 100

// PlanDueActions runs one planning pass: for every open invoice it finds the next step due on
// or before the organisation's cutoff (the last business day up to the as-of day) and records
// it exactly once, into one new action per customer (calls apart); email actions get their
// sending job scheduled in the organisation's sending window. Organisations are planned by
// batches, each under its organisations' locks; a dry run takes no lock and writes nothing.
func (s *Service) PlanDueActions(ctx context.Context, o PlanOptions) (PlanResult, error) {
	var res PlanResult
	orgs := []uuid.UUID{}
	if o.Organization != nil {
		orgs = append(orgs, *o.Organization)
	} else if err := s.db.WithContext(ctx).Table("organization_profiles").Order("id").Pluck("id", &orgs).Error; err != nil {
		return res, err
	}
	for len(orgs) > 0 {
		batch := orgs[:min(planBatch, len(orgs))]
		orgs = orgs[len(batch):]
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if !o.DryRun {
				if err := tx.Exec(`SELECT pg_advisory_xact_lock(?, hashtext(id::text))
					FROM unnest(?::uuid[]) AS id ORDER BY hashtext(id::text)`, plannerLock, pq.Array(batch)).Error; err != nil {
					return err
				}
			}
			days, err := s.planningDays(tx, batch, o)
			if err != nil || len(days) == 0 {
				return err
			}
			if res.AsOf.IsZero() {
				res.AsOf, res.Cutoff = days[0].asOf, days[0].cutoff
			}
			created, items, err := planInTx(tx, days)
			if err != nil {
				return err
			}
			res.Planned, res.Items = res.Planned+len(created), res.Items+items
			if room := o.Summaries - len(res.Actions); room > 0 && len(created) > 0 {
				more, err := summarize(tx, created, room)
				if err != nil {
					return err
				}
				res.Actions = append(res.Actions, more...)
			}
			if o.DryRun {
				return errRollback
			}
			return s.enqueueSends(ctx, tx, created)
		})
		if err != nil && err != errRollback {
			return res, err
		}
	}
	return res, nil
}

type rollback struct{}

func (rollback) Error() string { return "dunning: dry run" }

var errRollback error = rollback{}

// planningDays installs missing defaults and computes each organisation's as-of day, cutoff and
// send time.
func (s *Service) planningDays(tx *gorm.DB, orgs []uuid.UUID, o PlanOptions) ([]orgDay, error) {
	var missing []uuid.UUID
	q := tx.Table("organization_profiles o").Where("NOT EXISTS (SELECT 1 FROM dunning_settings s WHERE s.organization_id = o.id)").
		Where("o.id IN ?", orgs)
	if err := q.Pluck("o.id", &missing).Error; err != nil {
		return nil, err
	}
	for _, org := range missing {
		if err := s.ensureDefaults(tx, org); err != nil {
			return nil, err
		}
	}
	var days []orgDay
	q = tx.Table("dunning_settings s").Joins("JOIN organization_profiles o ON o.id = s.organization_id").
		Select(`o.id, o.timezone, o.country, to_char(s.send_window_start, 'HH24:MI') AS start,
			to_char(s.send_window_end, 'HH24:MI') AS "end"`).Where("o.id IN ?", orgs)
	if err := q.Order("o.id").Scan(&days).Error; err != nil {
		return nil, err
	}
	now := s.opts.Now()
	for i := range days {
		d := &days[i]
		start, end, loc := window(d.Start, d.End, d.Timezone)
		cal := s.calendar(d.Country)
		today := dateOf(now.In(loc))
		d.asOf = today
		if o.AsOf != nil {
			d.asOf = dateOf(*o.AsOf)
		}
		d.cutoff = cal.LastBusinessDayOnOrBefore(d.asOf)
		d.sendAt = now
		if !o.IgnoreWindow {
			from := now
			if d.asOf.After(today) { // planning ahead (tomorrow's actions): not before that day
				from = time.Date(d.asOf.Year(), d.asOf.Month(), d.asOf.Day(), 0, 0, 0, 0, loc)
			}
			d.sendAt = cal.NextSendTime(from, calendar.Window{Start: start, End: end, Location: loc})
		}
	}
	return days, nil
}

// planInTx is the set-based pass. It returns the actions it created and how many invoice steps
// it recorded (some join an action planned earlier the same day and not sent yet).
func planInTx(tx *gorm.DB, days []orgDay) ([]createdAction, int, error) {
	orgs, asOf, cutoff, sendAt := make([]string, len(days)), make([]string, len(days)), make([]string, len(days)), make([]string, len(days))
	for i, d := range days {
		orgs[i], asOf[i], cutoff[i] = d.ID.String(), d.asOf.Format(time.DateOnly), d.cutoff.Format(time.DateOnly)
		sendAt[i] = d.sendAt.UTC().Format(time.RFC3339Nano)
	}
	// A pass reads every open invoice: hash and sort in memory, and skip JIT compilation, which
	// costs seconds on these statements and saves less (see internal/dunning/bench).
	if err := tx.Exec(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`).Error; err != nil {
		return nil, 0, err
	}
	if err := tx.Exec(planSQL, pq.StringArray(orgs), pq.StringArray(asOf), pq.StringArray(cutoff), pq.StringArray(sendAt)).Error; err != nil {
		return nil, 0, fmt.Errorf("dunning: plan: %w", err)
	}
	if err := tx.Exec(`ANALYZE dunning_plan`).Error; err != nil {
		return nil, 0, err
	}
	if err := tx.Exec(deleteRecordedSQL).Error; err != nil {
		return nil, 0, fmt.Errorf("dunning: plan recorded: %w", err)
	}
	if err := tx.Exec(oneMessageSQL).Error; err != nil {
		return nil, 0, fmt.Errorf("dunning: plan one message: %w", err)
	}
	var created []createdAction
	if err := tx.Raw(insertActionsSQL).Scan(&created).Error; err != nil {
		return nil, 0, fmt.Errorf("dunning: plan actions: %w", err)
	}
	items := 0
	if len(created) > 0 {
		items = created[0].Items
	}
	if err := tx.Exec(`DROP TABLE dunning_plan`).Error; err != nil {
		return nil, 0, err
	}
	return created, items, nil
}

type createdAction struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	Channel        string
	SendAt         time.Time
	Items          int `gorm:"->"` // the invoice steps the pass recorded (the same on every row)
}

// planSQL picks, for each open invoice, the step to carry out now, into a temporary table.
// Overdue steps are caught up one at a time, the earliest first, so a missed day skips nothing;
// of the steps before the due date only the latest still makes sense. Progress (the offset of
// the last step carried out) moves forward only, so a step passed over is never sent late.
//
// It reads every open invoice once, so it is written for a million of them (see
// internal/dunning/bench): no join multiplies an invoice by its scenario's steps and no sort
// picks among them. A step's rank is the order a pass tries the steps in (after the due date the
// earliest first, then before it the latest first; position breaks ties). For the steps that
// apply to every invoice (no minimum balance, every segment), the first in an invoice's window
// (last_offset, days] is found by a binary search (width_bucket) in its scenario's sorted
// offsets: the first offset after last_offset if it is due, else the latest offset before the due
// date that is due and after last_offset. A scenario with steps for some invoices only looks
// those up for its invoices, keeping one only when it ranks first. The step is then read from
// its scenario's arrays by rank. Holds (rules, disputes, promises, the flood guard) are small
// sets read once and hashed. The invoices and their progress are read in invoice order (a merge
// join), and OFFSET 0 fences keep the plan's shape whatever the statistics say (a fresh
// database has none for the dunning tables). The invoice steps already recorded
// (dunning_action_items) are taken out by deleteRecordedSQL.
const planSQL = `
CREATE TEMP TABLE dunning_plan ON COMMIT DROP AS
WITH o AS MATERIALIZED (
    SELECT o.organization_id, o.as_of, o.cutoff, o.send_at, st.default_scenario_id,
           st.min_days_between_messages AS gap, st.promise_grace_days AS promise_grace
      FROM unnest($1::uuid[], $2::date[], $3::date[], $4::timestamptz[]) AS o(organization_id, as_of, cutoff, send_at)
      JOIN dunning_settings st ON st.organization_id = o.organization_id
), live AS MATERIALIZED (
    SELECT s.organization_id, s.scenario_id, s.id, s.offset_days, s.stage, s.channel, s.skip_when_promised,
           s.min_overdue_cents, s.segments, s.min_overdue_cents = 0 AND s.segments = '{}' AS plain,
           row_number() OVER (PARTITION BY s.organization_id, s.scenario_id
                              ORDER BY s.offset_days > 0 DESC,
                                       CASE WHEN s.offset_days > 0 THEN s.offset_days ELSE -s.offset_days END,
                                       s.position, s.id)::int AS rank
      FROM o JOIN scenario_steps s ON s.organization_id = o.organization_id
     WHERE s.removed_at IS NULL
), scen AS MATERIALIZED (
    -- Per scenario: its steps by rank, then its plain steps after and before the due date (the
    -- first by rank at each offset) sorted by offset, and whether it has other steps.
    SELECT f.organization_id, f.scenario_id, bool_or(NOT f.plain) AS special,
           array_agg(f.id ORDER BY f.rank) AS ids, array_agg(f.offset_days ORDER BY f.rank) AS offsets,
           array_agg(f.stage ORDER BY f.rank) AS stages, array_agg(f.channel ORDER BY f.rank) AS channels,
           array_agg(f.skip_when_promised ORDER BY f.rank) AS skips,
           array_agg(f.offset_days ORDER BY f.offset_days) FILTER (WHERE f.first AND f.offset_days > 0) AS after_offsets,
           array_agg(f.rank ORDER BY f.offset_days) FILTER (WHERE f.first AND f.offset_days > 0) AS after_ranks,
           array_agg(f.offset_days ORDER BY f.offset_days) FILTER (WHERE f.first AND f.offset_days <= 0) AS before_offsets,
           array_agg(f.rank ORDER BY f.offset_days) FILTER (WHERE f.first AND f.offset_days <= 0) AS before_ranks
      FROM (SELECT l.*, l.plain AND row_number() OVER (PARTITION BY l.organization_id, l.scenario_id, l.plain, l.offset_days
                                                       ORDER BY l.rank) = 1 AS first
              FROM live l) f
     GROUP BY f.organization_id, f.scenario_id
), customer_rules AS MATERIALIZED (
    -- The customers with a rule, or whose segment a scenario serves.
    SELECT r.organization_id, r.customer_id, max(r.grace_days) AS grace_days,
           (array_agg(r.scenario_id) FILTER (WHERE r.scenario_id IS NOT NULL))[1] AS scenario_id,
           (array_agg(r.segment_scenario_id) FILTER (WHERE r.segment_scenario_id IS NOT NULL))[1] AS segment_scenario_id,
           bool_or(r.letter) AS letter
      FROM (SELECT cd.organization_id, cd.customer_id, cd.grace_days, cd.scenario_id, NULL::uuid AS segment_scenario_id,
                   cd.letter_instead_of_email AS letter
              FROM o JOIN customer_dunning cd ON cd.organization_id = o.organization_id
            UNION ALL
            SELECT c.organization_id, c.id, NULL, NULL, sg.scenario_id, NULL
              FROM o JOIN scenario_segments sg ON sg.organization_id = o.organization_id
              JOIN ledger_customers c ON c.organization_id = sg.organization_id AND c.segment = sg.segment) r
     GROUP BY r.organization_id, r.customer_id
), held_customers AS MATERIALIZED (
    -- Customers without reminders: archived, disabled, paused.
    SELECT c.organization_id, c.id AS customer_id FROM o JOIN ledger_customers c ON c.organization_id = o.organization_id
     WHERE c.archived_at IS NOT NULL
    UNION
    SELECT cd.organization_id, cd.customer_id FROM o JOIN customer_dunning cd ON cd.organization_id = o.organization_id
     WHERE cd.disabled OR cd.paused_until >= o.as_of
), held_invoices AS MATERIALIZED (
    -- Invoices excluded or paused, and those paid by a debit still on its way (SEPA, from the
    -- debtor page: days between the order and the money).
    SELECT ir.organization_id, ir.invoice_id FROM o JOIN invoice_dunning ir ON ir.organization_id = o.organization_id
     WHERE ir.excluded OR ir.paused_until >= o.as_of
    UNION
    SELECT p.organization_id, p.invoice_id FROM o JOIN invoices_being_paid p ON p.organization_id = o.organization_id
), inv AS (
    SELECT i.organization_id, i.invoice_id, i.customer_id, i.balance_cents, o.as_of, o.send_at,
           o.cutoff - (i.due_date + coalesce(cr.grace_days, 0)) AS days,
           o.as_of - (i.due_date + coalesce(cr.grace_days, 0)) AS late,
           coalesce(ir.scenario_id, cr.scenario_id, cr.segment_scenario_id, o.default_scenario_id) AS scenario_id,
           coalesce(cr.letter, false) AS letter, i.last_offset
      -- In invoice order, so that the progress is read by a merge join rather than hashed.
      FROM (SELECT i.organization_id, i.id AS invoice_id, i.customer_id, i.balance_cents, i.due_date,
                   coalesce(pr.last_offset, -1000) AS last_offset, pr.last_planned_on
              FROM ledger_invoices i LEFT JOIN dunning_progress pr ON pr.invoice_id = i.id
             WHERE i.organization_id = ANY ($1::uuid[]) AND i.status IN ('open', 'partially_paid') AND i.balance_cents > 0
             ORDER BY i.id OFFSET 0) i
      JOIN o ON o.organization_id = i.organization_id
      LEFT JOIN customer_rules cr ON cr.organization_id = i.organization_id AND cr.customer_id = i.customer_id
      LEFT JOIN invoice_dunning ir ON ir.organization_id = i.organization_id AND ir.invoice_id = i.invoice_id
     WHERE (i.last_planned_on IS NULL OR i.last_planned_on < o.as_of) -- one step a day at most
       AND NOT EXISTS (SELECT 1 FROM held_customers x WHERE x.organization_id = i.organization_id AND x.customer_id = i.customer_id)
       AND NOT EXISTS (SELECT 1 FROM held_invoices x WHERE x.organization_id = i.organization_id AND x.invoice_id = i.invoice_id)
), pick AS (
    -- The rank of each invoice's step: a step for some invoices only when one applies and ranks
    -- first, else the first plain step in the window; the step is then read from the arrays.
    SELECT r.organization_id, r.invoice_id, r.customer_id, r.balance_cents, r.as_of, r.send_at, r.letter,
           r.ids[r.rank] AS step_id, r.offsets[r.rank] AS offset_days, r.stages[r.rank] AS stage,
           r.skips[r.rank] AS skip_when_promised, r.channels[r.rank] AS step_channel
      FROM (SELECT r.*, coalesce(CASE WHEN r.special THEN (
                       SELECT x.rank FROM live x
                        WHERE NOT x.plain AND x.organization_id = r.organization_id AND x.scenario_id = r.scenario_id
                          AND x.rank < coalesce(r.plain_rank, 2147483647)
                          AND x.offset_days > r.last_offset AND x.offset_days <= r.days
                          AND (x.offset_days > 0 OR r.late <= 0)
                          AND r.balance_cents >= x.min_overdue_cents
                          AND (x.segments = '{}' OR (SELECT c.segment FROM ledger_customers c WHERE c.organization_id = r.organization_id
                                                       AND c.id = r.customer_id) = ANY (x.segments))
                        ORDER BY x.rank LIMIT 1) END, r.plain_rank) AS rank
              FROM (SELECT inv.*, sc.special, sc.ids, sc.offsets, sc.stages, sc.channels, sc.skips,
                           CASE WHEN sc.after_offsets[width_bucket(inv.last_offset, sc.after_offsets) + 1] <= inv.days
                                THEN sc.after_ranks[width_bucket(inv.last_offset, sc.after_offsets) + 1]
                                WHEN inv.late <= 0 AND sc.before_offsets[width_bucket(inv.days, sc.before_offsets)] > inv.last_offset
                                THEN sc.before_ranks[width_bucket(inv.days, sc.before_offsets)] END AS plain_rank
                      FROM inv LEFT JOIN scen sc ON sc.organization_id = inv.organization_id AND sc.scenario_id = inv.scenario_id
                    OFFSET 0) r
            OFFSET 0) r
     WHERE r.rank IS NOT NULL
), holds AS MATERIALIZED (
    -- Invoices in an open dispute, or with a promise still running.
    SELECT h.organization_id, h.invoice_id, bool_or(h.disputed) AS disputed, bool_or(NOT h.disputed) AS promised
      FROM (SELECT di.organization_id, di.invoice_id, true AS disputed
              FROM o JOIN dispute_invoices di ON di.organization_id = o.organization_id
              JOIN disputes d ON d.id = di.dispute_id AND d.status = 'open'
            UNION ALL
            SELECT pi.organization_id, pi.invoice_id, false
              FROM o JOIN promise_invoices pi ON pi.organization_id = o.organization_id
              JOIN promises r ON r.id = pi.promise_id AND r.status = 'open'
             WHERE r.promised_on + o.promise_grace >= o.as_of) h
     GROUP BY h.organization_id, h.invoice_id
), messaged AS MATERIALIZED (
    -- The flood guard: nothing for a customer messaged in the last days, including a message
    -- planned today and not sent yet (a later pass never adds to it).
    SELECT DISTINCT a.organization_id, a.customer_id
      FROM o JOIN dunning_actions a ON a.organization_id = o.organization_id
     WHERE a.channel <> 'call' AND a.status <> 'skipped'
       AND a.planned_on > o.as_of - o.gap AND a.planned_on <= o.as_of
)
SELECT p.organization_id, p.invoice_id, p.customer_id, p.balance_cents, p.as_of, p.send_at, p.step_id,
       p.offset_days, p.stage, p.channel,
       p.customer_id::text || '/' || p.stage || '/' || p.channel || '/' || p.as_of::text AS key
  FROM (SELECT pick.*, CASE WHEN pick.letter AND pick.step_channel = 'email' THEN 'letter' ELSE pick.step_channel END AS channel
          FROM pick) p
 WHERE NOT EXISTS (SELECT 1 FROM holds x WHERE x.organization_id = p.organization_id AND x.invoice_id = p.invoice_id
                      AND (x.disputed OR (x.promised AND p.skip_when_promised)))
   AND NOT EXISTS (SELECT 1 FROM messaged x WHERE p.channel <> 'call'
                      AND x.organization_id = p.organization_id AND x.customer_id = p.customer_id)`

// deleteRecordedSQL takes out of the plan the invoice steps already recorded (an invoice never
// gets the same step twice). Run once the plan is analysed, it probes the index for a few
// planned steps and joins in bulk for many.
const deleteRecordedSQL = `
DELETE FROM dunning_plan p USING dunning_action_items x WHERE x.invoice_id = p.invoice_id AND x.step_id = p.step_id`

// oneMessageSQL keeps, of each customer's planned steps, those of its most advanced stage and
// the channel of its latest step (calls apart): one message per customer a pass, never two
// stages at once. The others wait for a later pass (the flood guard spaces them).
const oneMessageSQL = `
DELETE FROM dunning_plan p USING (
    SELECT organization_id, customer_id, channel = 'call' AS call,
           max(array_position(ARRAY['preventive', 'reminder', 'formal_notice', 'amicable', 'legal'], stage)::text
               || to_char(offset_days + 1000, 'FM0000') || stage || '/' || channel) AS top
      FROM dunning_plan GROUP BY 1, 2, 3) t
 WHERE p.organization_id = t.organization_id AND p.customer_id = t.customer_id AND (p.channel = 'call') = t.call
   AND p.stage || '/' || p.channel <> substr(t.top, 6)`

// insertActionsSQL creates one action per customer, stage, channel and day; the template is the
// one of the latest step among the invoices it covers (the greatest step id among equals). It is
// taken with a plain max over "offset + 1000|step" (four digits: offsets are -90..365) so that
// the grouping can be hashed: an ordered aggregate (array_agg ... ORDER BY) forces a sort of the
// whole plan and another one per action. Each invoice step goes under the action this statement
// created, never into one planned before (queued or on its way: what it sends is settled), and
// each invoice's progress moves forward.
const insertActionsSQL = `
WITH created AS (
    INSERT INTO dunning_actions (id, organization_id, customer_id, idempotency_key, step_id, stage, channel,
                                 planned_on, status, send_at)
    SELECT gen_random_uuid(), organization_id, customer_id, key,
           substr(max(to_char(offset_days + 1000, 'FM0000') || step_id::text), 5)::uuid,
           stage, channel, as_of, CASE WHEN channel = 'email' THEN 'queued' ELSE 'pending' END, min(send_at)
      FROM dunning_plan
     GROUP BY organization_id, customer_id, key, stage, channel, as_of
    ON CONFLICT (organization_id, idempotency_key) DO NOTHING
    RETURNING id, organization_id, idempotency_key, channel, send_at
), items AS (
    INSERT INTO dunning_action_items (organization_id, action_id, invoice_id, step_id, offset_days, balance_cents)
    SELECT p.organization_id, a.id, p.invoice_id, p.step_id, p.offset_days, p.balance_cents
      FROM dunning_plan p
      JOIN created a ON a.organization_id = p.organization_id AND a.idempotency_key = p.key
    ON CONFLICT DO NOTHING
    RETURNING organization_id, invoice_id, offset_days
), progress AS (
    INSERT INTO dunning_progress AS d (organization_id, invoice_id, last_offset, last_planned_on)
    SELECT i.organization_id, i.invoice_id, i.offset_days, p.as_of
      FROM items i JOIN dunning_plan p ON p.invoice_id = i.invoice_id
    ON CONFLICT (invoice_id) DO UPDATE
       SET last_offset = greatest(d.last_offset, excluded.last_offset), last_planned_on = excluded.last_planned_on
)
SELECT id, organization_id, channel, send_at, (SELECT count(*) FROM items) AS items FROM created`

func summarize(tx *gorm.DB, created []createdAction, limit int) ([]PlannedAction, error) {
	ids := make([]uuid.UUID, 0, min(limit, len(created)))
	for _, c := range created[:min(limit, len(created))] {
		ids = append(ids, c.ID)
	}
	var out []PlannedAction
	err := tx.Raw(`SELECT a.id, a.customer_id, c.name AS customer_name, a.stage, a.channel, a.status, a.planned_on,
			a.send_at, array_agg(i.number ORDER BY i.due_date, i.number) AS invoice_numbers,
			sum(x.balance_cents) AS total_cents, min(i.currency) AS currency
		  FROM dunning_actions a
		  JOIN ledger_customers c ON c.organization_id = a.organization_id AND c.id = a.customer_id
		  JOIN dunning_action_items x ON x.organization_id = a.organization_id AND x.action_id = a.id
		  JOIN ledger_invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id
		 WHERE a.id IN ?
		 GROUP BY a.id, c.name ORDER BY c.name, a.stage`, ids).Scan(&out).Error
	return out, err
}

// enqueueSends schedules one sending job per new email action, in the planning transaction.
func (s *Service) enqueueSends(ctx context.Context, tx *gorm.DB, created []createdAction) error {
	var params []river.InsertManyParams
	for _, c := range created {
		if c.Channel != "email" {
			continue
		}
		opts := &river.InsertOpts{}
		if c.SendAt.After(s.opts.Now()) {
			opts.ScheduledAt = c.SendAt // else now: a job scheduled in the past waits for River's next tick
		}
		params = append(params, river.InsertManyParams{Args: SendArgs{ActionID: c.ID, OrganizationID: c.OrganizationID},
			InsertOpts: opts})
	}
	if len(params) == 0 || s.opts.Jobs == nil {
		return nil
	}
	sqlTx, err := jobs.Tx(tx)
	if err != nil {
		return err
	}
	for len(params) > 0 {
		n := min(len(params), 1000)
		if _, err := s.opts.Jobs.Client().InsertManyTx(ctx, sqlTx, params[:n]); err != nil {
			return fmt.Errorf("dunning: enqueue sends: %w", err)
		}
		params = params[n:]
	}
	return nil
}

// RunPlanner is the API's on-demand pass for the caller's organisation.
func (s *Service) RunPlanner(ctx context.Context, p auth.Principal, asOf *time.Time, ignoreWindow bool) (PlanResult, error) {
	if err := canAdmin(p); err != nil {
		return PlanResult{}, err
	}
	return s.PlanDueActions(ctx, PlanOptions{AsOf: asOf, Organization: &p.OrganizationID,
		IgnoreWindow: ignoreWindow, Summaries: 500})
}

// Tomorrow is what the planner would plan tomorrow if nothing changes (a dry run).
func (s *Service) Tomorrow(ctx context.Context, p auth.Principal) (PlanResult, error) {
	var tz string
	if err := s.db.WithContext(ctx).Raw(`SELECT timezone FROM organization_profiles WHERE id = ?`, p.OrganizationID).Scan(&tz).Error; err != nil {
		return PlanResult{}, err
	}
	day := zone.Day(s.opts.Now(), tz).AddDate(0, 0, 1)
	return s.PlanDueActions(ctx, PlanOptions{AsOf: &day, Organization: &p.OrganizationID, DryRun: true, Summaries: 500})
}

// dateOf is the calendar day of t (in t's location) as UTC midnight, the form dates take here.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
