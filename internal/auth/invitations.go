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
	"github.com/relance/relance/internal/platform/page"
)

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

// InvitationView is an invitation as listed, with the inviter's name and its status.
type InvitationView struct {
	Invitation
	InvitedByName *string
}

var invitationList = page.Listing{
	Sorts: map[string]string{"email": "invitations.email", "role": "invitations.role", "created_at": "invitations.created_at",
		"expires_at": "invitations.expires_at", "status": invitationStatusSQL},
	SortHint: "auth.sort_email_role_status",
	Search:   "invitations.email ILIKE ?",
	Order:    "invitations.created_at DESC", TieBreak: "invitations.id",
}

// invitationStatusSQL computes Invitation.Status in SQL, for sorting.
const invitationStatusSQL = `(CASE WHEN invitations.accepted_at IS NOT NULL THEN 'accepted'
	WHEN invitations.revoked_at IS NOT NULL THEN 'revoked' WHEN invitations.expires_at < now() THEN 'expired'
	ELSE 'pending' END)`

// Invite asks email to join p's organisation with role and emails them a link. Earlier pending
// invitations of the same address are revoked, so only the newest link works.
func (s *Service) Invite(ctx context.Context, p Principal, email string, role Role) (InvitationView, error) {
	if err := require(p, RoleAdmin); err != nil {
		return InvitationView{}, err
	}
	email = strings.TrimSpace(email)
	var v errs.Validation
	v.Check(locale.ValidEmail(email), "email", "common.email_invalid")
	v.Check(role.Valid(), "role", "auth.choose_role")
	if err := v.Err(); err != nil {
		return InvitationView{}, err
	}
	if role == RoleOwner && p.Role != RoleOwner {
		return InvitationView{}, errs.ErrForbidden
	}
	token := newSecret("rli_")
	now := s.now()
	inv := Invitation{ID: newID(), OrganizationID: p.OrganizationID, Email: email, Role: role,
		TokenHash: hashSecret(token), CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	if p.IsUser() {
		inv.InvitedBy = &p.UserID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var members int64
		err := tx.Table("memberships").Joins("JOIN users ON users.id = memberships.user_id").
			Where("memberships.organization_id = ? AND users.email = ?", p.OrganizationID, email).Count(&members).Error
		if err != nil {
			return err
		}
		if members > 0 {
			return ErrAlreadyMember
		}
		err = tx.Model(&Invitation{}).
			Where("organization_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL", p.OrganizationID, email).
			Update("revoked_at", now).Error
		if err != nil {
			return err
		}
		if err := tx.Create(&inv).Error; err != nil {
			return err
		}
		msg, err := s.invitationEmail(tx, p, inv, token)
		if err != nil {
			return err
		}
		return s.jobs.Enqueue(ctx, tx, mail.SendArgs{Message: msg})
	})
	if err != nil {
		return InvitationView{}, err
	}
	return s.invitation(ctx, p, inv.ID)
}

func (s *Service) invitationsQuery(ctx context.Context, p Principal) *gorm.DB {
	return s.withUserName(ctx, p, "invitations", "invited_by")
}

func (s *Service) invitation(ctx context.Context, p Principal, id uuid.UUID) (InvitationView, error) {
	return page.One[InvitationView](s.invitationsQuery(ctx, p).Where("invitations.id = ?", id), errs.ErrNotFound)
}

// ListInvitations lists the organisation's invitations; status filters on pending, accepted,
// revoked or expired.
func (s *Service) ListInvitations(ctx context.Context, p Principal, q page.Query, status string) (page.Result[InvitationView], error) {
	now := s.now()
	return fetch[InvitationView](p, RoleAdmin, s.invitationsQuery(ctx, p), q, invitationList, func(db *gorm.DB) (*gorm.DB, error) {
		switch status {
		case "":
			return db, nil
		case "pending":
			return db.Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at >= ?", now), nil
		case "accepted":
			return db.Where("accepted_at IS NOT NULL"), nil
		case "revoked":
			return db.Where("accepted_at IS NULL AND revoked_at IS NOT NULL"), nil
		case "expired":
			return db.Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at < ?", now), nil
		}
		return nil, errs.Invalid("status", "auth.filter_invitation_status")
	})
}

// RevokeInvitation makes a pending invitation's link stop working.
func (s *Service) RevokeInvitation(ctx context.Context, p Principal, id uuid.UUID) error {
	return s.revoke(ctx, p, &Invitation{}, id)
}

// InvitationInfo is what the invitee sees before accepting.
type InvitationInfo struct {
	OrganizationName string
	Email            string
	Role             Role
	UserExists       bool
	ExpiresAt        time.Time
}

// withInvitation runs f in a transaction on the usable invitation of token, locked.
func (s *Service) withInvitation(ctx context.Context, token string, f func(tx *gorm.DB, inv Invitation) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		inv, err := s.openInvitation(tx, token)
		if err != nil {
			return err
		}
		return f(tx, inv)
	})
}

// openInvitation finds a usable invitation by its token, locking it when tx is a transaction.
func (s *Service) openInvitation(tx *gorm.DB, token string) (Invitation, error) {
	var inv Invitation
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashSecret(token)).Take(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return inv, errs.ErrNotFound
	} else if err != nil {
		return inv, err
	}
	if inv.Status(s.now()) != "pending" {
		return inv, ErrInvitationClosed
	}
	return inv, nil
}

// LookupInvitation tells the invitee which organisation invites them and whether they already
// have an account.
func (s *Service) LookupInvitation(ctx context.Context, token string) (InvitationInfo, error) {
	var info InvitationInfo
	err := s.withInvitation(ctx, token, func(tx *gorm.DB, inv Invitation) error {
		var org Organization
		if err := tx.Take(&org, "id = ?", inv.OrganizationID).Error; err != nil {
			return err
		}
		var users int64
		if err := tx.Model(&User{}).Where("email = ?", inv.Email).Count(&users).Error; err != nil {
			return err
		}
		info = InvitationInfo{OrganizationName: org.Name, Email: inv.Email, Role: inv.Role, UserExists: users > 0, ExpiresAt: inv.ExpiresAt}
		return nil
	})
	return info, err
}

// AcceptInvitation makes the invitee a member and signs them in. A new person chooses a name
// and password; someone who already has an account confirms with their password.
func (s *Service) AcceptInvitation(ctx context.Context, token, name, password string, c Client) (Tokens, error) {
	var tokens Tokens
	err := s.withInvitation(ctx, token, func(tx *gorm.DB, inv Invitation) error {
		var u User
		err := tx.Where("email = ?", inv.Email).Take(&u).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if u, err = s.newInvitedUser(tx, inv, name, password); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if ok, err := CheckPassword(u.PasswordHash, password); err != nil {
				return err
			} else if !ok {
				return errs.Invalid("password", "auth.wrong_existing_password")
			}
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).
			Create(&Membership{OrganizationID: inv.OrganizationID, UserID: u.ID, Role: inv.Role})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrAlreadyMember
		}
		if err := tx.Model(&inv).Update("accepted_at", s.now()).Error; err != nil {
			return err
		}
		if err := tx.Model(&u).Update("last_organization_id", inv.OrganizationID).Error; err != nil {
			return err
		}
		tokens, err = s.startSession(tx, u.ID, inv.OrganizationID, inv.Role, c)
		return err
	})
	return tokens, err
}

func (s *Service) newInvitedUser(tx *gorm.DB, inv Invitation, name, password string) (User, error) {
	var v errs.Validation
	validateAccount(&v, name, inv.Email, password, "")
	if err := v.Err(); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return User{}, err
	}
	var org Organization
	if err := tx.Take(&org, "id = ?", inv.OrganizationID).Error; err != nil {
		return User{}, err
	}
	u := User{ID: newID(), Email: inv.Email, Name: strings.TrimSpace(name), PasswordHash: hash, Locale: org.Locale}
	return u, tx.Create(&u).Error
}
