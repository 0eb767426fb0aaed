package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// apiKeyPrefix starts every API key, so that a bearer credential is recognised as a key.
const apiKeyPrefix = "rlk_"

// keyUseResolution limits how often last_used_at is written for a busy key.
const keyUseResolution = time.Minute

// APIKeyView is an API key as listed, with the name of who created it.
type APIKeyView struct {
	APIKey
	CreatedByName *string
}

// CreateAPIKey makes a key for p's organisation and returns it with its secret, shown only once.
func (s *Service) CreateAPIKey(ctx context.Context, p Principal, name string, role Role) (APIKeyView, string, error) {
	if err := require(p, RoleAdmin); err != nil {
		return APIKeyView{}, "", err
	}
	var v errs.Validation
	name = strings.TrimSpace(name)
	v.Check(name != "" && len([]rune(name)) <= 100, "name", "auth.key_name")
	v.Check(role == RoleAdmin || role == RoleCollector || role == RoleViewer, "role", "auth.choose_key_role")
	v.Check(role.Valid() && p.Role.AtLeast(role), "role", "auth.key_rights_too_high")
	if err := v.Err(); err != nil {
		return APIKeyView{}, "", err
	}
	secret := newSecret(apiKeyPrefix)
	k := APIKey{ID: newID(), OrganizationID: p.OrganizationID, Name: name, Prefix: secret[:12],
		KeyHash: hashSecret(secret), Role: role, CreatedAt: s.now()}
	if p.IsUser() {
		k.CreatedBy = &p.UserID
	}
	if err := s.db.WithContext(ctx).Create(&k).Error; err != nil {
		return APIKeyView{}, "", err
	}
	view, err := s.apiKey(ctx, p, k.ID)
	return view, secret, err
}

var apiKeyList = page.Listing{
	Sorts: map[string]string{"name": "api_keys.name", "created_at": "api_keys.created_at",
		"last_used_at": "api_keys.last_used_at", "role": "api_keys.role"},
	SortHint: "auth.sort_name_created_last",
	Search:   "api_keys.name ILIKE ? OR api_keys.prefix ILIKE ?",
	Order:    "api_keys.created_at DESC", TieBreak: "api_keys.id",
}

// ListAPIKeys lists the organisation's keys, revoked ones included (they show as revoked).
func (s *Service) ListAPIKeys(ctx context.Context, p Principal, q page.Query) (page.Result[APIKeyView], error) {
	return fetch[APIKeyView](p, RoleAdmin, s.apiKeysQuery(ctx, p), q, apiKeyList, nil)
}

func (s *Service) apiKeysQuery(ctx context.Context, p Principal) *gorm.DB {
	return s.withUserName(ctx, p, "api_keys", "created_by")
}

func (s *Service) apiKey(ctx context.Context, p Principal, id uuid.UUID) (APIKeyView, error) {
	return page.One[APIKeyView](s.apiKeysQuery(ctx, p).Where("api_keys.id = ?", id), errs.ErrNotFound)
}

// RevokeAPIKey stops a key from working at once. Revoking twice is harmless.
func (s *Service) RevokeAPIKey(ctx context.Context, p Principal, id uuid.UUID) error {
	return s.revoke(ctx, p, &APIKey{}, id)
}

// revoke sets revoked_at on one row of p's organisation (an API key, an invitation), keeping
// the first revocation time; a row of another organisation is errs.ErrNotFound.
func (s *Service) revoke(ctx context.Context, p Principal, model any, id uuid.UUID) error {
	if err := require(p, RoleAdmin); err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(model).
		Where("organization_id = ? AND id = ?", p.OrganizationID, id).
		Update("revoked_at", gorm.Expr("coalesce(revoked_at, ?)", s.now()))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errs.ErrNotFound
	}
	return nil
}

func (s *Service) authenticateKey(ctx context.Context, secret string) (Principal, error) {
	db := s.db.WithContext(ctx)
	var k APIKey
	err := db.Where("key_hash = ? AND revoked_at IS NULL", hashSecret(secret)).Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Principal{}, ErrUnauthenticated
	} else if err != nil {
		return Principal{}, err
	}
	now := s.now()
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > keyUseResolution {
		if err := db.Model(&k).Update("last_used_at", now).Error; err != nil {
			return Principal{}, err
		}
	}
	return Principal{OrganizationID: k.OrganizationID, APIKeyID: k.ID, Role: k.Role}, nil
}

// require fails unless p has at least role min.
func require(p Principal, min Role) error {
	return p.Require(min)
}

// Require is errs.ErrForbidden unless p's role is at least min.
func (p Principal) Require(min Role) error {
	if !p.Role.AtLeast(min) {
		return errs.ErrForbidden
	}
	return nil
}
