//go:build unix

package parse

import (
	"syscall"
	"time"
)

// processCPU is the process's user+system CPU time so far: benchmarks
// report CPU-based figures beside wall time, since CPU time barely moves
// with the load other processes put on a shared machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
