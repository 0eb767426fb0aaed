// Package auth owns organisations, users, memberships and roles, sessions (access JWT and
// rotating refresh tokens), invitations and API keys.
package auth

import (
	"time"

	"github.com/google/uuid"
)

// Role is what a member (or an API key) may do in one organisation.
type Role string // @name Role

// The roles, from most to least powerful.
const (
	RoleOwner     Role = "owner"
	RoleAdmin     Role = "admin"
	RoleCollector Role = "collector"
	RoleViewer    Role = "viewer"
)

var roleRank = map[Role]int{RoleViewer: 1, RoleCollector: 2, RoleAdmin: 3, RoleOwner: 4}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return roleRank[r] > 0 }

// AtLeast reports whether r includes every right of min.
func (r Role) AtLeast(min Role) bool { return roleRank[r] >= roleRank[min] }

// Organization is a tenant: a business, or a client of a collection agency.
type Organization struct {
	ID        uuid.UUID
	Name      string
	Locale    string
	Timezone  string
	Currency  string
	Country   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// User is a person who signs in; they may belong to several organisations.
type User struct {
	ID                 uuid.UUID
	Email              string
	Name               string
	PasswordHash       string
	Locale             string
	LastOrganizationID *uuid.UUID
	LastLoginAt        *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Membership gives a user a role in an organisation.
type Membership struct {
	OrganizationID uuid.UUID `gorm:"primaryKey"`
	UserID         uuid.UUID `gorm:"primaryKey"`
	Role           Role
	CreatedAt      time.Time
}

// RefreshToken is one link of a login's rotating chain; only its hash is stored.
type RefreshToken struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	UserID         uuid.UUID
	FamilyID       uuid.UUID
	TokenHash      []byte
	ExpiresAt      time.Time
	RevokedAt      *time.Time
	ReplacedBy     *uuid.UUID
	UserAgent      string
	IP             string
	CreatedAt      time.Time
}

// APIKey lets another program call the API for one organisation; only its hash is stored.
type APIKey struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	Name           string
	Prefix         string
	KeyHash        []byte
	Role           Role
	CreatedBy      *uuid.UUID
	CreatedAt      time.Time
	LastUsedAt     *time.Time
	RevokedAt      *time.Time
}

// Invitation asks someone, by email, to join an organisation with a role.
type Invitation struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	Email          string
	Role           Role
	TokenHash      []byte
	InvitedBy      *uuid.UUID
	CreatedAt      time.Time
	ExpiresAt      time.Time
	AcceptedAt     *time.Time
	RevokedAt      *time.Time
}

// Status tells where an invitation stands at now.
func (i Invitation) Status(now time.Time) string {
	switch {
	case i.AcceptedAt != nil:
		return "accepted"
	case i.RevokedAt != nil:
		return "revoked"
	case now.After(i.ExpiresAt):
		return "expired"
	}
	return "pending"
}

// Principal is who makes a request: a member through a JWT, or an API key.
type Principal struct {
	OrganizationID uuid.UUID
	UserID         uuid.UUID // uuid.Nil for an API key
	APIKeyID       uuid.UUID // uuid.Nil for a user
	Role           Role
}

// IsUser reports whether a person (not an API key) makes the request.
func (p Principal) IsUser() bool { return p.UserID != uuid.Nil }

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }
