package portal

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/web/httpx"
)

// The debtor page's self-service forms (docs/portal.md "What each form does"): plain HTML posts
// answered by a redirect to /p/{token}?done=…#section (Post/Redirect/Get), or by the page again
// with status 422, the field errors next to the fields and the values kept.

// maxFormPost bounds a form's body: room for a 5 MB attachment said to be too large while the
// other fields are still read and kept.
const maxFormPost = 16 << 20

// sentForm is a form as posted, handed back to the page when it has errors.
type sentForm struct {
	Form    string                     // question, dispute, promise, bank
	Values  url.Values                 // what was typed, shown again
	Errors  map[string]errs.FieldError // field → problem (the page words it in its language)
	HadFile bool                       // a file was chosen: it must be chosen again
}

// postedForm is a request's form fields and attachment.
type postedForm struct {
	values   url.Values
	upload   *portal.Upload
	tooLarge bool // the body was over maxFormPost: nothing could be read
}

func (f postedForm) get(name string) string { return strings.TrimSpace(f.values.Get(name)) }

// readForm reads a urlencoded or multipart form; the attachment (field "attachment") is
// read up to one byte past the limit, so that a larger file is told apart without reading it all.
func readForm(c echo.Context) (postedForm, error) {
	r := c.Request()
	r.Body = http.MaxBytesReader(c.Response(), r.Body, maxFormPost)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := r.ParseForm(); err != nil {
			return postedForm{values: url.Values{}, tooLarge: isTooLarge(err)}, nil
		}
		return postedForm{values: r.PostForm}, nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return postedForm{values: url.Values{}, tooLarge: isTooLarge(err)}, nil
	}
	defer r.MultipartForm.RemoveAll()
	f := postedForm{values: url.Values(r.MultipartForm.Value)}
	files := r.MultipartForm.File["attachment"]
	if len(files) == 0 || files[0].Filename == "" {
		return f, nil
	}
	fh := files[0]
	u := &portal.Upload{Name: fh.Filename, Size: fh.Size}
	if fh.Size <= portal.MaxAttachment {
		file, err := fh.Open()
		if err != nil {
			return f, err
		}
		defer file.Close()
		if u.Data, err = io.ReadAll(io.LimitReader(file, portal.MaxAttachment+1)); err != nil {
			return f, err
		}
	}
	f.upload = u
	return f, nil
}

// checkText refuses fields (and an attachment's name) that no text column can store.
func (f postedForm) checkText() error {
	var v errs.Validation
	for name, values := range f.values {
		for _, s := range values {
			if p, args := httpx.TextProblem(s, httpx.DefaultMaxLength); p != "" {
				v.Add(name, p, args...)
			}
		}
	}
	if f.upload != nil {
		if p, args := httpx.TextProblem(f.upload.Name, 255); p != "" {
			v.Add("attachment", p, args...)
		}
	}
	return v.Err()
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// runForm runs one form: the access (Check: a post is not a visit), the fields, the domain
// call, then the redirect or the page with its errors.
func (d *Door) runForm(c echo.Context, form, anchor string, run func(portal.Access, postedForm) error) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	if f.tooLarge {
		err = errs.Invalid("attachment", "common.file_too_large_5mb")
	} else if err = f.checkText(); err == nil { // unstorable text is refused first, and does not count
		if err = d.takeForm(c, a, form); err == nil {
			if err = run(a, f); isInvalid(err) {
				d.refundForm(c, a, form) // what was typed is shown again: that post does not count
			}
		}
	}
	var de *errs.Error
	switch {
	case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests:
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(de.RetryAfter.Seconds())))
		p := sentForm{Form: form, Values: f.values, Errors: map[string]errs.FieldError{"form": errs.Field("form", formTooOften)}, HadFile: f.upload != nil}
		return d.renderPage(c, http.StatusTooManyRequests, a, map[string]any{"posted": p})
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/p/"+url.PathEscape(c.Param("token"))+"?done="+form+"#"+anchor)
	case errors.As(err, &de) && de.Kind == errs.KindInvalid:
		p := sentForm{Form: form, Values: f.values, Errors: map[string]errs.FieldError{}, HadFile: f.upload != nil}
		for _, fe := range de.Fields {
			field, _, _ := strings.Cut(fe.Field, "[") // invoice_ids[2] is shown on the list
			if _, seen := p.Errors[field]; !seen {
				p.Errors[field] = fe
			}
		}
		return d.renderPage(c, http.StatusUnprocessableEntity, a, map[string]any{"posted": p})
	}
	return err
}

// formTooOften is the error a form shows past its limits (formPerLink, formPerIP).
const formTooOften = "api.form_too_often"

// takeForm counts a post of form through link a and from the client's address.
func (d *Door) takeForm(c echo.Context, a portal.Access, form string) error {
	ctx := c.Request().Context()
	if err := d.Limits.Take(ctx, formPerLink, a.LinkID.String()+":"+form); err != nil {
		return err
	}
	if err := d.Limits.Take(ctx, formPerIP, c.RealIP()); err != nil {
		_ = d.Limits.Refund(ctx, formPerLink, a.LinkID.String()+":"+form)
		return err
	}
	return nil
}

func (d *Door) refundForm(c echo.Context, a portal.Access, form string) {
	ctx := c.Request().Context()
	_ = d.Limits.Refund(ctx, formPerLink, a.LinkID.String()+":"+form)
	_ = d.Limits.Refund(ctx, formPerIP, c.RealIP())
}

func isInvalid(err error) bool {
	var de *errs.Error
	return errors.As(err, &de) && de.Kind == errs.KindInvalid
}

// Question is the #question form: message, optional invoice_id and attachment.
func (d *Door) Question(c echo.Context) error {
	return d.runForm(c, "question", "question", func(a portal.Access, f postedForm) error {
		return d.Portal.AskQuestion(c.Request().Context(), a, portal.QuestionForm{
			Message: f.values.Get("message"), InvoiceID: f.get("invoice_id"), Attachment: f.upload})
	})
}

// Dispute is the #litige form: invoice_ids, reason, comment, optional attachment.
func (d *Door) Dispute(c echo.Context) error {
	return d.runForm(c, "dispute", "litige", func(a portal.Access, f postedForm) error {
		return d.Portal.OpenDispute(c.Request().Context(), a, portal.DisputeForm{
			InvoiceIDs: f.values["invoice_ids"], Reason: f.get("reason"), Comment: f.values.Get("comment"), Attachment: f.upload})
	})
}

// Promise is the #promesse form: invoice_ids, promised_on, method.
func (d *Door) Promise(c echo.Context) error {
	return d.runForm(c, "promise", "promesse", func(a portal.Access, f postedForm) error {
		return d.Portal.PromisePayment(c.Request().Context(), a, portal.PromiseForm{
			InvoiceIDs: f.values["invoice_ids"], PromisedOn: f.get("promised_on"), Method: f.get("method")})
	})
}

// BankDetails is the #coordonnees form: holder, iban, bic.
func (d *Door) BankDetails(c echo.Context) error {
	return d.runForm(c, "bank", "coordonnees", func(a portal.Access, f postedForm) error {
		return d.Portal.ChangeBankDetails(c.Request().Context(), a, portal.BankDetailsForm{
			Holder: f.get("holder"), IBAN: f.get("iban"), BIC: f.get("bic")})
	})
}

// What forms.html calls on the page's view.

// FormT is a word of the forms in the page's language.
func (v pageView) FormT(key string, args ...any) string {
	return portal.FormText(v.Lang, key, args...)
}

// Posted is the form named form as posted when the page shows its errors (empty otherwise).
func (v pageView) Posted(form string) postedView {
	p, _ := v.Extra["posted"].(sentForm)
	if p.Form != form {
		return postedView{lang: v.Lang}
	}
	return postedView{p: p, lang: v.Lang, active: true}
}

// DisputeReasons are the dispute reasons in the page's language.
func (v pageView) DisputeReasons() []portal.Choice { return portal.DisputeReasons(v.Lang) }

// PromiseMethodList are the ways to pay a debtor can promise, in the page's language.
func (v pageView) PromiseMethodList() []portal.Choice { return portal.PromiseMethods(v.Lang) }

// PromiseMin and PromiseMax bound the promised date (a date input's min and max).
func (v pageView) PromiseMin() string { return v.Today.Format(time.DateOnly) }

// PromiseMax is the last day a promise may name.
func (v pageView) PromiseMax() string { return v.promiseMax().Format(time.DateOnly) }

// PromiseRange is "Entre aujourd'hui et le 03/07/2026."
func (v pageView) PromiseRange() string { return v.FormT("promise_range", v.Date(v.promiseMax())) }

func (v pageView) promiseMax() time.Time {
	days := v.PromiseHorizonDays
	if days <= 0 {
		days = 30
	}
	return v.Today.AddDate(0, 0, days)
}

// DisputableInvoices are the open invoices not already disputed.
func (v pageView) DisputableInvoices() []portal.PageInvoice {
	var out []portal.PageInvoice
	for _, inv := range v.Invoices {
		if !inv.Disputed {
			out = append(out, inv)
		}
	}
	return out
}

// InvoiceChoice labels an invoice in the forms' lists: "F-118 · 1 240,00 € · échéance 15/03/2026".
func (v pageView) InvoiceChoice(inv portal.PageInvoice) string {
	return inv.Number + " · " + v.MoneyIn(inv.BalanceCents, inv.Currency) + " · " + v.FormT("due_on", v.Date(inv.DueDate))
}

// DoneText is the confirmation of ?done=… ("" for none).
func (v pageView) DoneText() string {
	switch v.Done {
	case "question", "dispute", "bank":
		return v.FormT("done_"+v.Done, v.Org.Name)
	case "promise":
		return v.FormT("done_promise")
	}
	return ""
}

// postedView is one form's posted values and errors, for its template.
type postedView struct {
	p      sentForm
	lang   string
	active bool
}

// Value is what was typed in field.
func (p postedView) Value(field string) string {
	if !p.active {
		return ""
	}
	return p.p.Values.Get(field)
}

// Checked tells whether value was chosen in field (checkboxes, options).
func (p postedView) Checked(field, value string) bool {
	if !p.active {
		return false
	}
	for _, v := range p.p.Values[field] {
		if v == value {
			return true
		}
	}
	return false
}

// Error is the problem with field, in the page's language ("" when none).
func (p postedView) Error(field string) string {
	return p.p.Errors[field].In(p.lang)
}

// HasErrors tells whether the form came back with errors.
func (p postedView) HasErrors() bool { return len(p.p.Errors) > 0 }

// ErrorCount is how many fields are wrong.
func (p postedView) ErrorCount() int { return len(p.p.Errors) }

// FileAgain tells whether a file was chosen and must be chosen again (it is never kept).
func (p postedView) FileAgain() bool { return p.p.HadFile && p.p.Errors["attachment"].Message == "" }

// ErrorLink is a problem of the summary, linking to its field.
type ErrorLink struct {
	Href, Message string
}

// formFieldIDs are the element ids of the fields, in the forms' order.
var formFieldIDs = map[string][]struct{ field, id string }{
	"question": {{"message", "q-message"}, {"invoice_id", "q-invoice"}, {"attachment", "q-attachment"}},
	"dispute":  {{"invoice_ids", "d-invoices"}, {"reason", "d-reason"}, {"comment", "d-comment"}, {"attachment", "d-attachment"}},
	"promise":  {{"invoice_ids", "p-invoices"}, {"promised_on", "p-date"}, {"method", "p-method"}},
	"bank":     {{"holder", "b-holder"}, {"iban", "b-iban"}, {"bic", "b-bic"}},
}

// ErrorLinks are the form's problems in the order of its fields, for the summary at its top.
func (p postedView) ErrorLinks() []ErrorLink {
	var out []ErrorLink
	known := map[string]bool{}
	for _, f := range formFieldIDs[p.p.Form] {
		known[f.field] = true
		if msg := p.Error(f.field); msg != "" {
			out = append(out, ErrorLink{"#" + f.id, msg})
		}
	}
	var other []string
	for field := range p.p.Errors {
		if !known[field] {
			other = append(other, field)
		}
	}
	sort.Strings(other)
	for _, field := range other {
		out = append(out, ErrorLink{"", p.Error(field)})
	}
	return out
}

// formErrorBox is the summary of a form's problems.
type formErrorBox struct {
	ID, Title string
	Links     []ErrorLink
	HasErrors bool
}

// ErrorBox is the summary at the top of a form that came back with errors.
func (v pageView) ErrorBox(p postedView, id string) formErrorBox {
	title := v.FormT("errors_1")
	if n := p.ErrorCount(); n > 1 {
		title = v.FormT("errors_n", n)
	}
	return formErrorBox{ID: id, Title: title, Links: p.ErrorLinks(), HasErrors: p.HasErrors()}
}

// formFileField is an attachment input.
type formFileField struct {
	ID, Label, Optional, Hint, Error, Again string
}

// FileField is the attachment input of the form whose ids start with prefix.
func (v pageView) FileField(p postedView, prefix, labelKey string) formFileField {
	f := formFileField{ID: prefix + "-attachment", Label: v.FormT(labelKey), Optional: v.FormT("optional"),
		Hint: v.FormT("attachment_hint"), Error: p.Error("attachment")}
	if p.FileAgain() {
		f.Again = v.FormT("attachment_again")
	}
	return f
}

// formInvoiceList is a fieldset of invoices to tick.
type formInvoiceList struct {
	ID, Legend, Hint, Error string
	Items                   []formInvoiceItem
}

type formInvoiceItem struct {
	Value, Number, Detail, Status, Badge string
	Checked                              bool
}

// InvoiceList is the invoices a form lets the debtor tick; a lone invoice comes ticked.
func (v pageView) InvoiceList(p postedView, prefix string, invoices []portal.PageInvoice, legendKey string) formInvoiceList {
	l := formInvoiceList{ID: prefix + "-invoices", Legend: v.FormT(legendKey), Hint: v.FormT("invoices_hint"),
		Error: p.Error("invoice_ids")}
	for _, inv := range invoices {
		checked := p.Checked("invoice_ids", inv.ID.String()) || (!p.active && len(invoices) == 1)
		l.Items = append(l.Items, formInvoiceItem{Value: inv.ID.String(), Number: inv.Number,
			Detail: v.MoneyIn(inv.BalanceCents, inv.Currency) + " · " + v.FormT("due_on", v.Date(inv.DueDate)),
			Status: inv.Status, Badge: v.Badge(inv), Checked: checked})
	}
	return l
}
