package render

// DefaultStep is one step of a default scenario, with its templates per language.
type DefaultStep struct {
	OffsetDays       int
	Stage            string
	Channel          string
	Recipients       string
	CopyOwner        bool
	SkipWhenPromised bool
	MinOverdueCents  int64
	Templates        map[string]Template
}

// DefaultScenario is a scenario a new organisation starts with; Name and Description are per
// language.
type DefaultScenario struct {
	Key         string
	Name        map[string]string
	Description map[string]string
	Segments    []string
	Steps       []DefaultStep
}

// Defaults are the three scenarios every organisation starts with: standard B2B, key accounts
// (gentler, later, more calls) and habitual late payers (earlier, firmer).
func Defaults() []DefaultScenario {
	return []DefaultScenario{
		{
			Key:  "standard",
			Name: map[string]string{"fr": "Standard B2B", "en": "Standard B2B"},
			Description: map[string]string{
				"fr": "Relance préventive à J-15, rappel à l'échéance, relances à J+7 et J+15, appel à J+25, " +
					"mise en demeure à J+30, recouvrement amiable à J+60 et judiciaire à J+120.",
				"en": "Preventive reminder 15 days before the due date, due-date notice, reminders at D+7 and D+15, " +
					"call at D+25, formal notice at D+30, amicable collection at D+60 and legal collection at D+120.",
			},
			Segments: []string{},
			Steps: []DefaultStep{
				step(-15, "preventive", "email", frStdPreventive, enStdPreventive),
				step(0, "reminder", "email", frStdDue, enStdDue),
				step(7, "reminder", "email", frStdReminder1, enStdReminder1),
				step(15, "reminder", "email", frStdReminder2, enStdReminder2),
				step(25, "reminder", "call", frStdCall, enStdCall),
				step(30, "formal_notice", "letter", frFormalLetter, enFormalLetter),
				step(30, "formal_notice", "email", frFormalEmail, enFormalEmail),
				step(60, "amicable", "email", frAmicable, enAmicable),
				step(120, "legal", "email", frLegal, enLegal),
			},
		},
		{
			Key:  "key_accounts",
			Name: map[string]string{"fr": "Grands comptes", "en": "Key accounts"},
			Description: map[string]string{
				"fr": "Pour les clients importants : un ton plus doux, des relances plus tardives et des appels " +
					"plutôt que des e-mails ; mise en demeure à J+60, recouvrement amiable à J+90.",
				"en": "For important customers: a gentler tone, later reminders and calls rather than emails; " +
					"formal notice at D+60, amicable collection at D+90.",
			},
			Segments: []string{},
			Steps: []DefaultStep{
				step(-10, "preventive", "email", frKeyPreventive, enKeyPreventive),
				step(5, "reminder", "call", frKeyCall1, enKeyCall1),
				step(15, "reminder", "email", frKeyReminder1, enKeyReminder1),
				step(30, "reminder", "call", frKeyCall2, enKeyCall2),
				step(45, "reminder", "email", frKeyReminder2, enKeyReminder2),
				step(60, "formal_notice", "letter", frFormalLetter, enFormalLetter),
				step(90, "amicable", "email", frKeyAmicable, enKeyAmicable),
			},
		},
		{
			Key:  "late_payers",
			Name: map[string]string{"fr": "Payeurs habituellement en retard", "en": "Habitual late payers"},
			Description: map[string]string{
				"fr": "Pour les clients qui paient souvent en retard : relances préventives dès J-20 et J-5, " +
					"relances rapprochées avec pénalités, mise en demeure à J+21.",
				"en": "For customers who often pay late: preventive reminders from D-20 and D-5, close reminders " +
					"citing penalties, formal notice at D+21.",
			},
			Segments: []string{},
			Steps: []DefaultStep{
				step(-20, "preventive", "email", frLatePreventive1, enLatePreventive1),
				step(-5, "preventive", "email", frLatePreventive2, enLatePreventive2),
				step(0, "reminder", "email", frLateDue, enLateDue),
				step(3, "reminder", "email", frLateReminder1, enLateReminder1),
				step(10, "reminder", "email", frLateReminder2, enLateReminder2),
				step(15, "reminder", "call", frLateCall, enLateCall),
				step(21, "formal_notice", "letter", frFormalLetter, enFormalLetter),
				step(21, "formal_notice", "email", frFormalEmail, enFormalEmail),
				step(45, "amicable", "email", frAmicable, enAmicable),
				step(90, "legal", "email", frLegal, enLegal),
			},
		},
	}
}

// step builds a default step. Reminders go to accounting and hold while a promise is valid;
// from the formal notice on they go to accounting and sales, emails with the owner in copy.
func step(offset int, stage, channel string, fr, en Template) DefaultStep {
	s := DefaultStep{
		OffsetDays: offset, Stage: stage, Channel: channel, Recipients: "accounting",
		Templates: map[string]Template{"fr": fr, "en": en},
	}
	switch stage {
	case "preventive", "reminder":
		s.SkipWhenPromised = true
	default:
		s.Recipients = "both"
		s.CopyOwner = channel == "email"
	}
	return s
}

// debtorLink is the paragraph of a default reminder that gives the debtor page's link under its
// lead-in, when the reminder has a link.
func debtorLink(lead string) string {
	return "{{if debtor_link}}\n" + lead + "\n\n{{debtor_link}}\n{{end}}"
}
