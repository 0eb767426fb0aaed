package testenv

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BuildRelance builds the real binary (./cmd/relance, as `make build` does, with whatever
// frontend/dist holds; with build tags if any) into a temporary folder and returns its path.
func BuildRelance(t testing.TB, tags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "relance")
	args := []string{"build", "-o", bin}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.Command("go", append(args, "./cmd/relance")...)
	cmd.Dir = ModuleRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Relance is a running `relance serve`.
type Relance struct {
	Cmd  *exec.Cmd
	URL  string // http://127.0.0.1:port
	Logs string // the file its stdout and stderr go to
}

// StartRelance runs `relance serve` (bin from BuildRelance) on a free loopback port with env
// (DATABASE_URL, RELANCE_SECRET_KEY and the rest; RELANCE_ADDR and RELANCE_BASE_URL are set
// here), waits for /healthz, and kills it when the test ends. Its output goes to a file (the
// process writes there itself: nothing in the test process copies it), whose tail is logged
// if the test fails.
func StartRelance(t testing.TB, bin string, env ...string) *Relance {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	logs := filepath.Join(t.TempDir(), "relance-serve.log")
	f, err := os.Create(logs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(append(os.Environ(), env...), "RELANCE_ADDR="+addr, "RELANCE_BASE_URL=http://"+addr)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		t.Fatal(err)
	}
	f.Close() // the child holds its own descriptor
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			if b, err := os.ReadFile(logs); err == nil {
				s := string(b)
				if len(s) > 4000 {
					s = "…" + s[len(s)-4000:]
				}
				t.Logf("relance serve (tail):\n%s", strings.TrimSpace(s))
			}
		}
	})
	r := &Relance{Cmd: cmd, URL: "http://" + addr, Logs: logs}
	WaitHTTP(t, r.URL+"/healthz", 30*time.Second)
	return r
}
