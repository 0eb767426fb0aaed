package errs

// The errors every domain answers alike; a domain names them as its own
// (auth.ErrNotFound = errs.NotFound) so that its callers need not know where they come from.
var (
	NotFound  = New(KindNotFound, "common.not_found")
	Forbidden = New(KindForbidden, "common.forbidden")
)
