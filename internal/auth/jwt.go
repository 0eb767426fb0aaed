package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// AccessTTL is the lifetime of an access token; RefreshTTL of a refresh token.
const (
	AccessTTL  = 15 * time.Minute
	RefreshTTL = 30 * 24 * time.Hour
)

const issuer = "relance"

type accessClaims struct {
	Org  string `json:"org"`
	Role Role   `json:"role"`
	jwt.RegisteredClaims
}

// signer issues and verifies access tokens with a key derived from RELANCE_SECRET_KEY.
type signer struct{ key []byte }

func newSigner(secret string) signer {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("relance access tokens v1"))
	return signer{key: m.Sum(nil)}
}

func (s signer) issue(p Principal, now time.Time) (string, error) {
	c := accessClaims{Org: p.OrganizationID.String(), Role: p.Role, RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    issuer,
		Subject:   p.UserID.String(),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTTL)),
		ID:        uuid.NewString(),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.key)
}

var errBadToken = errors.New("auth: invalid access token")

func (s signer) parse(token string, now time.Time) (Principal, error) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", errBadToken, err)
	}
	uid, err1 := uuid.Parse(c.Subject)
	oid, err2 := uuid.Parse(c.Org)
	if err1 != nil || err2 != nil || !c.Role.Valid() {
		return Principal{}, errBadToken
	}
	return Principal{OrganizationID: oid, UserID: uid, Role: c.Role}, nil
}
