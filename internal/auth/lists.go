package auth

import (
	"context"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/page"
)

// fetch checks p's role, narrows query by narrow (a filter that may refuse its input) and reads
// the page the listing asks for.
func fetch[T any](p Principal, role Role, query *gorm.DB, q page.Query, l page.Listing,
	narrow func(*gorm.DB) (*gorm.DB, error)) (page.Result[T], error) {
	if err := require(p, role); err != nil {
		return page.Result[T]{}, err
	}
	if narrow != nil {
		var err error
		if query, err = narrow(query); err != nil {
			return page.Result[T]{}, err
		}
	}
	return page.List[T](query, q, l)
}

// withUserName selects the rows of table in p's organisation with the name of the user whose id
// is in column by, as by_name. table and by are this package's constants, never input.
func (s *Service) withUserName(ctx context.Context, p Principal, table, by string) *gorm.DB {
	return s.db.WithContext(ctx).Table(table).
		Select(table+".*, users.name AS "+by+"_name").
		Joins("LEFT JOIN users ON users.id = "+table+"."+by).
		Where(table+".organization_id = ?", p.OrganizationID)
}
