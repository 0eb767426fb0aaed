// Package mail sends email: a Message type, an SMTP sender built from SMTP_URL (go-mail), and a
// River job that sends one message with retries, so domains enqueue mail inside their transaction.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one email ready to send.
type Message struct {
	From      string            `json:"from,omitempty"` // defaults to the sender's From
	To        []string          `json:"to"`
	ReplyTo   string            `json:"reply_to,omitempty"`
	Subject   string            `json:"subject"`
	Text      string            `json:"text"`
	HTML      string            `json:"html,omitempty"`
	Headers   map[string]string `json:"headers,omitempty"`
	MessageID string            `json:"message_id,omitempty"` // without angle brackets; generated when empty
}

// Sender delivers messages and returns the Message-ID it used.
type Sender interface {
	Send(ctx context.Context, m Message) (messageID string, err error)
}

// SMTPSender sends through one SMTP server.
type SMTPSender struct {
	from string
	host string
	opts []gomail.Option
}

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
	opts := []gomail.Option{gomail.WithTimeout(15 * time.Second)}
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
	return &SMTPSender{from: from, host: u.Hostname(), opts: opts}, nil
}

// Send delivers m over one SMTP connection.
func (s *SMTPSender) Send(ctx context.Context, m Message) (string, error) {
	msg, err := s.build(m)
	if err != nil {
		return "", err
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return "", fmt.Errorf("mail: client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return "", fmt.Errorf("mail: send to %v: %w", m.To, err)
	}
	return msg.GetMessageID(), nil
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
	return msg, nil
}

// LogSender writes messages to the log instead of sending them.
type LogSender struct {
	Log  *slog.Logger
	From string
}

// Send logs m.
func (l LogSender) Send(_ context.Context, m Message) (string, error) {
	l.Log.Warn("SMTP_URL is not set: email not sent", "to", m.To, "subject", m.Subject, "text", m.Text)
	return "", nil
}
