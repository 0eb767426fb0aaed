package portal

// What other domains (payments) ask of the debtor page's rows inside their own transaction.

import (
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// PaymentMethodsOf lists the methods the organisation's page offers (its settings; card and SEPA
// debit when it has none).
func PaymentMethodsOf(tx *gorm.DB, org uuid.UUID) ([]string, error) {
	var list string
	if err := tx.Raw(`SELECT coalesce((SELECT array_to_string(payment_methods, ',') FROM portal_settings WHERE organization_id = ?),
		'card,sepa_debit')`, org).Scan(&list).Error; err != nil {
		return nil, err
	}
	return strings.Split(list, ","), nil
}

// LinkContact is the address a link was sent to ("" when none, or no such link).
func LinkContact(tx *gorm.DB, org, link uuid.UUID) (string, error) {
	var to string
	err := tx.Raw(`SELECT contact_email FROM portal_links WHERE organization_id = ? AND id = ?`, org, link).Scan(&to).Error
	return to, err
}

// ContactEmail is the address the page gives debtors to write to ("" when unset).
func ContactEmail(tx *gorm.DB, org uuid.UUID) (string, error) {
	var email string
	err := tx.Raw(`SELECT coalesce((SELECT contact_email FROM portal_settings WHERE organization_id = ?), '')`, org).
		Scan(&email).Error
	return email, err
}
