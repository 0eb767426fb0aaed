package api

import "github.com/labstack/echo/v4"

// ledgerRoutes registers customers, contacts, invoices, credit notes and payments.
func (s *Server) ledgerRoutes(g *echo.Group) {
	g.GET("/customers", s.ListCustomers)
	g.GET("/customer-segments", s.ListSegments)
	g.POST("/customers", s.CreateCustomer)
	g.GET("/customers/:id", s.GetCustomer)
	g.PUT("/customers/:id", s.UpdateCustomer)
	g.DELETE("/customers/:id", s.ArchiveCustomer)
	g.GET("/customers/:id/activities", s.CustomerTimeline)
	g.GET("/customers/:id/contacts", s.ListContacts)
	g.POST("/customers/:id/contacts", s.AddContact)
	g.PUT("/customers/:id/contacts/:contact_id", s.UpdateContact)
	g.DELETE("/customers/:id/contacts/:contact_id", s.DeleteContact)

	g.GET("/invoices", s.ListInvoices)
	g.POST("/invoices", s.CreateInvoice)
	g.GET("/invoices/:id", s.GetInvoice)
	g.PUT("/invoices/:id", s.UpdateInvoice)
	g.POST("/invoices/:id/cancel", s.CancelInvoice)
	g.POST("/invoices/:id/write-off", s.WriteOffInvoice)
	g.GET("/invoices/:id/pdf", s.DownloadInvoicePDF, s.transfer)
	g.PUT("/invoices/:id/pdf", s.UploadInvoicePDF, s.transfer)
	g.GET("/invoices/:id/activities", s.InvoiceTimeline)

	g.GET("/credit-notes", s.ListCreditNotes)
	g.POST("/credit-notes", s.CreateCreditNote)
	g.GET("/credit-notes/:id", s.GetCreditNote)

	g.GET("/payments", s.ListPayments)
	g.POST("/payments", s.RecordPayment)
	g.GET("/payments/:id", s.GetPayment)
	g.POST("/payments/:id/allocations", s.AllocatePayment)
	g.POST("/payments/:id/reverse", s.ReversePayment)
}
