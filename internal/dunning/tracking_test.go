package dunning

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Tracking links only ever redirect where a message of ours pointed, and only for the action
// they were made for.
func TestTrackingTokensAreSignedForTheirTarget(t *testing.T) {
	s := &Service{opts: Options{Secret: strings.Repeat("k", 32), BaseURL: "https://relance.example/"}}
	action := uuid.Must(uuid.NewV7())
	target := "https://relance.example/p/abc?x=1"
	link, err := url.Parse(s.trackURL("c", action, target))
	if err != nil || !strings.HasPrefix(link.String(), "https://relance.example/t/c/") {
		t.Fatalf("link %v %v", link, err)
	}
	token := strings.TrimPrefix(link.Path, "/t/c/")
	if link.Query().Get("u") != target {
		t.Fatalf("the link carries %q", link.Query().Get("u"))
	}
	if id, ok := s.verifyTrack("c", token, target); !ok || id != action {
		t.Fatal("our own link is refused")
	}
	for name, tc := range map[string]struct{ kind, token, target string }{
		"other target":   {"c", token, "https://evil.example/"},
		"open token":     {"o", token, target},
		"truncated":      {"c", token[:20], target},
		"other secret":   {"c", (&Service{opts: Options{Secret: strings.Repeat("z", 32)}}).tokenOnly("c", action, target), target},
		"garbage base64": {"c", "!!!", target},
	} {
		if _, ok := s.verifyTrack(tc.kind, tc.token, tc.target); ok {
			t.Errorf("%s: accepted", name)
		}
	}
	pixel := s.trackURL("o", action, "")
	if !strings.HasPrefix(pixel, "https://relance.example/t/o/") || strings.Contains(pixel, "?") {
		t.Fatalf("pixel %q", pixel)
	}
}

func (s *Service) tokenOnly(kind string, action uuid.UUID, target string) string {
	u, _ := url.Parse(s.trackURL(kind, action, target))
	return strings.TrimPrefix(u.Path, "/t/"+kind+"/")
}
