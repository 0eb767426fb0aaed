package api

import (
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
)

// portalStaffRoutes registers the dashboard side of the debtor page: links, page settings, and
// what debtors told us there (questions, disputes, promises, bank-detail changes).
func (s *Server) portalStaffRoutes(g *echo.Group) {
	g.GET("/customers/:id/portal-links", s.ListPortalLinks)
	g.POST("/customers/:id/portal-links", s.CreatePortalLink)
	g.DELETE("/portal-links/:id", s.RevokePortalLink)

	g.GET("/portal/settings", s.GetPortalSettings)
	g.PUT("/portal/settings", s.UpdatePortalSettings)
	g.GET("/portal/settings/logo", s.GetPortalLogo)
	g.PUT("/portal/settings/logo", s.UploadPortalLogo)
	g.DELETE("/portal/settings/logo", s.DeletePortalLogo)

	g.GET("/portal/questions", s.ListPortalQuestions)
	g.POST("/portal/questions/:id/answer", s.AnswerPortalQuestion)
	g.GET("/portal/questions/:id/attachment", s.GetQuestionAttachment)
	g.GET("/disputes", s.ListDisputes)
	g.GET("/disputes/:id/attachment", s.GetDisputeAttachment)
	g.GET("/promises", s.ListPromises)
	g.GET("/bank-detail-changes", s.ListBankDetailChanges)
	g.POST("/bank-detail-changes/:id/confirm", s.ConfirmBankDetailChange)
	g.POST("/bank-detail-changes/:id/reject", s.RejectBankDetailChange)
}

// PortalLinkRequest makes a link to a customer's page.
type PortalLinkRequest struct {
	ContactEmail string `json:"contact_email,omitempty" example:"compta@boulangerie-martin.fr"`
}

// PortalLinkCreated is a new link. Its URL holds the token and is shown this once.
type PortalLinkCreated struct {
	ID           string    `json:"id" format:"uuid"`
	URL          string    `json:"url" example:"https://app.relance.fr/p/hT3x…"`
	ContactEmail string    `json:"contact_email"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// PortalLinkResponse is a link as listed: never its token.
type PortalLinkResponse struct {
	ID             string     `json:"id" format:"uuid"`
	ContactEmail   string     `json:"contact_email"`
	Source         string     `json:"source" enums:"reminder,staff,resend"`
	Status         string     `json:"status" enums:"active,expired,revoked"`
	ActionID       *string    `json:"action_id" format:"uuid" extensions:"x-nullable"`
	CreatedByName  *string    `json:"created_by_name" extensions:"x-nullable"`
	CreatedAt      time.Time  `json:"created_at"`
	ExpiresAt      time.Time  `json:"expires_at"`
	RevokedAt      *time.Time `json:"revoked_at" extensions:"x-nullable"`
	VisitCount     int        `json:"visit_count"`
	FirstVisitedAt *time.Time `json:"first_visited_at" extensions:"x-nullable"`
	LastVisitedAt  *time.Time `json:"last_visited_at" extensions:"x-nullable"`
}

// PortalLinkList is a customer's links, newest first (at most 200).
type PortalLinkList struct {
	Items []PortalLinkResponse `json:"items"`
	Total int64                `json:"total"`
}

func toPortalLinkResponse(l portal.LinkView) PortalLinkResponse {
	return PortalLinkResponse{ID: l.ID.String(), ContactEmail: l.ContactEmail, Source: l.Source, Status: l.Status,
		ActionID: uuidPtrString(l.ActionID), CreatedByName: l.CreatedByName, CreatedAt: l.CreatedAt, ExpiresAt: l.ExpiresAt,
		RevokedAt: l.RevokedAt, VisitCount: l.VisitCount, FirstVisitedAt: l.FirstVisitedAt, LastVisitedAt: l.LastVisitedAt}
}

// ListPortalLinks godoc
// @Summary      A customer's debtor-page links
// @Description  Every link made for the customer (by reminders or by staff), newest first, with its visits. Tokens are never shown again.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Customer id"  format(uuid)
// @Success      200  {object}  PortalLinkList
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id}/portal-links [get]
func (s *Server) ListPortalLinks(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	links, err := s.app.Portal.CustomerLinks(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	out := PortalLinkList{Items: make([]PortalLinkResponse, len(links)), Total: int64(len(links))}
	for i, l := range links {
		out.Items[i] = toPortalLinkResponse(l)
	}
	return c.JSON(http.StatusOK, out)
}

// CreatePortalLink godoc
// @Summary      Make a link to a customer's debtor page
// @Description  For staff to send by hand; it expires after the page settings' link lifetime. The URL is in this answer only.
// @Tags         portal
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string             true  "Customer id"  format(uuid)
// @Param        body  body      PortalLinkRequest  true  "Who the link is for"
// @Success      201   {object}  PortalLinkCreated
// @Failure      403   {object}  Problem  "viewers"
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers/{id}/portal-links [post]
func (s *Server) CreatePortalLink(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req PortalLinkRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	l, err := s.app.Portal.ShareLink(c.Request().Context(), principal(c), id, req.ContactEmail)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, PortalLinkCreated{ID: l.ID.String(), URL: l.URL, ContactEmail: l.ContactEmail,
		ExpiresAt: l.ExpiresAt})
}

// RevokePortalLink godoc
// @Summary      Revoke a debtor-page link
// @Description  The link stops opening the page at once; revoking twice is harmless.
// @Tags         portal
// @Security     BearerAuth
// @Param        id   path  string  true  "Link id"  format(uuid)
// @Success      204
// @Failure      403  {object}  Problem  "viewers"
// @Failure      404  {object}  Problem
// @Router       /api/v1/portal-links/{id} [delete]
func (s *Server) RevokePortalLink(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.Portal.RevokeLink(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// PortalSettingsRequest are the debtor page's settings. Empty strings leave a detail off the
// page (no transfer details, no contact line); no payment method, no online payment.
type PortalSettingsRequest struct {
	LinkLifetimeDays   int      `json:"link_lifetime_days" example:"90" minimum:"1" maximum:"730"`
	PromiseHorizonDays int      `json:"promise_horizon_days" example:"30" minimum:"1" maximum:"365"`
	BrandColor         string   `json:"brand_color" example:"#1c7ed6"`
	CreditorIBAN       string   `json:"creditor_iban" example:"FR14 2004 1010 0505 0001 3M02 606"`
	CreditorBIC        string   `json:"creditor_bic" example:"PSSTFRPPPAR"`
	PaymentMethods     []string `json:"payment_methods" enums:"card,sepa_debit"`
	ContactPhone       string   `json:"contact_phone" example:"+33123456789"`
	ContactEmail       string   `json:"contact_email" example:"compta@acme.fr"`
}

// PortalSettingsResponse is the settings as stored (IBAN and BIC compact in capitals, phone in
// E.164) and whether a logo is set.
type PortalSettingsResponse struct {
	PortalSettingsRequest
	HasLogo   bool       `json:"has_logo"`
	UpdatedAt *time.Time `json:"updated_at" extensions:"x-nullable"`
}

func toPortalSettingsResponse(st portal.Settings) PortalSettingsResponse {
	out := PortalSettingsResponse{HasLogo: st.LogoKey != nil, PortalSettingsRequest: PortalSettingsRequest{
		LinkLifetimeDays: st.LinkLifetimeDays, PromiseHorizonDays: st.PromiseHorizonDays, BrandColor: st.BrandColor,
		CreditorIBAN: st.CreditorIBAN, CreditorBIC: st.CreditorBIC, PaymentMethods: nonNil(st.PaymentMethods),
		ContactPhone: st.ContactPhone, ContactEmail: st.ContactEmail}}
	if !st.UpdatedAt.IsZero() {
		out.UpdatedAt = &st.UpdatedAt
	}
	return out
}

// GetPortalSettings godoc
// @Summary      The debtor page's settings
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  PortalSettingsResponse
// @Router       /api/v1/portal/settings [get]
func (s *Server) GetPortalSettings(c echo.Context) error {
	st, err := s.app.Portal.GetSettings(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPortalSettingsResponse(st))
}

// UpdatePortalSettings godoc
// @Summary      Replace the debtor page's settings
// @Description  IBAN checked with its mod-97 check digits, BIC by its ISO 9362 format, colour as #rrggbb.
// @Tags         portal
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      PortalSettingsRequest  true  "The settings"
// @Success      200   {object}  PortalSettingsResponse
// @Failure      403   {object}  Problem  "admins only"
// @Failure      422   {object}  Problem
// @Router       /api/v1/portal/settings [put]
func (s *Server) UpdatePortalSettings(c echo.Context) error {
	var req PortalSettingsRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in := portal.SettingsInput{LinkLifetimeDays: req.LinkLifetimeDays, PromiseHorizonDays: req.PromiseHorizonDays,
		BrandColor: req.BrandColor, CreditorIBAN: req.CreditorIBAN, CreditorBIC: req.CreditorBIC,
		PaymentMethods: req.PaymentMethods, ContactPhone: req.ContactPhone, ContactEmail: req.ContactEmail}
	st, err := s.app.Portal.UpdateSettings(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPortalSettingsResponse(st))
}

// UploadPortalLogo godoc
// @Summary      Set the debtor page's logo
// @Description  PNG, JPEG or SVG (without scripts) of at most 1 MB, told by its content; as the multipart field `file` or the raw body.
// @Tags         portal
// @Accept       multipart/form-data
// @Produce      json
// @Security     BearerAuth
// @Param        file  formData  file  true  "The image"
// @Success      200   {object}  PortalSettingsResponse
// @Failure      403   {object}  Problem  "admins only"
// @Failure      422   {object}  Problem
// @Router       /api/v1/portal/settings/logo [put]
func (s *Server) UploadPortalLogo(c echo.Context) error {
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, portal.MaxLogoSize+1<<20)
	var r io.Reader = c.Request().Body
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type")); mt == "multipart/form-data" {
		fh, err := c.FormFile("file")
		if err != nil {
			return errs.Invalid("file", "Send the image in the multipart field named file (at most 1 MB).")
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	st, err := s.app.Portal.SetLogo(c.Request().Context(), principal(c), r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPortalSettingsResponse(st))
}

// GetPortalLogo godoc
// @Summary      The debtor page's logo
// @Tags         portal
// @Produce      image/png,image/jpeg,image/svg+xml
// @Security     BearerAuth
// @Success      200  {file}    file
// @Failure      404  {object}  Problem  "no logo"
// @Router       /api/v1/portal/settings/logo [get]
func (s *Server) GetPortalLogo(c echo.Context) error {
	f, contentType, err := s.app.Portal.OpenLogo(c.Request().Context(), principal(c).OrganizationID)
	if err != nil {
		return err
	}
	defer f.Close()
	// An SVG opened on its own must not run anything, even if one slipped through the upload check.
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	return c.Stream(http.StatusOK, contentType, f)
}

// DeletePortalLogo godoc
// @Summary      Take the logo off the debtor page
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  PortalSettingsResponse
// @Failure      403  {object}  Problem  "admins only"
// @Router       /api/v1/portal/settings/logo [delete]
func (s *Server) DeletePortalLogo(c echo.Context) error {
	st, err := s.app.Portal.RemoveLogo(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPortalSettingsResponse(st))
}

// PortalQuestionResponse is a question a debtor asked on the page.
type PortalQuestionResponse struct {
	ID             string     `json:"id" format:"uuid"`
	CustomerID     string     `json:"customer_id" format:"uuid"`
	CustomerName   string     `json:"customer_name"`
	LinkID         *string    `json:"link_id" format:"uuid" extensions:"x-nullable"`
	ContactEmail   string     `json:"contact_email"`
	InvoiceID      *string    `json:"invoice_id" format:"uuid" extensions:"x-nullable"`
	InvoiceNumber  *string    `json:"invoice_number" extensions:"x-nullable"`
	Message        string     `json:"message"`
	HasAttachment  bool       `json:"has_attachment"`
	AttachmentName *string    `json:"attachment_name" extensions:"x-nullable"`
	Status         string     `json:"status" enums:"open,answered"`
	Answer         string     `json:"answer"`
	AnsweredByName *string    `json:"answered_by_name" extensions:"x-nullable"`
	AnsweredAt     *time.Time `json:"answered_at" extensions:"x-nullable"`
	CreatedAt      time.Time  `json:"created_at"`
	EmailedTo      string     `json:"emailed_to,omitempty"`
}

// PortalQuestionList is one page of questions.
type PortalQuestionList struct {
	Items []PortalQuestionResponse `json:"items"`
	Total int64                    `json:"total"`
}

// AnswerRequest is staff's answer to a question.
type AnswerRequest struct {
	Answer string `json:"answer" example:"Bonjour, la facture F-118 vous a été renvoyée ce matin."`
}

func toPortalQuestionResponse(q portal.QuestionView) PortalQuestionResponse {
	return PortalQuestionResponse{ID: q.ID.String(), CustomerID: q.CustomerID.String(), CustomerName: q.CustomerName,
		LinkID: uuidPtrString(q.LinkID), ContactEmail: q.ContactEmail, InvoiceID: uuidPtrString(q.InvoiceID),
		InvoiceNumber: q.InvoiceNumber, Message: q.Message, HasAttachment: q.AttachmentKey != nil,
		AttachmentName: q.AttachmentName, Status: q.Status, Answer: q.Answer, AnsweredByName: q.AnsweredByName,
		AnsweredAt: q.AnsweredAt, CreatedAt: q.CreatedAt, EmailedTo: q.EmailedTo}
}

// portalFilter reads the status and customer_id filters of a list.
func portalFilter(c echo.Context) (portal.Filter, error) {
	var f fields
	out := portal.Filter{Status: c.QueryParam("status"), CustomerID: queryID(&f, "customer_id", c.QueryParam("customer_id"))}
	return out, f.Err()
}

// ListPortalQuestions godoc
// @Summary      Questions debtors asked on the page
// @Description  Open questions first, newest first.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open or answered"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the question, the answer, the customer, the contact and the invoice number"
// @Param        sort         query     string  false  "created_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  PortalQuestionList
// @Failure      422          {object}  Problem
// @Router       /api/v1/portal/questions [get]
func (s *Server) ListPortalQuestions(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	f, err := portalFilter(c)
	if err != nil {
		return err
	}
	res, err := s.app.Portal.ListQuestions(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := PortalQuestionList{Items: make([]PortalQuestionResponse, len(res.Items)), Total: res.Total}
	for i, v := range res.Items {
		out.Items[i] = toPortalQuestionResponse(v)
	}
	return c.JSON(http.StatusOK, out)
}

// AnswerPortalQuestion godoc
// @Summary      Answer a debtor's question
// @Description  The answer is emailed to the contact who asked (the address of their link, else the customer's accounting contact) and recorded on the customer's timeline.
// @Tags         portal
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string         true  "Question id"  format(uuid)
// @Param        body  body      AnswerRequest  true  "The answer"
// @Success      200   {object}  PortalQuestionResponse
// @Failure      403   {object}  Problem  "viewers"
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "already answered"
// @Failure      422   {object}  Problem
// @Router       /api/v1/portal/questions/{id}/answer [post]
func (s *Server) AnswerPortalQuestion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req AnswerRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	v, err := s.app.Portal.AnswerQuestion(c.Request().Context(), principal(c), id, req.Answer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPortalQuestionResponse(v))
}

// GetQuestionAttachment godoc
// @Summary      The file a debtor joined to a question
// @Tags         portal
// @Produce      application/octet-stream
// @Security     BearerAuth
// @Param        id   path      string  true  "Question id"  format(uuid)
// @Success      200  {file}    file
// @Failure      404  {object}  Problem
// @Router       /api/v1/portal/questions/{id}/attachment [get]
func (s *Server) GetQuestionAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, name, err := s.app.Portal.OpenQuestionAttachment(c.Request().Context(), principal(c), id)
	return sendAttachment(c, f, name, err)
}

// GetDisputeAttachment godoc
// @Summary      The file a debtor joined to a dispute
// @Tags         portal
// @Produce      application/octet-stream
// @Security     BearerAuth
// @Param        id   path      string  true  "Dispute id"  format(uuid)
// @Success      200  {file}    file
// @Failure      404  {object}  Problem
// @Router       /api/v1/disputes/{id}/attachment [get]
func (s *Server) GetDisputeAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, name, err := s.app.Portal.OpenDisputeAttachment(c.Request().Context(), principal(c), id)
	return sendAttachment(c, f, name, err)
}

// sendAttachment streams a debtor's file as a download: it is never shown inline on our origin.
func sendAttachment(c echo.Context, f io.ReadCloser, name string, err error) error {
	if err != nil {
		return err
	}
	defer f.Close()
	contentType := mime.TypeByExtension(filepath.Ext(name))
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	c.Response().Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Stream(http.StatusOK, contentType, f)
}

// HeldInvoiceResponse is an invoice a dispute or a promise holds back.
type HeldInvoiceResponse struct {
	ID           string `json:"id" format:"uuid"`
	Number       string `json:"number"`
	TotalCents   int64  `json:"total_cents"`
	BalanceCents int64  `json:"balance_cents"`
	Currency     string `json:"currency"`
}

func toHeldInvoices(in []portal.HeldInvoice) []HeldInvoiceResponse {
	out := make([]HeldInvoiceResponse, len(in))
	for i, v := range in {
		out[i] = HeldInvoiceResponse{ID: v.ID.String(), Number: v.Number, TotalCents: v.TotalCents,
			BalanceCents: v.BalanceCents, Currency: v.Currency}
	}
	return out
}

func heldIDs(in []portal.HeldInvoice) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = v.ID.String()
	}
	return out
}

// DisputeListItem is a dispute with its customer's name and its invoices.
type DisputeListItem struct {
	DisputeResponse
	CustomerName   string                `json:"customer_name"`
	Invoices       []HeldInvoiceResponse `json:"invoices"`
	LinkID         *string               `json:"link_id" format:"uuid" extensions:"x-nullable"`
	HasAttachment  bool                  `json:"has_attachment"`
	AttachmentName *string               `json:"attachment_name" extensions:"x-nullable"`
}

// DisputeList is one page of disputes.
type DisputeList struct {
	Items []DisputeListItem `json:"items"`
	Total int64             `json:"total"`
}

// ListDisputes godoc
// @Summary      Disputes
// @Description  Open disputes first, newest first, whoever opened them (staff, the API or the debtor on the page).
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open or resolved"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the customer, the comment and the invoice numbers"
// @Param        sort         query     string  false  "opened_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  DisputeList
// @Failure      422          {object}  Problem
// @Router       /api/v1/disputes [get]
func (s *Server) ListDisputes(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	f, err := portalFilter(c)
	if err != nil {
		return err
	}
	res, err := s.app.Portal.ListDisputes(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := DisputeList{Items: make([]DisputeListItem, len(res.Items)), Total: res.Total}
	for i, d := range res.Items {
		out.Items[i] = DisputeListItem{DisputeResponse: DisputeResponse{ID: d.ID.String(), CustomerID: d.CustomerID.String(),
			InvoiceIDs: heldIDs(d.Invoices), Reason: d.Reason, Comment: d.Comment, Source: d.Source, Status: d.Status,
			Resolution: d.Resolution, OpenedAt: d.OpenedAt, ResolvedAt: d.ResolvedAt}, CustomerName: d.CustomerName,
			Invoices: toHeldInvoices(d.Invoices), LinkID: uuidPtrString(d.LinkID), HasAttachment: d.AttachmentKey != nil,
			AttachmentName: d.AttachmentName}
	}
	return c.JSON(http.StatusOK, out)
}

// PromiseListItem is a promise to pay with its customer's name and its invoices.
type PromiseListItem struct {
	PromiseResponse
	CustomerName string                `json:"customer_name"`
	Invoices     []HeldInvoiceResponse `json:"invoices"`
	LinkID       *string               `json:"link_id" format:"uuid" extensions:"x-nullable"`
	ClosedAt     *time.Time            `json:"closed_at" extensions:"x-nullable"`
}

// PromiseList is one page of promises to pay.
type PromiseList struct {
	Items []PromiseListItem `json:"items"`
	Total int64             `json:"total"`
}

// ListPromises godoc
// @Summary      Promises to pay
// @Description  Open promises first, the soonest date first.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open, kept, broken or cancelled"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the customer and the invoice numbers"
// @Param        sort         query     string  false  "promised_on, created_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  PromiseList
// @Failure      422          {object}  Problem
// @Router       /api/v1/promises [get]
func (s *Server) ListPromises(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	f, err := portalFilter(c)
	if err != nil {
		return err
	}
	res, err := s.app.Portal.ListPromises(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := PromiseList{Items: make([]PromiseListItem, len(res.Items)), Total: res.Total}
	for i, p := range res.Items {
		out.Items[i] = PromiseListItem{PromiseResponse: PromiseResponse{ID: p.ID.String(), CustomerID: p.CustomerID.String(),
			InvoiceIDs: heldIDs(p.Invoices), PromisedOn: dateString(p.PromisedOn), Method: p.Method, Source: p.Source,
			Status: p.Status, CreatedAt: p.CreatedAt}, CustomerName: p.CustomerName, Invoices: toHeldInvoices(p.Invoices),
			LinkID: uuidPtrString(p.LinkID), ClosedAt: p.ClosedAt}
	}
	return c.JSON(http.StatusOK, out)
}

// BankDetailChangeResponse is new bank details a debtor gave on the page, beside the account
// they would replace. Nothing changes before staff confirm.
type BankDetailChangeResponse struct {
	ID            string     `json:"id" format:"uuid"`
	CustomerID    string     `json:"customer_id" format:"uuid"`
	CustomerName  string     `json:"customer_name"`
	LinkID        *string    `json:"link_id" format:"uuid" extensions:"x-nullable"`
	ContactEmail  string     `json:"contact_email"`
	Holder        string     `json:"holder"`
	IBAN          string     `json:"iban" example:"FR1420041010050500013M02606"`
	BIC           string     `json:"bic"`
	Country       string     `json:"country" example:"FR"`
	Status        string     `json:"status" enums:"pending,confirmed,rejected"`
	DecidedByName *string    `json:"decided_by_name" extensions:"x-nullable"`
	DecidedAt     *time.Time `json:"decided_at" extensions:"x-nullable"`
	CreatedAt     time.Time  `json:"created_at"`
	CurrentIBAN   *string    `json:"current_iban" extensions:"x-nullable"`
}

// BankDetailChangeList is one page of bank-detail changes.
type BankDetailChangeList struct {
	Items []BankDetailChangeResponse `json:"items"`
	Total int64                      `json:"total"`
}

func toBankDetailChangeResponse(v portal.BankChangeView) BankDetailChangeResponse {
	return BankDetailChangeResponse{ID: v.ID.String(), CustomerID: v.CustomerID.String(), CustomerName: v.CustomerName,
		LinkID: uuidPtrString(v.LinkID), ContactEmail: v.ContactEmail, Holder: v.Holder, IBAN: v.IBAN, BIC: v.BIC,
		Country: v.Country, Status: v.Status, DecidedByName: v.DecidedByName, DecidedAt: v.DecidedAt, CreatedAt: v.CreatedAt,
		CurrentIBAN: v.CurrentIBAN}
}

// ListBankDetailChanges godoc
// @Summary      Bank-detail changes debtors asked for
// @Description  Pending changes first, newest first, each with the customer's confirmed account today.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "pending, confirmed or rejected"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the customer, the holder and the IBAN"
// @Param        sort         query     string  false  "created_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  BankDetailChangeList
// @Failure      422          {object}  Problem
// @Router       /api/v1/bank-detail-changes [get]
func (s *Server) ListBankDetailChanges(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	f, err := portalFilter(c)
	if err != nil {
		return err
	}
	res, err := s.app.Portal.ListBankChanges(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := BankDetailChangeList{Items: make([]BankDetailChangeResponse, len(res.Items)), Total: res.Total}
	for i, v := range res.Items {
		out.Items[i] = toBankDetailChangeResponse(v)
	}
	return c.JSON(http.StatusOK, out)
}

// ConfirmBankDetailChange godoc
// @Summary      Confirm new bank details
// @Description  Check them with the customer through a channel you already know first. They become the customer's account.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Change id"  format(uuid)
// @Success      200  {object}  BankDetailChangeResponse
// @Failure      403  {object}  Problem  "viewers"
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "already confirmed or rejected"
// @Router       /api/v1/bank-detail-changes/{id}/confirm [post]
func (s *Server) ConfirmBankDetailChange(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Portal.ConfirmBankChange(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toBankDetailChangeResponse(v))
}

// RejectBankDetailChange godoc
// @Summary      Reject new bank details
// @Description  The customer's account stays as it was.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Change id"  format(uuid)
// @Success      200  {object}  BankDetailChangeResponse
// @Failure      403  {object}  Problem  "viewers"
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "already confirmed or rejected"
// @Router       /api/v1/bank-detail-changes/{id}/reject [post]
func (s *Server) RejectBankDetailChange(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Portal.RejectBankChange(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toBankDetailChangeResponse(v))
}
