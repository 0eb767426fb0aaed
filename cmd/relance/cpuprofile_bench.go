//go:build benchprofile

package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Built only for benchmarks (go build -tags benchprofile): with RELANCE_CPU_PROFILE set, SIGUSR1
// starts a CPU profile into that file and SIGUSR2 stops it, then "cpu profile written" goes to
// stderr. The debtor-page bench profiles its fixed-rate runs so (RELANCE_BENCH_PROFILE).
func init() {
	path := os.Getenv("RELANCE_CPU_PROFILE")
	if path == "" {
		return
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGUSR1, syscall.SIGUSR2)
	go func() {
		var f *os.File
		for s := range sig {
			switch {
			case s == syscall.SIGUSR1 && f == nil:
				var err error
				if f, err = os.Create(path); err == nil {
					err = pprof.StartCPUProfile(f)
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, "cpu profile:", err)
				}
			case s == syscall.SIGUSR2 && f != nil:
				pprof.StopCPUProfile()
				f.Close()
				f = nil
				fmt.Fprintln(os.Stderr, "cpu profile written")
			}
		}
	}()
}
