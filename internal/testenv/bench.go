package testenv

import (
	"os"
	"testing"
)

// Benchmarking reports whether RELANCE_BENCH is set: `make bench` runs the benchmarks, a plain
// `go test ./...` skips them.
func Benchmarking() bool { return os.Getenv("RELANCE_BENCH") != "" }

// BenchMain is the TestMain of a package of benchmarks: with RELANCE_BENCH set it starts
// Postgres as Main does; without, its tests run without it (and skip themselves through
// SkipUnlessBench).
func BenchMain(m *testing.M) {
	if !Benchmarking() {
		os.Exit(m.Run())
	}
	Main(m)
}

// SkipUnlessBench skips t unless RELANCE_BENCH is set; what names the benchmark.
func SkipUnlessBench(t testing.TB, what string) {
	t.Helper()
	if !Benchmarking() {
		t.Skipf("set RELANCE_BENCH=1 (make bench) to run the %s", what)
	}
}
