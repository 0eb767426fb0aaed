package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/relance/relance/api"
)

var pngLogo = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")

// Admins set the page: validated field by field (in French for French callers), the logo by
// its content.
func TestPortalSettingsOverHTTP(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	var st api.PortalSettingsResponse
	f.get("/api/v1/portal/settings", &st)
	if st.LinkLifetimeDays != 90 || st.PromiseHorizonDays != 30 || st.BrandColor != "#1c7ed6" || st.HasLogo ||
		strings.Join(st.PaymentMethods, ",") != "card,sepa_debit" || st.UpdatedAt != nil {
		t.Fatalf("defaults %+v", st)
	}
	good := api.PortalSettingsRequest{LinkLifetimeDays: 120, PromiseHorizonDays: 45, BrandColor: "#0B7285",
		CreditorIBAN: "fr14 2004 1010 0505 0001 3m02 606", CreditorBIC: "psstfrpppar", PaymentMethods: []string{"sepa_debit"},
		ContactPhone: "01 23 45 67 89", ContactEmail: "compta@acme.test"}
	f.e.call("PUT", "/api/v1/portal/settings", f.token, good).expect(http.StatusOK).json(&st)
	if st.CreditorIBAN != "FR1420041010050500013M02606" || st.CreditorBIC != "PSSTFRPPPAR" || st.BrandColor != "#0b7285" ||
		st.ContactPhone != "+33123456789" || strings.Join(st.PaymentMethods, ",") != "sepa_debit" || st.UpdatedAt == nil {
		t.Fatalf("saved %+v", st)
	}
	var again api.PortalSettingsResponse
	f.get("/api/v1/portal/settings", &again)
	if again.LinkLifetimeDays != 120 || again.CreditorIBAN != st.CreditorIBAN {
		t.Fatalf("read back %+v", again)
	}

	bad := api.PortalSettingsRequest{LinkLifetimeDays: 731, PromiseHorizonDays: 0, BrandColor: "bleu",
		CreditorIBAN: "FR1420041010050500013M02607", CreditorBIC: "PSST", PaymentMethods: []string{"card", "cheque"},
		ContactPhone: "12", ContactEmail: "compta@"}
	p := f.e.callFR("PUT", "/api/v1/portal/settings", f.token, bad).problem(http.StatusUnprocessableEntity)
	got := fieldsOf(p)
	for _, field := range []string{"link_lifetime_days", "promise_horizon_days", "brand_color", "creditor_iban",
		"creditor_bic", "payment_methods", "contact_phone", "contact_email"} {
		if got[field] == "" {
			t.Errorf("no problem for %s: %+v", field, p.Errors)
		}
	}
	if got["link_lifetime_days"] != "Entre 1 et 730 jours." || got["brand_color"] != "Utilisez une couleur comme #1c7ed6." {
		t.Errorf("French texts %v", got)
	}
	f.get("/api/v1/portal/settings", &again)
	if again.LinkLifetimeDays != 120 {
		t.Fatal("refused settings were saved")
	}

	collector := f.e.join(f.token, "collector@acme.test", "collector")
	f.e.call("GET", "/api/v1/portal/settings", collector.AccessToken, nil).expect(http.StatusOK)
	f.e.call("PUT", "/api/v1/portal/settings", collector.AccessToken, good).problem(http.StatusForbidden)
	f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", collector.AccessToken, "logo.png", pngLogo).problem(http.StatusForbidden)
	f.e.call("DELETE", "/api/v1/portal/settings/logo", collector.AccessToken, nil).problem(http.StatusForbidden)

	// The logo: told by its content, whatever its name.
	f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).problem(http.StatusNotFound)
	for name, content := range map[string][]byte{
		"logo.png":  []byte("GIF89a\x01\x00\x01\x00"),
		"logo.svg":  []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"large.png": append(bytes.Clone(pngLogo), make([]byte, 1<<20)...),
	} {
		p := f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", f.token, name, content).problem(http.StatusUnprocessableEntity)
		if fieldsOf(p)["file"] == "" {
			t.Errorf("%s: %+v", name, p.Errors)
		}
	}
	f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", f.token, "logo.gif", pngLogo).expect(http.StatusOK).json(&st)
	if !st.HasLogo || st.LinkLifetimeDays != 120 {
		t.Fatalf("after upload %+v", st)
	}
	r := f.e.call("GET", "/api/v1/portal/settings/logo", collector.AccessToken, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/png" || !bytes.Equal(r.Body.Bytes(), pngLogo) {
		t.Fatalf("logo %q %q", r.Header().Get("Content-Type"), r.Body.String())
	}
	svg := `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b7285"/></svg>`
	req := httptest.NewRequest("PUT", "/api/v1/portal/settings/logo", strings.NewReader(svg))
	req.Header.Set("Content-Type", "image/svg+xml")
	req.Header.Set("Authorization", "Bearer "+f.token)
	rec := httptest.NewRecorder()
	f.e.srv.ServeHTTP(rec, req)
	recorded(rec, t).expect(http.StatusOK)
	r = f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/svg+xml" || r.Body.String() != svg || r.Header().Get("Content-Security-Policy") == "" {
		t.Fatalf("svg logo %v %q", r.Header(), r.Body.String())
	}
	if n := f.e.count(`SELECT count(*) FROM portal_settings WHERE logo_key LIKE '%.svg'`); n != 1 {
		t.Fatalf("%d svg logos", n)
	}
	f.e.call("DELETE", "/api/v1/portal/settings/logo", f.token, nil).expect(http.StatusOK).json(&st)
	if st.HasLogo {
		t.Fatal("logo still set")
	}
	f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).problem(http.StatusNotFound)
}
