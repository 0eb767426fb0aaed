// Command relance is Relance's one binary: the HTTP server and background workers, migrations,
// the demo seed.
//
//	@title						Relance API
//	@version					1.0
//	@description				Accounts-receivable follow-up: customers, invoices, dunning scenarios, debtor pages, payments. Authenticate with `Authorization: Bearer <token>`, where the token is an access token from /api/v1/auth/login or an API key. Errors are RFC 9457 problem+json. Lists take q, sort, limit and offset and answer {items, total}.
//	@license.name				AGPL-3.0
//	@BasePath					/
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				"Bearer " followed by an access token or an API key.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/relance/relance/frontend"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/demo"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/logging"
	"github.com/relance/relance/web"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "dev"

const usage = `relance — accounts-receivable follow-up

Usage:
  relance serve [--migrate]   HTTP server (API, dashboard) and background workers
  relance worker              background workers only
  relance migrate             apply pending database migrations
  relance seed --demo         create the demo organisation (idempotent)
  relance version             print the version

Configuration comes from the environment: see README.md.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "relance:", err)
		os.Exit(1)
	}
}

// run executes one command until it finishes or ctx ends (Ctrl-C, SIGTERM).
func run(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("missing command")
	}
	cmd, args := args[0], args[1:]
	if cmd == "version" {
		fmt.Println("relance", version)
		return nil
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Print(usage)
		return nil
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, cfg.LogFormat, slog.LevelInfo)
	switch cmd {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		migrate := fs.Bool("migrate", false, "apply pending migrations before serving")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return serve(ctx, cfg, log, *migrate, true)
	case "worker":
		return serve(ctx, cfg, log, false, false)
	case "migrate":
		return withApp(ctx, cfg, log, func(a *app.App) error { return a.DB.Migrate(ctx, log) })
	case "seed":
		fs := flag.NewFlagSet("seed", flag.ContinueOnError)
		withDemo := fs.Bool("demo", false, "create the demo organisation")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if !*withDemo {
			return errors.New("seed: say what to seed: relance seed --demo")
		}
		return withApp(ctx, cfg, log, func(a *app.App) error { return seedDemo(ctx, a) })
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func withApp(ctx context.Context, cfg config.Config, log *slog.Logger, f func(*app.App) error) error {
	a, err := app.New(ctx, cfg, log, jobs.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	return f(a)
}

func seedDemo(ctx context.Context, a *app.App) error {
	if pending, err := a.DB.Pending(ctx); err != nil || pending {
		return errors.New("seed: the database is not migrated: run relance migrate first")
	}
	sum, err := demo.Seed(ctx, a)
	if err != nil {
		return err
	}
	fmt.Println(sum)
	fmt.Printf("Demo organisation %q ready.\n  email:    %s\n  password: %s\n", demo.Organization, demo.Email, demo.Password)
	return nil
}

// serve runs the workers and, with http, the HTTP server, until ctx ends (Ctrl-C, SIGTERM); then
// it stops taking requests, lets in-flight requests and jobs finish, and exits.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, migrate, withHTTP bool) error {
	a, err := app.New(ctx, cfg, log, jobs.Options{Work: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if migrate {
		if err := a.DB.Migrate(ctx, log); err != nil {
			return err
		}
	}
	if pending, err := a.DB.Pending(ctx); err != nil {
		return err
	} else if pending {
		return errors.New("the database has pending migrations: run `relance migrate` or start with `relance serve --migrate`")
	}
	log.Info("starting", "version", version, "config", cfg.String())
	if err := a.StartWorkers(ctx); err != nil {
		return err
	}
	errc := make(chan error, 2)
	var servers []*http.Server
	listen := func(srv *http.Server, what string) {
		servers = append(servers, srv)
		go func() {
			log.Info("listening", "what", what, "addr", srv.Addr, "url", cfg.BaseURL)
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		}()
	}
	if withHTTP {
		s := web.New(a, frontend.Dist())
		listen(s.HTTPServer(cfg.Addr, cfg.Timeouts()), "http")
		if cfg.MetricsAddr != "" {
			listen(&http.Server{Addr: cfg.MetricsAddr, Handler: s.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}, "metrics")
		}
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	log.Info("shutting down: finishing in-flight requests and jobs")
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, srv := range servers {
		if serr := srv.Shutdown(shutdown); serr != nil {
			log.Error("http shutdown", "error", serr)
		}
	}
	if werr := a.StopWorkers(shutdown); werr != nil {
		log.Error("workers shutdown", "error", werr)
	}
	return err
}
