package crawler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"disclosure/crawler/platform/platformsim"
	"disclosure/crawler/rawstore"
	"disclosure/parse"
)

// BenchmarkCrawl1000Hosts crawls simulated county sites on loopback, each on
// its own address (127.1.x.y, one listener per host), each with robots.txt,
// a listing and 4 reports (real corpus bodies), under a 1 s per-host
// interval, parsing every report in the Sink.
//
// It reports, from the same run: wall seconds; bound_s, the politeness
// bound (the most requests any host received × the interval; no polite
// crawl can be much faster); x_bound = wall / bound (target ≤ 1.5); and
// cpu_s, the CPU time the process used (servers included); loadavg, the
// machine's load at the end (more than ~2 on 2 cores means other work
// competed for the CPU); and
// peak_MiB, the largest total memory the Go runtime held (servers included,
// they share the process), sampled every 20 ms (target < 1024).
//
// DISCLOSURE_BENCH_HOSTS overrides the host count (default 1000),
// DISCLOSURE_BENCH_INTERVAL the interval (default 1s),
// DISCLOSURE_BENCH_PARALLEL the crawler's worker count (default 64) and
// DISCLOSURE_BENCH_SINKS its Sink goroutines (default GOMAXPROCS);
// DISCLOSURE_BENCH_NOPARSE=1 leaves parsing out, so that cpu_s is the
// crawler's own (and the servers').
func BenchmarkCrawl1000Hosts(b *testing.B) { benchCrawl(b, false) }

// BenchmarkCrawl1000HostsPlatforms is the same crawl over a mix of
// platforms: a third of the hosts are static columns as above, a third 大汉
// Hanweb columns (2 records inline, 2 from dataproxy.jsp) and a third
// Guangdong gkmlpt directories (2 pages of the JSON API), each with 4
// reports (internal to crawler/platform/platformsim). The platform walks'
// requests count toward their host's requests, so bound_s is still the
// politeness bound (target x_bound ≤ 1.5).
func BenchmarkCrawl1000HostsPlatforms(b *testing.B) { benchCrawl(b, true) }

func benchCrawl(b *testing.B, platforms bool) {
	hosts := envInt("DISCLOSURE_BENCH_HOSTS", 1000)
	parallel := envInt("DISCLOSURE_BENCH_PARALLEL", 64)
	interval := time.Second
	if v := os.Getenv("DISCLOSURE_BENCH_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("DISCLOSURE_BENCH_INTERVAL: %v", err)
		}
		interval = d
	}

	noParse := os.Getenv("DISCLOSURE_BENCH_NOPARSE") != ""
	farm := newHostFarm(b, hosts, platforms)
	defer farm.close()

	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()

	var wall, bound, cpu time.Duration
	var reports, values atomic.Int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		raw, err := rawstore.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		sink := SinkFunc(func(ctx context.Context, f *Fetch) error {
			if f.Kind != KindReport || !f.Document() {
				return nil
			}
			reports.Add(1)
			if noParse {
				return nil
			}
			rep, err := parse.Parse(f.Body, parse.Options{Name: f.FinalURL, ContentType: f.ContentType})
			if err != nil {
				if platforms {
					return nil // gkmlpt keeps its article in a script: the parser may find no table
				}
				return err
			}
			values.Add(int64(len(rep.Values)))
			// Loading is measured by the pipeline's BenchmarkCrawlLoad1000Hosts.
			return nil
		})
		c, err := New(Options{
			Delay: interval, Parallel: parallel, Timeout: 30 * time.Second, SinkWorkers: envInt("DISCLOSURE_BENCH_SINKS", 0),
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		}, NewMemState(), raw, sink)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		st, err := c.Run(context.Background(), farm.sites)
		wall, cpu = time.Since(start), cpuTime()-cpu0
		if err != nil {
			b.Fatal(err)
		}
		if want := farm.requests; st.Errors > 0 || st.Blocked > 0 || st.Requests != want {
			b.Fatalf("crawl: %d errors, %d blocked, %d requests (want %d)", st.Errors, st.Blocked, st.Requests, want)
		}
		bound = time.Duration(st.MaxHostRequests) * interval
	}
	b.StopTimer()
	close(stop)
	sampler.Wait()
	if want := int64(b.N * hosts * 4); reports.Load() != want {
		b.Fatalf("%d reports parsed, want %d", reports.Load(), want)
	}
	b.ReportMetric(wall.Seconds(), "wall_s")
	b.ReportMetric(bound.Seconds(), "bound_s")
	b.ReportMetric(wall.Seconds()/bound.Seconds(), "x_bound")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak_MiB")
	b.ReportMetric(cpu.Seconds(), "cpu_s")
	b.ReportMetric(loadAvg(), "loadavg")
	b.ReportMetric(float64(hosts), "hosts")
	b.ReportMetric(float64(values.Load())/float64(reports.Load()), "values/report")
}

// cpuTime is the CPU time this process has used (user + system): with the
// wall time it tells a crawl that waited on the CPU (other processes, or
// too much work per host) from one that waited on its pacer.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAvg is the machine's 1-minute load average (Linux), reported so that
// a slow run on a machine busy with other work can be told apart.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f, err := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	if err != nil {
		return -1
	}
	return f
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return n
		}
	}
	return def
}

// hostFarm is many county sites in one process: one http.Server per kind
// of site, one listener per host address in 127.1.0.0/16.
type hostFarm struct {
	srvs     []*http.Server
	lns      []net.Listener
	sites    []Site
	requests int64 // requests a complete crawl sends
}

func newHostFarm(b *testing.B, n int, platforms bool) *hostFarm {
	b.Helper()
	corpus := []struct{ file, title string }{
		{"049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告"},
		{"039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告"},
		{"041_pingtan_2020_archive-txt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告"},
		{"seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告"},
	}
	var pages [4][]byte
	var links [][2]string
	var reports []platformsim.Report
	for i, c := range corpus {
		pages[i] = []byte(reportHTML(b, c.file, c.title, ""))
		links = append(links, [2]string{fmt.Sprintf("/nb/%d.html", i), c.title})
		reports = append(reports, platformsim.Report{Title: c.title, Body: pages[i]})
	}
	listing := []byte(listingHTML("政府信息公开年报", links, ""))
	robotsTxt := []byte("User-agent: *\nDisallow: /admin/\n")
	mux := http.NewServeMux()
	serve := func(body []byte, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body)
		}
	}
	mux.HandleFunc("/robots.txt", serve(robotsTxt, "text/plain"))
	mux.HandleFunc("/nb/index.html", serve(listing, "text/html; charset=utf-8"))
	for i := range pages {
		mux.HandleFunc(fmt.Sprintf("/nb/%d.html", i), serve(pages[i], "text/html; charset=utf-8"))
	}
	hw := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6211020001", PerPage: 2, GroupSize: 1, Reports: reports}
	gk := &platformsim.Gkmlpt{Name: "某区人民政府", SiteCode: "4403040001", PageSize: 2, Reports: reports}
	kinds := []struct {
		handler  http.Handler
		column   string
		requests int64 // robots.txt, column, list requests, 4 reports
	}{
		{mux, "/nb/index.html", 6},
		{hw, hw.ColumnPath(), 7},
		{gk, gk.ColumnPath(), 8},
	}
	if !platforms {
		kinds = kinds[:1]
	}
	f := &hostFarm{}
	for _, k := range kinds {
		f.srvs = append(f.srvs, &http.Server{Handler: k.handler, ReadHeaderTimeout: 10 * time.Second})
	}
	for i := 0; i < n; i++ {
		addr := fmt.Sprintf("127.1.%d.%d:0", i/250, i%250+1)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			f.close()
			b.Fatalf("listen %s: %v (host %d of %d; check ulimit -n)", addr, err, i, n)
		}
		k := i % len(kinds)
		f.lns = append(f.lns, ln)
		go f.srvs[k].Serve(ln)
		f.sites = append(f.sites, Site{Name: fmt.Sprint("host", i), URL: "http://" + ln.Addr().String() + kinds[k].column, Enabled: true})
		f.requests += kinds[k].requests
	}
	return f
}

func (f *hostFarm) close() {
	for _, s := range f.srvs {
		s.Close()
	}
	for _, ln := range f.lns {
		ln.Close()
	}
}
