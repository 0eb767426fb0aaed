// Package testenv gives tests the real parts Relance runs on: a private PostgreSQL cluster with a
// fresh migrated database per test (cloned from a template), Mailpit and stripe-mock.
package testenv

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/relance/relance/internal/platform/db"
)

const templateDB = "relance_template"

type cluster struct {
	bin, dir, data string
	port           int
	cred           *syscall.Credential
}

var (
	pg      *cluster
	dbCount atomic.Int64
)

// Main runs a package's tests around a private Postgres cluster. Use it from TestMain:
//
//	func TestMain(m *testing.M) { testenv.Main(m) }
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	c, err := startCluster()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	defer c.stop()
	pg = c
	if err := c.prepareTemplate(); err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	return m.Run()
}

// postgresBin finds initdb and pg_ctl on PATH or in Debian's versioned folders.
func postgresBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "pg_ctl")); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL server binaries not found: apt-get install -y postgresql")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func startCluster() (*cluster, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pg")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data")}
	if os.Geteuid() == 0 { // initdb and postgres refuse to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root needs the postgres system user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if c.port, err = FreePort(); err != nil {
		return nil, err
	}
	if err := c.pgCmd("initdb", "-D", c.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"); err != nil {
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "+
		"-c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB", c.port, dir)
	if err := c.pgCmd("pg_ctl", "-D", c.data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start", "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return c, nil
}

func (c *cluster) pgCmd(name string, args ...string) error {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = "/"
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, out)
	}
	return nil
}

func (c *cluster) stop() {
	_ = c.pgCmd("pg_ctl", "-D", c.data, "-m", "immediate", "stop")
	_ = os.RemoveAll(c.dir)
}

// URL is the connection string of database name on the test cluster.
func (c *cluster) url(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
}

func (c *cluster) admin(ctx context.Context) (*pgx.Conn, error) {
	return pgx.Connect(ctx, c.url("postgres"))
}

// prepareTemplate migrates the template database once; every test clones it.
func (c *cluster) prepareTemplate() error {
	ctx := context.Background()
	conn, err := c.admin(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+templateDB); err != nil {
		return err
	}
	d, err := db.Open(ctx, c.url(templateDB))
	if err != nil {
		return err
	}
	err = d.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
	d.Close() // any open connection would block CREATE DATABASE … TEMPLATE
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "ALTER DATABASE "+templateDB+" ALLOW_CONNECTIONS false")
	return err
}

// DatabaseURL creates a fresh migrated database for t, dropped when t ends, and returns its URL.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	if pg == nil {
		t.Fatal("testenv: call testenv.Main(m) from TestMain")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pg.admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbCount.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+templateDB); err != nil {
		t.Fatalf("testenv: clone database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(name) })
	return pg.url(name)
}

// DB opens a fresh migrated database for t, closed and dropped when t ends.
func DB(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// BlankDatabaseURL creates an empty, unmigrated database for t, dropped when t ends.
func BlankDatabaseURL(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pg.admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("b%d_%d", os.Getpid(), dbCount.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(name) })
	return pg.url(name)
}

func dropDatabase(name string) {
	ctx := context.Background()
	if conn, err := pg.admin(ctx); err == nil {
		_, _ = conn.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
		_ = conn.Close(ctx)
	}
}
