package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/payments"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
)

// Online payment from the debtor page (docs/portal.md, "Pay"): the form's post to Stripe
// Checkout and the HTML pages Stripe sends the debtor back to (templates/paid.html and
// cancelled.html, on the page's layout). Stripe's webhook is the JSON door's (api/stripe_webhook.go).

// Pay opens Stripe Checkout for the invoices ticked on the page (form field invoice_ids
// or invoice_ids[]; none means the whole balance) and redirects there with a 303.
func (d *Door) Pay(c echo.Context) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	if !d.Payments.Enabled() {
		return d.payFailure(c, a, payments.ErrNotConfigured)
	}
	ids, err := formInvoiceIDs(c)
	if err == nil {
		var url string
		if url, err = d.Payments.CreateCheckout(c.Request().Context(), a, c.Param("token"), ids); err == nil {
			c.Response().Header().Set("Cache-Control", "no-store")
			return c.Redirect(http.StatusSeeOther, url)
		}
	}
	return d.payFailure(c, a, err)
}

// formInvoiceIDs reads invoice_ids (or invoice_ids[]) from the posted form.
func formInvoiceIDs(c echo.Context) ([]uuid.UUID, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, errs.Invalid("invoice_ids", "Choose the invoices to pay from the page.")
	}
	var ids []uuid.UUID
	for _, key := range []string{"invoice_ids", "invoice_ids[]"} {
		for _, v := range form[key] {
			id, err := uuid.Parse(strings.TrimSpace(v))
			if err != nil {
				return nil, errs.Invalid("invoice_ids", "Choose the invoices to pay from the page.")
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// Paid is where Stripe sends the debtor after paying (?session_id=cs_…): paid, on its way
// (SEPA) or being confirmed, with the amount.
func (d *Door) Paid(c echo.Context) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	r, err := d.Payments.ReturnPage(c.Request().Context(), a, c.QueryParam("session_id"))
	if err != nil {
		return err
	}
	v, err := d.pageFrame(c, a)
	if err != nil {
		return err
	}
	t := payTexts[v.Lang]
	amount := ""
	if r.AmountCents > 0 {
		amount = v.MoneyIn(r.AmountCents, r.Currency)
	}
	x := map[string]any{"Back": t["back"], "Invoices": r.Invoices, "InvoicesLabel": t["invoices"]}
	switch r.Status {
	case payments.StatusPaid:
		x["Title"], x["Paragraphs"] = t["paid_title"], []string{strings.Replace(t["paid_text"], "%s", amount, 1)}
	case payments.StatusProcessing:
		x["Title"], x["Paragraphs"] = t["processing_title"], []string{strings.Replace(t["processing_text"], "%s", amount, 1)}
	case payments.StatusFailed:
		x["Title"], x["Paragraphs"], x["Invoices"] = t["failed_title"], []string{t["failed_text"]}, nil
	default: // Stripe's webhook has not arrived yet, or an unknown session
		x["Title"], x["Paragraphs"] = t["pending_title"], []string{t["pending_text"]}
	}
	v.Title, v.Extra = x["Title"].(string)+" · "+v.Org.Name, x
	return d.serveFile(c, http.StatusOK, "paid.html", v)
}

// Cancelled is where Stripe sends the debtor who gave up: nothing was charged.
func (d *Door) Cancelled(c echo.Context) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	v, err := d.pageFrame(c, a)
	if err != nil {
		return err
	}
	t := payTexts[v.Lang]
	v.Title = t["cancelled_title"] + " · " + v.Org.Name
	v.Extra = map[string]any{"Title": t["cancelled_title"], "Paragraphs": []string{t["cancelled_text"]}, "Back": t["back"]}
	return d.serveFile(c, http.StatusOK, "cancelled.html", v)
}

// payFailure answers a payment that cannot start with a page in the debtor's language: 404
// when online payment is off, 422 for a bad choice of invoices, 502 when Stripe fails.
func (d *Door) payFailure(c echo.Context, a portal.Access, err error) error {
	var de *errs.Error
	var status int
	switch {
	case errors.Is(err, payments.ErrNotConfigured):
		status = http.StatusNotFound
	case errors.Is(err, payments.ErrProvider):
		status = http.StatusBadGateway
	case errors.As(err, &de) && de.Kind == errs.KindInvalid:
		status = http.StatusUnprocessableEntity
	case errors.As(err, &de) && (de.Kind == errs.KindNotFound || de.Kind == errs.KindTooManyRequests):
		return d.linkFailure(c, err) // the link's customer is gone
	default:
		return err
	}
	v, verr := d.pageFrame(c, a)
	if verr != nil {
		return verr
	}
	t := payTexts[v.Lang]
	x := map[string]any{"Alert": true, "Back": t["back"]}
	switch status {
	case http.StatusNotFound:
		x["Title"], x["Paragraphs"] = t["unavailable_title"], []string{t["unavailable_text"]}
	case http.StatusBadGateway:
		x["Title"], x["Paragraphs"] = t["provider_title"], []string{t["provider_text"]}
	default:
		var msgs []string
		for _, f := range de.Fields {
			if v.Lang == "fr" {
				msgs = append(msgs, d.Translate(f.Message))
			} else {
				msgs = append(msgs, f.Message)
			}
		}
		x["Title"], x["Paragraphs"] = t["invalid_title"], msgs
	}
	v.Title, v.Extra = x["Title"].(string)+" · "+v.Org.Name, x
	return d.serveFile(c, status, "cancelled.html", v)
}

// payTexts are the payment pages' texts by language.
var payTexts = map[string]map[string]string{
	"fr": {
		"back":              "Retour à mon espace",
		"invoices":          "Factures concernées :",
		"paid_title":        "Paiement reçu, merci !",
		"paid_text":         "Nous avons bien reçu votre paiement de %s. Un reçu vous est envoyé par e-mail.",
		"processing_title":  "Prélèvement en cours",
		"processing_text":   "Votre prélèvement SEPA de %s est en cours : il faut quelques jours ouvrés. Vous recevrez un reçu par e-mail dès qu'il aura abouti.",
		"pending_title":     "Paiement en cours de confirmation",
		"pending_text":      "Stripe nous confirme votre paiement dans quelques instants. Vous recevrez un reçu par e-mail.",
		"failed_title":      "Le paiement n'a pas abouti",
		"failed_text":       "Votre banque a refusé le prélèvement : vos factures restent à régler. Vous pouvez réessayer ou payer par virement.",
		"cancelled_title":   "Paiement annulé",
		"cancelled_text":    "Aucun montant n'a été débité. Vous pouvez payer plus tard depuis votre espace, en ligne ou par virement.",
		"unavailable_title": "Paiement en ligne indisponible",
		"unavailable_text":  "Le paiement en ligne n'est pas proposé pour ce compte : les coordonnées de virement figurent sur votre espace.",
		"provider_title":    "Paiement momentanément indisponible",
		"provider_text":     "Notre prestataire de paiement ne répond pas. Réessayez dans quelques minutes, ou payez par virement.",
		"invalid_title":     "Le paiement n'a pas pu commencer",
	},
	"en": {
		"back":              "Back to my account",
		"invoices":          "Invoices:",
		"paid_title":        "Payment received, thank you!",
		"paid_text":         "We have received your payment of %s. A receipt is on its way by email.",
		"processing_title":  "Direct debit on its way",
		"processing_text":   "Your SEPA direct debit of %s is being processed: it takes a few business days. You will get a receipt by email once it has gone through.",
		"pending_title":     "Confirming your payment",
		"pending_text":      "Stripe is confirming your payment and will tell us in a moment. You will get a receipt by email.",
		"failed_title":      "The payment did not go through",
		"failed_text":       "Your bank refused the direct debit: your invoices are still to be paid. You can try again or pay by bank transfer.",
		"cancelled_title":   "Payment cancelled",
		"cancelled_text":    "Nothing was charged. You can pay later from your account page, online or by bank transfer.",
		"unavailable_title": "Online payment unavailable",
		"unavailable_text":  "Online payment is not offered for this account: the bank transfer details are on your account page.",
		"provider_title":    "Payment temporarily unavailable",
		"provider_text":     "Our payment provider is not answering. Try again in a few minutes, or pay by bank transfer.",
		"invalid_title":     "The payment could not start",
	},
}
