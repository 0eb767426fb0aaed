package portal

import (
	"errors"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/payments"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
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
		return nil, errs.Invalid("invoice_ids", "api.choose_invoices_on_page")
	}
	var ids []uuid.UUID
	for _, key := range []string{"invoice_ids", "invoice_ids[]"} {
		for _, v := range form[key] {
			id, err := uuid.Parse(strings.TrimSpace(v))
			if err != nil {
				return nil, errs.Invalid("invoice_ids", "api.choose_invoices_on_page")
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
	amount := ""
	if r.AmountCents > 0 {
		amount = v.MoneyIn(r.AmountCents, r.Currency)
	}
	x := map[string]any{"Back": payText(v.Lang, "back"), "Invoices": r.Invoices, "InvoicesLabel": payText(v.Lang, "invoices")}
	switch r.Status {
	case payments.StatusPaid:
		x["Title"], x["Paragraphs"] = payText(v.Lang, "paid_title"), []string{payText(v.Lang, "paid_text", amount)}
	case payments.StatusProcessing:
		x["Title"], x["Paragraphs"] = payText(v.Lang, "processing_title"), []string{payText(v.Lang, "processing_text", amount)}
	case payments.StatusFailed:
		x["Title"], x["Paragraphs"], x["Invoices"] = payText(v.Lang, "failed_title"), []string{payText(v.Lang, "failed_text")}, nil
	default: // Stripe's webhook has not arrived yet, or an unknown session
		x["Title"], x["Paragraphs"] = payText(v.Lang, "pending_title"), []string{payText(v.Lang, "pending_text")}
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
	v.Title = payText(v.Lang, "cancelled_title") + " · " + v.Org.Name
	v.Extra = map[string]any{"Title": payText(v.Lang, "cancelled_title"), "Paragraphs": []string{payText(v.Lang, "cancelled_text")}, "Back": payText(v.Lang, "back")}
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
	x := map[string]any{"Alert": true, "Back": payText(v.Lang, "back")}
	switch status {
	case http.StatusNotFound:
		x["Title"], x["Paragraphs"] = payText(v.Lang, "unavailable_title"), []string{payText(v.Lang, "unavailable_text")}
	case http.StatusBadGateway:
		x["Title"], x["Paragraphs"] = payText(v.Lang, "provider_title"), []string{payText(v.Lang, "provider_text")}
	default:
		var msgs []string
		for _, f := range de.Fields {
			msgs = append(msgs, f.In(v.Lang))
		}
		x["Title"], x["Paragraphs"] = payText(v.Lang, "invalid_title"), msgs
	}
	v.Title, v.Extra = x["Title"].(string)+" · "+v.Org.Name, x
	return d.serveFile(c, status, "cancelled.html", v)
}

// payText is a word of the payment pages in lang: the catalogue's "pay."+key, with args in its
// placeholders.
func payText(lang, key string, args ...any) string { return locale.T(lang, "pay."+key, args...) }
