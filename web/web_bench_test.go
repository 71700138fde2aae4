package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// Page benchmarks over the synthetic warehouse of warehouse/fixture: 100,000
// reports (DISCLOSURE_BENCH_REPORTS overrides), every county for ten years.
// Targets: compare and county pages under 200 ms of server time; a page
// with ECharts under 1.5 MB on the wire. Each page's time is reported with
// its ratio to the same selection's bare named query (rank), run in the
// same process: what the page adds to the database's own work.

var benchServer struct {
	dir string
	s   *Server
	ts  *httptest.Server
}

func benchSetup(b *testing.B) (*Server, *httptest.Server) {
	b.Helper()
	if benchServer.s != nil {
		return benchServer.s, benchServer.ts
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("DISCLOSURE_BENCH_REPORTS")); err == nil && v > 0 {
		n = v
	}
	dir, err := os.MkdirTemp("", "web-bench-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "bench.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	for start := 0; start < n; start += 10_000 {
		var docs []warehouse.Document
		for i := start; i < min(start+10_000, n); i++ {
			docs = append(docs, fixture.SyntheticDoc(i))
		}
		if _, err := db.Load(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()
	s, err := New(Options{DB: path})
	if err != nil {
		b.Fatal(err)
	}
	benchServer.dir, benchServer.s, benchServer.ts = dir, s, httptest.NewServer(s.Handler())
	// The server lives for the whole run; TestMain closes and removes it.
	return s, benchServer.ts
}

func fetch(b *testing.B, url string, gz bool) int64 {
	req, _ := http.NewRequest("GET", url, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 {
		b.Fatalf("%s: %d", url, resp.StatusCode)
	}
	return n
}

// benchPage times one page, and the bare rank query for the same selection.
func benchPage(b *testing.B, path string, baseline map[string]string) {
	s, ts := benchSetup(b)
	q := baselineTime(b, s, baseline)
	b.ResetTimer()
	for range b.N {
		fetch(b, ts.URL+path, false)
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(per*1000, "ms/page")
	b.ReportMetric(per/q, "x_bare_query")
}

// baselineTime is the bare query's mean time over a few runs (timed by
// hand: testing.Benchmark cannot run inside a benchmark).
func baselineTime(b *testing.B, s *Server, params map[string]string) float64 {
	const runs = 5
	start := time.Now()
	for range runs {
		if _, err := s.run(context.Background(), "bench_rank", params); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start).Seconds() / runs
}

func init() {
	// The baseline is the rank named query, through the same runner.
	specs["bench_rank"] = spec{query: "rank", params: nil}
}

func BenchmarkPageCompareProvince(b *testing.B) {
	benchPage(b, "/compare?province=湖北&year=2023", map[string]string{"province": "湖北", "year": "2023"})
}

func BenchmarkPageCompareAllFollowed(b *testing.B) {
	benchPage(b, "/compare?year=2023", map[string]string{"year": "2023"})
}

func BenchmarkPageCounty(b *testing.B) {
	benchPage(b, "/county?code=420625&measure=received", map[string]string{"prefecture": "420600", "year": "2023"})
}

func BenchmarkPageReport(b *testing.B) {
	benchPage(b, "/report?id=1000", map[string]string{"prefecture": "420600", "year": "2023"})
}

func BenchmarkPageCoverage(b *testing.B) {
	benchPage(b, "/coverage?province=湖北", map[string]string{"province": "湖北"})
}

// BenchmarkPageWeight reports the compare page's weight on the wire (HTML,
// CSS, scripts, ECharts; gzip) against the 1.5 MB target.
func BenchmarkPageWeight(b *testing.B) {
	_, ts := benchSetup(b)
	var total, plain int64
	for range b.N {
		total, plain = 0, 0
		for _, p := range []string{"/compare?province=湖北&year=2023", "/assets/style.css", "/assets/app.js", "/assets/echarts/echarts.min.js", "/assets/favicon.svg"} {
			total += fetch(b, ts.URL+p, true)
			plain += fetch(b, ts.URL+p, false)
		}
	}
	b.ReportMetric(float64(total)/1e6, "MB_gzip")
	b.ReportMetric(float64(plain)/1e6, "MB_plain")
	b.ReportMetric(float64(total)/1.5e6, "x_target")
}
