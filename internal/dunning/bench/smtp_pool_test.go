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

// The SMTP sender keeps its connection for the next messages, without a NOOP round trip before
// each; a kept connection the server closed meanwhile is noticed before sending, and the message
// goes over a new one, once.
func TestSMTPSenderConnections(t *testing.T) {
	tests := []struct {
		name      string
		mode      testenv.SMTPMode
		messages  int
		wantConns int64
	}{
		{"reuses its connection", testenv.SMTPAccept, 5, 1},
		{"redials a closed connection", testenv.SMTPHangUpAfterReset, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testenv.StartFakeSMTP(t, tt.mode)
			send(t, smtpSender(t, f), tt.messages)
			if f.Conns.Load() != tt.wantConns || f.Messages.Load() != int64(tt.messages) {
				t.Fatalf("%d messages over %d connections, want %d over %d", f.Messages.Load(), f.Conns.Load(),
					tt.messages, tt.wantConns)
			}
			if n := f.Noops.Load(); n != 0 {
				t.Fatalf("%d NOOPs for %d messages", n, tt.messages)
			}
		})
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
