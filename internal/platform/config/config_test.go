package config

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaultsAndMasking(t *testing.T) {
	c, err := Load(env(map[string]string{
		"DATABASE_URL":       "postgres://u:hunter2@127.0.0.1/relance",
		"RELANCE_SECRET_KEY": strings.Repeat("s", 32),
		"SMTP_URL":           "smtp://127.0.0.1:1025",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.BaseURL != "http://localhost:8080" || c.LogFormat != "text" {
		t.Fatalf("defaults not applied: %+v", c)
	}
	if s := c.String(); strings.Contains(s, "hunter2") || strings.Contains(s, "sssss") {
		t.Fatalf("secret leaked in %q", s)
	}
}

func TestLoadReportsEveryBadValue(t *testing.T) {
	_, err := Load(env(map[string]string{
		"DATABASE_URL":     "mysql://x",
		"RELANCE_BASE_URL": "localhost",
		"RELANCE_ENV":      "staging",
		"SMTP_URL":         "http://mail",
	}))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, name := range []string{"DATABASE_URL", "RELANCE_SECRET_KEY", "RELANCE_BASE_URL", "RELANCE_ENV", "SMTP_URL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s:\n%v", name, err)
		}
	}
}

func TestLoadFromFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(p, []byte(strings.Repeat("k", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://127.0.0.1/x", "RELANCE_SECRET_KEY_FILE": p}))
	if err != nil {
		t.Fatal(err)
	}
	if c.SecretKey != strings.Repeat("k", 40) {
		t.Fatalf("secret from file = %q", c.SecretKey)
	}
}

func TestHTTPTimeouts(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://127.0.0.1/x", "RELANCE_SECRET_KEY": strings.Repeat("k", 40),
		"RELANCE_HTTP_READ_HEADER_TIMEOUT": "2s"}))
	if err != nil {
		t.Fatal(err)
	}
	got := c.Timeouts()
	if got.ReadHeader != 2*time.Second || got.Read != 30*time.Second || got.Write != time.Minute ||
		got.Idle != 2*time.Minute || got.Transfer != 10*time.Minute {
		t.Fatalf("timeouts %+v", got)
	}
	if (Config{}).Timeouts() != (HTTPTimeouts{10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 10 * time.Minute}) {
		t.Fatalf("defaults of a Config built in code: %+v", Config{}.Timeouts())
	}
	_, err = Load(env(map[string]string{"DATABASE_URL": "postgres://127.0.0.1/x", "RELANCE_SECRET_KEY": strings.Repeat("k", 40),
		"RELANCE_HTTP_IDLE_TIMEOUT": "forever", "RELANCE_METRICS_ADDR": "9090"}))
	if err == nil || !strings.Contains(err.Error(), "RELANCE_HTTP_IDLE_TIMEOUT") || !strings.Contains(err.Error(), "RELANCE_METRICS_ADDR") {
		t.Fatalf("bad values: %v", err)
	}
}

// `relance serve` started from a clone without RELANCE_STORAGE_DIR keeps its files in a folder
// git ignores: no untracked data/ appears in the working tree.
func TestDefaultStorageDirIsIgnored(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://127.0.0.1/relance", "RELANCE_SECRET_KEY": strings.Repeat("s", 32)}))
	if err != nil {
		t.Fatal(err)
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("not a git checkout")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	stored := filepath.Join(c.StorageDir, "imports", "upload.csv") // a file Relance would write there
	if out, err := exec.Command("git", "-C", root, "check-ignore", "--no-index", "-q", stored).CombinedOutput(); err != nil {
		t.Fatalf("%s is not ignored by git (%v %s)", stored, err, out)
	}
}
