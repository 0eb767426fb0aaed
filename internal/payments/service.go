// Package payments takes payments online from the debtor page through Stripe Checkout: it opens
// a Checkout Session for the invoices a debtor chose, and turns Stripe's signed webhook events
// into ledger payments (each event once), receipts and timeline entries. See docs/portal.md, "Pay".
package payments

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/portal"
)

// Domain errors.
var (
	// ErrNotConfigured: no Stripe keys (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET), or no
	// payment method the organisation accepts fits the customer's currency.
	ErrNotConfigured = errs.New(errs.KindNotFound, "payments.not_available")
	// ErrBadSignature: a webhook whose Stripe-Signature does not match the payload.
	ErrBadSignature = errs.New(errs.KindInvalid, "payments.bad_signature")
	// ErrProvider: Stripe could not be reached or refused to open the session.
	ErrProvider = fmt.Errorf("payments: Stripe is unavailable")
)

// Options build a Service.
type Options struct {
	DB            *db.DB
	Ledger        *ledger.Service
	Links         *portal.Links // the debtor page's addresses (Stripe returns there)
	Jobs          *jobs.Queue
	Log           *slog.Logger
	BaseURL       string // RELANCE_BASE_URL: the debtor page is BaseURL/p/{token}
	SecretKey     string // STRIPE_SECRET_KEY
	WebhookSecret string // STRIPE_WEBHOOK_SECRET (whsec_…)
	APIBase       string // STRIPE_API_BASE, e.g. stripe-mock's http://127.0.0.1:12111; empty for Stripe
	From          string // RELANCE_MAIL_FROM: receipts are sent from this address, under the organisation's name
	Now           func() time.Time
}

// Service is the payments domain's entry point.
type Service struct {
	opts   Options
	db     *gorm.DB
	stripe *client.API
}

// NewService builds the service. Without both Stripe secrets it is disabled (Enabled is false)
// and the debtor page offers transfer details only.
func NewService(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	s := &Service{opts: o, db: o.DB.Gorm}
	if (o.SecretKey == "") != (o.WebhookSecret == "") {
		o.Log.Warn("payments: online payment needs both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET; it stays off")
	}
	if s.Enabled() {
		s.stripe = newStripeClient(o.SecretKey, o.APIBase, o.Log)
	}
	return s
}

// newStripeClient talks to Stripe, or to apiBase (stripe-mock) without retries.
func newStripeClient(key, apiBase string, log *slog.Logger) *client.API {
	cfg := &stripe.BackendConfig{
		HTTPClient:    &http.Client{Timeout: 30 * time.Second},
		LeveledLogger: stripeLogger{log},
	}
	if apiBase != "" {
		cfg.URL = stripe.String(strings.TrimRight(apiBase, "/"))
		cfg.MaxNetworkRetries = stripe.Int64(0) // the mock is local: a failure is not worth waiting for
	}
	b := stripe.GetBackendWithConfig(stripe.APIBackend, cfg)
	return client.New(key, &stripe.Backends{API: b, Connect: b, Uploads: b})
}

// Enabled reports whether Stripe is configured (both the secret key and the webhook secret).
// The portal's PaymentsEnabled hook is this; the page checks the organisation's methods itself.
func (s *Service) Enabled() bool { return s.opts.SecretKey != "" && s.opts.WebhookSecret != "" }

func (s *Service) tx(ctx context.Context, f func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(f)
}

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// stripeLogger sends stripe-go's messages to slog (its default writes to stderr).
type stripeLogger struct{ log *slog.Logger }

func (l stripeLogger) Debugf(string, ...any) {}
func (l stripeLogger) Infof(string, ...any)  {}
func (l stripeLogger) Warnf(format string, v ...any) {
	l.log.Warn("stripe: " + fmt.Sprintf(format, v...))
}
func (l stripeLogger) Errorf(format string, v ...any) {
	l.log.Error("stripe: " + fmt.Sprintf(format, v...))
}
