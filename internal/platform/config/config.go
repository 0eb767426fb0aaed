// Package config loads Relance's settings from the environment into one typed, validated struct.
package config

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is every setting Relance reads at start. Secrets are never printed: see String.
type Config struct {
	DatabaseURL         string // DATABASE_URL
	Addr                string // RELANCE_ADDR
	BaseURL             string // RELANCE_BASE_URL, public URL used in links
	SecretKey           string // RELANCE_SECRET_KEY, signs tokens
	Env                 string // RELANCE_ENV: development | production
	LogFormat           string // RELANCE_LOG_FORMAT: text | json
	SMTPURL             string // SMTP_URL
	MailFrom            string // RELANCE_MAIL_FROM
	StripeSecretKey     string // STRIPE_SECRET_KEY
	StripeWebhookSecret string // STRIPE_WEBHOOK_SECRET
	StripeAPIBase       string // STRIPE_API_BASE
	StorageDir          string // RELANCE_STORAGE_DIR, where files (PDFs, imports) are kept
	PlannerEvery        string // RELANCE_PLANNER_EVERY, how often the dunning planner runs ("0" turns it off)
	SendTimeout         string // RELANCE_SEND_TIMEOUT, the longest one attempt at sending a reminder may take
	JobRescueAfter      string // RELANCE_JOB_RESCUE_AFTER, when a job whose worker died is run again
	MetricsToken        string // RELANCE_METRICS_TOKEN, bearer token that opens /metrics on the public address
	MetricsAddr         string // RELANCE_METRICS_ADDR, host:port of a listener of its own for /metrics
	// HTTP server timeouts (durations): see HTTPTimeouts.
	HTTPReadHeaderTimeout string // RELANCE_HTTP_READ_HEADER_TIMEOUT
	HTTPReadTimeout       string // RELANCE_HTTP_READ_TIMEOUT
	HTTPWriteTimeout      string // RELANCE_HTTP_WRITE_TIMEOUT
	HTTPIdleTimeout       string // RELANCE_HTTP_IDLE_TIMEOUT
	HTTPTransferTimeout   string // RELANCE_HTTP_TRANSFER_TIMEOUT
}

// option describes one environment variable: its name, default, whether it is a secret or a
// duration (which must be positive), and where it lands in Config.
type option struct {
	name     string
	def      string
	secret   bool
	required bool
	duration bool
	field    func(*Config) *string
}

var options = []option{
	{name: "DATABASE_URL", secret: true, required: true, field: func(c *Config) *string { return &c.DatabaseURL }},
	{name: "RELANCE_ADDR", def: "127.0.0.1:8080", field: func(c *Config) *string { return &c.Addr }},
	{name: "RELANCE_BASE_URL", def: "http://localhost:8080", field: func(c *Config) *string { return &c.BaseURL }},
	{name: "RELANCE_SECRET_KEY", secret: true, required: true, field: func(c *Config) *string { return &c.SecretKey }},
	{name: "RELANCE_ENV", def: "development", field: func(c *Config) *string { return &c.Env }},
	{name: "RELANCE_LOG_FORMAT", field: func(c *Config) *string { return &c.LogFormat }},
	{name: "SMTP_URL", secret: true, field: func(c *Config) *string { return &c.SMTPURL }},
	{name: "RELANCE_MAIL_FROM", def: "Relance <relance@localhost>", field: func(c *Config) *string { return &c.MailFrom }},
	{name: "STRIPE_SECRET_KEY", secret: true, field: func(c *Config) *string { return &c.StripeSecretKey }},
	{name: "STRIPE_WEBHOOK_SECRET", secret: true, field: func(c *Config) *string { return &c.StripeWebhookSecret }},
	{name: "STRIPE_API_BASE", field: func(c *Config) *string { return &c.StripeAPIBase }},
	{name: "RELANCE_STORAGE_DIR", def: ".data/files", field: func(c *Config) *string { return &c.StorageDir }},
	{name: "RELANCE_PLANNER_EVERY", def: "15m", field: func(c *Config) *string { return &c.PlannerEvery }},
	{name: "RELANCE_SEND_TIMEOUT", def: "2m", duration: true, field: func(c *Config) *string { return &c.SendTimeout }},
	{name: "RELANCE_JOB_RESCUE_AFTER", def: "3m", duration: true, field: func(c *Config) *string { return &c.JobRescueAfter }},
	{name: "RELANCE_METRICS_TOKEN", secret: true, field: func(c *Config) *string { return &c.MetricsToken }},
	{name: "RELANCE_METRICS_ADDR", field: func(c *Config) *string { return &c.MetricsAddr }},
	{name: "RELANCE_HTTP_READ_HEADER_TIMEOUT", def: "10s", duration: true, field: func(c *Config) *string { return &c.HTTPReadHeaderTimeout }},
	{name: "RELANCE_HTTP_READ_TIMEOUT", def: "30s", duration: true, field: func(c *Config) *string { return &c.HTTPReadTimeout }},
	{name: "RELANCE_HTTP_WRITE_TIMEOUT", def: "60s", duration: true, field: func(c *Config) *string { return &c.HTTPWriteTimeout }},
	{name: "RELANCE_HTTP_IDLE_TIMEOUT", def: "120s", duration: true, field: func(c *Config) *string { return &c.HTTPIdleTimeout }},
	{name: "RELANCE_HTTP_TRANSFER_TIMEOUT", def: "10m", duration: true, field: func(c *Config) *string { return &c.HTTPTransferTimeout }},
}

// Load reads the configuration through getenv (os.Getenv in production). Each variable may
// instead be given as NAME_FILE, the path of a file holding the value (for secrets).
func Load(getenv func(string) string) (Config, error) {
	var c Config
	var problems []string
	for _, o := range options {
		v, err := lookup(getenv, o.name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if v == "" {
			v = o.def
		}
		*o.field(&c) = v
	}
	if c.LogFormat == "" {
		c.LogFormat = map[bool]string{true: "json", false: "text"}[c.Env == "production"]
	}
	problems = append(problems, c.validate()...)
	if len(problems) > 0 {
		return c, errors.New("invalid configuration:\n  - " + strings.Join(problems, "\n  - "))
	}
	return c, nil
}

func lookup(getenv func(string) string, name string) (string, error) {
	if path := getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: cannot read %s: %v", name, path, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return strings.TrimSpace(getenv(name)), nil
}

func (c Config) validate() []string {
	var p []string
	if c.DatabaseURL == "" {
		p = append(p, "DATABASE_URL is required (e.g. postgres://user:pass@127.0.0.1:5432/relance)")
	} else if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		p = append(p, "DATABASE_URL must be a postgres:// or postgresql:// URL")
	}
	if len(c.SecretKey) < 32 {
		p = append(p, "RELANCE_SECRET_KEY is required and must be at least 32 characters (e.g. `openssl rand -hex 32`)")
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p = append(p, fmt.Sprintf("RELANCE_BASE_URL must be an absolute http(s) URL, got %q", c.BaseURL))
	}
	if !strings.Contains(c.Addr, ":") {
		p = append(p, fmt.Sprintf("RELANCE_ADDR must be host:port, got %q", c.Addr))
	}
	if c.Env != "development" && c.Env != "production" {
		p = append(p, fmt.Sprintf("RELANCE_ENV must be development or production, got %q", c.Env))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		p = append(p, fmt.Sprintf("RELANCE_LOG_FORMAT must be text or json, got %q", c.LogFormat))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			p = append(p, "SMTP_URL must look like smtp://host:port or smtps://user:password@host:465")
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		p = append(p, fmt.Sprintf("RELANCE_MAIL_FROM must be an address like \"Relance <relance@example.com>\", got %q", c.MailFrom))
	}
	if d, err := time.ParseDuration(c.PlannerEvery); c.PlannerEvery != "0" && (err != nil || d < time.Minute) {
		p = append(p, fmt.Sprintf("RELANCE_PLANNER_EVERY must be a duration of at least 1m (e.g. 15m) or 0 to turn the planner off, got %q", c.PlannerEvery))
	}
	for _, o := range options {
		if v := *o.field(&c); o.duration && v != "" {
			if d, err := time.ParseDuration(v); err != nil || d <= 0 {
				p = append(p, fmt.Sprintf("%s must be a positive duration (e.g. %s), got %q", o.name, o.def, v))
			}
		}
	}
	if send := c.SendAttemptTimeout(); send < time.Second {
		p = append(p, fmt.Sprintf("RELANCE_SEND_TIMEOUT must be at least 1s (e.g. 2m), got %q", c.SendTimeout))
	} else if c.RescueAfter() <= send {
		p = append(p, fmt.Sprintf("RELANCE_JOB_RESCUE_AFTER must be longer than RELANCE_SEND_TIMEOUT (e.g. 3m), got %q", c.JobRescueAfter))
	}
	if c.MetricsAddr != "" && !strings.Contains(c.MetricsAddr, ":") {
		p = append(p, fmt.Sprintf("RELANCE_METRICS_ADDR must be host:port, got %q", c.MetricsAddr))
	}
	if c.StripeAPIBase != "" {
		if u, err := url.Parse(c.StripeAPIBase); err != nil || u.Host == "" {
			p = append(p, "STRIPE_API_BASE must be an absolute URL such as http://127.0.0.1:12111")
		}
	}
	return p
}

// Production reports whether Relance runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// PlannerInterval is how often the dunning planner runs; 0 when it is turned off.
func (c Config) PlannerInterval() time.Duration {
	d, _ := time.ParseDuration(c.PlannerEvery)
	return d
}

// SendAttemptTimeout bounds one attempt at sending a reminder: an attempt older than that with
// no answer recorded is over, and its reminder uncertain.
func (c Config) SendAttemptTimeout() time.Duration { return c.duration("RELANCE_SEND_TIMEOUT") }

// RescueAfter is how long a job may run before River takes its worker for dead and runs it
// again (a job whose own timeout is longer waits for that timeout).
func (c Config) RescueAfter() time.Duration { return c.duration("RELANCE_JOB_RESCUE_AFTER") }

// duration is a duration setting's value; one left empty or invalid (a Config built in code)
// takes its default.
func (c Config) duration(name string) time.Duration {
	for _, o := range options {
		if o.name != name {
			continue
		}
		if d, err := time.ParseDuration(*o.field(&c)); err == nil && d > 0 {
			return d
		}
		d, _ := time.ParseDuration(o.def)
		return d
	}
	panic("config: no duration setting " + name)
}

// String lists the settings with every secret masked, for the start-up log.
func (c Config) String() string {
	var b strings.Builder
	for _, o := range options {
		v := *o.field(&c)
		if o.secret && v != "" {
			v = "****"
		}
		fmt.Fprintf(&b, "%s=%s ", o.name, v)
	}
	return strings.TrimSpace(b.String())
}

// HTTPTimeouts are the HTTP server's limits. ReadHeader bounds the request line and headers
// (slow clients that never finish them are cut off); Read and Write bound an ordinary request's
// body and answer; Transfer replaces both on the routes that move files (uploads under
// /api/v1/imports, PDF and CSV downloads, attachments); Idle bounds a kept-alive connection
// between requests.
type HTTPTimeouts struct {
	ReadHeader, Read, Write, Idle, Transfer time.Duration
}

// Timeouts returns the HTTP server's timeouts; a setting left empty (a Config built in code)
// takes its default.
func (c Config) Timeouts() HTTPTimeouts {
	return HTTPTimeouts{ReadHeader: c.duration("RELANCE_HTTP_READ_HEADER_TIMEOUT"), Read: c.duration("RELANCE_HTTP_READ_TIMEOUT"),
		Write: c.duration("RELANCE_HTTP_WRITE_TIMEOUT"), Idle: c.duration("RELANCE_HTTP_IDLE_TIMEOUT"),
		Transfer: c.duration("RELANCE_HTTP_TRANSFER_TIMEOUT")}
}
