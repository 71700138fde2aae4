//go:build !unix

package parse

import "time"

// processCPU is unknown here: CPU-based metrics read 0.
func processCPU() time.Duration { return 0 }
