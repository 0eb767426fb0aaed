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
		v.Check(in.GraceDays >= 0 && in.GraceDays <= 365, "grace_days", "Must be between 0 and 365 days.")
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
	v.Check(n == 1, "scenario_id", "No such scenario.")
	return nil
}

func invoiceCustomer(tx *gorm.DB, org, id uuid.UUID) (uuid.UUID, error) {
	var c []uuid.UUID
	if err := tx.Raw(`SELECT customer_id FROM ledger_invoices WHERE organization_id = ? AND id = ?`, org, id).Scan(&c).Error; err != nil {
		return uuid.Nil, err
	}
	if len(c) == 0 {
		return uuid.Nil, ErrNotFound
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
	t := texts(lang)
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
			return DunningView{}, ErrNotFound
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
	v.Explanation = explain(t, src, v.ScenarioName, c.Segment, cr, inv, st, sim)
	var country string
	if err := tx.Raw(`SELECT country FROM organization_profiles WHERE id = ?`, org).Scan(&country).Error; err != nil {
		return DunningView{}, err
	}
	v.NextActions = sim.run(s.calendar(country), 120)
	return v, nil
}

// explain writes the sentences the customer and invoice pages show.
func explain(t catalogue, src, scenario, segment string, cr CustomerRules, inv *simInvoice, st Settings, sim *simulation) []string {
	var out []string
	switch src {
	case "invoice":
		out = append(out, fmt.Sprintf(t["source_invoice"], scenario))
	case "customer":
		out = append(out, fmt.Sprintf(t["source_customer"], scenario))
	case "segment":
		out = append(out, fmt.Sprintf(t["source_segment"], scenario, segment))
	case "default":
		out = append(out, fmt.Sprintf(t["source_default"], scenario))
	default:
		out = append(out, t["source_none"])
	}
	if cr.Disabled {
		out = append(out, t["disabled"])
	}
	if cr.PausedUntil != nil && !cr.PausedUntil.Before(sim.today) {
		out = append(out, fmt.Sprintf(t["customer_paused"], t.date(*cr.PausedUntil)))
	}
	if cr.GraceDays > 0 {
		out = append(out, fmt.Sprintf(t["grace"], cr.GraceDays))
	}
	if cr.LetterInsteadOfEmail {
		out = append(out, t["letter"])
	}
	if inv != nil {
		switch {
		case inv.Closed:
			out = append(out, t["closed"])
		case inv.Excluded:
			out = append(out, t["excluded"])
		case inv.Disputed:
			out = append(out, t["disputed"])
		}
		if inv.PausedUntil != nil && !inv.PausedUntil.Before(sim.today) {
			out = append(out, fmt.Sprintf(t["invoice_paused"], t.date(*inv.PausedUntil)))
		}
		if inv.PromisedUntil != nil && !inv.PromisedUntil.Before(sim.today) {
			out = append(out, fmt.Sprintf(t["promised"], t.date(*inv.PromisedUntil)))
		}
		if inv.LastOffset != nil {
			out = append(out, fmt.Sprintf(t["progress"], fmt.Sprintf(t["day"], *inv.LastOffset)))
		}
	}
	if st.MinDaysBetweenMessages > 0 {
		out = append(out, fmt.Sprintf(t["gap"], st.MinDaysBetweenMessages))
	}
	return out
}

type catalogue map[string]string

func (t catalogue) date(d time.Time) string { return d.Format(t["date_format"]) }

func texts(lang string) catalogue {
	if lang == "en" {
		return catalogue{
			"date_format":     "2 Jan 2006",
			"source_invoice":  "Scenario “%s”: chosen on this invoice.",
			"source_customer": "Scenario “%s”: chosen for this customer.",
			"source_segment":  "Scenario “%s”: it serves the segment “%s” of this customer.",
			"source_default":  "Scenario “%s”: the organisation's default.",
			"source_none":     "No scenario applies: choose a default scenario in the dunning settings.",
			"disabled":        "Reminders are turned off for this customer.",
			"customer_paused": "Reminders to this customer are paused until %s.",
			"invoice_paused":  "Reminders for this invoice are paused until %s.",
			"grace":           "The due dates are deferred by %d days for this customer.",
			"letter":          "This customer gets letters instead of emails.",
			"closed":          "This invoice is settled or closed: no more reminders.",
			"excluded":        "This invoice is excluded from reminders.",
			"disputed":        "A dispute is open on this invoice: reminders stop until it is resolved.",
			"promised":        "A promise to pay holds reminders back until %s.",
			"progress":        "Last step carried out: %s.",
			"day":             "D%+d", // a step's day from the due date: D-15, D+0, D+7
			"gap":             "At most one message to this customer every %d days.",
		}
	}
	return catalogue{
		"date_format":     "02/01/2006",
		"source_invoice":  "Scénario « %s » : choisi sur cette facture.",
		"source_customer": "Scénario « %s » : choisi pour ce client.",
		"source_segment":  "Scénario « %s » : il s'applique au segment « %s » de ce client.",
		"source_default":  "Scénario « %s » : celui par défaut de l'organisation.",
		"source_none":     "Aucun scénario ne s'applique : choisissez un scénario par défaut dans les réglages des relances.",
		"disabled":        "Les relances sont désactivées pour ce client.",
		"customer_paused": "Les relances de ce client sont en pause jusqu'au %s.",
		"invoice_paused":  "Les relances de cette facture sont en pause jusqu'au %s.",
		"grace":           "Les échéances de ce client sont reportées de %d jours.",
		"letter":          "Ce client reçoit des courriers au lieu des e-mails.",
		"closed":          "Cette facture est réglée ou close : plus de relance.",
		"excluded":        "Cette facture est exclue des relances.",
		"disputed":        "Un litige est ouvert sur cette facture : les relances s'arrêtent jusqu'à sa résolution.",
		"promised":        "Une promesse de règlement suspend les relances jusqu'au %s.",
		"progress":        "Dernière étape réalisée : %s.",
		"day":             "J%+d", // « jour » : J-15, J+0, J+7
		"gap":             "Au plus un message à ce client tous les %d jours.",
	}
}
