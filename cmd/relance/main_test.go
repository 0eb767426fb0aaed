package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
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
	metricsPort, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	base := envFor(t, testenv.BlankDatabaseURL(t), fmt.Sprintf("127.0.0.1:%d", port))
	env := func(k string) string {
		switch k {
		case "RELANCE_METRICS_ADDR":
			return fmt.Sprintf("127.0.0.1:%d", metricsPort)
		case "RELANCE_HTTP_READ_HEADER_TIMEOUT":
			return "1s"
		}
		return base(k)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--migrate"}, env) }()
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	testenv.WaitHTTP(t, url+"/readyz", 30*time.Second)

	// /metrics is on its own address, not on the public one.
	for addr, want := range map[string]int{url: http.StatusNotFound, fmt.Sprintf("http://127.0.0.1:%d", metricsPort): http.StatusOK} {
		resp, err := http.Get(addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("%s/metrics: %s, want %d", addr, resp.Status, want)
		}
	}
	// A client that never finishes its headers is cut off after RELANCE_HTTP_READ_HEADER_TIMEOUT.
	conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n"))
	_ = conn.SetReadDeadline(time.Now().Add(11 * time.Second))
	if _, err := io.Copy(io.Discard, conn); errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal("a connection with unfinished headers is still open")
	}
	conn.Close()

	if err := run(context.Background(), []string{"seed", "--demo"}, env); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url+"/api/v1/auth/login", "application/json",
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
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}
