// Package money holds the bound every amount of Relance respects, so that no sum can overflow.
package money

// MaxCents is the largest amount Relance stores, in minor units: 10¹³ cents (a hundred billion
// euros). A sum of 900,000 such amounts still fits in an int64, so balances, totals and
// statements add up without overflow. The database holds the same bound (migration 00045).
const MaxCents int64 = 10_000_000_000_000

// TooLarge is the message key for an amount past MaxCents (or below -MaxCents); its value is MaxCents.
const TooLarge = "money.too_large"

// InBounds reports whether cents lies within ±MaxCents.
func InBounds(cents int64) bool { return cents >= -MaxCents && cents <= MaxCents }
