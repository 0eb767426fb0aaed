package auth

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/platform/errs"
)

// Refresh exchanges a refresh token for a new pair; the old token stops working. Presenting a
// token that was already rotated revokes its whole family (someone copied it). With orgID, the
// new pair is for that organisation (switching), provided the user is a member.
func (s *Service) Refresh(ctx context.Context, token string, orgID *uuid.UUID, c Client) (Tokens, error) {
	var tokens Tokens
	var reused bool
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rt RefreshToken
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashSecret(token)).Take(&rt).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrBadRefreshToken
		} else if err != nil {
			return err
		}
		now := s.now()
		if rt.RevokedAt != nil {
			reused = rt.ReplacedBy != nil
			return ErrBadRefreshToken
		}
		if now.After(rt.ExpiresAt) {
			return ErrBadRefreshToken
		}
		target := rt.OrganizationID
		if orgID != nil {
			target = *orgID
		}
		var m Membership
		err = tx.Where("organization_id = ? AND user_id = ?", target, rt.UserID).Take(&m).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			if orgID != nil {
				return errs.ErrNotFound
			}
			return ErrBadRefreshToken
		} else if err != nil {
			return err
		}
		var next uuid.UUID
		tokens, next, err = s.issue(tx, rt.UserID, target, m.Role, rt.FamilyID, c)
		if err != nil {
			return err
		}
		if err := tx.Model(&rt).Updates(map[string]any{"revoked_at": now, "replaced_by": next}).Error; err != nil {
			return err
		}
		return tx.Model(&User{ID: rt.UserID}).Update("last_organization_id", target).Error
	})
	if reused {
		// Outside the failed transaction: a replayed token revokes every token of its family.
		if rerr := s.revokeFamilyOf(ctx, token); rerr != nil {
			return Tokens{}, rerr
		}
	}
	return tokens, err
}

func (s *Service) revokeFamilyOf(ctx context.Context, token string) error {
	return s.db.WithContext(ctx).Exec(`UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, ?)
		WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)`, s.now(), hashSecret(token)).Error
}

// Logout revokes the refresh token's whole family: that login is over on this device.
// An unknown token is not an error (logging out twice is fine).
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.revokeFamilyOf(ctx, token)
}

// Authenticate turns a bearer credential (access JWT or API key) into a Principal. The
// membership is re-read so that a removed member or a changed role takes effect at once.
func (s *Service) Authenticate(ctx context.Context, bearer string) (Principal, error) {
	if strings.HasPrefix(bearer, apiKeyPrefix) {
		return s.authenticateKey(ctx, bearer)
	}
	p, err := s.signer.parse(bearer, s.now())
	if err != nil {
		return Principal{}, ErrUnauthenticated
	}
	var m Membership
	err = s.db.WithContext(ctx).Where("organization_id = ? AND user_id = ?", p.OrganizationID, p.UserID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Principal{}, ErrUnauthenticated
	} else if err != nil {
		return Principal{}, err
	}
	p.Role = m.Role
	return p, nil
}

// Me describes the signed-in principal.
type Me struct {
	User         *User // nil for an API key
	Organization Organization
	Role         Role
	Memberships  []MembershipInfo
}

// MembershipInfo is one organisation the user belongs to.
type MembershipInfo struct {
	OrganizationID   uuid.UUID
	OrganizationName string
	Role             Role
}

// Me returns the principal's user, current organisation and all memberships.
func (s *Service) Me(ctx context.Context, p Principal) (Me, error) {
	db := s.db.WithContext(ctx)
	me := Me{Role: p.Role, Memberships: []MembershipInfo{}}
	if err := db.Take(&me.Organization, "id = ?", p.OrganizationID).Error; err != nil {
		return me, err
	}
	if !p.IsUser() {
		return me, nil
	}
	me.User = &User{}
	if err := db.Take(me.User, "id = ?", p.UserID).Error; err != nil {
		return me, err
	}
	err := db.Raw(`SELECT m.organization_id, o.name AS organization_name, m.role
		FROM memberships m JOIN organizations o ON o.id = m.organization_id
		WHERE m.user_id = ? ORDER BY o.name, o.id`, p.UserID).Scan(&me.Memberships).Error
	return me, err
}

// ProfileUpdate changes the signed-in user's own settings; nil fields stay as they are.
type ProfileUpdate struct {
	Name   *string
	Locale *string
}

// UpdateProfile applies u to the signed-in user.
func (s *Service) UpdateProfile(ctx context.Context, p Principal, u ProfileUpdate) error {
	if !p.IsUser() {
		return errs.ErrForbidden
	}
	var v errs.Validation
	changes := map[string]any{"updated_at": s.now()}
	if u.Name != nil {
		v.Check(strings.TrimSpace(*u.Name) != "", "name", "auth.enter_name")
		changes["name"] = strings.TrimSpace(*u.Name)
	}
	if u.Locale != nil {
		v.Check(*u.Locale == "fr" || *u.Locale == "en", "locale", "common.choose_fr_en")
		changes["locale"] = *u.Locale
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", p.UserID).Updates(changes).Error
}
