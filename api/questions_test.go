package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
)

// Questions asked on the page are listed, answered once, and the answer reaches the contact who
// asked by email.
func TestPortalQuestionsAnsweredByEmail(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("compta@martin.test")
	inv := f.invoice("F-118", "2026-03-01", "2026-03-31", 124000)
	link := f.portalLink("claire@martin.test")
	q1 := f.question(&link.ID, &inv.ID, "Bonjour,\nla facture F-118 est-elle bien à notre nom ?")
	q2 := f.question(nil, nil, "Pouvez-vous nous envoyer un relevé ?")
	f.attach("portal_questions", q1, "bon de commande.pdf", tinyPDF)

	var list api.PortalQuestionList
	f.get("/api/v1/portal/questions", &list)
	if list.Total != 2 {
		t.Fatalf("questions %+v", list)
	}
	var first api.PortalQuestionResponse
	for _, q := range list.Items {
		if q.ID == q1 {
			first = q
		}
	}
	if first.CustomerName != "Boulangerie Martin" || first.InvoiceNumber == nil || *first.InvoiceNumber != "F-118" ||
		first.ContactEmail != "claire@martin.test" || !first.HasAttachment || first.Status != "open" {
		t.Fatalf("question %+v", first)
	}
	for query, want := range map[string]int64{
		"status=open": 2, "status=answered": 0, "customer_id=" + f.customer.ID: 2, "q=" + url.QueryEscape("relevé"): 1,
		"q=F-118": 1, "limit=1&offset=1": 2,
	} {
		f.get("/api/v1/portal/questions?"+query, &list)
		if list.Total != want {
			t.Errorf("%s: total %d, want %d", query, list.Total, want)
		}
	}
	for query, field := range map[string]string{"status=closed": "status", "customer_id=42": "customer_id", "sort=answer": "sort"} {
		p := f.e.call("GET", "/api/v1/portal/questions?"+query, f.token, nil).problem(http.StatusUnprocessableEntity)
		if fieldsOf(p)[field] == "" {
			t.Errorf("%s: %+v", query, p.Errors)
		}
	}

	r := f.e.call("GET", "/api/v1/portal/questions/"+q1+"/attachment", f.token, nil).expect(http.StatusOK)
	if r.Body.String() != tinyPDF || r.Header().Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(r.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("attachment %v", r.Header())
	}
	f.e.call("GET", "/api/v1/portal/questions/"+q2+"/attachment", f.token, nil).problem(http.StatusNotFound)

	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/portal/questions", viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", viewer.AccessToken, map[string]string{"answer": "Oui."}).
		problem(http.StatusForbidden)
	p := f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": "  "}).
		problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["answer"] == "" {
		t.Fatalf("problem %+v", p.Errors)
	}

	answer := "Oui, elle est bien au nom de Boulangerie Martin SARL."
	var answered api.PortalQuestionResponse
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": answer}).
		expect(http.StatusOK).json(&answered)
	if answered.Status != "answered" || answered.Answer != answer || answered.AnsweredAt == nil ||
		answered.AnsweredByName == nil || answered.EmailedTo != "claire@martin.test" {
		t.Fatalf("answered %+v", answered)
	}
	msg := f.e.mail.WaitForEmail(t, "claire@martin.test", 20*time.Second)
	if !strings.Contains(msg.Text, answer) || !strings.Contains(msg.Text, "> la facture F-118 est-elle bien") ||
		!strings.Contains(msg.Subject, "F-118") || !strings.Contains(msg.Subject, "Acme") {
		t.Fatalf("answer email %q:\n%s", msg.Subject, msg.Text)
	}
	if len(msg.ReplyTo) != 1 || msg.ReplyTo[0].Address != "owner@acme.test" {
		t.Fatalf("reply to %+v", msg.ReplyTo)
	}
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": "Encore ?"}).
		problem(http.StatusConflict)

	// Without a link, the answer goes to the customer's accounting contact.
	f.e.call("POST", "/api/v1/portal/questions/"+q2+"/answer", f.token, map[string]string{"answer": "Le voici."}).
		expect(http.StatusOK).json(&answered)
	if answered.EmailedTo != "compta@martin.test" {
		t.Fatalf("emailed to %q", answered.EmailedTo)
	}
	f.e.mail.WaitForEmail(t, "compta@martin.test", 20*time.Second)
	f.get("/api/v1/portal/questions?status=answered", &list)
	if list.Total != 2 {
		t.Fatalf("answered %d", list.Total)
	}
	if k := f.kinds(); k["portal_question_answered"] != 2 {
		t.Fatalf("timeline %v", k)
	}
}
