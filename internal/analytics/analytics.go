// Package analytics computes the cockpit's figures (aging, DSO, CEI, collections) as the ledger
// stood at the end of any day, per currency, in set-based SQL over the allocation history. It
// owns no table: it reads the ledger and dunning through the views they publish
// (migrations/00012_domain_views.sql).
//
// As of a day D:
//   - an invoice counts once issued (issue_date ≤ D);
//   - a payment counts when received on or before D, a credit note when issued on or before D;
//     each through its allocations (whenever they were made). A reversal deletes the payment's
//     allocations (ledger.ReversePayment), so a reversed payment no longer counts on any day, even
//     before its reversal: the ledger keeps no trace of what it had settled;
//   - an invoice's balance at D is its total less what was allocated to it by such payments and
//     credit notes;
//   - a cancelled invoice counts nowhere, on any day (a cancellation voids the invoice: it was
//     never a sale); a written-off invoice counts as a sale and stays in receivables until the
//     day it was written off (closed_at, in the organisation's zone), then leaves them;
//   - an invoice due on D is not overdue; days late of an open invoice = D − due date.
package analytics

import (
	"context"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/zone"
)

// Aging buckets, by days past due at D.
const (
	BucketNotDue = "not_due"
	Bucket1To30  = "1_30"
	Bucket31To60 = "31_60"
	Bucket61To90 = "61_90"
	BucketOver90 = "over_90"
)

// Buckets lists the aging buckets in order.
var Buckets = []string{BucketNotDue, Bucket1To30, Bucket31To60, Bucket61To90, BucketOver90}

// MaxTrendMonths bounds a DSO trend.
const MaxTrendMonths = 36

// countbackMonths is how far back the countback walks before giving up (then every remaining
// receivable counts as older than that).
const countbackMonths = 60

// Service computes the figures.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService builds the service on the database; now is the clock (time.Now when nil).
func NewService(db *gorm.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, now: now}
}

// Query is what a figure is asked for: a day and a currency, both optional (the organisation's
// today and currency).
type Query struct {
	AsOf     *time.Time
	Currency string
}

// AgingBucket is the open balance of one aging bucket.
type AgingBucket struct {
	Bucket   string
	Cents    int64
	Invoices int64
}

// Summary is the cockpit's figures as of a day, in one currency. DSOs are in days, CEI in percent,
// both rounded to two decimals.
type Summary struct {
	AsOf             time.Time
	Currency         string
	ReceivablesCents int64
	OverdueCents     int64
	OpenInvoices     int64
	Aging            []AgingBucket
	DSOCountback     float64
	DSOSimple90      float64
	BestPossibleDSO  float64
	// AverageDaysDelinquent = DSOSimple90 − BestPossibleDSO: both over the same 90 days of sales,
	// so the difference is overdue receivables / sales of the 90 days × 90, never negative.
	AverageDaysDelinquent float64
	CEI90                 float64
	CollectedCents        int64
	PromisedCents         int64
	DisputedCents         int64
}

// TrendPoint is the DSO and receivables at one month end.
type TrendPoint struct {
	MonthEnd         time.Time
	DSOCountback     float64
	ReceivablesCents int64
	OverdueCents     int64
}

// Trend is the DSO at month ends, oldest first, the last one being AsOf.
type Trend struct {
	AsOf     time.Time
	Currency string
	Points   []TrendPoint
}

var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

// scope is the resolved query: organisation, day, currency, zone.
type scope struct {
	org      uuid.UUID
	day      time.Time // midnight UTC of the calendar day
	currency string
	tz       string
}

func (s *Service) resolve(ctx context.Context, p auth.Principal, q Query) (scope, error) {
	var org struct {
		Timezone string
		Currency string
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT timezone, currency FROM organization_profiles WHERE id = ?`,
		p.OrganizationID).Scan(&org).Error; err != nil {
		return scope{}, err
	}
	sc := scope{org: p.OrganizationID, currency: strings.TrimSpace(q.Currency), tz: org.Timezone}
	if sc.tz == "" {
		sc.tz = "UTC"
	}
	if sc.currency == "" {
		sc.currency = org.Currency
	}
	if !currencyRe.MatchString(sc.currency) {
		return scope{}, errs.Invalid("currency", "analytics.currency")
	}
	if q.AsOf != nil {
		sc.day = dateOf(*q.AsOf)
	} else {
		sc.day = dateOf(s.now().In(zone.Location(sc.tz)))
	}
	return sc, nil
}

// dateOf is the calendar day of t, as midnight UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func round2(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*100) / 100
}
