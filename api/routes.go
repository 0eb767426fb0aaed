package api

import (
	"io/fs"

	"github.com/prometheus/client_golang/prometheus"
)

// routes is the one table of every route Relance serves.
func (s *Server) routes(reg *prometheus.Registry, spa fs.FS) {
	e := s.Echo
	e.GET("/healthz", s.Healthz)
	e.GET("/readyz", s.Readyz)
	s.metricsRoute(reg)
	s.docsRoutes()
	e.GET("/t/o/:token", s.TrackOpen)
	e.GET("/t/c/:token", s.TrackClick)
	s.stripeRoutes(e)
	s.portalRoutes(e)
	s.portalFormRoutes(e)

	v1 := e.Group("/api/v1", noStore)
	v1.POST("/auth/signup", s.Signup, s.limitIP(signupPerIP))
	v1.POST("/auth/login", s.Login)
	v1.POST("/auth/refresh", s.Refresh)
	v1.POST("/auth/logout", s.Logout)
	v1.POST("/auth/password-reset", s.RequestPasswordReset)
	v1.POST("/auth/password-reset/confirm", s.ConfirmPasswordReset, s.limitIP(resetConfirmIP))
	v1.GET("/invitations/lookup", s.LookupInvitation, s.limitIP(invitationPerIP))
	v1.POST("/invitations/accept", s.AcceptInvitation, s.limitIP(invitationPerIP))

	in := v1.Group("", authenticate(s.app.Auth))
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

	s.ledgerRoutes(in)
	s.importRoutes(in.Group("", s.transfer)) // uploads and long reads of files
	s.dunningRoutes(in)
	s.portalStaffRoutes(in)

	v1.Any("/*", s.NotFound)
	s.spaRoutes(spa)
}
