package auth

import "github.com/relance/relance/internal/platform/errs"

// The errors of the auth domain.
var (
	ErrBadCredentials   = errs.New(errs.KindUnauthorized, "auth.email_password_incorrect")
	ErrUnauthenticated  = errs.New(errs.KindUnauthorized, "auth.authentication_required_send_valid")
	ErrBadRefreshToken  = errs.New(errs.KindUnauthorized, "auth.refresh_token_invalid_expired")
	ErrNoOrganization   = errs.New(errs.KindForbidden, "auth.account_not_member_organisation")
	ErrForbidden        = errs.New(errs.KindForbidden, "common.role_does_not_allow")
	ErrNotFound         = errs.New(errs.KindNotFound, "common.not_found")
	ErrEmailTaken       = errs.New(errs.KindConflict, "auth.account_already_exists_email")
	ErrLastOwner        = errs.New(errs.KindConflict, "auth.organisation_keeps_least_one")
	ErrAlreadyMember    = errs.New(errs.KindConflict, "auth.person_already_member_organisation")
	ErrInvitationClosed = errs.New(errs.KindConflict, "auth.invitation_already_used_revoked")
)
