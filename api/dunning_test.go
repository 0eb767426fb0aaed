package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
	"github.com/relance/relance/web/webtest"
)

// parisToday is the organisation's today (Europe/Paris), as the engine sees it.
func parisToday() time.Time { return webtest.ParisToday() }

func (f *ledgerFixture) contact(email string) { f.e.t.Helper(); f.Contact(email) }

func (f *ledgerFixture) scenarios() api.ScenarioList {
	var list api.ScenarioList
	f.get("/api/v1/dunning/scenarios", &list)
	return list
}

func (f *ledgerFixture) standard() api.ScenarioResponse {
	for _, s := range f.scenarios().Items {
		if s.IsDefault {
			return s
		}
	}
	f.e.t.Fatal("no default scenario")
	return api.ScenarioResponse{}
}

// scenarioRequest turns a scenario back into what PUT takes.
func scenarioRequest(s api.ScenarioResponse) api.ScenarioRequest {
	req := api.ScenarioRequest{Name: s.Name, Description: s.Description, Segments: s.Segments}
	for _, st := range s.Steps {
		id := st.ID
		req.Steps = append(req.Steps, api.StepBody{ID: &id, StepFields: st.StepFields})
	}
	return req
}

func (e *env) callFR(method, path, token string, body any) response {
	e.t.Helper()
	b, _ := json.Marshal(body)
	req := httptest.NewRequest(method, path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
	req.Header.Set("Authorization", "Bearer "+token)
	return response{e.Serve("", req)}
}

// A planner run over HTTP sends the reminder through River and Mailpit; the open pixel is
// recorded; a second run sends nothing; the invoice page explains its scenario.
func TestDunningRunSendsRemindersOverHTTP(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("claire@martin.test")
	today := parisToday()
	due := today.AddDate(0, 0, -10)
	inv := f.invoice("F-2026-001", due.AddDate(0, 0, -30).Format(time.DateOnly), due.Format(time.DateOnly), 150000)

	var run api.RunResponse
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{"ignore_window": true}).expect(http.StatusOK).json(&run)
	if run.Planned != 1 || run.Items != 1 || len(run.Actions) != 1 || run.Actions[0].Stage != "reminder" {
		t.Fatalf("run = %+v", run)
	}
	// Due now: the sending job is available at once, not scheduled for River's next tick (~5 s).
	var scheduled int64
	if err := f.e.app.DB.Gorm.Raw(`SELECT count(*) FROM river_job WHERE kind = 'dunning.send' AND state = 'scheduled'`).
		Scan(&scheduled).Error; err != nil || scheduled != 0 {
		t.Fatalf("%d sending jobs wait for the scheduler (%v)", scheduled, err)
	}
	msg := f.e.mail.WaitForEmail(t, "claire@martin.test", 20*time.Second)
	if !strings.Contains(msg.Text, "F-2026-001") {
		t.Fatalf("reminder text lacks the invoice number:\n%s", msg.Text)
	}
	var again api.RunResponse
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{"ignore_window": true}).expect(http.StatusOK).json(&again)
	if again.Planned != 0 || again.Items != 0 {
		t.Fatalf("second run planned %+v", again)
	}

	// The outbox shows it sent, with its Message-ID; opening the email is recorded once.
	var sent api.ActionList
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.get("/api/v1/dunning/actions?status=sent", &sent)
		if sent.Total == 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if sent.Total != 1 || sent.Items[0].MessageID == "" || sent.Items[0].To[0] != "claire@martin.test" {
		t.Fatalf("outbox = %+v", sent)
	}
	pixel := regexp.MustCompile(`http://localhost:8080(/t/o/[A-Za-z0-9_-]+)`).FindStringSubmatch(msg.HTML)
	if pixel == nil {
		t.Fatalf("no tracking pixel in the HTML")
	}
	for i := 0; i < 2; i++ {
		r := f.e.call("GET", pixel[1], "", nil).expect(http.StatusOK)
		if r.Header().Get("Content-Type") != "image/gif" {
			t.Fatalf("pixel content type %q", r.Header().Get("Content-Type"))
		}
	}
	f.e.call("GET", "/t/o/forged-token", "", nil).expect(http.StatusOK)
	f.e.call("GET", "/t/c/forged-token?u=https://evil.example", "", nil).expect(http.StatusNotFound)
	var opened api.ActionList
	f.get("/api/v1/dunning/actions?status=opened", &opened)
	if opened.Total != 1 || opened.Items[0].OpenCount != 2 || opened.Items[0].OpenedAt == nil {
		t.Fatalf("opened = %+v", opened)
	}
	// The debtor-page button goes through the click redirect to the personal link.
	click := regexp.MustCompile(`href="http://localhost:8080(/t/c/[^"]+)"`).FindStringSubmatch(msg.HTML)
	if click == nil {
		t.Fatalf("no tracked link in the HTML")
	}
	r := f.e.call("GET", strings.ReplaceAll(click[1], "&amp;", "&"), "", nil).expect(http.StatusFound)
	if loc := r.Header().Get("Location"); !regexp.MustCompile(`^http://localhost:8080/p/[A-Za-z0-9_-]{43}$`).MatchString(loc) {
		t.Fatalf("the button leads to %q", loc)
	}
	var clicked api.ActionList
	f.get("/api/v1/dunning/actions?status=clicked", &clicked)
	if clicked.Total != 1 || clicked.Items[0].ClickCount != 1 {
		t.Fatalf("clicked = %+v", clicked)
	}
	var timeline struct{ Items []struct{ Kind string } }
	f.get("/api/v1/customers/"+f.customer.ID+"/activities", &timeline)
	kinds := map[string]int{}
	for _, a := range timeline.Items {
		kinds[a.Kind]++
	}
	if kinds["reminder_sent"] != 1 || kinds["reminder_opened"] != 1 || kinds["reminder_clicked"] != 1 {
		t.Fatalf("customer timeline kinds = %v", kinds)
	}

	// The invoice page explains why this scenario applies and what comes next.
	var d api.DunningResponse
	f.get("/api/v1/invoices/"+inv.ID+"/dunning", &d)
	if d.Source != "default" || d.ScenarioName == "" || len(d.Explanation) == 0 || len(d.NextActions) == 0 {
		t.Fatalf("invoice dunning = %+v", d)
	}
	if d.NextActions[0].OffsetDays != 15 || d.NextActions[0].Date != due.AddDate(0, 0, 15).Format(time.DateOnly) &&
		d.NextActions[0].Date <= due.AddDate(0, 0, 15).Format(time.DateOnly) {
		t.Errorf("next action %+v, want the D+15 reminder on or after %s", d.NextActions[0], due.AddDate(0, 0, 15).Format(time.DateOnly))
	}
	// Pausing the invoice empties its next actions; the explanation says why.
	until := today.AddDate(0, 6, 0).Format(time.DateOnly)
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID+"/dunning", f.token, map[string]any{"paused_until": until}).expect(http.StatusOK).json(&d)
	for _, a := range d.NextActions {
		if a.Date <= until {
			t.Errorf("paused until %s but %+v is planned", until, a)
		}
	}
	if !strings.Contains(strings.Join(d.Explanation, " "), "paused") {
		t.Errorf("explanation %v does not mention the pause", d.Explanation)
	}
}

// Editing a scenario: full replacement keeping step ids, template errors named by field (in
// French for a French caller), preview with real data, segments served once, the default kept.
func TestScenarioEditingAndPreview(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("claire@martin.test")
	f.invoice("F-1", "2026-01-01", "2026-01-31", 120000)
	list := f.scenarios()
	if list.Total != 3 {
		t.Fatalf("%d scenarios, want the three defaults", list.Total)
	}
	std := f.standard()
	if len(std.Steps) < 8 || std.Steps[0].OffsetDays != -15 || std.Steps[0].Stage != "preventive" {
		t.Fatalf("standard scenario steps = %+v", std.Steps)
	}

	req := scenarioRequest(std)
	req.Steps[2].Templates["fr"] = api.TemplateBody{Subject: "Rappel", Body: "Bonjour {{custmer_name}}"}
	p := f.e.callFR("PUT", "/api/v1/dunning/scenarios/"+std.ID, f.token, req).problem(http.StatusUnprocessableEntity)
	msg := fieldsOf(p)["steps[2].templates.fr.body"]
	if !strings.Contains(msg, "custmer_name") || !strings.Contains(msg, "variable inconnue") {
		t.Fatalf("problem fields = %+v", p.Errors)
	}

	req.Steps[2].Templates["fr"] = api.TemplateBody{Subject: "Rappel : {{invoice_numbers}}", Body: "Bonjour {{contact_name}},\n\nMerci de régler {{total_due}}."}
	var saved api.ScenarioResponse
	f.e.call("PUT", "/api/v1/dunning/scenarios/"+std.ID, f.token, req).expect(http.StatusOK).json(&saved)
	if saved.Steps[2].ID != std.Steps[2].ID || saved.Steps[2].Templates["fr"].Subject != "Rappel : {{invoice_numbers}}" {
		t.Fatalf("saved step = %+v", saved.Steps[2])
	}

	var pv api.PreviewResponse
	f.e.call("POST", "/api/v1/dunning/preview", f.token, map[string]any{"language": "fr", "stage": "reminder",
		"subject": "Rappel : {{invoice_numbers}}", "body": "Bonjour {{contact_name}},\n\nMerci de régler {{total_due}}."}).
		expect(http.StatusOK).json(&pv)
	if pv.Subject != "Rappel : F-1" || pv.CustomerName != "Boulangerie Martin" || !strings.Contains(pv.HTML, "Claire Compta") ||
		!strings.Contains(pv.Text, "1\u00a0200,00\u00a0€") {
		t.Fatalf("preview = %q %q\n%s", pv.Subject, pv.CustomerName, pv.Text)
	}

	f.e.call("DELETE", "/api/v1/dunning/scenarios/"+std.ID, f.token, nil).problem(http.StatusConflict)
	var pme api.ScenarioResponse
	create := api.ScenarioRequest{Name: "PME", Segments: []string{"PME"}, Steps: req.Steps[:2]}
	for i := range create.Steps {
		create.Steps[i].ID = nil
	}
	f.e.call("POST", "/api/v1/dunning/scenarios", f.token, create).expect(http.StatusCreated).json(&pme)
	create.Name = "PME bis"
	p = f.e.call("POST", "/api/v1/dunning/scenarios", f.token, create).problem(http.StatusConflict)
	if !strings.Contains(fieldsOf(p)["segments"], "PME") {
		t.Fatalf("segment conflict = %+v", p)
	}
	create.Name, create.Segments = "PME", nil
	f.e.call("POST", "/api/v1/dunning/scenarios", f.token, create).problem(http.StatusConflict) // name taken
	f.e.call("DELETE", "/api/v1/dunning/scenarios/"+pme.ID, f.token, nil).expect(http.StatusNoContent)
	if f.scenarios().Total != 3 {
		t.Fatal("the deleted scenario is still listed")
	}

	// A viewer reads but does not edit.
	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/dunning/scenarios/"+std.ID, viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("PUT", "/api/v1/dunning/scenarios/"+std.ID, viewer.AccessToken, req).problem(http.StatusForbidden)
	f.e.call("POST", "/api/v1/dunning/run", viewer.AccessToken, nil).problem(http.StatusForbidden)
}

// Settings validate every field; penalties follow French law and match hand computations.
func TestDunningSettingsAndPenalties(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	var s api.DunningSettingsResponse
	f.get("/api/v1/dunning/settings", &s)
	if s.ECBRate != "2.15" || s.LegalRate != "3.16" || s.EffectiveRate != "12.15" || s.IndemnityCents != 4000 || s.Timezone != "Europe/Paris" {
		t.Fatalf("defaults = %+v", s)
	}
	bad := s.DunningSettings
	bad.SendWindowStart, bad.SendWindowEnd, bad.ECBRate, bad.ReplyTo, bad.ContractRate = "18:00", "09:00", "abc", "not-an-email", "5"
	p := f.e.call("PUT", "/api/v1/dunning/settings", f.token, bad).problem(http.StatusUnprocessableEntity)
	got := fieldsOf(p)
	for _, field := range []string{"send_window_end", "ecb_rate", "reply_to", "contract_rate"} {
		if got[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}

	// 1 000,00 € due 30 days ago at 12.15 %: 100000 × 0.1215 × 30 / 365 = 998.63 → 999 cents,
	// plus the 40 € indemnity.
	today := parisToday()
	due := today.AddDate(0, 0, -30)
	inv := f.invoice("P-1", due.AddDate(0, 0, -30).Format(time.DateOnly), due.Format(time.DateOnly), 100000)
	var pen api.PenaltiesResponse
	f.get("/api/v1/invoices/"+inv.ID+"/penalties", &pen)
	if pen.DaysLate != 30 || pen.InterestCents != 999 || pen.IndemnityCents != 4000 || pen.TotalCents != 4999 || pen.Rate != "12.15" {
		t.Fatalf("penalties = %+v", pen)
	}
	// A contractual rate of 15 % (above the floor of 3 × 3.16 = 9.48): 2 400,00 € for 45 days =
	// 240000 × 0.15 × 45 / 365 = 4438.36 → 4438 cents.
	good := s.DunningSettings
	good.ContractRate = "15"
	f.e.call("PUT", "/api/v1/dunning/settings", f.token, good).expect(http.StatusOK).json(&s)
	if s.EffectiveRate != "15.00" {
		t.Fatalf("effective rate %q", s.EffectiveRate)
	}
	due = today.AddDate(0, 0, -45)
	inv2 := f.invoice("P-2", due.AddDate(0, 0, -30).Format(time.DateOnly), due.Format(time.DateOnly), 240000)
	f.get("/api/v1/invoices/"+inv2.ID+"/penalties", &pen)
	if pen.InterestCents != 4438 || pen.TotalCents != 8438 {
		t.Fatalf("penalties at 15 %% = %+v", pen)
	}
	var penInv api.InvoiceResponse
	f.e.call("POST", "/api/v1/invoices/"+inv2.ID+"/penalty-invoice", f.token, nil).expect(http.StatusCreated).json(&penInv)
	if penInv.TotalCents != 8438 || !strings.HasPrefix(penInv.Number, "PEN-P-2-") {
		t.Fatalf("penalty invoice = %+v", penInv)
	}
	notLate := f.invoice("P-3", today.Format(time.DateOnly), today.AddDate(0, 0, 30).Format(time.DateOnly), 1000)
	f.e.call("POST", "/api/v1/invoices/"+notLate.ID+"/penalty-invoice", f.token, nil).problem(http.StatusConflict)
}

// Disputes and promises hold reminders back; every new id route is invisible to another
// organisation.
func TestDunningHoldsAndTenancy(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("claire@martin.test")
	today := parisToday()
	due := today.AddDate(0, 0, -10).Format(time.DateOnly)
	inv := f.invoice("D-1", today.AddDate(0, 0, -40).Format(time.DateOnly), due, 50000)
	var dispute api.DisputeResponse
	f.e.call("POST", "/api/v1/disputes", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{inv.ID},
		"reason": "not_received", "comment": "Jamais reçue"}).expect(http.StatusCreated).json(&dispute)
	var run api.RunResponse
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{"ignore_window": true}).expect(http.StatusOK).json(&run)
	if run.Items != 0 {
		t.Fatalf("planned %+v for a disputed invoice", run)
	}
	f.e.call("POST", "/api/v1/disputes/"+dispute.ID+"/resolve", f.token, map[string]string{"resolution": "Renvoyée"}).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/disputes/"+dispute.ID+"/resolve", f.token, map[string]string{}).problem(http.StatusConflict)
	var promise api.PromiseResponse
	f.e.call("POST", "/api/v1/promises", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{inv.ID},
		"promised_on": today.AddDate(0, 0, 5).Format(time.DateOnly), "method": "transfer"}).expect(http.StatusCreated).json(&promise)
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{"ignore_window": true}).expect(http.StatusOK).json(&run)
	if run.Items != 0 {
		t.Fatalf("planned %+v for a promised invoice", run)
	}
	p := f.e.call("POST", "/api/v1/promises", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{"not-a-uuid"},
		"promised_on": "tomorrow", "method": "pigeon"}).problem(http.StatusUnprocessableEntity)
	if got := fieldsOf(p); got["invoice_ids[0]"] == "" || got["promised_on"] == "" {
		t.Fatalf("promise problems = %+v", p.Errors)
	}
	f.e.call("POST", "/api/v1/promises/"+promise.ID+"/cancel", f.token, nil).expect(http.StatusNoContent)
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{"ignore_window": true}).expect(http.StatusOK).json(&run)
	if run.Items != 1 {
		t.Fatalf("after the promise is withdrawn, planned %+v", run)
	}
	action := run.Actions[0].ID
	scenario := f.standard()

	other := f.e.signup("Other", "owner@other.test")
	reqs := []crossOrgRequest{
		{"GET", "/api/v1/dunning/scenarios/" + scenario.ID, nil},
		{"PUT", "/api/v1/dunning/scenarios/" + scenario.ID, scenarioRequest(scenario)},
		{"DELETE", "/api/v1/dunning/scenarios/" + scenario.ID, nil},
		{"GET", "/api/v1/dunning/actions/" + action, nil},
		{"POST", "/api/v1/dunning/actions/" + action + "/cancel", nil},
		{"POST", "/api/v1/dunning/actions/" + action + "/retry", nil},
		{"GET", "/api/v1/customers/" + f.customer.ID + "/dunning", nil},
		{"PUT", "/api/v1/customers/" + f.customer.ID + "/dunning", map[string]any{"disabled": true}},
		{"GET", "/api/v1/invoices/" + inv.ID + "/dunning", nil},
		{"PUT", "/api/v1/invoices/" + inv.ID + "/dunning", map[string]any{"excluded": true}},
		{"POST", "/api/v1/invoices/" + inv.ID + "/dunning/send-now", nil},
		{"POST", "/api/v1/invoices/" + inv.ID + "/dunning/skip", map[string]any{"step_id": scenario.Steps[3].ID}},
		{"GET", "/api/v1/invoices/" + inv.ID + "/penalties", nil},
		{"POST", "/api/v1/invoices/" + inv.ID + "/penalty-invoice", nil},
		{"POST", "/api/v1/disputes/" + dispute.ID + "/resolve", map[string]any{}},
		{"POST", "/api/v1/promises/" + promise.ID + "/cancel", nil},
	}
	assertInvisibleToOtherOrgs(t, f.e, other.AccessToken, reqs, func() {
		var d api.DunningResponse
		f.get("/api/v1/customers/"+f.customer.ID+"/dunning", &d)
		if d.Customer.Disabled {
			t.Fatal("another organisation disabled A's reminders")
		}
		var a api.ActionResponse
		f.get("/api/v1/dunning/actions/"+action, &a)
		if a.Status == "skipped" {
			t.Fatal("another organisation cancelled A's action")
		}
	})
	var mine api.ActionList
	f.e.call("GET", "/api/v1/dunning/actions", other.AccessToken, nil).expect(http.StatusOK).json(&mine)
	if mine.Total != 0 {
		t.Fatalf("the other organisation sees %d actions", mine.Total)
	}
	// Disputes and promises cannot name another organisation's customer or invoices.
	p = f.e.call("POST", "/api/v1/disputes", other.AccessToken, map[string]any{"customer_id": f.customer.ID,
		"invoice_ids": []string{inv.ID}, "reason": "other"}).problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["customer_id"] == "" {
		t.Fatalf("problem %+v", p.Errors)
	}
}
