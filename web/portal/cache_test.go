package portal_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/relance/relance/web/webtest"
)

// A page viewed again is served as it was rendered (compressed when the browser takes gzip),
// every view still counted, and any change to what it shows is on the next view.
func TestPortalPageViewedAgain(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	d := webtest.Day
	inv := f.Invoice("F-2026-010", d(-40), d(-10), 150000)
	other := f.Invoice("F-2026-011", d(-5), d(25), 90000)
	page := f.link(f.p, f.Customer.ID, "")

	view := func(gz bool) (string, http.Header) {
		t.Helper()
		req := httptest.NewRequest("GET", page, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		}
		rec := f.E.Serve("", req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET the page: %d %s", rec.Code, rec.Body)
		}
		body := rec.Body.Bytes()
		if gz {
			if rec.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("a browser taking gzip got Content-Encoding %q", rec.Header().Get("Content-Encoding"))
			}
			r, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(r); err != nil {
				t.Fatal(err)
			}
		} else if rec.Header().Get("Content-Encoding") != "" {
			t.Fatalf("a client without gzip got Content-Encoding %q", rec.Header().Get("Content-Encoding"))
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("Vary %q", rec.Header().Get("Vary"))
		}
		return string(body), rec.Header()
	}

	first, h := view(true)
	if h.Get("Cache-Control") != "no-store" || h.Get("Content-Security-Policy") == "" {
		t.Errorf("headers %v", h)
	}
	if !strings.Contains(first, nb("2 400,00 €")) || strings.Count(first, `<tr class="row-`) != 2 {
		t.Fatalf("the page does not show the two invoices: %.2000s", first)
	}
	if again, _ := view(true); again != first {
		t.Error("the same page viewed again differs")
	}
	if plain, _ := view(false); plain != first {
		t.Error("the page without gzip differs from the compressed one")
	}
	if n := f.activities("portal_visited"); n != 3 {
		t.Errorf("%d visits on the timeline, want 3", n)
	}

	// A payment between two views: the next view shows it.
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": f.Customer.ID, "received_on": d(0),
		"amount_cents": 150000, "method": "transfer", "reference": "VIR 010", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": inv.ID, "amount_cents": 150000}}}).Expect(http.StatusCreated)
	after, _ := view(true)
	if strings.Contains(after, "F-2026-010</label>") || strings.Contains(after, ">F-2026-010</th>") ||
		!strings.Contains(after, nb("900,00 €")) || !strings.Contains(after, "VIR 010") {
		t.Errorf("the page after the payment still shows the paid invoice or misses the payment: %.3000s", after)
	}
	// A dispute opened from the dashboard: the invoice is shown disputed at once.
	f.E.Call("POST", "/api/v1/disputes", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{other.ID},
		"reason": "not_received"}).Expect(http.StatusCreated)
	if disputed, _ := view(true); !strings.Contains(disputed, `<span class="badge badge-disputed">En litige</span>`) {
		t.Errorf("the page does not show the dispute: %.3000s", disputed)
	}
}
