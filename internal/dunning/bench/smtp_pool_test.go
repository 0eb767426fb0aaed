package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/testenv"
)

// smtpSender is Relance's SMTP sender to f.
func smtpSender(t *testing.T, f *testenv.FakeSMTP) mail.Sender {
	t.Helper()
	s, err := mail.NewSender(f.URL, "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func send(t *testing.T, s mail.Sender, n int) {
	t.Helper()
	for i := range n {
		r, err := s.Send(context.Background(), mail.Message{To: []string{"compta@client.test"}, Subject: "Relance",
			Text: fmt.Sprintf("message %d", i)})
		if err != nil || !strings.Contains(r.Response, "queued as") {
			t.Fatalf("message %d: %q %v", i, r.Response, err)
		}
	}
}

// The SMTP sender keeps its connection for the next messages.
func TestSMTPSenderReusesItsConnection(t *testing.T) {
	f := testenv.StartFakeSMTP(t, testenv.SMTPAccept)
	s := smtpSender(t, f)
	send(t, s, 5)
	if f.Conns.Load() != 1 || f.Messages.Load() != 5 {
		t.Fatalf("%d messages over %d connections, want 5 over 1", f.Messages.Load(), f.Conns.Load())
	}
	// No NOOP round trip before each message.
	if n := f.Noops.Load(); n != 0 {
		t.Fatalf("%d NOOPs for 5 messages", n)
	}
}

// A kept connection the server closed meanwhile is noticed before sending: the message goes over
// a new one, once.
func TestSMTPSenderRedialsAClosedConnection(t *testing.T) {
	f := testenv.StartFakeSMTP(t, testenv.SMTPHangUpAfterReset)
	s := smtpSender(t, f)
	send(t, s, 3)
	if f.Conns.Load() != 3 || f.Messages.Load() != 3 {
		t.Fatalf("%d messages over %d connections, want 3 over 3", f.Messages.Load(), f.Conns.Load())
	}
}

// Concurrent senders share the kept connections, one message at a time on each.
func TestSMTPSenderConcurrentSends(t *testing.T) {
	f := testenv.StartFakeSMTP(t, testenv.SMTPAccept)
	s := smtpSender(t, f)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				if _, err := s.Send(context.Background(), mail.Message{To: []string{"compta@client.test"}, Subject: "Relance",
					Text: fmt.Sprintf("message %d", i)}); err != nil {
					t.Error(err) // not Fatal: another goroutine
					return
				}
			}
		}()
	}
	wg.Wait()
	if f.Messages.Load() != 200 || f.Conns.Load() > 8 {
		t.Fatalf("%d messages over %d connections, want 200 over at most 8", f.Messages.Load(), f.Conns.Load())
	}
}
