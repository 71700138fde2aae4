package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// Page benchmarks over the synthetic warehouse of warehouse/fixture: 100,000
// reports (DISCLOSURE_BENCH_REPORTS overrides; DISCLOSURE_BENCH_DB reuses one
// built before), every county for ten years.
// Targets: compare and county pages under 200 ms of server time; every page
// with ECharts under 1.5 MB on the wire. A page's time (its HTML and the
// JSON its chart fetches) is reported with its ratio to the bare named query
// behind it, run in the same loop (x_query), and with the load average
// (load1): the machine is shared, so absolute times vary with it.

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
	// DISCLOSURE_BENCH_DB reuses a synthetic warehouse built before (kept).
	if path := os.Getenv("DISCLOSURE_BENCH_DB"); path != "" {
		s, err := New(Options{DB: path})
		if err != nil {
			b.Fatal(err)
		}
		benchServer.s, benchServer.ts = s, httptest.NewServer(s.Handler())
		return s, benchServer.ts
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

// benchPage times the first view of one page (its HTML, then each JSON
// endpoint its charts read; the result cache emptied before each), and, in
// the same loop, the bare named query behind it.
func benchPage(b *testing.B, path, name string, params map[string]string) {
	s, ts := benchSetup(b)
	urls := append([]string{path}, pageParts(b, ts.URL+path, "[data-api]", "data-api")...)
	var page, bare time.Duration
	b.ResetTimer()
	for range b.N {
		s.cache.clear() // a first view: its chart's JSON comes from the page's query
		start := time.Now()
		for _, u := range urls {
			fetch(b, ts.URL+u, true) // as a browser asks: gzip
		}
		page += time.Since(start)
		bare += bareQuery(b, s, name, params)
	}
	n := float64(b.N)
	b.ReportMetric(page.Seconds()*1000/n, "ms/page")
	b.ReportMetric(bare.Seconds()*1000/n, "ms/query")
	b.ReportMetric(page.Seconds()/bare.Seconds(), "x_query")
	b.ReportMetric(loadAverage(), "load1")
}

// bareQuery is the time of the named query alone, its rows read and dropped.
func bareQuery(b *testing.B, s *Server, name string, params map[string]string) time.Duration {
	db, stmt, args, err := s.bind(name, params)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	rows, err := db.SQL().Query(stmt, args...)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	rows.Close()
	return time.Since(start)
}

// loadAverage is the one-minute load average (0 where /proc is absent).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	return f
}

// pageParts lists the same-origin URLs of a page's elements matching sel
// (their attribute attr): its scripts, styles, icons, chart data.
func pageParts(b *testing.B, url, sel, attr string) []string {
	resp, err := http.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	doc.Find(sel).Each(func(_ int, e *goquery.Selection) {
		if v, ok := e.Attr(attr); ok && strings.HasPrefix(v, "/") {
			out = append(out, v)
		}
	})
	return out
}

var benchPages = []struct {
	name, path, query string
	params            map[string]string
}{
	{"CompareProvince", "/compare", "compare", map[string]string{"province": "湖北", "year": "2023"}},
	{"CompareAllFollowed", "/compare", "compare", map[string]string{"year": "2023"}},
	{"County", "/county", "county_years", map[string]string{"code": "420625", "measure": "received"}},
	{"Report", "/report", "report_cells", map[string]string{"id": "1000"}},
	{"CoverageSummary", "/coverage", "coverage_by_province", map[string]string{}},
	{"CoverageProvince", "/coverage", "coverage", map[string]string{"province": "湖北"}},
}

func BenchmarkPage(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.name, func(b *testing.B) { benchPage(b, pathWith(p.path, p.params), p.query, p.params) })
	}
}

// BenchmarkPageWeight reports each page's weight on the wire with gzip:
// its HTML, the styles, scripts (ECharts) and icons it links and the JSON
// its charts read, against the 1.5 MB target.
func BenchmarkPageWeight(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.name, func(b *testing.B) {
			_, ts := benchSetup(b)
			path := pathWith(p.path, p.params)
			parts := []string{path}
			for _, sel := range [][2]string{{"script[src]", "src"}, {"link[href]", "href"}, {"img[src]", "src"}, {"[data-api]", "data-api"}} {
				parts = append(parts, pageParts(b, ts.URL+path, sel[0], sel[1])...)
			}
			var total, plain int64
			b.ResetTimer()
			for range b.N {
				total, plain = 0, 0
				for _, u := range parts {
					total += fetch(b, ts.URL+u, true)
					plain += fetch(b, ts.URL+u, false)
				}
			}
			b.ReportMetric(float64(total)/1e6, "MB_gzip")
			b.ReportMetric(float64(plain)/1e6, "MB_plain")
			b.ReportMetric(float64(total)/1.5e6, "x_target")
		})
	}
}
