// Package penalty computes French B2B late-payment penalties: interest
// (Code de commerce L441-10) plus the fixed recovery indemnity (D441-5).
//
// Amounts are integer cents and rates exact decimals: the figures end up on a
// penalty invoice and in reminder letters, so they must be reproducible to
// the cent by anyone redoing the sum by hand.
package penalty

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// ErrContractBelowFloor is returned when a contractual rate is below the legal
// floor of three times the legal interest rate.
var ErrContractBelowFloor = errors.New("penalty: contractual rate below 3 × legal rate")

var (
	ecbMargin   = decimal.NewFromInt(10)    // L441-10: ECB refinancing rate + 10 points
	floorRatio  = decimal.NewFromInt(3)     // L441-10: never below 3 × the legal rate
	percentYear = decimal.NewFromInt(36500) // rate is a percentage (/100) per 365-day year
)

// Rates holds the annual percentages (12.15 means 12.15 %) that decide the
// penalty rate.
type Rates struct {
	// ECB is the ECB main refinancing rate of the relevant half-year.
	ECB decimal.Decimal
	// Legal is the French legal interest rate (taux d'intérêt légal).
	Legal decimal.Decimal
	// Contract is the rate agreed in the terms of sale; zero means none.
	Contract decimal.Decimal
}

// Effective returns the annual percentage to apply: Contract when set (an
// error if below 3 × Legal), otherwise max(ECB + 10, 3 × Legal).
func (r Rates) Effective() (decimal.Decimal, error) {
	floor := r.Legal.Mul(floorRatio)
	if !r.Contract.IsZero() {
		// A contract may pick any rate at or above the floor, even one below
		// ECB + 10: the ECB rule only applies when the contract is silent.
		if r.Contract.LessThan(floor) {
			return decimal.Zero, fmt.Errorf("%w: %s %% < 3 × %s %% = %s %%",
				ErrContractBelowFloor, r.Contract, r.Legal, floor)
		}
		return r.Contract, nil
	}
	return decimal.Max(r.ECB.Add(ecbMargin), floor), nil
}

// Breakdown is the penalty owed on one invoice (or several, see Sum).
type Breakdown struct {
	// DaysLate counts calendar days from the due date (excluded) to the as-of
	// date (included).
	DaysLate int
	// InterestCents is the late-payment interest, rounded once to the cent.
	InterestCents int64
	// IndemnityCents is the fixed recovery indemnity (D441-5, 40 €).
	IndemnityCents int64
	// TotalCents is InterestCents + IndemnityCents.
	TotalCents int64
	// Rate is the annual percentage the interest was computed with.
	Rate decimal.Decimal
}

// Compute returns the penalty on balanceCents unpaid since due, as of asOf,
// at ratePercent a year plus indemnityCents; nothing when not late or
// nothing is owed.
func Compute(balanceCents int64, due, asOf time.Time, ratePercent decimal.Decimal, indemnityCents int64) Breakdown {
	days := daysBetween(due, asOf)
	// A credit balance or an invoice not yet late owes nothing, not even the
	// indemnity: it is due only once payment is actually late.
	if days <= 0 || balanceCents <= 0 {
		return Breakdown{}
	}

	// balance × rate/100 × days/365 as one exact product divided once:
	// rounding per day or per step would drift by up to a cent per step, and
	// Div would truncate at 16 digits. DivRound rounds the exact quotient
	// half away from zero. The year is always 365 days, leap years included
	// (docs/dunning.md), so a given delay costs the same whatever the year.
	numerator := decimal.NewFromInt(balanceCents).Mul(ratePercent).Mul(decimal.NewFromInt(int64(days)))
	interest := numerator.DivRound(percentYear, 0).IntPart()

	return Breakdown{
		DaysLate:       days,
		InterestCents:  interest,
		IndemnityCents: indemnityCents,
		TotalCents:     interest + indemnityCents,
		Rate:           ratePercent,
	}
}

// Sum adds up several breakdowns (e.g. one per invoice of a reminder);
// DaysLate is the largest, Rate the common rate or zero when they differ.
func Sum(bs []Breakdown) Breakdown {
	var out Breakdown
	rateSet, mixed := false, false
	for _, b := range bs {
		out.DaysLate = max(out.DaysLate, b.DaysLate)
		out.InterestCents += b.InterestCents
		out.IndemnityCents += b.IndemnityCents
		out.TotalCents += b.TotalCents
		// Empty breakdowns (invoices not late) carry no rate and must not make
		// the rate look mixed.
		if b.DaysLate == 0 {
			continue
		}
		switch {
		case !rateSet:
			out.Rate, rateSet = b.Rate, true
		case !out.Rate.Equal(b.Rate):
			mixed = true
		}
	}
	if mixed {
		// No single rate describes the total; showing one would mislead.
		out.Rate = decimal.Zero
	}
	return out
}

// daysBetween counts calendar days from a's date to b's date, each read in
// its own location.
func daysBetween(a, b time.Time) int {
	// Rebuild both dates at UTC midnight: UTC days are all 24h long, so the
	// division is exact, whereas b.Sub(a) across a DST change is 23h or 25h
	// per day and would lose or gain a day.
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	ua := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	ub := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua) / (24 * time.Hour))
}
