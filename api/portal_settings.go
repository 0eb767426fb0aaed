package api

import (
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
)

// The debtor page's settings and logo (dashboard side).

// PortalSettingsRequest are the debtor page's settings. Empty strings leave a detail off the
// page (no transfer details, no contact line); no payment method, no online payment.
type PortalSettingsRequest struct {
	LinkLifetimeDays   int      `json:"link_lifetime_days" example:"90" minimum:"1" maximum:"730"`
	PromiseHorizonDays int      `json:"promise_horizon_days" example:"30" minimum:"1" maximum:"365"`
	BrandColor         string   `json:"brand_color" example:"#1c7ed6"`
	CreditorIBAN       string   `json:"creditor_iban" example:"FR14 2004 1010 0505 0001 3M02 606" maxLength:"50"`
	CreditorBIC        string   `json:"creditor_bic" example:"PSSTFRPPPAR" maxLength:"20"`
	PaymentMethods     []string `json:"payment_methods" enums:"card,sepa_debit"`
	ContactPhone       string   `json:"contact_phone" example:"+33123456789" maxLength:"50"`
	ContactEmail       string   `json:"contact_email" example:"compta@acme.fr" maxLength:"254"`
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
	st, err := s.svc.Portal.GetSettings(c.Request().Context(), principal(c))
	return reply(c, http.StatusOK, st, err, toPortalSettingsResponse)
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
	st, err := s.svc.Portal.UpdateSettings(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusOK, st, err, toPortalSettingsResponse)
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
			return errs.Invalid("file", "api.send_logo_file")
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	st, err := s.svc.Portal.SetLogo(c.Request().Context(), principal(c), r)
	return reply(c, http.StatusOK, st, err, toPortalSettingsResponse)
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
	f, contentType, err := s.svc.Portal.OpenLogo(c.Request().Context(), principal(c).OrganizationID)
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
	st, err := s.svc.Portal.RemoveLogo(c.Request().Context(), principal(c))
	return reply(c, http.StatusOK, st, err, toPortalSettingsResponse)
}
