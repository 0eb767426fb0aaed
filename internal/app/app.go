// Package app wires Relance's parts together from a Config: the database, the job queue, the
// mail sender and the domain services. cmd/relance and the API tests build it the same way.
package app

import (
	"context"
	"log/slog"

	"github.com/relance/relance/internal/analytics"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/imports"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/payments"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/platform/ratelimit"
	"github.com/relance/relance/internal/portal"
)

// App holds every long-lived dependency.
type App struct {
	Config    config.Config
	Log       *slog.Logger
	DB        *db.DB
	Queue     *jobs.Queue
	Mail      mail.Sender
	Files     blob.Store
	Auth      *auth.Service
	Ledger    *ledger.Service
	Imports   *imports.Service
	Dunning   *dunning.Service
	Portal    *portal.Service
	Payments  *payments.Service
	Analytics *analytics.Service
	Limits    *ratelimit.Limiter // request limits of the public endpoints
}

// New connects to the database and builds the services. With opts.Work the queue's client can
// work jobs once started (see Start).
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts jobs.Options) (*App, error) {
	if opts.RescueAfter == 0 {
		opts.RescueAfter = cfg.RescueAfter()
	}
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Log: log, DB: d, Queue: jobs.NewQueue()}
	if a.Mail, err = mail.NewSender(cfg.SMTPURL, cfg.MailFrom, log); err != nil {
		d.Close()
		return nil, err
	}
	if a.Files, err = blob.NewDir(cfg.StorageDir); err != nil {
		d.Close()
		return nil, err
	}
	jobs.AddWorker(a.Queue, &mail.SendWorker{Sender: a.Mail, Log: log})
	a.Limits = ratelimit.New(d.Gorm, a.Queue)
	a.Auth = auth.NewService(auth.Options{DB: d.Gorm, Jobs: a.Queue, Secret: cfg.SecretKey, BaseURL: cfg.BaseURL})
	a.Ledger = ledger.NewService(d.Gorm, a.Files)
	a.Analytics = analytics.NewService(d.Gorm, nil)
	a.Imports = imports.NewService(imports.ServiceOptions{DB: d, Jobs: a.Queue, Files: a.Files, Log: log})
	// The debtor page's links come first: each reminder carries one, and Stripe returns to the page.
	links := portal.NewLinks(cfg.BaseURL, nil)
	a.Dunning = dunning.NewService(dunning.Options{DB: d, Jobs: a.Queue, Files: a.Files, Mail: a.Mail, Log: log,
		BaseURL: cfg.BaseURL, Secret: cfg.SecretKey, From: cfg.MailFrom, PlanEvery: cfg.PlannerInterval(),
		SendTimeout: cfg.SendAttemptTimeout(), Links: links})
	a.Payments = payments.NewService(payments.Options{DB: d, Ledger: a.Ledger, Links: links, Jobs: a.Queue, Log: log,
		BaseURL: cfg.BaseURL, SecretKey: cfg.StripeSecretKey, WebhookSecret: cfg.StripeWebhookSecret,
		APIBase: cfg.StripeAPIBase, From: cfg.MailFrom})
	a.Portal = portal.NewService(portal.Options{DB: d, Jobs: a.Queue, Files: a.Files, Ledger: a.Ledger, Dunning: a.Dunning,
		Log: log, BaseURL: cfg.BaseURL, Links: links, PaymentsEnabled: a.Payments.Enabled()})
	if err := a.Queue.Open(d, log, opts); err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

// StartWorkers starts working background jobs (the app must have been built with opts.Work).
func (a *App) StartWorkers(ctx context.Context) error { return a.Queue.Client().Start(ctx) }

// StopWorkers lets running jobs finish (until ctx ends), then stops.
func (a *App) StopWorkers(ctx context.Context) error { return a.Queue.Client().Stop(ctx) }

// Close releases the database connections.
func (a *App) Close() { a.DB.Close() }
