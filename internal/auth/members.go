package auth

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// Member is a user seen from one organisation.
type Member struct {
	UserID    uuid.UUID
	Email     string
	Name      string
	Role      Role
	CreatedAt time.Time
}

var memberList = page.Listing{
	Sorts: map[string]string{"name": "users.name", "email": "users.email", "role": "memberships.role",
		"created_at": "memberships.created_at"},
	SortHint: "auth.sort_name_email_role",
	Search:   "users.name ILIKE ? OR users.email ILIKE ?",
	Order:    "users.name", TieBreak: "memberships.user_id",
}

func (s *Service) membersQuery(ctx context.Context, p Principal) *gorm.DB {
	return s.db.WithContext(ctx).Table("memberships").
		Select("memberships.user_id, users.email, users.name, memberships.role, memberships.created_at").
		Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.organization_id = ?", p.OrganizationID)
}

// ListMembers lists the people of p's organisation. Collectors see it too: they choose the
// internal owners of customers among them.
func (s *Service) ListMembers(ctx context.Context, p Principal, q page.Query) (page.Result[Member], error) {
	return fetch[Member](p, RoleCollector, s.membersQuery(ctx, p), q, memberList, nil)
}

func (s *Service) member(db *gorm.DB, orgID, userID uuid.UUID) (Member, error) {
	return page.One[Member](db.Table("memberships").
		Select("memberships.user_id, users.email, users.name, memberships.role, memberships.created_at").
		Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.organization_id = ? AND memberships.user_id = ?", orgID, userID).
		Clauses(clause.Locking{Strength: "UPDATE", Table: clause.Table{Name: "memberships"}}), errs.ErrNotFound)
}

// ChangeRole gives a member another role. Only an owner grants or takes away the owner role,
// and the last owner stays owner.
func (s *Service) ChangeRole(ctx context.Context, p Principal, userID uuid.UUID, role Role) (Member, error) {
	if err := require(p, RoleAdmin); err != nil {
		return Member{}, err
	}
	if !role.Valid() {
		return Member{}, errs.Invalid("role", "auth.choose_role")
	}
	var m Member
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if m, err = s.member(tx, p.OrganizationID, userID); err != nil {
			return err
		}
		if (m.Role == RoleOwner || role == RoleOwner) && p.Role != RoleOwner {
			return errs.ErrForbidden
		}
		if m.Role == RoleOwner && role != RoleOwner {
			if err := s.keepAnOwner(tx, p.OrganizationID); err != nil {
				return err
			}
		}
		m.Role = role
		return tx.Model(&Membership{}).Where("organization_id = ? AND user_id = ?", p.OrganizationID, userID).
			Update("role", role).Error
	})
	return m, err
}

// RemoveMember takes a user out of the organisation and ends their sessions there.
func (s *Service) RemoveMember(ctx context.Context, p Principal, userID uuid.UUID) error {
	if err := require(p, RoleAdmin); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := s.member(tx, p.OrganizationID, userID)
		if err != nil {
			return err
		}
		if m.Role == RoleOwner {
			if p.Role != RoleOwner {
				return errs.ErrForbidden
			}
			if err := s.keepAnOwner(tx, p.OrganizationID); err != nil {
				return err
			}
		}
		// Refresh tokens go with the membership (ON DELETE CASCADE).
		return tx.Where("organization_id = ? AND user_id = ?", p.OrganizationID, userID).Delete(&Membership{}).Error
	})
}

// keepAnOwner fails when the organisation has only one owner, the one about to go.
func (s *Service) keepAnOwner(tx *gorm.DB, orgID uuid.UUID) error {
	var owners []Membership
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("organization_id = ? AND role = ?", orgID, RoleOwner).Find(&owners).Error
	if err != nil {
		return err
	}
	if len(owners) <= 1 {
		return ErrLastOwner
	}
	return nil
}
