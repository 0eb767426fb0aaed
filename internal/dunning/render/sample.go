package render

import "time"

// sampleRateBasisPoints is the sample's annual interest rate (ECB 2.15 % + 10 points).
const sampleRateBasisPoints = 1215

// sampleDaysLate is how late the two sample invoices are at each stage (negative: not yet due).
var sampleDaysLate = map[string][2]int{
	"preventive":    {-15, -22},
	"reminder":      {20, 5},
	"formal_notice": {32, 17},
	"amicable":      {62, 47},
	"legal":         {122, 107},
}

// Sample is realistic data for previews without a customer: two late invoices, one partly
// paid, penalties as of today, a debtor link and a signature.
func Sample(language string) Data { return SampleFor(language, "reminder") }

// SampleFor is Sample with invoices as late as a step of that stage would find them (not yet
// due for a preventive step).
func SampleFor(language, stage string) Data {
	late, ok := sampleDaysLate[stage]
	if !ok {
		stage, late = "reminder", sampleDaysLate["reminder"]
	}
	lang := normalizeLanguage(language)
	today := time.Now().UTC().Truncate(24 * time.Hour)
	d := Data{
		Language:         lang,
		Stage:            stage,
		OrganizationName: "Menuiserie Bertin SAS",
		CustomerName:     "Boulangeries Vasseur SARL",
		ContactName:      "Sophie Vasseur",
		Signature:        "Julie Moreau\nComptabilité clients, Menuiserie Bertin\n01 84 60 12 34",
		Currency:         "EUR",
		ShowPenalties:    true,
		InterestRate:     "12.15",
		DebtorLink:       "https://pay.example.com/p/3f9c2a7e1b",
		Transparency:     true,
		Today:            today,
	}
	if lang == "en" {
		d.CustomerName, d.ContactName = "Northwind Trading Ltd", "Sarah Collins"
		d.Signature = "Julie Moreau\nAccounts receivable, Menuiserie Bertin\n+33 1 84 60 12 34"
	}
	d.Invoices = []Invoice{
		sampleInvoice("F-2025-0142", today, 30+late[0], late[0], 124000, 124000),
		sampleInvoice("F-2025-0157", today, 30+late[1], late[1], 240000, 85680),
	}
	return d
}

// sampleInvoice issues an invoice on 30-day terms, daysLate days past due, with its penalties.
// age is the number of days since it was issued.
func sampleInvoice(number string, today time.Time, age, daysLate int, total, balance int64) Invoice {
	issued := today.AddDate(0, 0, -age)
	var interest, indemnity int64
	if daysLate > 0 {
		interest, indemnity = interestCents(balance, sampleRateBasisPoints, daysLate), 4000
	}
	return Invoice{
		Number:         number,
		IssueDate:      issued,
		DueDate:        today.AddDate(0, 0, -daysLate),
		TotalCents:     total,
		BalanceCents:   balance,
		DaysLate:       daysLate,
		InterestCents:  interest,
		IndemnityCents: indemnity,
	}
}

// interestCents is balance × rate × days / 365, rounded half up to the cent.
func interestCents(balance int64, rateBasisPoints, days int) int64 {
	const denominator = 10000 * 365
	return (balance*int64(rateBasisPoints)*int64(days)*2 + denominator) / (2 * denominator)
}
