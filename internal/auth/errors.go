package auth

import "github.com/relance/relance/internal/platform/errs"

// The errors of the auth domain.
var (
	ErrBadCredentials   = errs.New(errs.KindUnauthorized, "Email or password is incorrect.")
	ErrUnauthenticated  = errs.New(errs.KindUnauthorized, "Authentication is required: send a valid access token or API key.")
	ErrBadRefreshToken  = errs.New(errs.KindUnauthorized, "The refresh token is invalid, expired or revoked: sign in again.")
	ErrNoOrganization   = errs.New(errs.KindForbidden, "This account is not a member of any organisation.")
	ErrForbidden        = errs.Forbidden
	ErrNotFound         = errs.NotFound
	ErrEmailTaken       = errs.New(errs.KindConflict, "An account already exists for this email address: sign in instead.")
	ErrLastOwner        = errs.New(errs.KindConflict, "An organisation keeps at least one owner: make someone else owner first.")
	ErrAlreadyMember    = errs.New(errs.KindConflict, "This person is already a member of the organisation.")
	ErrInvitationClosed = errs.New(errs.KindConflict, "This invitation was already used, revoked or has expired.")
)
