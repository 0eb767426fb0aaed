package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

func envFor(t *testing.T, dsn, addr string) func(string) string {
	vars := map[string]string{
		"DATABASE_URL": dsn, "RELANCE_SECRET_KEY": strings.Repeat("s", 32), "RELANCE_ADDR": addr,
		"RELANCE_STORAGE_DIR": t.TempDir(),
	}
	return func(k string) string { return vars[k] }
}

func TestCommandsOnAFreshDatabase(t *testing.T) {
	ctx := context.Background()
	env := envFor(t, testenv.BlankDatabaseURL(t), "127.0.0.1:0")

	err := run(ctx, []string{"serve"}, env)
	if err == nil || !strings.Contains(err.Error(), "pending migrations") {
		t.Fatalf("serve on an unmigrated database: %v", err)
	}
	if err := run(ctx, []string{"seed", "--demo"}, env); err == nil {
		t.Fatal("seed before migrate succeeded")
	}
	for i := 0; i < 2; i++ { // idempotent
		if err := run(ctx, []string{"migrate"}, env); err != nil {
			t.Fatalf("migrate #%d: %v", i+1, err)
		}
		if err := run(ctx, []string{"seed", "--demo"}, env); err != nil {
			t.Fatalf("seed #%d: %v", i+1, err)
		}
	}
	if err := run(ctx, []string{"seed"}, env); err == nil {
		t.Fatal("seed without --demo succeeded")
	}
	if err := run(ctx, []string{"frobnicate"}, env); err == nil {
		t.Fatal("unknown command accepted")
	}
	if err := run(ctx, []string{"serve"}, func(string) string { return "" }); err == nil ||
		!strings.Contains(err.Error(), "DATABASE_URL") || !strings.Contains(err.Error(), "RELANCE_SECRET_KEY") {
		t.Fatalf("missing configuration: %v", err)
	}
}

func TestServeLogsInTheDemoAndStopsGracefully(t *testing.T) {
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	env := envFor(t, testenv.BlankDatabaseURL(t), fmt.Sprintf("127.0.0.1:%d", port))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--migrate"}, env) }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	testenv.WaitHTTP(t, base+"/readyz", 30*time.Second)

	if err := run(context.Background(), []string{"seed", "--demo"}, env); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"demo@relance.test","password":"relance-demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("demo login: %s", resp.Status)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}
