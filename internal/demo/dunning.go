package demo

import (
	"context"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
)

// setUpDunning gives the demo its playbooks as a business would set them: key accounts follow
// the gentler scenario, habitual late payers the firmer one, the customer without a postal
// address is reminded by letter (a data problem to fix). Then one planning pass, sent at once,
// so that `make run` shows the first reminders in Mailpit.
func setUpDunning(ctx context.Context, a *app.App, p auth.Principal, pl *plan) error {
	list, err := a.Dunning.ListScenarios(ctx, p)
	if err != nil {
		return err
	}
	byKey := map[string]dunning.ScenarioView{}
	for _, s := range list {
		byKey[s.Key] = s
	}
	key := byKey["key_accounts"]
	in := key.Input()
	in.Segments = []string{segKey}
	if _, err := a.Dunning.UpdateScenario(ctx, p, key.ID, in); err != nil {
		return err
	}
	latePayers := byKey["late_payers"].ID
	for _, c := range pl.customers {
		rules := dunning.CustomerRulesInput{}
		switch {
		case c.pays == veryLate || c.pays == late:
			rules.ScenarioID = &latePayers
		case c.flaw == letterNoAddr:
			rules.LetterInsteadOfEmail = true
		default:
			continue
		}
		if c.id == uuid.Nil {
			continue
		}
		if _, err := a.Dunning.SetCustomerRules(ctx, p, c.id, rules, "fr"); err != nil {
			return err
		}
	}
	_, err = a.Dunning.PlanDueActions(ctx, dunning.PlanOptions{Organization: &p.OrganizationID, IgnoreWindow: true})
	return err
}
