package portal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// PaymentMethods are the online payment methods the page can offer (through Stripe).
var PaymentMethods = []string{"card", "sepa_debit"}

// MaxLogoSize is the largest logo accepted.
const MaxLogoSize = 1 << 20

// ErrNoLogo: the organisation has not uploaded a logo.
var ErrNoLogo = errs.New(errs.KindNotFound, "portal.no_logo_been_uploaded")

// Settings are an organisation's debtor-page settings; an organisation without a row has the
// defaults of the migration.
type Settings struct {
	OrganizationID     uuid.UUID
	LinkLifetimeDays   int
	PromiseHorizonDays int
	BrandColor         string
	LogoKey            *string
	CreditorIBAN       string         `gorm:"column:creditor_iban"`
	CreditorBIC        string         `gorm:"column:creditor_bic"`
	PaymentMethods     pq.StringArray `gorm:"type:text[]"`
	ContactPhone       string
	ContactEmail       string
	UpdatedAt          time.Time
}

// TableName keeps GORM on the migration's table.
func (Settings) TableName() string { return "portal_settings" }

// SettingsInput is what an admin may change (everything but the logo, which has its own call).
type SettingsInput struct {
	LinkLifetimeDays   int
	PromiseHorizonDays int
	BrandColor         string // #rrggbb
	CreditorIBAN       string // spaces allowed, any case
	CreditorBIC        string
	PaymentMethods     []string // a subset of PaymentMethods
	ContactPhone       string
	ContactEmail       string
}

func defaultSettings(org uuid.UUID) Settings {
	return Settings{OrganizationID: org, LinkLifetimeDays: 90, PromiseHorizonDays: 30, BrandColor: "#1c7ed6",
		PaymentMethods: pq.StringArray{"card", "sepa_debit"}}
}

// LoadSettings reads an organisation's page settings, the defaults when it never saved any.
func LoadSettings(db *gorm.DB, org uuid.UUID) (Settings, error) {
	var st Settings
	err := db.Where("organization_id = ?", org).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return defaultSettings(org), nil
	}
	if st.PaymentMethods == nil {
		st.PaymentMethods = pq.StringArray{}
	}
	return st, err
}

// GetSettings returns the organisation's page settings.
func (s *Service) GetSettings(ctx context.Context, p auth.Principal) (Settings, error) {
	return LoadSettings(s.db.WithContext(ctx), p.OrganizationID)
}

// UpdateSettings replaces the organisation's page settings (admins only).
func (s *Service) UpdateSettings(ctx context.Context, p auth.Principal, in SettingsInput) (Settings, error) {
	if err := canAdmin(p); err != nil {
		return Settings{}, err
	}
	var st Settings
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if st, err = LoadSettings(tx.Clauses(clause.Locking{Strength: "UPDATE"}), p.OrganizationID); err != nil {
			return err
		}
		if err := applySettings(in, &st); err != nil {
			return err
		}
		st.UpdatedAt = s.opts.Now()
		if err := saveSettings(tx, st); err != nil {
			return err
		}
		return record(tx, p, "portal_settings_changed", nil, nil, nil)
	})
	return st, err
}

var brandColorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// applySettings validates in, naming every bad field, and copies it into st normalised (IBAN
// and BIC compact in capitals, the BIC of the IBAN's country, phone in E.164, colour in lower
// case).
func applySettings(in SettingsInput, st *Settings) error {
	var v errs.Validation
	v.Check(in.LinkLifetimeDays >= 1 && in.LinkLifetimeDays <= 730, "link_lifetime_days", "portal.between_1_730_days")
	v.Check(in.PromiseHorizonDays >= 1 && in.PromiseHorizonDays <= 365, "promise_horizon_days", "portal.between_1_365_days")
	v.Check(brandColorRe.MatchString(in.BrandColor), "brand_color", "portal.colour_format")
	iban, country, problem := "", "", errs.FieldError{}
	if strings.TrimSpace(in.CreditorIBAN) != "" {
		if iban, country, problem = CheckIBAN(in.CreditorIBAN); problem.Key != "" {
			v.Add("creditor_iban", problem.Key, problem.Args...)
			country = "" // the BIC is checked against a valid IBAN's country only
		}
	}
	bic := ""
	if strings.TrimSpace(in.CreditorBIC) != "" {
		if bic, problem = CheckBIC(in.CreditorBIC, country); problem.Key != "" {
			v.Add("creditor_bic", problem.Key, problem.Args...)
		}
	}
	methods := pq.StringArray{}
	for _, m := range in.PaymentMethods {
		if !slices.Contains(PaymentMethods, m) {
			v.Add("payment_methods", "portal.choose_methods")
			break
		}
		if !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	phone, ok := ledger.NormalizePhone(in.ContactPhone, "FR")
	v.Check(ok, "contact_phone", "common.phone_invalid")
	email := strings.TrimSpace(in.ContactEmail)
	if email != "" {
		v.Check(locale.ValidEmail(email), "contact_email", "common.email_invalid")
	}
	if err := v.Err(); err != nil {
		return err
	}
	st.LinkLifetimeDays, st.PromiseHorizonDays = in.LinkLifetimeDays, in.PromiseHorizonDays
	st.BrandColor, st.CreditorIBAN, st.CreditorBIC = strings.ToLower(in.BrandColor), iban, bic
	st.PaymentMethods, st.ContactPhone, st.ContactEmail = methods, phone, email
	return nil
}

func saveSettings(tx *gorm.DB, st Settings) error {
	return tx.Exec(`INSERT INTO portal_settings (organization_id, link_lifetime_days, promise_horizon_days, brand_color,
		logo_key, creditor_iban, creditor_bic, payment_methods, contact_phone, contact_email, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (organization_id) DO UPDATE SET link_lifetime_days = excluded.link_lifetime_days,
		promise_horizon_days = excluded.promise_horizon_days, brand_color = excluded.brand_color,
		logo_key = excluded.logo_key, creditor_iban = excluded.creditor_iban, creditor_bic = excluded.creditor_bic,
		payment_methods = excluded.payment_methods, contact_phone = excluded.contact_phone,
		contact_email = excluded.contact_email, updated_at = excluded.updated_at`,
		st.OrganizationID, st.LinkLifetimeDays, st.PromiseHorizonDays, st.BrandColor, st.LogoKey, st.CreditorIBAN,
		st.CreditorBIC, st.PaymentMethods, st.ContactPhone, st.ContactEmail, st.UpdatedAt).Error
}

// logoFormats are the accepted logo formats by their magic bytes (SVG is text, checked apart).
var logoFormats = []struct{ magic, ext string }{
	{"\x89PNG\r\n\x1a\n", "png"},
	{"\xff\xd8\xff", "jpg"},
}

var (
	svgStartRe  = regexp.MustCompile(`(?is)^(<\?xml[^>]*>|<!--.*?-->|<!doctype[^>]*>|\s)*<svg[\s>]`)
	svgActiveRe = regexp.MustCompile(`(?i)<script|<foreignobject|<iframe|<embed|<object|javascript:|\son[a-z]+\s*=`)
)

// logoExt tells a logo's format from its content, never from its name or declared type.
func logoExt(data []byte) (string, error) {
	if len(data) > MaxLogoSize {
		return "", errs.Invalid("file", "portal.logo_larger_1_mb")
	}
	for _, f := range logoFormats {
		if bytes.HasPrefix(data, []byte(f.magic)) {
			return f.ext, nil
		}
	}
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if svgStartRe.Match(text) {
		// The page shows the logo; an SVG able to run code there would run it on every debtor.
		if svgActiveRe.Match(text) {
			return "", errs.Invalid("file", "portal.svg_unsafe")
		}
		return "svg", nil
	}
	return "", errs.Invalid("file", "portal.send_png_jpeg_svg")
}

// LogoContentType is the media type of a stored logo, from its key.
func LogoContentType(key string) string {
	if t, ok := logoTypes[path.Ext(key)]; ok {
		return t
	}
	return "application/octet-stream"
}

// logoTypes are the media types of the logos' extensions.
var logoTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml"}

// SetLogo stores the page's logo (PNG, JPEG or SVG of at most 1 MB), replacing any earlier one.
func (s *Service) SetLogo(ctx context.Context, p auth.Principal, r io.Reader) (Settings, error) {
	if err := canAdmin(p); err != nil {
		return Settings{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxLogoSize+1))
	if err != nil {
		return Settings{}, err
	}
	ext, err := logoExt(data)
	if err != nil {
		return Settings{}, err
	}
	// A new key each time: pages cached with the old logo never show half of the new one.
	key := fmt.Sprintf("org/%s/portal/logo-%s.%s", p.OrganizationID, newID(), ext)
	if _, err := s.opts.Files.Put(ctx, key, bytes.NewReader(data)); err != nil {
		return Settings{}, err
	}
	st, err := s.replaceLogo(ctx, p, &key, ledger.JSON{"size": len(data), "format": ext})
	if err != nil {
		_ = s.opts.Files.Delete(ctx, key)
	}
	return st, err
}

// RemoveLogo takes the logo off the page.
func (s *Service) RemoveLogo(ctx context.Context, p auth.Principal) (Settings, error) {
	if err := canAdmin(p); err != nil {
		return Settings{}, err
	}
	return s.replaceLogo(ctx, p, nil, nil)
}

// replaceLogo points the settings at key (nil for none), then deletes the previous file.
func (s *Service) replaceLogo(ctx context.Context, p auth.Principal, key *string, data ledger.JSON) (Settings, error) {
	var st Settings
	var old *string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if st, err = LoadSettings(tx.Clauses(clause.Locking{Strength: "UPDATE"}), p.OrganizationID); err != nil {
			return err
		}
		old, st.LogoKey, st.UpdatedAt = st.LogoKey, key, s.opts.Now()
		if err := saveSettings(tx, st); err != nil {
			return err
		}
		kind := "portal_logo_changed"
		if key == nil {
			kind = "portal_logo_removed"
		}
		return record(tx, p, kind, nil, nil, data)
	})
	if err == nil && old != nil {
		if derr := s.opts.Files.Delete(ctx, *old); derr != nil {
			s.opts.Log.WarnContext(ctx, "portal: old logo left behind", "key", *old, "error", derr)
		}
	}
	return st, err
}

// OpenLogo returns an organisation's logo and its media type; the caller closes it.
func (s *Service) OpenLogo(ctx context.Context, org uuid.UUID) (io.ReadCloser, string, error) {
	st, err := LoadSettings(s.db.WithContext(ctx), org)
	if err != nil {
		return nil, "", err
	}
	f, err := s.openFile(ctx, st.LogoKey, ErrNoLogo)
	if err != nil {
		return nil, "", err
	}
	return f, LogoContentType(*st.LogoKey), nil
}

// openFile opens a stored file; none (no key, or gone from the store) is missing.
func (s *Service) openFile(ctx context.Context, key *string, missing error) (io.ReadCloser, error) {
	if key == nil {
		return nil, missing
	}
	f, err := s.opts.Files.Open(ctx, *key)
	if errors.Is(err, blob.ErrNotFound) {
		return nil, missing
	}
	return f, err
}
