package dunning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// CustomerRulesInput are the dunning rules a collector sets on a customer.
type CustomerRulesInput struct {
	ScenarioID           *uuid.UUID
	GraceDays            int
	LetterInsteadOfEmail bool
	PausedUntil          *time.Time
	Disabled             bool
}

// InvoiceRulesInput are the dunning rules a collector sets on an invoice.
type InvoiceRulesInput struct {
	ScenarioID  *uuid.UUID
	PausedUntil *time.Time
	Excluded    bool
}

// DunningView tells which scenario applies to a customer or an invoice and why, the rules, and
// what will happen over the next 120 days if nothing changes.
type DunningView struct {
	Customer     CustomerRulesInput
	Invoice      *InvoiceRulesInput
	ScenarioID   *uuid.UUID
	ScenarioName string
	Source       string // invoice, customer, segment, default, none
	Explanation  []string
	NextActions  []NextAction
}

// CustomerDunning returns a customer's rules, scenario and next actions.
func (s *Service) CustomerDunning(ctx context.Context, p auth.Principal, id uuid.UUID, lang string) (DunningView, error) {
	return txValue(ctx, s, func(tx *gorm.DB) (DunningView, error) {
		return s.dunningView(tx, p.OrganizationID, id, nil, lang)
	})
}

// InvoiceDunning returns an invoice's rules, scenario and next actions.
func (s *Service) InvoiceDunning(ctx context.Context, p auth.Principal, id uuid.UUID, lang string) (DunningView, error) {
	return txValue(ctx, s, func(tx *gorm.DB) (DunningView, error) {
		customerID, err := invoiceCustomer(tx, p.OrganizationID, id)
		if err != nil {
			return DunningView{}, err
		}
		return s.dunningView(tx, p.OrganizationID, customerID, &id, lang)
	})
}

// SetCustomerRules replaces a customer's dunning rules.
func (s *Service) SetCustomerRules(ctx context.Context, p auth.Principal, id uuid.UUID, in CustomerRulesInput, lang string) (DunningView, error) {
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		if _, err := loadCustomer(tx, p.OrganizationID, id); err != nil {
			return err
		}
		var v errs.Validation
		v.Check(in.GraceDays >= 0 && in.GraceDays <= 365, "grace_days", "dunning.must_between_0_365")
		if err := checkScenario(tx, p.OrganizationID, in.ScenarioID, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		r := CustomerRules{OrganizationID: p.OrganizationID, CustomerID: id, ScenarioID: in.ScenarioID,
			GraceDays: in.GraceDays, LetterInsteadOfEmail: in.LetterInsteadOfEmail, PausedUntil: in.PausedUntil,
			Disabled: in.Disabled, UpdatedAt: s.opts.Now()}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&r).Error; err != nil {
			return err
		}
		return record(tx, p, "dunning_rules_changed", &id, nil, ledger.JSON{"scenario_id": in.ScenarioID,
			"grace_days": in.GraceDays, "letter_instead_of_email": in.LetterInsteadOfEmail,
			"paused_until": dateString(in.PausedUntil), "disabled": in.Disabled})
	})
	if err != nil {
		return DunningView{}, err
	}
	return s.CustomerDunning(ctx, p, id, lang)
}

// SetInvoiceRules replaces an invoice's dunning rules.
func (s *Service) SetInvoiceRules(ctx context.Context, p auth.Principal, id uuid.UUID, in InvoiceRulesInput, lang string) (DunningView, error) {
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		customerID, err := invoiceCustomer(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		var v errs.Validation
		if err := checkScenario(tx, p.OrganizationID, in.ScenarioID, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		r := InvoiceRules{OrganizationID: p.OrganizationID, InvoiceID: id, ScenarioID: in.ScenarioID,
			PausedUntil: in.PausedUntil, Excluded: in.Excluded, UpdatedAt: s.opts.Now()}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&r).Error; err != nil {
			return err
		}
		return record(tx, p, "dunning_rules_changed", &customerID, &id, ledger.JSON{"scenario_id": in.ScenarioID,
			"paused_until": dateString(in.PausedUntil), "excluded": in.Excluded})
	})
	if err != nil {
		return DunningView{}, err
	}
	return s.InvoiceDunning(ctx, p, id, lang)
}

func checkScenario(tx *gorm.DB, org uuid.UUID, id *uuid.UUID, v *errs.Validation) error {
	if id == nil {
		return nil
	}
	var n int64
	if err := tx.Model(&Scenario{}).Where("organization_id = ? AND id = ? AND deleted_at IS NULL", org, *id).Count(&n).Error; err != nil {
		return err
	}
	v.Check(n == 1, "scenario_id", "dunning.no_such_scenario")
	return nil
}

func invoiceCustomer(tx *gorm.DB, org, id uuid.UUID) (uuid.UUID, error) {
	var c []uuid.UUID
	if err := tx.Raw(`SELECT customer_id FROM ledger_invoices WHERE organization_id = ? AND id = ?`, org, id).Scan(&c).Error; err != nil {
		return uuid.Nil, err
	}
	if len(c) == 0 {
		return uuid.Nil, errs.ErrNotFound
	}
	return c[0], nil
}

func dateString(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}

// dunningView loads everything the simulation needs for one customer (and optionally one of its
// invoices), explains the rules and simulates the next 120 days.
func (s *Service) dunningView(tx *gorm.DB, org, customerID uuid.UUID, invoiceID *uuid.UUID, lang string) (DunningView, error) {
	st, err := s.settings(tx, org)
	if err != nil {
		return DunningView{}, err
	}
	c, err := loadCustomer(tx, org, customerID)
	if err != nil {
		return DunningView{}, err
	}
	var cr CustomerRules
	if err := tx.Where("organization_id = ? AND customer_id = ?", org, customerID).Limit(1).Find(&cr).Error; err != nil {
		return DunningView{}, err
	}
	sim, err := s.loadSimulation(tx, org, c, st, invoiceID)
	if err != nil {
		return DunningView{}, err
	}
	v := DunningView{Customer: CustomerRulesInput{ScenarioID: cr.ScenarioID, GraceDays: cr.GraceDays,
		LetterInsteadOfEmail: cr.LetterInsteadOfEmail, PausedUntil: cr.PausedUntil, Disabled: cr.Disabled}}
	// Which scenario, and why: the invoice's own when asked for one, else the customer's.
	src, scID := "none", (*uuid.UUID)(nil)
	var inv *simInvoice
	if invoiceID != nil {
		for i := range sim.invoices {
			if sim.invoices[i].ID == *invoiceID {
				inv = &sim.invoices[i]
			}
		}
		if inv == nil {
			return DunningView{}, errs.ErrNotFound
		}
		v.Invoice = &InvoiceRulesInput{ScenarioID: inv.OwnScenario, PausedUntil: inv.PausedUntil, Excluded: inv.Excluded}
		src, scID = inv.Source, inv.ScenarioID
	} else {
		src, scID = sim.customerSource, sim.customerScenario
	}
	v.Source, v.ScenarioID = src, scID
	if scID != nil {
		v.ScenarioName = sim.scenarios[*scID].Name
	}
	v.Explanation = explain(lang, src, v.ScenarioName, c.Segment, cr, inv, st, sim)
	var country string
	if err := tx.Raw(`SELECT country FROM organization_profiles WHERE id = ?`, org).Scan(&country).Error; err != nil {
		return DunningView{}, err
	}
	v.NextActions = sim.run(s.calendar(country), 120)
	return v, nil
}

// explain writes the sentences the customer and invoice pages show.
func explain(lang, src, scenario, segment string, cr CustomerRules, inv *simInvoice, st Settings, sim *simulation) []string {
	var out []string
	switch src {
	case "invoice":
		out = append(out, locale.T(lang, "rules.source_invoice", scenario))
	case "customer":
		out = append(out, locale.T(lang, "rules.source_customer", scenario))
	case "segment":
		out = append(out, locale.T(lang, "rules.source_segment", scenario, segment))
	case "default":
		out = append(out, locale.T(lang, "rules.source_default", scenario))
	default:
		out = append(out, locale.T(lang, "rules.source_none"))
	}
	if cr.Disabled {
		out = append(out, locale.T(lang, "rules.disabled"))
	}
	if cr.PausedUntil != nil && !cr.PausedUntil.Before(sim.today) {
		out = append(out, locale.T(lang, "rules.customer_paused", locale.DateShort(*cr.PausedUntil, lang)))
	}
	if cr.GraceDays > 0 {
		out = append(out, locale.T(lang, "rules.grace", cr.GraceDays))
	}
	if cr.LetterInsteadOfEmail {
		out = append(out, locale.T(lang, "rules.letter"))
	}
	if inv != nil {
		switch {
		case inv.Closed:
			out = append(out, locale.T(lang, "rules.closed"))
		case inv.Excluded:
			out = append(out, locale.T(lang, "rules.excluded"))
		case inv.Disputed:
			out = append(out, locale.T(lang, "rules.disputed"))
		}
		if inv.PausedUntil != nil && !inv.PausedUntil.Before(sim.today) {
			out = append(out, locale.T(lang, "rules.invoice_paused", locale.DateShort(*inv.PausedUntil, lang)))
		}
		if inv.PromisedUntil != nil && !inv.PromisedUntil.Before(sim.today) {
			out = append(out, locale.T(lang, "rules.promised", locale.DateShort(*inv.PromisedUntil, lang)))
		}
		if inv.LastOffset != nil {
			out = append(out, locale.T(lang, "rules.progress", locale.T(lang, "rules.day", fmt.Sprintf("%+d", *inv.LastOffset))))
		}
	}
	if st.MinDaysBetweenMessages > 0 {
		out = append(out, locale.T(lang, "rules.gap", st.MinDaysBetweenMessages))
	}
	return out
}
