package auth

import "github.com/relance/relance/internal/platform/errs"

// The errors of the auth domain.
var (
	ErrBadCredentials   = errs.New(errs.KindUnauthorized, "auth.bad_credentials")
	ErrUnauthenticated  = errs.New(errs.KindUnauthorized, "auth.unauthenticated")
	ErrBadRefreshToken  = errs.New(errs.KindUnauthorized, "auth.refresh_invalid")
	ErrNoOrganization   = errs.New(errs.KindForbidden, "auth.no_organisation")
	ErrEmailTaken       = errs.New(errs.KindConflict, "auth.email_taken")
	ErrLastOwner        = errs.New(errs.KindConflict, "auth.last_owner")
	ErrAlreadyMember    = errs.New(errs.KindConflict, "auth.already_member")
	ErrInvitationClosed = errs.New(errs.KindConflict, "auth.invitation_used")
)
