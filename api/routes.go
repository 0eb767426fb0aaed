package api

import "github.com/labstack/echo/v4"

// Routes mounts the JSON door on e: every route of the API by resource, the operations' probes
// and the API's description. The JSON API (/api/v1) is for the dashboard (JWT) and other
// software (API keys); Stripe's signed events come in here too. The debtor's pages are
// web/portal's routes; package web mounts both doors.
func (s *Server) Routes(e *echo.Echo) {
	// Operations.
	e.GET("/healthz", s.Healthz)
	e.GET("/readyz", s.Readyz)

	// The API's description.
	e.GET("/api/openapi.json", s.OpenAPI)
	e.GET("/api/openapi3.json", s.OpenAPI3)
	e.GET("/api/docs", s.DocsIndex)
	e.GET("/api/docs/doc.json", s.OpenAPI)
	e.GET("/api/docs/doc.yaml", s.OpenAPIYAML)
	e.GET("/api/docs/*", docsViewer())

	// Stripe's events (signed).
	e.POST("/webhooks/stripe", s.StripeWebhook)

	// The JSON API: accounts, before and after signing in.
	v1 := e.Group("/api/v1", noStore)
	v1.POST("/auth/signup", s.Signup, s.limitIP(signupPerIP))
	v1.POST("/auth/login", s.Login)
	v1.POST("/auth/refresh", s.Refresh)
	v1.POST("/auth/logout", s.Logout)
	v1.POST("/auth/password-reset", s.RequestPasswordReset)
	v1.POST("/auth/password-reset/confirm", s.ConfirmPasswordReset, s.limitIP(resetConfirmIP))
	v1.GET("/invitations/lookup", s.LookupInvitation, s.limitIP(invitationPerIP))
	v1.POST("/invitations/accept", s.AcceptInvitation, s.limitIP(invitationPerIP))

	in := v1.Group("", authenticate(s.svc.Auth))
	in.GET("/me", s.GetMe)
	in.PATCH("/me", s.UpdateMe)
	in.GET("/organization", s.GetOrganization)

	in.GET("/members", s.ListMembers)
	in.PATCH("/members/:user_id", s.UpdateMember)
	in.DELETE("/members/:user_id", s.RemoveMember)

	in.GET("/invitations", s.ListInvitations)
	in.POST("/invitations", s.CreateInvitation)
	in.DELETE("/invitations/:id", s.RevokeInvitation)

	in.GET("/api-keys", s.ListAPIKeys)
	in.POST("/api-keys", s.CreateAPIKey)
	in.DELETE("/api-keys/:id", s.RevokeAPIKey)

	// The ledger.
	in.GET("/customers", s.ListCustomers)
	in.GET("/customer-segments", s.ListSegments)
	in.POST("/customers", s.CreateCustomer)
	in.GET("/customers/:id", s.GetCustomer)
	in.PUT("/customers/:id", s.UpdateCustomer)
	in.DELETE("/customers/:id", s.ArchiveCustomer)
	in.GET("/customers/:id/activities", s.CustomerTimeline)
	in.GET("/customers/:id/contacts", s.ListContacts)
	in.POST("/customers/:id/contacts", s.AddContact)
	in.PUT("/customers/:id/contacts/:contact_id", s.UpdateContact)
	in.DELETE("/customers/:id/contacts/:contact_id", s.DeleteContact)

	in.GET("/invoices", s.ListInvoices)
	in.POST("/invoices", s.CreateInvoice)
	in.GET("/invoices/:id", s.GetInvoice)
	in.PUT("/invoices/:id", s.UpdateInvoice)
	in.POST("/invoices/:id/cancel", s.CancelInvoice)
	in.POST("/invoices/:id/write-off", s.WriteOffInvoice)
	in.GET("/invoices/:id/pdf", s.DownloadInvoicePDF, s.transfer)
	in.PUT("/invoices/:id/pdf", s.UploadInvoicePDF, s.transfer)
	in.GET("/invoices/:id/activities", s.InvoiceTimeline)

	in.GET("/credit-notes", s.ListCreditNotes)
	in.POST("/credit-notes", s.CreateCreditNote)
	in.GET("/credit-notes/:id", s.GetCreditNote)

	in.GET("/payments", s.ListPayments)
	in.POST("/payments", s.RecordPayment)
	in.GET("/payments/:id", s.GetPayment)
	in.POST("/payments/:id/allocations", s.AllocatePayment)
	in.POST("/payments/:id/reverse", s.ReversePayment)

	// Imports: uploads and long reads of files.
	imports := in.Group("", s.transfer)
	imports.GET("/imports", s.ListImports)
	imports.POST("/imports", s.UploadImport)
	imports.GET("/imports/:id", s.GetImport)
	imports.PATCH("/imports/:id", s.ConfigureImport)
	imports.POST("/imports/:id/dry-run", s.DryRunImport)
	imports.POST("/imports/:id/commit", s.CommitImport)

	// Dunning: scenarios, settings, the planner and the outbox.
	in.GET("/dunning/scenarios", s.ListScenarios)
	in.POST("/dunning/scenarios", s.CreateScenario)
	in.GET("/dunning/scenarios/:id", s.GetScenario)
	in.PUT("/dunning/scenarios/:id", s.UpdateScenario)
	in.DELETE("/dunning/scenarios/:id", s.DeleteScenario)
	in.POST("/dunning/preview", s.PreviewTemplate)
	in.GET("/dunning/settings", s.GetDunningSettings)
	in.PUT("/dunning/settings", s.UpdateDunningSettings)
	in.POST("/dunning/run", s.RunPlanner, s.transfer)
	in.GET("/dunning/tomorrow", s.Tomorrow)
	in.GET("/dunning/actions", s.ListActions)
	in.GET("/dunning/actions/:id", s.GetAction)
	in.POST("/dunning/actions/:id/cancel", s.CancelAction)
	in.POST("/dunning/actions/:id/retry", s.RetryAction)

	// Dunning of one customer or invoice: rules, send now, skip, penalties.
	in.GET("/customers/:id/dunning", s.GetCustomerDunning)
	in.PUT("/customers/:id/dunning", s.SetCustomerDunning)
	in.GET("/invoices/:id/dunning", s.GetInvoiceDunning)
	in.PUT("/invoices/:id/dunning", s.SetInvoiceDunning)
	in.POST("/invoices/:id/dunning/send-now", s.SendNow)
	in.POST("/invoices/:id/dunning/skip", s.SkipStep)
	in.GET("/invoices/:id/penalties", s.GetPenalties)
	in.POST("/invoices/:id/penalty-invoice", s.IssuePenaltyInvoice)

	// Disputes and promises (from the dashboard or the debtor page).
	in.GET("/disputes", s.ListDisputes)
	in.POST("/disputes", s.OpenDispute)
	in.POST("/disputes/:id/resolve", s.ResolveDispute)
	in.GET("/disputes/:id/attachment", s.GetDisputeAttachment, s.transfer)
	in.GET("/promises", s.ListPromises)
	in.POST("/promises", s.RecordPromise)
	in.POST("/promises/:id/cancel", s.CancelPromise)

	// The debtor page, staff side: links, settings, questions, bank-detail changes.
	in.GET("/customers/:id/portal-links", s.ListPortalLinks)
	in.POST("/customers/:id/portal-links", s.CreatePortalLink)
	in.DELETE("/portal-links/:id", s.RevokePortalLink)
	in.GET("/portal/settings", s.GetPortalSettings)
	in.PUT("/portal/settings", s.UpdatePortalSettings)
	in.GET("/portal/settings/logo", s.GetPortalLogo, s.transfer)
	in.PUT("/portal/settings/logo", s.UploadPortalLogo, s.transfer)
	in.DELETE("/portal/settings/logo", s.DeletePortalLogo)
	in.GET("/portal/questions", s.ListPortalQuestions)
	in.POST("/portal/questions/:id/answer", s.AnswerPortalQuestion)
	in.GET("/portal/questions/:id/attachment", s.GetQuestionAttachment, s.transfer)
	in.GET("/bank-detail-changes", s.ListBankDetailChanges)
	in.POST("/bank-detail-changes/:id/confirm", s.ConfirmBankDetailChange)
	in.POST("/bank-detail-changes/:id/reject", s.RejectBankDetailChange)

	// Analytics: the cockpit's figures as of a day, and the predicted payment dates (back-test,
	// cash-in forecast).
	in.GET("/analytics/summary", s.AnalyticsSummary)
	in.GET("/analytics/dso-trend", s.AnalyticsDSOTrend)
	in.GET("/analytics/customers", s.AnalyticsCustomers)
	in.GET("/analytics/backtest", s.Backtest)
	in.GET("/analytics/forecast", s.CashForecast)

	v1.Any("/*", s.NotFound)

	// Unknown /api paths stay API 404s (the dashboard has every other path).
	e.Any("/api/*", s.NotFound)
}
