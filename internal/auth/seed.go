package auth

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// EnsureOwner makes sure an organisation named orgName exists with email as its owner, creating
// what is missing, and returns the organisation. Used by the demo seed; safe to run again.
func (s *Service) EnsureOwner(ctx context.Context, orgName, name, email, password, locale string) (Organization, error) {
	var org Organization
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		err := tx.Where("email = ?", email).Take(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			hash, err := HashPassword(password)
			if err != nil {
				return err
			}
			u = User{ID: newID(), Email: email, Name: name, PasswordHash: hash, Locale: locale}
			if err := tx.Create(&u).Error; err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		err = tx.Joins("JOIN memberships m ON m.organization_id = organizations.id").
			Where("m.user_id = ? AND organizations.name = ?", u.ID, orgName).Take(&org).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			if org, err = createOrganization(tx, orgName, locale); err != nil {
				return err
			}
			return tx.Create(&Membership{OrganizationID: org.ID, UserID: u.ID, Role: RoleOwner}).Error
		}
		return err
	})
	return org, err
}
