package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
)

// PasswordResetTTL is how long a password-reset link works.
const PasswordResetTTL = time.Hour

// ErrResetLinkInvalid is a reset link unknown, used or expired.
var ErrResetLinkInvalid = errs.Invalid("token", "auth.reset_link_invalid")

// passwordReset is a reset link as stored (never the token itself).
type passwordReset struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	TokenHash []byte
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
	IP        string
}

func (passwordReset) TableName() string { return "password_resets" }

// RequestPasswordReset emails a single-use link to choose a new password when email is an
// account's; otherwise it does nothing. The caller answers the same either way, so that the
// answer never tells whether an address has an account.
func (s *Service) RequestPasswordReset(ctx context.Context, email string, c Client) error {
	email = strings.TrimSpace(email)
	if !locale.ValidEmail(email) {
		return errs.Invalid("email", "common.email_invalid")
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		err := tx.Where("email = ?", email).Take(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		token := newSecret("rlp_")
		now := s.now()
		r := passwordReset{ID: newID(), UserID: u.ID, TokenHash: hashSecret(token), CreatedAt: now,
			ExpiresAt: now.Add(PasswordResetTTL), IP: c.IP}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		msg, err := s.passwordResetEmail(u, token)
		if err != nil {
			return err
		}
		return s.jobs.Enqueue(ctx, tx, mail.SendArgs{Message: msg})
	})
}

// ResetPassword sets a new password through a reset link: the link is used up (with every other
// link of the account), and every session of the account ends (its refresh tokens are revoked).
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	var v errs.Validation
	v.Check(strings.TrimSpace(token) != "", "token", "auth.reset_link_invalid")
	v.Check(len([]rune(password)) >= MinPasswordLength, "password", "auth.password_too_short", MinPasswordLength)
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r passwordReset
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashSecret(token)).Take(&r).Error
		now := s.now()
		if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && (r.UsedAt != nil || !now.Before(r.ExpiresAt))) {
			return ErrResetLinkInvalid
		} else if err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", r.UserID).
			Updates(map[string]any{"password_hash": hash, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, now, r.UserID).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, now, r.UserID).Error; err != nil {
			return err
		}
		// The owner's own failed tries no longer hold them back once they proved they get the
		// account's email (the account's count from everywhere stays: see throttle.go).
		return tx.Exec(`DELETE FROM login_failures WHERE starts_with(key, 'pair:' || lower((SELECT email FROM users WHERE id = ?)) || '|')`,
			r.UserID).Error
	})
}

// passwordResetEmail renders the reset email in the user's language. The token travels in the
// link's fragment (#token=…), which browsers never send to a server: it stays out of server
// logs and Referer headers.
func (s *Service) passwordResetEmail(u User, token string) (mail.Message, error) {
	lang := locale.Lang(u.Locale)
	return accountEmail(u.Email, "", copyIn(lang, "reset", nil, nil), lang, s.baseURL+"/reset-password#token="+token)
}
