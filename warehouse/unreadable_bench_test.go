package warehouse_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/warehouse"
)

// BenchmarkLoadTextChecks is what recording every document's text check
// (unreadable_documents) adds to a load: per batch of 1,000 synthetic
// reports, the CPU time of loading them (the baseline, in the same run)
// and of recording one read check per document, in a warehouse already
// holding 1,000 unread documents; checks/load is their ratio. Then the
// CPU time of recording 1,000 unreadable documents at once
// (unreadable_1000_ms). The two are measured apart, not as the difference
// of two loads, which the machine's noise would swamp.
// DISCLOSURE_BENCH_REPORTS sets how many reports (at most 10,000 here).
func BenchmarkLoadTextChecks(b *testing.B) {
	n := min(benchReports(), 10_000)
	const batch, scans = 1000, 1000
	var unread []warehouse.TextCheck
	for i := range scans {
		unread = append(unread, warehouse.TextCheck{SHA256: fmt.Sprintf("%064x", i), URL: fmt.Sprintf("http://x.gov.cn/scan/%d.pdf", i),
			Reason: parse.ReasonImageOnly, Via: "crawl"})
	}
	for range b.N {
		db, err := warehouse.Open(filepath.Join(b.TempDir(), "w.duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		c := cpuTime()
		if err := db.RecordTextChecks(context.Background(), unread); err != nil {
			b.Fatal(err)
		}
		scansCPU := cpuTime() - c
		var load, checked time.Duration
		for start := 0; start < n; start += batch {
			docs := syntheticDocs(start, min(start+batch, n))
			var checks []warehouse.TextCheck
			for _, d := range docs {
				checks = append(checks, warehouse.TextCheck{SHA256: d.SHA256, URL: d.SourceURL, Via: "load"})
			}
			_, c := loadTimed(b, db, docs)
			load += c
			c = cpuTime()
			if err := db.RecordTextChecks(context.Background(), checks); err != nil {
				b.Fatal(err)
			}
			checked += cpuTime() - c
		}
		db.Close()
		b.ReportMetric(load.Seconds(), "load_cpu_s")
		b.ReportMetric(checked.Seconds(), "checks_cpu_s")
		b.ReportMetric(checked.Seconds()/load.Seconds(), "checks/load")
		b.ReportMetric(float64(scansCPU.Microseconds())/1000, "unreadable_1000_ms")
	}
}
