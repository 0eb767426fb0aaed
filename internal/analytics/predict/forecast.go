package predict

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/relance/relance/internal/platform/errs"
)

// ForecastWeeks is how many weeks a cash-in forecast covers.
const ForecastWeeks = 13

// Week is the cash expected in one week of a forecast.
type Week struct {
	Start, End time.Time // both included
	// Expected is the open balance of the invoices predicted to be settled in the week;
	// Early and Late the same with every invoice settled on its P10 and P90 date (the band).
	Expected, Early, Late int64
	// ByDueDate is the open balance due in the week (the overdue in the first).
	ByDueDate int64
	Invoices  int
}

// Forecast is the expected cash-in of the open invoices of one currency for the weeks after a
// day.
type Forecast struct {
	AsOf     time.Time
	Currency string
	Open     int64 // the open balance at the end of AsOf
	Weeks    []Week
	// Beyond is what is expected after the last week (by predicted, late and due date).
	Beyond, BeyondLate, BeyondByDueDate int64
}

var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

// CashForecast forecasts, week by week for ForecastWeeks weeks from the day after asOf, the
// cash-in of the organisation's invoices open at the end of asOf in currency (the
// organisation's when empty), from their predicted settlement dates, against their due dates.
func CashForecast(ctx context.Context, pool *pgxpool.Pool, org uuid.UUID, asOf time.Time, currency string) (Forecast, error) {
	if asOf.IsZero() {
		return Forecast{}, errs.Invalid("as_of", "predict.required_date")
	}
	if currency == "" {
		if err := pool.QueryRow(ctx, `SELECT currency FROM organization_profiles WHERE id = $1`, org).Scan(&currency); err != nil {
			return Forecast{}, fmt.Errorf("predict: read currency: %w", err)
		}
	}
	if !currencyRe.MatchString(currency) {
		return Forecast{}, errs.Invalid("currency", "predict.currency")
	}
	open, err := OpenInvoices(ctx, pool, org, uuid.Nil, asOf)
	if err != nil {
		return Forecast{}, err
	}
	return forecast(open, asOf, currency), nil
}

func forecast(open []OpenInvoice, asOf time.Time, currency string) Forecast {
	a := toDay(asOf)
	f := Forecast{AsOf: asOf, Currency: currency, Weeks: make([]Week, ForecastWeeks)}
	for i := range f.Weeks {
		f.Weeks[i].Start = (a + 1 + day(7*i)).time()
		f.Weeks[i].End = (a + day(7*(i+1))).time()
	}
	// week is the index of d's week (d before the first: the first), or -1 after the last.
	week := func(d day) int {
		if d <= a {
			return 0
		}
		if i := int(d-a-1) / 7; i < ForecastWeeks {
			return i
		}
		return -1
	}
	for _, o := range open {
		if o.Currency != currency || o.Balance <= 0 {
			continue
		}
		f.Open += o.Balance
		if i := week(toDay(o.Prediction.Date)); i >= 0 {
			f.Weeks[i].Expected += o.Balance
			f.Weeks[i].Invoices++
		} else {
			f.Beyond += o.Balance
		}
		if i := week(toDay(o.Prediction.P10)); i >= 0 {
			f.Weeks[i].Early += o.Balance
		}
		if i := week(toDay(o.Prediction.P90)); i >= 0 {
			f.Weeks[i].Late += o.Balance
		} else {
			f.BeyondLate += o.Balance
		}
		if i := week(toDay(o.Due)); i >= 0 {
			f.Weeks[i].ByDueDate += o.Balance
		} else {
			f.BeyondByDueDate += o.Balance
		}
	}
	return f
}
