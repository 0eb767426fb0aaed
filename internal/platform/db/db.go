// Package db opens Relance's one Postgres pool, shared by GORM and River, and migrates the schema.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/relance/relance/migrations"
)

// DB bundles the pgx pool (River, LISTEN/NOTIFY), its database/sql face and GORM on top.
type DB struct {
	Pool *pgxpool.Pool
	SQL  *sql.DB
	Gorm *gorm.DB
}

// Open connects to dsn. Unless the DSN sets pool_max_conns, the pool is sized for River's
// workers plus HTTP traffic (pgxpool's default of 4 is far too small).
func Open(ctx context.Context, dsn string) (*DB, error) {
	dsn, err := withDefaultPoolSize(dsn, 25)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open pool: %w", err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: open gorm: %w", err)
	}
	return &DB{Pool: pool, SQL: sqlDB, Gorm: gdb}, nil
}

func withDefaultPoolSize(dsn string, n int) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("db: bad DATABASE_URL: %w", err)
	}
	q := u.Query()
	if q.Get("pool_max_conns") == "" {
		q.Set("pool_max_conns", fmt.Sprint(n))
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Close releases every connection.
func (d *DB) Close() {
	_ = d.SQL.Close()
	d.Pool.Close()
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.Pool.Ping(ctx) }

func (d *DB) goose() (*goose.Provider, error) {
	return goose.NewProvider(goose.DialectPostgres, d.SQL, migrations.FS)
}

// Migrate applies the pending goose migrations of migrations/, then River's own.
func (d *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	gp, err := d.goose()
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	results, err := gp.Up(ctx)
	if err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "source", r.Source.Path, "duration", r.Duration)
	}
	rm, err := rivermigrate.New(riverpgxv5.New(d.Pool), nil)
	if err != nil {
		return fmt.Errorf("db: river migrations: %w", err)
	}
	res, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("db: river migrate: %w", err)
	}
	for _, v := range res.Versions {
		log.Info("river migration applied", "version", v.Version)
	}
	return nil
}

// Pending reports whether some migration, ours or River's, has not been applied yet.
func (d *DB) Pending(ctx context.Context) (bool, error) {
	gp, err := d.goose()
	if err != nil {
		return false, err
	}
	pending, err := gp.HasPending(ctx)
	if err != nil || pending {
		return pending, err
	}
	rm, err := rivermigrate.New(riverpgxv5.New(d.Pool), nil)
	if err != nil {
		return false, err
	}
	all := rm.AllVersions()
	existing, err := rm.ExistingVersions(ctx)
	if err != nil {
		return true, nil // River's table is missing: its migrations have not run
	}
	return len(existing) < len(all), nil
}
