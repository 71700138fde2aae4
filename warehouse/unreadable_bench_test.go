//go:build unix

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
	"disclosure/warehouse/fixture"
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
			var docs []warehouse.Document
			var checks []warehouse.TextCheck
			for i := start; i < min(start+batch, n); i++ {
				d := fixture.SyntheticDoc(i)
				docs = append(docs, d)
				checks = append(checks, warehouse.TextCheck{SHA256: d.SHA256, URL: d.SourceURL, Via: "load"})
			}
			runtime.GC()
			c := cpuTime()
			if _, err := db.LoadWith(context.Background(), docs, warehouse.LoadOptions{}); err != nil {
				b.Fatal(err)
			}
			load += cpuTime() - c
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
