package dunning

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/penalty"
	"github.com/relance/relance/internal/dunning/render"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/zone"
)

// SettingsInput is what an admin may change.
type SettingsInput struct {
	DefaultScenarioID      *uuid.UUID
	MinDaysBetweenMessages int
	PromiseGraceDays       int
	SendWindowStart        string // "09:00"
	SendWindowEnd          string
	SenderName             string
	ReplyTo                string
	ReadReceipt            bool
	TransparencyLine       bool
	Signature              string
	ShowPenalties          bool
	ECBRate                string // annual percent, "2.15"
	LegalRate              string
	ContractRate           string // "" for none
	IndemnityCents         int64
}

// SettingsView is the settings with what follows from them.
type SettingsView struct {
	SettingsInput
	Timezone      string
	EffectiveRate string
}

var clockRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// GetSettings returns the organisation's dunning settings, installing the defaults on first use.
func (s *Service) GetSettings(ctx context.Context, p auth.Principal) (SettingsView, error) {
	var v SettingsView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		st, err := s.settings(tx, p.OrganizationID)
		if err != nil {
			return err
		}
		v, err = s.settingsView(tx, st)
		return err
	})
	return v, err
}

// UpdateSettings replaces the organisation's dunning settings.
func (s *Service) UpdateSettings(ctx context.Context, p auth.Principal, in SettingsInput) (SettingsView, error) {
	var v SettingsView
	err := s.txAs(ctx, p, auth.RoleAdmin, func(tx *gorm.DB) error {
		st, err := s.settings(tx, p.OrganizationID)
		if err != nil {
			return err
		}
		if err := validateSettings(tx, p.OrganizationID, in, &st); err != nil {
			return err
		}
		st.UpdatedAt = s.opts.Now()
		if err := tx.Select("*").Save(&st).Error; err != nil {
			return err
		}
		if err := record(tx, p, "dunning_settings_changed", nil, nil, nil); err != nil {
			return err
		}
		v, err = s.settingsView(tx, st)
		return err
	})
	return v, err
}

func validateSettings(tx *gorm.DB, org uuid.UUID, in SettingsInput, st *Settings) error {
	var v errs.Validation
	if in.DefaultScenarioID != nil {
		var n int64
		if err := tx.Model(&Scenario{}).Where("organization_id = ? AND id = ? AND deleted_at IS NULL", org, *in.DefaultScenarioID).
			Count(&n).Error; err != nil {
			return err
		}
		v.Check(n == 1, "default_scenario_id", "dunning.no_such_scenario")
	}
	v.Check(in.MinDaysBetweenMessages >= 0 && in.MinDaysBetweenMessages <= 60, "min_days_between_messages", "dunning.must_between_0_60")
	v.Check(in.PromiseGraceDays >= 0 && in.PromiseGraceDays <= 60, "promise_grace_days", "dunning.must_between_0_60")
	v.Check(clockRe.MatchString(in.SendWindowStart), "send_window_start", "dunning.use_hh_mm_format")
	v.Check(clockRe.MatchString(in.SendWindowEnd), "send_window_end", "dunning.use_hh_mm_format")
	if clockRe.MatchString(in.SendWindowStart) && clockRe.MatchString(in.SendWindowEnd) {
		v.Check(in.SendWindowEnd > in.SendWindowStart, "send_window_end", "dunning.must_after_start_window")
	}
	v.Check(len(in.SenderName) <= 100 && !strings.ContainsAny(in.SenderName, "<>\"\r\n"), "sender_name", "dunning.sender_name")
	replyTo, ok := locale.Email(in.ReplyTo)
	v.Check(ok || in.ReplyTo == "", "reply_to", "dunning.email_invalid")
	v.Check(len(in.Signature) <= 2000, "signature", "dunning.must_most_2000_characters")
	rates := penalty.Rates{}
	var err error
	if rates.ECB, err = parseRate(in.ECBRate); err != nil {
		v.Add("ecb_rate", err.Error())
	}
	if rates.Legal, err = parseRate(in.LegalRate); err != nil {
		v.Add("legal_rate", err.Error())
	}
	var contract *decimal.Decimal
	if strings.TrimSpace(in.ContractRate) != "" {
		c, err := parseRate(in.ContractRate)
		if err != nil {
			v.Add("contract_rate", err.Error())
		} else {
			contract, rates.Contract = &c, c
			if _, err := rates.Effective(); err != nil {
				v.Add("contract_rate", "dunning.rate_below_legal_floor")
			}
		}
	}
	v.Check(in.IndemnityCents >= 0 && in.IndemnityCents <= 1_000_000, "indemnity_cents", "dunning.must_between_0_1000000")
	if err := v.Err(); err != nil {
		return err
	}
	st.DefaultScenarioID = in.DefaultScenarioID
	st.MinDaysBetweenMessages, st.PromiseGraceDays = in.MinDaysBetweenMessages, in.PromiseGraceDays
	st.SendWindowStart, st.SendWindowEnd = in.SendWindowStart, in.SendWindowEnd
	st.SenderName, st.ReplyTo, st.ReadReceipt = strings.TrimSpace(in.SenderName), replyTo, in.ReadReceipt
	st.TransparencyLine, st.Signature, st.ShowPenalties = in.TransparencyLine, in.Signature, in.ShowPenalties
	st.ECBRate, st.LegalRate, st.ContractRate, st.IndemnityCents = rates.ECB, rates.Legal, contract, in.IndemnityCents
	return nil
}

type rateError string

func (e rateError) Error() string { return string(e) }

// parseRate reads an annual percentage written "12.15" or "12,15".
func parseRate(s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.ReplaceAll(strings.TrimSpace(s), ",", "."))
	if err != nil {
		return decimal.Zero, rateError("dunning.not_number")
	}
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Zero, rateError("dunning.percentage_range")
	}
	return d.Round(3), nil
}

func (st Settings) rates() penalty.Rates {
	r := penalty.Rates{ECB: st.ECBRate, Legal: st.LegalRate}
	if st.ContractRate != nil {
		r.Contract = *st.ContractRate
	}
	return r
}

// rate is the annual late-interest rate in force (percent).
func (st Settings) rate() decimal.Decimal {
	r, err := st.rates().Effective()
	if err != nil { // a contract rate below the floor cannot be saved; keep the legal default
		r, _ = penalty.Rates{ECB: st.ECBRate, Legal: st.LegalRate}.Effective()
	}
	return r
}

func (s *Service) settingsView(tx *gorm.DB, st Settings) (SettingsView, error) {
	var tz string
	if err := tx.Raw(`SELECT timezone FROM organization_profiles WHERE id = ?`, st.OrganizationID).Scan(&tz).Error; err != nil {
		return SettingsView{}, err
	}
	v := SettingsView{Timezone: tz, EffectiveRate: st.rate().StringFixed(2), SettingsInput: SettingsInput{
		DefaultScenarioID: st.DefaultScenarioID, MinDaysBetweenMessages: st.MinDaysBetweenMessages,
		PromiseGraceDays: st.PromiseGraceDays,
		SendWindowStart:  st.SendWindowStart, SendWindowEnd: st.SendWindowEnd, SenderName: st.SenderName,
		ReplyTo: st.ReplyTo, ReadReceipt: st.ReadReceipt, TransparencyLine: st.TransparencyLine,
		Signature: st.Signature, ShowPenalties: st.ShowPenalties, ECBRate: st.ECBRate.StringFixed(2),
		LegalRate: st.LegalRate.StringFixed(2), IndemnityCents: st.IndemnityCents}}
	if st.ContractRate != nil {
		v.ContractRate = st.ContractRate.StringFixed(2)
	}
	return v, nil
}

// settings loads the organisation's settings, installing the default scenarios the first time
// (a read, and on first use only the install and a second read).
func (s *Service) settings(tx *gorm.DB, org uuid.UUID) (Settings, error) {
	st, found, err := readSettings(tx, org)
	if err != nil || found {
		return st, err
	}
	if err := s.ensureDefaults(tx, org); err != nil {
		return Settings{}, err
	}
	st, _, err = readSettings(tx, org)
	return st, err
}

func readSettings(tx *gorm.DB, org uuid.UUID) (Settings, bool, error) {
	var st Settings
	res := tx.Raw(`SELECT organization_id, default_scenario_id, min_days_between_messages, promise_grace_days,
		to_char(send_window_start, 'HH24:MI') AS send_window_start, to_char(send_window_end, 'HH24:MI') AS send_window_end,
		sender_name, reply_to, read_receipt, transparency_line, signature, show_penalties, ecb_rate, legal_rate,
		contract_rate, indemnity_cents, updated_at FROM dunning_settings WHERE organization_id = ?`, org).Scan(&st)
	return st, res.RowsAffected > 0, res.Error
}

// ensureDefaults gives an organisation its settings and the three default scenarios, once: the
// settings row is claimed first, so two concurrent first uses install them once.
func (s *Service) ensureDefaults(tx *gorm.DB, org uuid.UUID) error {
	res := tx.Exec(`INSERT INTO dunning_settings (organization_id) VALUES (?) ON CONFLICT DO NOTHING`, org)
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	var locale string
	if err := tx.Raw(`SELECT locale FROM organization_profiles WHERE id = ?`, org).Scan(&locale).Error; err != nil {
		return err
	}
	now := s.opts.Now()
	var standard uuid.UUID
	for _, d := range render.Defaults() {
		sc := Scenario{ID: newID(), OrganizationID: org, Key: d.Key, Name: localized(d.Name, locale),
			Description: localized(d.Description, locale), CreatedAt: now, UpdatedAt: now}
		if err := tx.Omit("DeletedAt").Create(&sc).Error; err != nil {
			return fmt.Errorf("dunning: default scenario %s: %w", d.Key, err)
		}
		for i, ds := range d.Steps {
			st := Step{ID: newID(), OrganizationID: org, ScenarioID: sc.ID, Position: i, OffsetDays: ds.OffsetDays,
				Stage: ds.Stage, Channel: ds.Channel, Recipients: ds.Recipients, CopyOwner: ds.CopyOwner,
				MinOverdueCents: ds.MinOverdueCents, SkipWhenPromised: ds.SkipWhenPromised, Segments: []string{},
				Templates: Templates{}}
			for lang, t := range ds.Templates {
				st.Templates[lang] = Template{Subject: t.Subject, Body: t.Body}
			}
			if err := tx.Omit("RemovedAt").Create(&st).Error; err != nil {
				return fmt.Errorf("dunning: default step: %w", err)
			}
		}
		if d.Key == "standard" {
			standard = sc.ID
		}
	}
	if standard == uuid.Nil {
		return nil
	}
	return tx.Exec(`UPDATE dunning_settings SET default_scenario_id = ? WHERE organization_id = ?`, standard, org).Error
}

func localized(m map[string]string, lang string) string {
	if v, ok := m[lang]; ok && v != "" {
		return v
	}
	return m["fr"]
}

// window is the organisation's sending window in its time zone.
func window(start, end, tz string) (time.Duration, time.Duration, *time.Location) {
	return clock(start), clock(end), zone.Location(tz)
}

func clock(hhmm string) time.Duration {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 9 * time.Hour
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}
