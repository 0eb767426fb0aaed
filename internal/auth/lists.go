package auth

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// listing is how one of the organisation's lists is read: its sortable columns (and the message
// naming them), the condition a search adds (each ? takes the search's LIKE pattern), the
// default order and the tie-break.
type listing struct {
	sorts             map[string]string
	sortHint          string
	search            string
	order, tieBreaker string
}

// fetch checks p's role and the sort, narrows query to the search and by narrow (a filter that
// may refuse its input) and reads one page.
func fetch[T any](p Principal, role Role, query *gorm.DB, q page.Query, l listing,
	narrow func(*gorm.DB) (*gorm.DB, error)) (page.Result[T], error) {
	if err := require(p, role); err != nil {
		return page.Result[T]{}, err
	}
	if !page.ValidSort(q.Sort, l.sorts) {
		return page.Result[T]{}, errs.Invalid("sort", l.sortHint)
	}
	if q.Normalize().Q != "" {
		like := make([]any, strings.Count(l.search, "?"))
		for i := range like {
			like[i] = q.Like()
		}
		query = query.Where(l.search, like...)
	}
	if narrow != nil {
		var err error
		if query, err = narrow(query); err != nil {
			return page.Result[T]{}, err
		}
	}
	return page.Fetch[T](query, q, l.sorts, l.order, l.tieBreaker)
}

// withUserName selects the rows of table in p's organisation with the name of the user whose id
// is in column by, as by_name. table and by are this package's constants, never input.
func (s *Service) withUserName(ctx context.Context, p Principal, table, by string) *gorm.DB {
	return s.db.WithContext(ctx).Table(table).
		Select(table+".*, users.name AS "+by+"_name").
		Joins("LEFT JOIN users ON users.id = "+table+"."+by).
		Where(table+".organization_id = ?", p.OrganizationID)
}
