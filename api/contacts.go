package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/ledger"
)

// ContactRequest is every editable field of a contact.
type ContactRequest struct {
	Name              string `json:"name" example:"Claire Dubois" maxLength:"200"`
	Role              string `json:"role" enums:"accounting,sales,billing,other"`
	Email             string `json:"email,omitempty" example:"compta@boulangerie-martin.fr" maxLength:"254"`
	Phone             string `json:"phone,omitempty" example:"01 23 45 67 89" maxLength:"50"`
	PreferredChannel  string `json:"preferred_channel" enums:"email,sms,letter,phone"`
	ReceivesReminders bool   `json:"receives_reminders"`
}

// ContactResponse is a person at a customer.
type ContactResponse struct {
	ID                string `json:"id" format:"uuid"`
	Name              string `json:"name"`
	Role              string `json:"role" enums:"accounting,sales,billing,other"`
	Email             string `json:"email"`
	Phone             string `json:"phone" example:"+33123456789"`
	PreferredChannel  string `json:"preferred_channel" enums:"email,sms,letter,phone"`
	ReceivesReminders bool   `json:"receives_reminders"`
}

// ContactList is a customer's contacts.
type ContactList struct {
	Items []ContactResponse `json:"items"`
	Total int64             `json:"total"`
}

func toContactResponse(k ledger.Contact) ContactResponse {
	return ContactResponse{ID: k.ID.String(), Name: k.Name, Role: k.Role, Email: k.Email, Phone: k.Phone,
		PreferredChannel: k.PreferredChannel, ReceivesReminders: k.ReceivesReminders}
}

// ListContacts godoc
// @Summary      A customer's contacts
// @Tags         customers
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Customer id"  format(uuid)
// @Success      200  {object}  ContactList
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id}/contacts [get]
func (s *Server) ListContacts(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ks, err := s.svc.Ledger.Contacts(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ContactList{Items: mapped(ks, toContactResponse), Total: int64(len(ks))})
}

// AddContact godoc
// @Summary      Add a contact to a customer
// @Description  Phone numbers are stored in E.164 form (read as French when they have no country code).
// @Tags         customers
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string          true  "Customer id"  format(uuid)
// @Param        body  body      ContactRequest  true  "The contact"
// @Success      201   {object}  ContactResponse
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers/{id}/contacts [post]
func (s *Server) AddContact(c echo.Context) error {
	var req ContactRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	k, err := s.svc.Ledger.AddContact(c.Request().Context(), principal(c), id, ledger.ContactInput(req))
	return reply(c, http.StatusCreated, k, err, toContactResponse)
}

// UpdateContact godoc
// @Summary      Replace a contact's fields
// @Tags         customers
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id          path      string          true  "Customer id"  format(uuid)
// @Param        contact_id  path      string          true  "Contact id"  format(uuid)
// @Param        body        body      ContactRequest  true  "The contact"
// @Success      200         {object}  ContactResponse
// @Failure      404         {object}  Problem
// @Failure      422         {object}  Problem
// @Router       /api/v1/customers/{id}/contacts/{contact_id} [put]
func (s *Server) UpdateContact(c echo.Context) error {
	id, contactID, err := contactPath(c)
	if err != nil {
		return err
	}
	var req ContactRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	k, err := s.svc.Ledger.UpdateContact(c.Request().Context(), principal(c), id, contactID, ledger.ContactInput(req))
	return reply(c, http.StatusOK, k, err, toContactResponse)
}

// DeleteContact godoc
// @Summary      Remove a contact
// @Tags         customers
// @Security     BearerAuth
// @Param        id          path  string  true  "Customer id"  format(uuid)
// @Param        contact_id  path  string  true  "Contact id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id}/contacts/{contact_id} [delete]
func (s *Server) DeleteContact(c echo.Context) error {
	id, contactID, err := contactPath(c)
	if err != nil {
		return err
	}
	if err := s.svc.Ledger.DeleteContact(c.Request().Context(), principal(c), id, contactID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// contactPath reads the customer's and the contact's ids of /customers/{id}/contacts/{contact_id}.
func contactPath(c echo.Context) (customer, contact uuid.UUID, err error) {
	if customer, err = pathID(c, "id"); err == nil {
		contact, err = pathID(c, "contact_id")
	}
	return customer, contact, err
}
