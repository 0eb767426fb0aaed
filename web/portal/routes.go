package portal

import (
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/web/httpx"
)

// Routes mounts the debtor's door on e, every route by resource: its assets, the page and what
// it links to, its forms, online payment, and the reminders' tracking. The link's token is the
// key: no route here takes an account.
func (d *Door) Routes(e *echo.Echo) {
	transfer := httpx.Transfer(d.Transfer)

	// The pages' stylesheets (the brand colour's is made per colour).
	e.GET("/p/assets/portal.css", d.CSS)
	e.GET("/p/assets/forms.css", d.FormsCSS)
	e.GET("/p/assets/brand/:file", d.BrandCSS)

	// A link that no longer works, and asking for a new one.
	e.GET("/p/expired", d.Expired)
	e.POST("/p/expired", d.Resend)

	// The page and what it links to: the logo, the statement, the invoices' PDFs.
	e.GET(pagePath, d.Page)
	e.GET("/p/:token/logo", d.Logo)
	e.GET("/p/:token/statement.pdf", d.StatementPDF, transfer)
	e.GET("/p/:token/statement.csv", d.StatementCSV, transfer)
	e.GET("/p/:token/invoices/:id/pdf", d.InvoicePDF, transfer)

	// The self-service forms.
	e.POST("/p/:token/question", d.Question, transfer)
	e.POST("/p/:token/dispute", d.Dispute, transfer)
	e.POST("/p/:token/promise", d.Promise)
	e.POST("/p/:token/bank-details", d.BankDetails)

	// Online payment: to Stripe Checkout, and the pages Stripe sends the debtor back to.
	e.POST("/p/:token/pay", d.Pay)
	e.GET("/p/:token/paid", d.Paid)
	e.GET("/p/:token/cancelled", d.Cancelled)

	// The reminders' open and click tracking.
	e.GET("/t/o/:token", d.TrackOpen)
	e.GET("/t/c/:token", d.TrackClick)
}
