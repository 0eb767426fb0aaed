package ledger

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// ContactInput is every editable field of a contact.
type ContactInput struct {
	Name              string
	Role              string
	Email             string
	Phone             string
	PreferredChannel  string
	ReceivesReminders bool
}

func (in *ContactInput) validate(region string) error {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.TrimSpace(in.Email)
	if in.Role == "" {
		in.Role = "accounting"
	}
	if in.PreferredChannel == "" {
		in.PreferredChannel = "email"
	}
	var v errs.Validation
	v.Check(in.Name != "" || in.Email != "" || in.Phone != "", "name", "ledger.contact_empty")
	v.Check(oneOf(in.Role, ContactRoles), "role", "ledger.choose_accounting_sales_billing")
	v.Check(oneOf(in.PreferredChannel, ContactChannels), "preferred_channel", "ledger.choose_email_sms_letter")
	v.Check(in.Email == "" || locale.ValidEmail(in.Email), "email", "common.email_invalid")
	phone, ok := NormalizePhone(in.Phone, region)
	v.Check(ok, "phone", "common.phone_invalid")
	in.Phone = phone
	v.Check(in.PreferredChannel != "email" || in.Email != "", "email", "ledger.email_needed")
	v.Check(in.PreferredChannel != "sms" && in.PreferredChannel != "phone" || in.Phone != "", "phone", "ledger.phone_needed")
	return v.Err()
}

func phoneRegion(c Customer) string {
	if len(c.BillingAddress.Country) == 2 {
		return c.BillingAddress.Country
	}
	return "FR"
}

// AddContact adds a contact to a customer.
func (s *Service) AddContact(ctx context.Context, p auth.Principal, customerID uuid.UUID, in ContactInput) (Contact, error) {
	var k Contact
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		c, err := s.customerOf(tx, p, customerID)
		if err != nil {
			return err
		}
		if err := in.validate(phoneRegion(c)); err != nil {
			return err
		}
		k = Contact{ID: newID(), OrganizationID: p.OrganizationID, CustomerID: customerID}
		in.apply(&k)
		if err := tx.Create(&k).Error; err != nil {
			return err
		}
		return contactChanged(tx, p, "contact.added", k)
	})
	return k, err
}

func (in ContactInput) apply(k *Contact) {
	k.Name, k.Role, k.Email, k.Phone = in.Name, in.Role, in.Email, in.Phone
	k.PreferredChannel, k.ReceivesReminders = in.PreferredChannel, in.ReceivesReminders
}

// UpdateContact replaces a contact's fields.
func (s *Service) UpdateContact(ctx context.Context, p auth.Principal, customerID, id uuid.UUID, in ContactInput) (Contact, error) {
	var k Contact
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		c, err := s.customerOf(tx, p, customerID)
		if err != nil {
			return err
		}
		if k, err = contactOf(tx, p, customerID, id); err != nil {
			return err
		}
		if err := in.validate(phoneRegion(c)); err != nil {
			return err
		}
		in.apply(&k)
		k.UpdatedAt = s.now()
		if err := tx.Select("*").Omit("created_at").Save(&k).Error; err != nil {
			return err
		}
		return contactChanged(tx, p, "contact.updated", k)
	})
	return k, err
}

// DeleteContact removes a contact.
func (s *Service) DeleteContact(ctx context.Context, p auth.Principal, customerID, id uuid.UUID) error {
	return s.write(ctx, p, func(tx *gorm.DB) error {
		k, err := contactOf(tx, p, customerID, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&k).Error; err != nil {
			return err
		}
		return contactChanged(tx, p, "contact.removed", k)
	})
}

// Contacts lists a customer's contacts.
func (s *Service) Contacts(ctx context.Context, p auth.Principal, customerID uuid.UUID) ([]Contact, error) {
	db := s.db.WithContext(ctx)
	if _, err := s.customerOf(db, p, customerID); err != nil {
		return nil, err
	}
	return contactsOf(db, p.OrganizationID, customerID)
}

// contactsOf lists a customer's contacts, oldest first.
func contactsOf(db *gorm.DB, org, customerID uuid.UUID) ([]Contact, error) {
	out := []Contact{}
	err := db.Where("organization_id = ? AND customer_id = ?", org, customerID).Order("created_at, id").Find(&out).Error
	return out, err
}

// contactOf loads a contact of a customer of p's organisation (404 otherwise).
func contactOf(db *gorm.DB, p auth.Principal, customerID, id uuid.UUID) (Contact, error) {
	var k Contact
	err := db.Where("organization_id = ? AND customer_id = ? AND id = ?", p.OrganizationID, customerID, id).Take(&k).Error
	return k, notFound(err)
}

// contactChanged refreshes the data-quality flags of k's customer and records kind on its timeline.
func contactChanged(tx *gorm.DB, p auth.Principal, kind string, k Contact) error {
	return customerChanged(tx, p, k.CustomerID, kind, JSON{"name": k.Name, "email": k.Email})
}

// customerOf loads a customer of p's organisation (404 otherwise).
func (s *Service) customerOf(db *gorm.DB, p auth.Principal, id uuid.UUID) (Customer, error) {
	var c Customer
	err := db.Where("organization_id = ? AND id = ?", p.OrganizationID, id).Take(&c).Error
	return c, notFound(err)
}
