package testenv

import (
	"os"
	"runtime/pprof"
	"testing"
)

// ProfileCPU writes a CPU profile to the file RELANCE_BENCH_PROFILE names (nothing when unset)
// from now until the returned function is called: a benchmark profiles the part it measures.
func ProfileCPU(t testing.TB) (stop func()) {
	path := os.Getenv("RELANCE_BENCH_PROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
