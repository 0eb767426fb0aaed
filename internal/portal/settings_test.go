package portal

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/errs"
)

func validInput() SettingsInput {
	return SettingsInput{LinkLifetimeDays: 60, PromiseHorizonDays: 45, BrandColor: "#0B7285",
		CreditorIBAN: "fr14 2004 1010 0505 0001 3m02 606", CreditorBIC: "bnpa fr pp xxx",
		PaymentMethods: []string{"sepa_debit", "card", "sepa_debit"}, ContactPhone: "01 23 45 67 89",
		ContactEmail: "compta@acme.test"}
}

// fieldsOf lists the fields a validation error names.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.KindInvalid {
		t.Fatalf("want a validation error, got %v", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestSettingsAreNormalised(t *testing.T) {
	st := defaultSettings(uuid.New())
	if err := applySettings(validInput(), &st); err != nil {
		t.Fatal(err)
	}
	want := Settings{OrganizationID: st.OrganizationID, LinkLifetimeDays: 60, PromiseHorizonDays: 45, BrandColor: "#0b7285",
		CreditorIBAN: "FR1420041010050500013M02606", CreditorBIC: "BNPAFRPPXXX", PaymentMethods: []string{"sepa_debit", "card"},
		ContactPhone: "+33123456789", ContactEmail: "compta@acme.test"}
	if st.LinkLifetimeDays != want.LinkLifetimeDays || st.PromiseHorizonDays != want.PromiseHorizonDays ||
		st.BrandColor != want.BrandColor || st.CreditorIBAN != want.CreditorIBAN || st.CreditorBIC != want.CreditorBIC ||
		!slices.Equal(st.PaymentMethods, want.PaymentMethods) || st.ContactPhone != want.ContactPhone ||
		st.ContactEmail != want.ContactEmail {
		t.Fatalf("settings\n got %+v\nwant %+v", st, want)
	}
	// Everything optional may be left empty: no transfer details, no online payment, no contact.
	empty := SettingsInput{LinkLifetimeDays: 1, PromiseHorizonDays: 365, BrandColor: "#000000"}
	if err := applySettings(empty, &st); err != nil {
		t.Fatal(err)
	}
	if st.CreditorIBAN != "" || len(st.PaymentMethods) != 0 || st.ContactPhone != "" {
		t.Fatalf("empty settings kept %+v", st)
	}
}

func TestSettingsValidationNamesEachField(t *testing.T) {
	for _, tc := range []struct {
		field string
		edit  func(*SettingsInput)
	}{
		{"link_lifetime_days", func(in *SettingsInput) { in.LinkLifetimeDays = 0 }},
		{"link_lifetime_days", func(in *SettingsInput) { in.LinkLifetimeDays = 731 }},
		{"promise_horizon_days", func(in *SettingsInput) { in.PromiseHorizonDays = 366 }},
		{"brand_color", func(in *SettingsInput) { in.BrandColor = "blue" }},
		{"brand_color", func(in *SettingsInput) { in.BrandColor = "#12345" }},
		{"creditor_iban", func(in *SettingsInput) { in.CreditorIBAN = "FR1420041010050500013M02607" }},
		{"creditor_iban", func(in *SettingsInput) { in.CreditorIBAN = "not an iban" }},
		{"creditor_bic", func(in *SettingsInput) { in.CreditorBIC = "BNP" }},
		{"creditor_bic", func(in *SettingsInput) { in.CreditorBIC = "DEUTDEFFXXX" }}, // not of the IBAN's country
		{"payment_methods", func(in *SettingsInput) { in.PaymentMethods = []string{"card", "bitcoin"} }},
		{"contact_phone", func(in *SettingsInput) { in.ContactPhone = "12" }},
		{"contact_email", func(in *SettingsInput) { in.ContactEmail = "compta@" }},
		{"contact_email", func(in *SettingsInput) { in.ContactEmail = "Compta <compta@acme.test>" }},
	} {
		in := validInput()
		tc.edit(&in)
		st := defaultSettings(uuid.New())
		before := st
		got := fieldsOf(t, applySettings(in, &st))
		if !slices.Equal(got, []string{tc.field}) {
			t.Errorf("%s: fields %v", tc.field, got)
		}
		if st.LinkLifetimeDays != before.LinkLifetimeDays || st.BrandColor != before.BrandColor {
			t.Errorf("%s: refused settings were applied", tc.field)
		}
	}
}

func TestLogoFormatsByContent(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF")
	svg := []byte("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>")
	for _, tc := range []struct {
		name string
		data []byte
		ext  string
	}{
		{"png", png, "png"},
		{"jpeg", jpeg, "jpg"},
		{"svg", svg, "svg"},
		{"bare svg", []byte(`<svg viewBox="0 0 10 10"><circle r="4"/></svg>`), "svg"},
		{"gif", []byte("GIF89a......"), ""},
		{"pdf", []byte("%PDF-1.4"), ""},
		{"html", []byte("<html><svg></svg></html>"), ""},
		{"svg with script", []byte(`<svg><script>alert(1)</script></svg>`), ""},
		{"svg with handler", []byte(`<svg onload="alert(1)"></svg>`), ""},
		{"svg with link", []byte(`<svg><a href="javascript:alert(1)">x</a></svg>`), ""},
		{"too large", append(bytes.Clone(png), make([]byte, MaxLogoSize)...), ""},
	} {
		ext, err := logoExt(tc.data)
		if ext != tc.ext || (tc.ext == "") != (err != nil) {
			t.Errorf("%s: ext %q, err %v", tc.name, ext, err)
		}
		if err != nil && !slices.Equal(fieldsOf(t, err), []string{"file"}) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if tc.ext != "" && !strings.HasPrefix(LogoContentType("x."+tc.ext), "image/") {
			t.Errorf("%s: content type %q", tc.name, LogoContentType("x."+tc.ext))
		}
	}
}
