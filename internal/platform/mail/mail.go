// Package mail sends email: a Message type, an SMTP sender built from SMTP_URL (go-mail), and a
// River job that sends one message with retries, so domains enqueue mail inside their transaction.
package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Message is one email ready to send.
type Message struct {
	From      string            `json:"from,omitempty"` // defaults to the sender's From
	To        []string          `json:"to"`
	Cc        []string          `json:"cc,omitempty"`
	ReplyTo   string            `json:"reply_to,omitempty"`
	Subject   string            `json:"subject"`
	Text      string            `json:"text"`
	HTML      string            `json:"html,omitempty"`
	Headers   map[string]string `json:"headers,omitempty"`
	MessageID string            `json:"message_id,omitempty"` // without angle brackets; generated when empty
	// ReadReceiptTo asks the recipient's client for a read receipt (Disposition-Notification-To).
	ReadReceiptTo string       `json:"read_receipt_to,omitempty"`
	Attachments   []Attachment `json:"attachments,omitempty"`
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Receipt is the proof of sending: the Message-ID used and what the SMTP server answered when it
// accepted the message.
type Receipt struct {
	MessageID string
	Response  string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) (Receipt, error)
}

// Temporary reports whether a sending error may go away by retrying later (a 4xx answer, a
// network problem) rather than a permanent refusal (5xx).
func Temporary(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code >= 500 && code < 600 {
			return false
		}
		return true
	}
	return true
}

// Unsent reports whether a sending error proves the server did not take the message: every
// failure before the end of the message's data (dialling, greeting, sender, recipients, the data
// itself), and a refusal of the data with an SMTP reply. Only a failure while waiting for the
// server's answer to the complete message (a timeout, a dropped connection) leaves it unknown:
// the server may have accepted it, so sending it again could deliver it twice.
func Unsent(err error) bool {
	if err == nil {
		return false
	}
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrSMTPDataClose {
		return se.ErrorCode() != 0
	}
	return true
}

// SMTPSender sends through one SMTP server. It keeps the connections it opened and reuses them
// for the next messages (one message at a time each), instead of dialling, greeting and quitting
// for every message: a connection idle too long, or that carried maxPerConn messages, is closed.
type SMTPSender struct {
	from   string
	client *gomail.Client // settings only: each pooled connection is an *smtp.Client of its own

	mu   sync.Mutex
	idle []*pooledConn // most recently used last
}

// pooledConn is an open SMTP connection, ready for the next message.
type pooledConn struct {
	c        *smtp.Client
	sent     int
	lastUsed time.Time
}

const (
	maxIdleConns = 16               // connections kept open between messages
	maxIdleTime  = 30 * time.Second // closed when unused longer (servers drop idle clients)
	maxPerConn   = 100              // messages per connection, then a fresh one
)

// NewSender returns an SMTP sender for smtpURL, or a sender that only logs messages when smtpURL
// is empty (development without a mail server).
func NewSender(smtpURL, from string, log *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return LogSender{Log: log, From: from}, nil
	}
	u, err := url.Parse(smtpURL)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP_URL: %w", err)
	}
	// No NOOP before each message on a reused connection (a round trip per message): a connection
	// the server closed meanwhile fails at MAIL FROM, before anything is sent, and Send then uses
	// a new one.
	opts := []gomail.Option{gomail.WithTimeout(15 * time.Second), gomail.WithoutNoop()}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		// Opportunistic STARTTLS: encrypted when offered (real servers), plain for Mailpit.
		policy := gomail.TLSOpportunistic
		if u.Query().Get("tls") == "mandatory" {
			policy = gomail.TLSMandatory
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: SMTP_URL port %q: %w", p, err)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pw, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: client: %w", err)
	}
	return &SMTPSender{from: from, client: c}, nil
}

// Send delivers m over a pooled SMTP connection, or a new one. A pooled connection the server
// closed meanwhile fails at its check or at MAIL FROM, before anything is sent: m then goes over
// a new one (where a sender the server refuses is refused again, and that error returned).
func (s *SMTPSender) Send(ctx context.Context, m Message) (Receipt, error) {
	msg, err := s.build(m)
	if err != nil {
		return Receipt{}, err
	}
	for {
		pc := s.take()
		reused := pc != nil
		if !reused {
			c, err := s.client.DialToSMTPClientWithContext(ctx)
			if err != nil {
				return Receipt{}, fmt.Errorf("mail: send to %v: dial failed: %w", m.To, err)
			}
			pc = &pooledConn{c: c}
		}
		// The connection is closed when ctx ends, so that no send outlives its deadline.
		stop := context.AfterFunc(ctx, func() { _ = pc.c.Close() })
		err := s.client.SendWithSMTPClient(pc.c, msg)
		closed := !stop()
		if err == nil {
			if !closed { // else accepted just as ctx ended: the connection is gone
				pc.sent++
				s.release(pc)
			}
			return Receipt{MessageID: msg.GetMessageID(), Response: msg.ServerResponse()}, nil
		}
		// The connection's state is unknown after an error: never reuse it.
		_ = pc.c.Close()
		if msg.IsDelivered() {
			// Accepted (250 after DATA); only the RSET that readies the connection failed.
			return Receipt{MessageID: msg.GetMessageID(), Response: msg.ServerResponse()}, nil
		}
		var se *gomail.SendError
		if reused && errors.As(err, &se) && (se.Reason == gomail.ErrConnCheck || se.Reason == gomail.ErrSMTPMailFrom) {
			continue // stale: nothing was sent on it
		}
		return Receipt{}, fmt.Errorf("mail: send to %v: %w", m.To, err)
	}
}

// take returns an idle connection still young enough, or nil.
func (s *SMTPSender) take() *pooledConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.idle) > 0 {
		pc := s.idle[len(s.idle)-1]
		s.idle = s.idle[:len(s.idle)-1]
		if time.Since(pc.lastUsed) < maxIdleTime {
			return pc
		}
		go s.quit(pc)
	}
	return nil
}

// release keeps pc for the next message, or closes it.
func (s *SMTPSender) release(pc *pooledConn) {
	pc.lastUsed = time.Now()
	s.mu.Lock()
	if pc.sent < maxPerConn && len(s.idle) < maxIdleConns {
		s.idle = append(s.idle, pc)
		pc = nil
	}
	s.mu.Unlock()
	if pc != nil {
		s.quit(pc)
	}
}

func (s *SMTPSender) quit(pc *pooledConn) { _ = s.client.CloseWithSMTPClient(pc.c) }

// Close says goodbye on the idle connections.
func (s *SMTPSender) Close() error {
	s.mu.Lock()
	idle := s.idle
	s.idle = nil
	s.mu.Unlock()
	for _, pc := range idle {
		s.quit(pc)
	}
	return nil
}

func (s *SMTPSender) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	from := m.From
	if from == "" {
		from = s.from
	}
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: from %q: %w", from, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("mail: to %v: %w", m.To, err)
	}
	if len(m.Cc) > 0 {
		if err := msg.Cc(m.Cc...); err != nil {
			return nil, fmt.Errorf("mail: cc %v: %w", m.Cc, err)
		}
	}
	if m.ReadReceiptTo != "" {
		if err := msg.RequestMDNTo(m.ReadReceiptTo); err != nil {
			return nil, fmt.Errorf("mail: read receipt to %q: %w", m.ReadReceiptTo, err)
		}
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, fmt.Errorf("mail: reply-to %q: %w", m.ReplyTo, err)
		}
	}
	msg.Subject(m.Subject)
	if m.MessageID != "" {
		msg.SetMessageIDWithValue(m.MessageID)
	} else {
		msg.SetMessageID()
	}
	msg.SetDate()
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("mail: attach %q: %w", a.Name, err)
		}
	}
	return msg, nil
}

// LogSender writes messages to the log instead of sending them.
type LogSender struct {
	Log  *slog.Logger
	From string
}

// Send logs m's recipients and subject, never its body: bodies hold personal links (debtor
// pages, invitations, password resets) that must not end up in a log.
func (l LogSender) Send(_ context.Context, m Message) (Receipt, error) {
	l.Log.Warn("SMTP_URL is not set: email not sent", "to", m.To, "cc", m.Cc, "subject", m.Subject)
	return Receipt{MessageID: m.MessageID, Response: "not sent: SMTP_URL is not set"}, nil
}
