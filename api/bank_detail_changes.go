package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/portal"
)

// Bank-detail changes from debtor pages, pending staff confirmation.

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
	f, q, err := requestsQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Portal.ListBankChanges(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, BankDetailChangeList{Items: mapped(res.Items, toBankDetailChangeResponse), Total: res.Total})
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
	return byID(c, http.StatusOK, s.svc.Portal.ConfirmBankChange, toBankDetailChangeResponse)
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
	return byID(c, http.StatusOK, s.svc.Portal.RejectBankChange, toBankDetailChangeResponse)
}
