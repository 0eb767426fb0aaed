package page

import (
	"errors"

	"gorm.io/gorm"
)

// One reads the single row query finds, as Fetch reads a page of them; none is missing (the
// caller's not-found error).
func One[T any](query *gorm.DB, missing error) (T, error) {
	var v T
	err := query.Take(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return v, missing
	}
	return v, err
}
