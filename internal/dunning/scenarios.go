package dunning

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/render"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/money"
)

// ScenarioInput is a scenario as written by a user: a full replacement on update. Steps that
// carry the id of an existing step keep it (and the history of what it sent).
type ScenarioInput struct {
	Name        string
	Description string
	Segments    []string
	Steps       []StepInput
}

// StepInput is one step as written by a user.
type StepInput struct {
	ID               *uuid.UUID
	OffsetDays       int
	Stage            string
	Channel          string
	Recipients       string
	CopyOwner        bool
	MinOverdueCents  int64
	SkipWhenPromised bool
	Segments         []string
	Templates        Templates
}

// ScenarioView is a scenario with its steps, the segments it serves and how much it is used.
type ScenarioView struct {
	Scenario
	IsDefault      bool
	CustomersUsing int64
	InvoicesUsing  int64
}

// ListScenarios returns the organisation's scenarios (installing the defaults on first use).
func (s *Service) ListScenarios(ctx context.Context, p auth.Principal) ([]ScenarioView, error) {
	var out []ScenarioView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		st, err := s.settings(tx, p.OrganizationID)
		if err != nil {
			return err
		}
		var list []Scenario
		if err := tx.Where("organization_id = ? AND deleted_at IS NULL", p.OrganizationID).
			Order("lower(name)").Find(&list).Error; err != nil {
			return err
		}
		for _, sc := range list {
			v, err := s.scenarioView(tx, st, sc)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// GetScenario returns one scenario.
func (s *Service) GetScenario(ctx context.Context, p auth.Principal, id uuid.UUID) (ScenarioView, error) {
	return txValue(ctx, s, func(tx *gorm.DB) (ScenarioView, error) {
		return s.scenarioViewOf(tx, p.OrganizationID, id)
	})
}

// scenarioViewOf loads scenario id of org with its figures.
func (s *Service) scenarioViewOf(tx *gorm.DB, org, id uuid.UUID) (ScenarioView, error) {
	st, err := s.settings(tx, org)
	if err != nil {
		return ScenarioView{}, err
	}
	sc, err := scenarioOf(tx, org, id)
	if err != nil {
		return ScenarioView{}, err
	}
	return s.scenarioView(tx, st, sc)
}

// CreateScenario adds a scenario.
func (s *Service) CreateScenario(ctx context.Context, p auth.Principal, in ScenarioInput) (ScenarioView, error) {
	if err := canAdmin(p); err != nil {
		return ScenarioView{}, err
	}
	if err := validateScenario(in, nil); err != nil {
		return ScenarioView{}, err
	}
	now := s.opts.Now()
	sc := Scenario{ID: newID(), OrganizationID: p.OrganizationID, Name: strings.TrimSpace(in.Name),
		Description: strings.TrimSpace(in.Description), CreatedAt: now, UpdatedAt: now}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.settings(tx, p.OrganizationID); err != nil {
			return err
		}
		if err := tx.Omit("DeletedAt").Create(&sc).Error; err != nil {
			return scenarioDBError(err)
		}
		return s.writeScenario(tx, p, sc, in, "scenario_created")
	})
	if err != nil {
		return ScenarioView{}, err
	}
	return s.GetScenario(ctx, p, sc.ID)
}

// UpdateScenario replaces a scenario's name, description, segments and steps.
func (s *Service) UpdateScenario(ctx context.Context, p auth.Principal, id uuid.UUID, in ScenarioInput) (ScenarioView, error) {
	err := s.txAs(ctx, p, auth.RoleAdmin, func(tx *gorm.DB) error {
		sc, err := scenarioOf(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		if err := tx.Exec(`SELECT 1 FROM scenarios WHERE id = ? FOR UPDATE`, id).Error; err != nil {
			return err
		}
		if err := validateScenario(in, sc.Steps); err != nil {
			return err
		}
		sc.Name, sc.Description, sc.UpdatedAt = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description), s.opts.Now()
		if err := tx.Model(&sc).Select("name", "description", "updated_at").Updates(&sc).Error; err != nil {
			return scenarioDBError(err)
		}
		return s.writeScenario(tx, p, sc, in, "scenario_updated")
	})
	if err != nil {
		return ScenarioView{}, err
	}
	return s.GetScenario(ctx, p, id)
}

// DeleteScenario removes a scenario nobody uses (not the default, no customer or invoice override).
func (s *Service) DeleteScenario(ctx context.Context, p auth.Principal, id uuid.UUID) error {
	return s.txAs(ctx, p, auth.RoleAdmin, func(tx *gorm.DB) error {
		v, err := s.scenarioViewOf(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		if v.IsDefault || v.CustomersUsing > 0 || v.InvoicesUsing > 0 {
			return ErrScenarioInUse
		}
		if err := tx.Exec(`DELETE FROM scenario_segments WHERE organization_id = ? AND scenario_id = ?`, p.OrganizationID, id).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE scenarios SET deleted_at = now() WHERE id = ?`, id).Error; err != nil {
			return err
		}
		return record(tx, p, "scenario_deleted", nil, nil, ledger.JSON{"scenario_id": v.ID, "name": v.Name})
	})
}

func scenarioOf(tx *gorm.DB, org, id uuid.UUID) (Scenario, error) {
	var sc Scenario
	err := tx.Where("organization_id = ? AND id = ? AND deleted_at IS NULL", org, id).Take(&sc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return sc, errs.ErrNotFound
	}
	if err != nil {
		return sc, err
	}
	if err := tx.Where("organization_id = ? AND scenario_id = ? AND removed_at IS NULL", org, id).
		Order("offset_days, position").Find(&sc.Steps).Error; err != nil {
		return sc, err
	}
	sc.Segments = []string{}
	err = tx.Raw(`SELECT segment FROM scenario_segments WHERE organization_id = ? AND scenario_id = ? ORDER BY segment`,
		org, id).Scan(&sc.Segments).Error
	return sc, err
}

func (s *Service) scenarioView(tx *gorm.DB, st Settings, sc Scenario) (ScenarioView, error) {
	if sc.Steps == nil {
		full, err := scenarioOf(tx, sc.OrganizationID, sc.ID)
		if err != nil {
			return ScenarioView{}, err
		}
		sc = full
	}
	v := ScenarioView{Scenario: sc, IsDefault: st.DefaultScenarioID != nil && *st.DefaultScenarioID == sc.ID}
	err := tx.Raw(`SELECT (SELECT count(*) FROM customer_dunning WHERE organization_id = ? AND scenario_id = ?),
		(SELECT count(*) FROM invoice_dunning WHERE organization_id = ? AND scenario_id = ?)`,
		sc.OrganizationID, sc.ID, sc.OrganizationID, sc.ID).Row().Scan(&v.CustomersUsing, &v.InvoicesUsing)
	return v, err
}

// validateScenario checks every field of a scenario, naming steps by their index.
func validateScenario(in ScenarioInput, existing []Step) error {
	var v errs.Validation
	name := strings.TrimSpace(in.Name)
	v.Check(name != "" && len(name) <= 200, "name", "dunning.required_most_200_characters")
	v.Check(len(in.Description) <= 2000, "description", "dunning.must_most_2000_characters")
	v.Check(len(in.Steps) <= 30, "steps", "dunning.scenario_most_30_steps")
	known := map[uuid.UUID]bool{}
	for _, st := range existing {
		known[st.ID] = true
	}
	seen := map[uuid.UUID]bool{}
	for i, st := range in.Steps {
		f := func(name string) string { return fmt.Sprintf("steps[%d].%s", i, name) }
		if st.ID != nil {
			v.Check(known[*st.ID] && !seen[*st.ID], f("id"), "dunning.not_step_scenario")
			seen[*st.ID] = true
		}
		v.Check(st.OffsetDays >= -90 && st.OffsetDays <= 365, f("offset_days"), "dunning.must_between_90_365")
		v.Check(oneOf(st.Stage, Stages), f("stage"), "dunning.choose_stage")
		v.Check(oneOf(st.Channel, Channels), f("channel"), "dunning.choose_channel")
		v.Check(oneOf(st.Recipients, Recipients), f("recipients"), "dunning.choose_recipients")
		v.Check(st.MinOverdueCents >= 0, f("min_overdue_cents"), "dunning.must_not_negative")
		v.Check(st.MinOverdueCents <= money.MaxCents, f("min_overdue_cents"), money.TooLarge, money.MaxCents)
		v.Check(st.Stage != "preventive" || st.OffsetDays <= 0, f("stage"), "dunning.preventive_after_due")
		for lang := range st.Templates {
			v.Check(oneOf(lang, Languages), f("templates."+lang), "dunning.only_fr_en_templates")
		}
		for _, lang := range Languages {
			t, ok := st.Templates[lang]
			if !ok {
				v.Add(f("templates."+lang), "dunning.template_per_language")
				continue
			}
			for _, fe := range render.Validate(render.Template{Subject: t.Subject, Body: t.Body}) {
				v.Add(f("templates."+lang+"."+fe.Field), fe.Key, fe.Args...)
			}
		}
	}
	for i, seg := range in.Segments {
		v.Check(strings.TrimSpace(seg) != "", fmt.Sprintf("segments[%d]", i), "dunning.must_not_empty")
	}
	return v.Err()
}

// writeScenario writes a created or updated scenario's steps and segments, and records kind on
// the timeline.
func (s *Service) writeScenario(tx *gorm.DB, p auth.Principal, sc Scenario, in ScenarioInput, kind string) error {
	if err := s.writeSteps(tx, sc, in.Steps); err != nil {
		return err
	}
	if err := writeSegments(tx, sc, in.Segments); err != nil {
		return err
	}
	return record(tx, p, kind, nil, nil, ledger.JSON{"scenario_id": sc.ID, "name": sc.Name})
}

// writeSteps makes the scenario's live steps exactly in: kept ids are updated, new steps
// created, and the others marked removed (their history stays).
func (s *Service) writeSteps(tx *gorm.DB, sc Scenario, in []StepInput) error {
	sorted := append([]StepInput(nil), in...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].OffsetDays < sorted[j].OffsetDays })
	keep := []uuid.UUID{}
	for i, si := range sorted {
		st := Step{ID: newID(), OrganizationID: sc.OrganizationID, ScenarioID: sc.ID, Position: i,
			OffsetDays: si.OffsetDays, Stage: si.Stage, Channel: si.Channel, Recipients: si.Recipients,
			CopyOwner: si.CopyOwner, MinOverdueCents: si.MinOverdueCents, SkipWhenPromised: si.SkipWhenPromised,
			Segments: cleanSegments(si.Segments), Templates: si.Templates}
		if si.ID != nil {
			st.ID = *si.ID
			if err := tx.Model(&st).Select("position", "offset_days", "stage", "channel", "recipients", "copy_owner",
				"min_overdue_cents", "skip_when_promised", "segments", "templates").Updates(&st).Error; err != nil {
				return err
			}
		} else if err := tx.Omit("RemovedAt").Create(&st).Error; err != nil {
			return err
		}
		keep = append(keep, st.ID)
	}
	q := tx.Model(&Step{}).Where("organization_id = ? AND scenario_id = ? AND removed_at IS NULL", sc.OrganizationID, sc.ID)
	if len(keep) > 0 {
		q = q.Where("id NOT IN ?", keep)
	}
	return q.Update("removed_at", s.opts.Now()).Error
}

func writeSegments(tx *gorm.DB, sc Scenario, segments []string) error {
	if err := tx.Exec(`DELETE FROM scenario_segments WHERE organization_id = ? AND scenario_id = ?`,
		sc.OrganizationID, sc.ID).Error; err != nil {
		return err
	}
	for _, seg := range cleanSegments(segments) {
		var other string
		err := tx.Raw(`SELECT s.name FROM scenario_segments g JOIN scenarios s ON s.id = g.scenario_id
			WHERE g.organization_id = ? AND g.segment = ?`, sc.OrganizationID, seg).Scan(&other).Error
		if err != nil {
			return err
		}
		if other != "" {
			return errs.New(errs.KindConflict, "dunning.segment_taken").WithFields(errs.Field("segments", "dunning.segment_served_by", strconv.Quote(seg), strconv.Quote(other)))
		}
		if err := tx.Exec(`INSERT INTO scenario_segments (organization_id, segment, scenario_id) VALUES (?, ?, ?)`,
			sc.OrganizationID, seg, sc.ID).Error; err != nil {
			return err
		}
	}
	return nil
}

func cleanSegments(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func scenarioDBError(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && strings.Contains(pg.ConstraintName, "name") {
		return ErrNameTaken.WithFields(errs.Field("name", "dunning.name_used"))
	}
	return err
}

// Input is the scenario as a full replacement would write it (steps keep their ids).
func (v ScenarioView) Input() ScenarioInput {
	in := ScenarioInput{Name: v.Name, Description: v.Description, Segments: append([]string{}, v.Segments...)}
	for _, st := range v.Steps {
		id := st.ID
		in.Steps = append(in.Steps, StepInput{ID: &id, OffsetDays: st.OffsetDays, Stage: st.Stage, Channel: st.Channel,
			Recipients: st.Recipients, CopyOwner: st.CopyOwner, MinOverdueCents: st.MinOverdueCents,
			SkipWhenPromised: st.SkipWhenPromised, Segments: st.Segments, Templates: st.Templates})
	}
	return in
}
