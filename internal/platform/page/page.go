// Package page holds the list parameters shared by every list endpoint: search, sort, limit and
// offset, and applies them to a GORM query with a whitelist of sortable columns.
package page

import (
	"strings"

	"github.com/relance/relance/internal/platform/errs"
	"gorm.io/gorm"
)

// Default and maximum page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Query is what a list request asks for.
type Query struct {
	Q      string // free-text search, interpreted by each store
	Sort   string // a column key, optionally prefixed by "-" for descending order
	Limit  int
	Offset int
}

// Result is one page of items with the total count that matches the filters.
type Result[T any] struct {
	Items []T
	Total int64
}

// Normalize clamps limit and offset to sane values.
func (q Query) Normalize() Query {
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	q.Q = strings.TrimSpace(q.Q)
	return q
}

// SortKey returns the sort key without its direction and whether it is descending.
func (q Query) SortKey() (string, bool) {
	return strings.TrimPrefix(q.Sort, "-"), strings.HasPrefix(q.Sort, "-")
}

// Like returns the pattern matching q.Q anywhere, with LIKE wildcards escaped.
func (q Query) Like() string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q.Q) + "%"
}

// Fetch counts the rows matching db, then loads one sorted page of them into a slice.
// columns maps the public sort keys to SQL expressions; def is the default order
// (an SQL fragment); a tie-breaker keeps pages stable.
func Fetch[T any](db *gorm.DB, q Query, columns map[string]string, def, tieBreak string) (Result[T], error) {
	q = q.Normalize()
	db = db.Session(&gorm.Session{}) // safe to reuse for the count and the page
	var res Result[T]
	if err := db.Count(&res.Total).Error; err != nil {
		return res, err
	}
	res.Items = []T{}
	err := db.Order(OrderOf(q, columns, def) + ", " + tieBreak).Limit(q.Limit).Offset(q.Offset).Find(&res.Items).Error
	return res, err
}

// OrderOf is the SQL order q asks for: its sort key's column (DESC when the key starts with "-"),
// or def when it names none of columns.
func OrderOf(q Query, columns map[string]string, def string) string {
	key, desc := q.SortKey()
	if columns[key] == "" {
		return def
	}
	if desc {
		return columns[key] + " DESC"
	}
	return columns[key]
}

// ValidSort reports whether sort is empty or names one of columns.
func ValidSort(sort string, columns map[string]string) bool {
	key := strings.TrimPrefix(sort, "-")
	return sort == "" || columns[key] != ""
}

// Listing is how one list is read: its sortable columns and the message key that names them, the
// condition a search adds (each ? takes the search's LIKE pattern), the default order and the
// tie-break.
type Listing struct {
	Sorts    map[string]string
	SortHint string
	Search   string
	Order    string
	TieBreak string
}

// List refuses a sort the listing does not know, narrows db to the search and reads one page.
func List[T any](db *gorm.DB, q Query, l Listing) (Result[T], error) {
	if !ValidSort(q.Sort, l.Sorts) {
		return Result[T]{}, errs.Invalid("sort", l.SortHint)
	}
	if q.Normalize().Q != "" && l.Search != "" {
		like := make([]any, strings.Count(l.Search, "?"))
		for i := range like {
			like[i] = q.Like()
		}
		db = db.Where(l.Search, like...)
	}
	return Fetch[T](db, q, l.Sorts, l.Order, l.TieBreak)
}
