package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "correct") {
		t.Fatalf("hash %q", h)
	}
	if h2, _ := HashPassword("correct horse battery"); h2 == h {
		t.Fatal("no salt: same password, same hash")
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := CheckPassword(h, pw); err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v", pw, ok, err)
		}
	}
	if _, err := CheckPassword("$2a$10$bcrypt", "x"); err == nil {
		t.Error("unknown hash format accepted")
	}
}

func TestAccessToken(t *testing.T) {
	s := newSigner(strings.Repeat("k", 32))
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	p := Principal{OrganizationID: uuid.New(), UserID: uuid.New(), Role: RoleCollector}
	tok, err := s.issue(p, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.parse(tok, now.Add(AccessTTL-time.Second)); err != nil || got != p {
		t.Fatalf("parse = %+v, %v", got, err)
	}
	if _, err := s.parse(tok, now.Add(AccessTTL+time.Second)); err == nil {
		t.Error("expired token accepted")
	}
	if _, err := newSigner(strings.Repeat("x", 32)).parse(tok, now); err == nil {
		t.Error("token signed with another secret accepted")
	}
	parts := strings.Split(tok, ".")
	if _, err := s.parse(parts[0]+"."+parts[1]+"x."+parts[2], now); err == nil {
		t.Error("tampered token accepted")
	}
}
