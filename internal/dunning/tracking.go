package dunning

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/ledger"
)

// trackURL is an open-pixel (kind "o") or click-redirect (kind "c") link of an action. The token
// carries the action id and an HMAC over the kind, the id and the target, so the redirect only
// ever goes where a message of ours pointed (no open redirect) and nobody forges opens.
func (s *Service) trackURL(kind string, action uuid.UUID, target string) string {
	tok := base64.RawURLEncoding.EncodeToString(append(action[:], s.trackMAC(kind, action, target)...))
	u := strings.TrimRight(s.opts.BaseURL, "/") + "/t/" + kind + "/" + tok
	if kind == "c" {
		u += "?u=" + url.QueryEscape(target)
	}
	return u
}

func (s *Service) trackMAC(kind string, action uuid.UUID, target string) []byte {
	m := hmac.New(sha256.New, []byte(s.opts.Secret))
	m.Write([]byte("relance-track\x00" + kind + "\x00"))
	m.Write(action[:])
	m.Write([]byte("\x00" + target))
	return m.Sum(nil)[:16]
}

// verifyTrack returns the action a tracking token names, or false when it was not made by us.
func (s *Service) verifyTrack(kind, token, target string) (uuid.UUID, bool) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 32 {
		return uuid.Nil, false
	}
	id, _ := uuid.FromBytes(b[:16])
	return id, hmac.Equal(b[16:], s.trackMAC(kind, id, target))
}

// TrackOpen records that a message was opened (its pixel was loaded). Unknown tokens are ignored:
// the pixel is served whatever happens.
func (s *Service) TrackOpen(ctx context.Context, token string) {
	if id, ok := s.verifyTrack("o", token, ""); ok {
		s.track(ctx, id, "opened", "")
	}
}

// TrackClick records a click and returns where to send the reader; ok is false for a link we
// did not sign.
func (s *Service) TrackClick(ctx context.Context, token, target string) (string, bool) {
	id, ok := s.verifyTrack("c", token, target)
	if !ok {
		return "", false
	}
	s.track(ctx, id, "clicked", target)
	return target, true
}

// track counts an open or click; the first of each goes on the customer's timeline.
func (s *Service) track(ctx context.Context, id uuid.UUID, what, target string) {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var a Action
		if err := tx.Where("id = ?", id).Take(&a).Error; err != nil {
			return err
		}
		col := map[string]string{"opened": "open", "clicked": "click"}[what]
		first := (what == "opened" && a.OpenedAt == nil) || (what == "clicked" && a.ClickedAt == nil)
		now := s.opts.Now()
		if err := tx.Exec(`UPDATE dunning_actions SET `+col+`_count = `+col+`_count + 1,
			`+what+`_at = coalesce(`+what+`_at, ?) WHERE id = ?`, now, id).Error; err != nil {
			return err
		}
		if !first {
			return nil
		}
		data := ledger.JSON{"action_id": a.ID, "stage": a.Stage, "subject": a.Subject}
		if target != "" {
			data["url"] = target
		}
		return record(tx, system(a.OrganizationID), "reminder_"+what, &a.CustomerID, nil, data)
	})
	if err != nil && err != gorm.ErrRecordNotFound {
		s.opts.Log.Warn("dunning: tracking", "action_id", id, "error", err)
	}
}
