package testenv

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"testing"
	"time"
)

// Mailpit is a real SMTP server whose HTTP API shows what arrived.
type Mailpit struct {
	SMTPURL string // smtp://127.0.0.1:port, for SMTP_URL
	APIURL  string // http://127.0.0.1:port
}

// StartMailpit runs a Mailpit of t's own, stopped when t ends. A port taken between FreePort and
// Mailpit's bind, or a machine too busy to start it in time, gets a second and a third try.
func StartMailpit(t testing.TB) *Mailpit {
	t.Helper()
	bin, err := Tool("mailpit")
	if err != nil {
		t.Fatal(err)
	}
	var last error
	for attempt := 0; attempt < 3; attempt++ {
		smtpPort, err1 := FreePort()
		httpPort, err2 := FreePort()
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		cmd := exec.Command(bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort),
			"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort), "--disable-version-check", "--quiet")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		m := &Mailpit{SMTPURL: fmt.Sprintf("smtp://127.0.0.1:%d", smtpPort), APIURL: fmt.Sprintf("http://127.0.0.1:%d", httpPort)}
		if last = waitOK(getter(m.APIURL+"/readyz"), 30*time.Second, exited); last == nil {
			t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
			return m
		}
		_ = cmd.Process.Kill()
		<-exited
	}
	t.Fatalf("testenv: Mailpit did not start: %v", last)
	return nil
}

// Email is a message as Mailpit shows it.
type Email struct {
	ID          string
	Subject     string
	To          []struct{ Address string }
	Cc          []struct{ Address string }
	ReplyTo     []struct{ Address string }
	Text        string
	HTML        string
	Attachments Attachments
}

// Attachments are a message's attachments; Mailpit's lists give only their number, which
// leaves them empty.
type Attachments []struct {
	FileName    string
	ContentType string
}

// UnmarshalJSON reads the attachments of a message, or skips a list's count of them.
func (a *Attachments) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '[' {
		return nil
	}
	type list Attachments
	return json.Unmarshal(b, (*list)(a))
}

// WaitForEmail waits for a message to arrive for address and returns it with its bodies.
func (m *Mailpit) WaitForEmail(t testing.TB, address string, timeout time.Duration) Email {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var list struct{ Messages []struct{ ID string } }
		m.getJSON(t, "/api/v1/search?query="+url.QueryEscape("to:"+address), &list)
		if len(list.Messages) > 0 {
			var full Email
			m.getJSON(t, "/api/v1/message/"+list.Messages[0].ID, &full)
			return full
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: no email for %s after %s", address, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Messages returns the (first 500) messages Mailpit holds, newest first, with their bodies.
func (m *Mailpit) Messages(t testing.TB) []Email {
	t.Helper()
	var list struct{ Messages []struct{ ID string } }
	m.getJSON(t, "/api/v1/messages?limit=500", &list)
	out := make([]Email, len(list.Messages))
	for i, msg := range list.Messages {
		m.getJSON(t, "/api/v1/message/"+msg.ID, &out[i])
	}
	return out
}

// Headers returns the headers of message id.
func (m *Mailpit) Headers(t testing.TB, id string) map[string][]string {
	t.Helper()
	var h map[string][]string
	m.getJSON(t, "/api/v1/message/"+id+"/headers", &h)
	return h
}

// Count returns how many messages Mailpit holds.
func (m *Mailpit) Count(t testing.TB) int {
	var list struct{ Total int }
	m.getJSON(t, "/api/v1/messages?limit=1", &list)
	return list.Total
}

// Recipients counts the messages each address received.
func (m *Mailpit) Recipients(t testing.TB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for start := 0; ; start += 500 {
		var list struct {
			Total    int
			Messages []struct{ To []struct{ Address string } }
		}
		m.getJSON(t, fmt.Sprintf("/api/v1/messages?limit=500&start=%d", start), &list)
		for _, msg := range list.Messages {
			for _, to := range msg.To {
				out[to.Address]++
			}
		}
		if len(list.Messages) == 0 || start+500 >= list.Total {
			return out
		}
	}
}

func (m *Mailpit) getJSON(t testing.TB, path string, v any) {
	t.Helper()
	resp, err := http.Get(m.APIURL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
