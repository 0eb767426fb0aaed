package testenv

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// FakeSMTP is a minimal SMTP server on a loopback port, for what Mailpit cannot do: count
// connections, hang up or go silent on purpose.
type FakeSMTP struct {
	URL      string // smtp://127.0.0.1:port
	Addr     string // 127.0.0.1:port
	Conns    atomic.Int64
	Messages atomic.Int64 // complete messages received
	Noops    atomic.Int64
	mode     SMTPMode
}

// SMTPMode is how a FakeSMTP misbehaves.
type SMTPMode int

// The modes of a FakeSMTP.
const (
	// SMTPAccept accepts every message.
	SMTPAccept SMTPMode = iota
	// SMTPHangUpAfterReset hangs up once the client readies a connection that delivered a
	// message again (RSET), as a server dropping idle clients does.
	SMTPHangUpAfterReset
	// SMTPSilent drops the connection once a message's data arrived, without answering: the
	// message may or may not have been accepted.
	SMTPSilent
	// SMTPRefuseRecipients refuses every recipient for now (451).
	SMTPRefuseRecipients
)

// StartFakeSMTP runs a FakeSMTP in mode until t ends.
func StartFakeSMTP(t testing.TB, mode SMTPMode) *FakeSMTP {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &FakeSMTP{Addr: l.Addr().String(), URL: "smtp://" + l.Addr().String(), mode: mode}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range open { // a sender may keep its connections
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
			f.Conns.Add(1)
			mu.Lock()
			open = append(open, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); f.serve(c) }()
		}
	}()
	return f
}

func (f *FakeSMTP) serve(c net.Conn) {
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
		switch cmd := strings.ToUpper(strings.Fields(line + " x")[0]); {
		case cmd == "EHLO" || cmd == "HELO":
			say("250-fake\r\n250 8BITMIME")
		case cmd == "RCPT" && f.mode == SMTPRefuseRecipients:
			say("451 4.3.0 try again later")
		case cmd == "DATA":
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
			n := f.Messages.Add(1)
			if f.mode == SMTPSilent {
				return // the whole message arrived; the answer never comes
			}
			delivered = true
			say(fmt.Sprintf("250 2.0.0 OK queued as %d", n))
		case cmd == "NOOP":
			f.Noops.Add(1)
			say("250 OK")
		case cmd == "QUIT":
			say("221 bye")
			return
		case cmd == "RSET":
			say("250 OK")
			if f.mode == SMTPHangUpAfterReset && delivered {
				return
			}
		default: // MAIL, RCPT
			say("250 OK")
		}
	}
}
