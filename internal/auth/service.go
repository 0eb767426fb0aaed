package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/locale"
)

// Service is the auth domain's entry point.
type Service struct {
	db      *gorm.DB
	jobs    *jobs.Queue
	signer  signer
	baseURL string
	now     func() time.Time
}

// Options configure a Service.
type Options struct {
	DB      *gorm.DB
	Jobs    *jobs.Queue // enqueues invitation emails
	Secret  string      // RELANCE_SECRET_KEY
	BaseURL string      // RELANCE_BASE_URL, for links in emails
	Now     func() time.Time
}

// NewService builds the auth service.
func NewService(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Service{db: o.DB, jobs: o.Jobs, signer: newSigner(o.Secret), baseURL: strings.TrimRight(o.BaseURL, "/"), now: o.Now}
	jobs.AddWorker(o.Jobs, &cleanupWorker{s: s})
	o.Jobs.Every("auth.cleanup", time.Hour, func() river.JobArgs { return CleanupArgs{} })
	return s
}

// Tokens is what a successful sign-in returns.
type Tokens struct {
	AccessToken    string
	RefreshToken   string
	ExpiresIn      int // seconds
	OrganizationID uuid.UUID
}

// Client describes where a request comes from, for throttling and the session list.
type Client struct {
	IP        string
	UserAgent string
}

// SignupInput creates an organisation and its owner.
type SignupInput struct {
	OrganizationName string
	Name             string
	Email            string
	Password         string
	Locale           string
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

func validateAccount(v *errs.Validation, name, email, password, lang string) {
	v.Check(strings.TrimSpace(name) != "", "name", "auth.enter_name")
	v.Check(locale.ValidEmail(email), "email", "common.email_invalid")
	v.Check(len([]rune(password)) >= MinPasswordLength, "password", "auth.password_too_short", MinPasswordLength)
	v.Check(lang == "" || lang == "fr" || lang == "en", "locale", "common.choose_fr_en")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Signup creates an organisation, its owner, and signs the owner in.
func (s *Service) Signup(ctx context.Context, in SignupInput, c Client) (Tokens, error) {
	var v errs.Validation
	v.Check(strings.TrimSpace(in.OrganizationName) != "", "organization_name", "auth.enter_organisation_name")
	v.Check(len([]rune(strings.TrimSpace(in.OrganizationName))) <= 200, "organization_name", "common.at_most_chars", 200)
	validateAccount(&v, in.Name, in.Email, in.Password, in.Locale)
	if err := v.Err(); err != nil {
		return Tokens{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Tokens{}, err
	}
	var tokens Tokens
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		org, err := createOrganization(tx, in.OrganizationName, orDefault(in.Locale, "fr"))
		if err != nil {
			return err
		}
		u := User{ID: newID(), Email: strings.TrimSpace(in.Email), Name: strings.TrimSpace(in.Name),
			PasswordHash: hash, Locale: orDefault(in.Locale, "fr"), LastOrganizationID: &org.ID}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&u)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrEmailTaken
		}
		if err := tx.Create(&Membership{OrganizationID: org.ID, UserID: u.ID, Role: RoleOwner}).Error; err != nil {
			return err
		}
		tokens, err = s.startSession(tx, u.ID, org.ID, RoleOwner, c)
		return err
	})
	return tokens, err
}

func createOrganization(tx *gorm.DB, name, locale string) (Organization, error) {
	org := Organization{ID: newID(), Name: strings.TrimSpace(name), Locale: locale,
		Timezone: "Europe/Paris", Currency: "EUR", Country: "FR"}
	return org, tx.Create(&org).Error
}

// Login checks the credentials and opens a session in the organisation the user used last.
func (s *Service) Login(ctx context.Context, email, password string, c Client) (Tokens, error) {
	email = strings.TrimSpace(email)
	db := s.db.WithContext(ctx)
	if err := s.checkThrottle(db, email, c.IP); err != nil {
		return Tokens{}, err
	}
	var u User
	err := db.Where("email = ?", email).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_, _ = CheckPassword(dummyHash, password)
		return Tokens{}, s.recordFailure(db, email, c.IP)
	} else if err != nil {
		return Tokens{}, err
	}
	if ok, err := CheckPassword(u.PasswordHash, password); err != nil {
		return Tokens{}, err
	} else if !ok {
		return Tokens{}, s.recordFailure(db, email, c.IP)
	}
	m, err := s.defaultMembership(db, u)
	if err != nil {
		return Tokens{}, err
	}
	var tokens Tokens
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := s.clearFailures(tx, email, c.IP); err != nil {
			return err
		}
		if err := tx.Model(&u).Update("last_login_at", s.now()).Error; err != nil {
			return err
		}
		tokens, err = s.startSession(tx, u.ID, m.OrganizationID, m.Role, c)
		return err
	})
	return tokens, err
}

// defaultMembership is the organisation the user used last, or else the one they joined first.
func (s *Service) defaultMembership(db *gorm.DB, u User) (Membership, error) {
	var m Membership
	q := db.Where("user_id = ?", u.ID)
	if u.LastOrganizationID != nil {
		q = q.Order(clause.OrderBy{Expression: clause.Expr{SQL: "organization_id = ? DESC", Vars: []any{*u.LastOrganizationID}}})
	}
	q = q.Order("created_at, organization_id")
	err := q.Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return m, ErrNoOrganization
	}
	return m, err
}

// startSession issues an access token and the first refresh token of a new family.
func (s *Service) startSession(tx *gorm.DB, userID, orgID uuid.UUID, role Role, c Client) (Tokens, error) {
	t, _, err := s.issue(tx, userID, orgID, role, newID(), c)
	return t, err
}

// issue creates an access token and a refresh token in family; it returns the refresh token's id.
func (s *Service) issue(tx *gorm.DB, userID, orgID uuid.UUID, role Role, family uuid.UUID, c Client) (Tokens, uuid.UUID, error) {
	now := s.now()
	access, err := s.signer.issue(Principal{OrganizationID: orgID, UserID: userID, Role: role}, now)
	if err != nil {
		return Tokens{}, uuid.Nil, err
	}
	refresh := newSecret("rlr_")
	rt := RefreshToken{ID: newID(), OrganizationID: orgID, UserID: userID, FamilyID: family,
		TokenHash: hashSecret(refresh), ExpiresAt: now.Add(RefreshTTL), UserAgent: truncate(c.UserAgent, 300), IP: c.IP}
	if err := tx.Create(&rt).Error; err != nil {
		return Tokens{}, uuid.Nil, err
	}
	return Tokens{AccessToken: access, RefreshToken: refresh, ExpiresIn: int(AccessTTL.Seconds()), OrganizationID: orgID}, rt.ID, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
