package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/relance/relance/internal/platform/mail"
)

// fakeSMTP is a minimal SMTP server on a loopback port. With closeAfter set it hangs up after
// each message once the client has readied the connection again (RSET), as a server dropping
// idle clients does.
type fakeSMTP struct {
	addr       string
	closeAfter bool
	conns      atomic.Int64
	messages   atomic.Int64
	noops      atomic.Int64
}

func startFakeSMTP(t *testing.T, closeAfter bool) *fakeSMTP {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{addr: l.Addr().String(), closeAfter: closeAfter}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range open { // the sender keeps its connections
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			f.conns.Add(1)
			mu.Lock()
			open = append(open, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); f.serve(c) }()
		}
	}()
	return f
}

func (f *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { fmt.Fprint(c, s+"\r\n") }
	say("220 fake ESMTP")
	delivered := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.Fields(line + " x")[0]); cmd {
		case "EHLO", "HELO":
			say("250-fake\r\n250 8BITMIME")
		case "DATA":
			say("354 go ahead")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
			}
			f.messages.Add(1)
			delivered = true
			say(fmt.Sprintf("250 OK queued as %d", f.messages.Load()))
		case "NOOP":
			f.noops.Add(1)
			say("250 OK")
		case "QUIT":
			say("221 bye")
			return
		case "RSET":
			say("250 OK")
			if f.closeAfter && delivered {
				return
			}
		default: // MAIL, RCPT
			say("250 OK")
		}
	}
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
	f := startFakeSMTP(t, false)
	s, err := mail.NewSender("smtp://"+f.addr, "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	send(t, s, 5)
	if f.conns.Load() != 1 || f.messages.Load() != 5 {
		t.Fatalf("%d messages over %d connections, want 5 over 1", f.messages.Load(), f.conns.Load())
	}
	// No NOOP round trip before each message.
	if n := f.noops.Load(); n != 0 {
		t.Fatalf("%d NOOPs for 5 messages", n)
	}
}

// A kept connection the server closed meanwhile is noticed before sending: the message goes over
// a new one, once.
func TestSMTPSenderRedialsAClosedConnection(t *testing.T) {
	f := startFakeSMTP(t, true)
	s, err := mail.NewSender("smtp://"+f.addr, "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	send(t, s, 3)
	if f.conns.Load() != 3 || f.messages.Load() != 3 {
		t.Fatalf("%d messages over %d connections, want 3 over 3", f.messages.Load(), f.conns.Load())
	}
}

// Concurrent senders share the kept connections, one message at a time on each.
func TestSMTPSenderConcurrentSends(t *testing.T) {
	f := startFakeSMTP(t, false)
	s, err := mail.NewSender("smtp://"+f.addr, "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
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
	if f.messages.Load() != 200 || f.conns.Load() > 8 {
		t.Fatalf("%d messages over %d connections, want 200 over at most 8", f.messages.Load(), f.conns.Load())
	}
}
