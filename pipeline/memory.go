package pipeline

import (
	"os"
	"runtime/debug"
)

// crawlGCPercent is the garbage collector's GOGC while a crawl or run
// fetches, parses and loads (unless GOGC is set). At the default 100 the
// collector took ~1 s of the ~14 CPU-s of BenchmarkCrawlLoad1000Hosts;
// at 200, alternating with 100 in one session on a quiet machine (4
// pairs), CPU fell by 0.6–1.6 s in every pair and x_bound from 1.46–1.67
// (mean 1.58) to 1.41–1.63 (mean 1.51), the peak rising from 670–740 to
// 790–870 MiB, under the 1 GiB target.
const crawlGCPercent = 200

// crawlHeapLimit caps the Go heap meanwhile, so that the headroom above
// never takes the process (DuckDB's own memory comes on top) past 1 GiB
// on a larger crawl: at GOGC 200 the benchmark's Go heap peaked at
// 490–545 MiB, its simulated servers' pages included.
const crawlHeapLimit = 512 << 20

// gcHeadroom sets GOGC to percent, unless the user set GOGC, lowers the
// Go heap's soft limit to limit (limitHeap: never raises it), and returns
// what puts both back.
// Process-wide settings: two crawls in one process (tests) may restore
// each other's, which changes only how often the collector runs.
func gcHeadroom(percent int, limit int64) func() {
	restoreLimit := limitHeap(limit)
	if os.Getenv("GOGC") != "" {
		return restoreLimit
	}
	prev := debug.SetGCPercent(percent)
	return func() {
		debug.SetGCPercent(prev)
		restoreLimit()
	}
}

// limitHeap lowers the Go runtime's soft memory limit to n (never raises
// one set lower, e.g. by GOMEMLIMIT) and returns the function that puts
// the previous limit back.
func limitHeap(n int64) func() {
	prev := debug.SetMemoryLimit(-1)
	if prev <= n {
		return func() {}
	}
	debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(prev) }
}
