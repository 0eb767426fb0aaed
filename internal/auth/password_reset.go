package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/mail"
)

// PasswordResetTTL is how long a password-reset link works.
const PasswordResetTTL = time.Hour

// ErrResetLinkInvalid is a reset link unknown, used or expired.
var ErrResetLinkInvalid = errs.Invalid("token", "This link is invalid, expired or already used. Ask for a new one.")

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
	if !validEmail(email) {
		return errs.Invalid("email", "Enter a valid email address.")
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
	v.Check(strings.TrimSpace(token) != "", "token", "This link is invalid, expired or already used. Ask for a new one.")
	v.Check(len([]rune(password)) >= MinPasswordLength, "password", fmt.Sprintf("Use at least %d characters.", MinPasswordLength))
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

type resetCopy = invitationCopy

var resetCopies = map[string]resetCopy{
	"fr": {
		Subject: "Choisissez un nouveau mot de passe Relance",
		Title:   "Nouveau mot de passe",
		Body:    "Quelqu'un (sans doute vous) a demandé à changer le mot de passe de votre compte Relance. Le lien ci-dessous permet de choisir un nouveau mot de passe ; il ne sert qu'une fois.",
		Button:  "Choisir un nouveau mot de passe",
		Expiry:  "Ce lien est valable une heure. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
	},
	"en": {
		Subject: "Choose a new Relance password",
		Title:   "New password",
		Body:    "Someone (probably you) asked to change the password of your Relance account. The link below lets you choose a new password; it works once.",
		Button:  "Choose a new password",
		Expiry:  "This link works for one hour. If you did not ask for it, ignore this message: your password stays the same.",
	},
}

// passwordResetEmail renders the reset email in the user's language. The token travels in the
// link's fragment (#token=…), which browsers never send to a server: it stays out of server
// logs and Referer headers.
func (s *Service) passwordResetEmail(u User, token string) (mail.Message, error) {
	lang := u.Locale
	if _, ok := resetCopies[lang]; !ok {
		lang = "fr"
	}
	return accountEmail(u.Email, "", resetCopies[lang], lang, s.baseURL+"/reset-password#token="+token)
}
