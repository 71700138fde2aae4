//go:build unix

package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/places"
)

// BenchmarkCrawlLoad1000Hosts is issue 4's `make bench` item end to end:
// `disclosure run` (in-process, RunPass with a generated sites CSV) crawls
// 1,000 simulated county sites on loopback, each on its own address
// (127.2.x.y, one sitesim server per host), each with robots.txt, a listing
// and 4 real report pages (corpus bodies, rewritten for the site's county so
// that every report is its own document), under a 1 s per-host interval,
// and parses and loads every report into a fresh DuckDB warehouse. The
// timed part is the whole command: run lock, run record, crawl, parse,
// load in batches, crawl state and fetch log, run report and alerts.
//
// It reports, from the same run:
//   - wall_s: the command's wall time;
//   - bound_s: the politeness bound, the most requests any one host's
//     server received (robots.txt included) × the interval: no polite crawl
//     can be much faster;
//   - x_bound = wall_s / bound_s (target ≤ 1.5);
//   - last_request_s: when the servers saw the last request, from the
//     start: the rest of wall_s is loading and the run report after the
//     crawl;
//   - reports: rows in the warehouse's reports table (all 4 per host are
//     required, or the benchmark fails);
//   - peak_MiB: the process's peak resident memory (VmHWM, reset before
//     the run; DuckDB allocates outside the Go heap, so the Go runtime's
//     figure alone would miss it), target < 1024. The simulated servers
//     share the process and are included: served_MiB is what their pages
//     hold; go_peak_MiB is the Go runtime's own peak (servers included),
//     sampled every 20 ms;
//   - cpu_s: CPU time of the process (user + system; servers and DuckDB's
//     threads included);
//   - others_cpu_s: CPU time the rest of the machine used meanwhile (Linux,
//     /proc/stat): well above 0, other work competed for the cores, and
//     loadavg, the machine's 1-minute load at the end, this run included.
//
// The warehouse and the raw store (--data) are written under $TMPDIR
// (b.TempDir): where creating a file is slow, that shows in cpu_s and
// wall_s, as it would for a real crawl writing there.
//
// DISCLOSURE_BENCH_HOSTS overrides the host count (default 1000),
// DISCLOSURE_BENCH_INTERVAL the interval (default 1s),
// DISCLOSURE_BENCH_PARALLEL --parallel (default 64, as in the crawler's
// own benchmark; the command's default is 16), DISCLOSURE_BENCH_CMD the
// command: run (default, RunPass) or crawl (Crawl), and
// DISCLOSURE_BENCH_BATCH --batch (default DefaultBatch).
func BenchmarkCrawlLoad1000Hosts(b *testing.B) {
	hosts := benchEnvInt(b, "DISCLOSURE_BENCH_HOSTS", 1000)
	parallel := benchEnvInt(b, "DISCLOSURE_BENCH_PARALLEL", 64)
	interval := time.Second
	if v := os.Getenv("DISCLOSURE_BENCH_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			b.Fatalf("DISCLOSURE_BENCH_INTERVAL=%q: want a positive duration", v)
		}
		interval = d
	}
	command := os.Getenv("DISCLOSURE_BENCH_CMD")
	if command == "" {
		command = "run"
	}
	if command != "run" && command != "crawl" {
		b.Fatalf("DISCLOSURE_BENCH_CMD=%q: want run or crawl", command)
	}
	batch := benchEnvInt(b, "DISCLOSURE_BENCH_BATCH", DefaultBatch)

	// One listener per host, and the crawler's connection to each (both
	// ends in this process), plus DuckDB's and the raw store's files.
	raiseNoFile(b, uint64(3*hosts+512))

	farm := newLoadFarm(b, hosts)
	sitesCSV := filepath.Join(b.TempDir(), "sites.csv")
	if err := os.WriteFile(sitesCSV, farm.csv, 0o644); err != nil {
		b.Fatal(err)
	}

	var wall, bound, cpu time.Duration
	var peakRSS, goPeak uint64
	var maxHits, loaded int
	var lastHit, others time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		db := filepath.Join(dir, "bench.duckdb")
		o := DefaultCrawlOptions()
		o.Sites, o.Delay, o.Parallel, o.Batch = sitesCSV, interval, parallel, batch
		o.UserAgent = "disclosure-bench/1 (+https://example.invalid/bench)"
		var out, errOut syncBuffer
		o.Log = slog.New(slog.NewTextHandler(&errOut, nil))
		store := Store{DB: db, Data: filepath.Join(dir, "data"), Wait: time.Minute, Log: &errOut}
		before := farm.hitCounts()
		runtime.GC()
		mem := startMemSampler()
		b.StartTimer()

		start, cpu0, machine0 := time.Now(), processCPU(), machineCPU()
		var err error
		if command == "run" {
			var res *PassResult
			if res, err = RunPass(context.Background(), "run", o, store, &errOut); res != nil {
				WriteRunReport(&out, res, db)
			}
		} else {
			_, err = Crawl(context.Background(), o, store, &out, &errOut)
		}
		wall, cpu = time.Since(start), processCPU()-cpu0
		others = max(0, machineCPU()-machine0-cpu) // ticks of 10 ms: a few below 0 are rounding

		b.StopTimer()
		peakRSS, goPeak = mem.stop()
		if err != nil {
			b.Fatalf("disclosure %s: %v\n%s", command, err, tail(errOut.String(), 4000))
		}
		hits := farm.hitCounts()
		maxHits = 0
		for i := range hits {
			maxHits = max(maxHits, hits[i]-before[i])
		}
		lastHit = farm.lastHit().Sub(start)
		if bad := farm.failedHits(); bad != "" {
			b.Fatalf("the sites answered errors: %s", bad)
		}
		bound = time.Duration(maxHits) * interval
		if loaded = countReports(b, db); loaded != 4*hosts {
			b.Fatalf("%d reports in the warehouse, want %d\n%s\n%s", loaded, 4*hosts, tail(out.String(), 2000), tail(errOut.String(), 4000))
		}
	}
	b.ReportMetric(wall.Seconds(), "wall_s")
	b.ReportMetric(bound.Seconds(), "bound_s")
	b.ReportMetric(wall.Seconds()/bound.Seconds(), "x_bound")
	b.ReportMetric(float64(maxHits), "max_host_requests")
	b.ReportMetric(lastHit.Seconds(), "last_request_s")
	b.ReportMetric(float64(loaded), "reports")
	b.ReportMetric(float64(peakRSS)/(1<<20), "peak_MiB")
	b.ReportMetric(float64(goPeak)/(1<<20), "go_peak_MiB")
	b.ReportMetric(float64(farm.served)/(1<<20), "served_MiB")
	b.ReportMetric(cpu.Seconds(), "cpu_s")
	b.ReportMetric(others.Seconds(), "others_cpu_s")
	b.ReportMetric(loadAverage(), "loadavg")
	b.ReportMetric(float64(hosts), "hosts")
}

// loadFarm is the simulated county sites, all served by this process.
type loadFarm struct {
	sites  []*sitesim.Site
	csv    []byte // the registry: code,name,url,enabled,notes
	served int    // bytes of the report and listing pages
}

// benchReport is one corpus report the sites publish: place is the name in
// it that becomes the site's county; source, when set, the 来源 its page
// names instead of the site (a town's report on its county's portal).
type benchReport struct {
	file, title, place, source, path, date string
}

var benchReports = []benchReport{
	{"049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", "", "河包镇", "202101/t20210129_1.html", "2021-01-29"},
	{"039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", "", "202001/t20200120_2.html", "2020-01-20"},
	{"041_pingtan_2020_archive-txt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告", "平潭综合实验区", "", "202103/t20210305_3.html", "2021-03-05"},
	{"seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", "伊宁县", "", "202401/t20240126_4.html", "2024-01-26"},
}

// newLoadFarm starts n sites, site i on 127.2.(i/250).(i%250+1) for the
// i-th distinctly named county of the divisions table: each report's place
// name becomes the county's (the town report keeps its town, under the
// county's site, whose name is in every page's chrome), so every page is
// distinct bytes and every report its own identity (county code, agency,
// year). Unlike the crawler's benchmark, whose hosts serve the same bytes,
// the raw store here writes every document: 5 files per host.
func newLoadFarm(b *testing.B, n int) *loadFarm {
	b.Helper()
	if n > 250*250 {
		b.Fatalf("at most %d hosts", 250*250)
	}
	d, err := places.LoadDivisions()
	if err != nil {
		b.Fatal(err)
	}
	// Counties of distinct names (鼓楼区 and 朝阳区 are several): the name is
	// what makes each site's pages its own bytes.
	var counties []*places.Division
	named := map[string]bool{}
	for _, dv := range d.List {
		if dv.Level == "county" && !dv.StatisticalOnly && !named[dv.Name] {
			named[dv.Name] = true
			counties = append(counties, dv)
		}
	}
	texts := make([]string, len(benchReports))
	for i, r := range benchReports {
		if texts[i], err = samples.Text(r.file); err != nil {
			b.Fatal(err)
		}
	}
	f := &loadFarm{}
	b.Cleanup(f.close)
	var csv strings.Builder
	csv.WriteString("code,name,url,enabled,notes\n")
	const col = "/zwgk/zfxxgk/zfxxgknb/"
	for i := range n {
		c := counties[i%len(counties)]
		name := c.Name
		if i >= len(counties) { // more hosts than counties: still distinct pages
			name = fmt.Sprintf("%s%d", c.Name, i/len(counties))
		}
		site := name + "人民政府"
		s := sitesim.New(site)
		s.Put("/robots.txt", "text/plain", []byte(sitesim.Robots("")))
		var links []sitesim.Link
		for j, r := range benchReports {
			title, text := r.title, texts[j]
			if r.place != "" {
				title = strings.ReplaceAll(title, r.place, name)
				text = strings.ReplaceAll(text, r.place, name)
			}
			page := sitesim.ReportHTML(site, title, r.date, text, sitesim.Paragraphs, "")
			if r.source != "" {
				page = strings.Replace(page, "来源: "+site, "来源: "+r.source, 1)
			}
			s.Put(col+r.path, samples.HTMLUTF8, []byte(page))
			f.served += len(page)
			links = append(links, sitesim.Link{Href: col + r.path, Text: title, Date: r.date})
		}
		listing := sitesim.ListingHTML(site, "政府信息公开年报", links, "")
		s.Put(col+"index.html", samples.HTMLUTF8, []byte(listing))
		f.served += len(listing)
		addr := fmt.Sprintf("127.2.%d.%d:0", i/250, i%250+1)
		if err := s.Start(addr); err != nil {
			b.Fatalf("listen %s: %v (host %d of %d)", addr, err, i, n)
		}
		f.sites = append(f.sites, s)
		fmt.Fprintf(&csv, "%s,%s,%s,true,bench host %d\n", c.Code, name, s.URL(col+"index.html"), i)
	}
	f.csv = []byte(csv.String())
	return f
}

// hitCounts is how many requests each site has received so far.
func (f *loadFarm) hitCounts() []int {
	out := make([]int, len(f.sites))
	for i, s := range f.sites {
		out[i] = len(s.Hits())
	}
	return out
}

// lastHit is when the last request arrived at any site.
func (f *loadFarm) lastHit() time.Time {
	var last time.Time
	for _, s := range f.sites {
		if h := s.Hits(); len(h) > 0 && h[len(h)-1].At.After(last) {
			last = h[len(h)-1].At
		}
	}
	return last
}

// failedHits describes the first request a site did not answer with 200.
func (f *loadFarm) failedHits() string {
	for _, s := range f.sites {
		for _, h := range s.Hits() {
			if h.Status != 200 {
				return fmt.Sprintf("%s: %s → %d", s.Name, h.Path, h.Status)
			}
		}
	}
	return ""
}

func (f *loadFarm) close() {
	for _, s := range f.sites {
		s.Close()
	}
}

// countReports counts the warehouse's report rows.
func countReports(b *testing.B, path string) int {
	db, err := Store{DB: path, Wait: time.Minute}.Open(true)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM reports").Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// memSampler follows the process's memory during one run. The peak
// resident set is the kernel's VmHWM, reset through /proc/self/clear_refs
// at the start (Linux); where that is not possible, the largest resident
// set seen by the 20 ms samples. The Go runtime's own total is sampled too.
type memSampler struct {
	reset      bool
	rss, goMem atomic.Uint64
	done       chan struct{}
	wg         sync.WaitGroup
}

func startMemSampler() *memSampler {
	m := &memSampler{done: make(chan struct{})}
	m.reset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > m.goMem.Load() {
				m.goMem.Store(v)
			}
			if v := residentBytes(); v > m.rss.Load() {
				m.rss.Store(v)
			}
			select {
			case <-m.done:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

// stop ends the sampling and returns the peak resident and Go runtime bytes.
func (m *memSampler) stop() (rss, goMem uint64) {
	close(m.done)
	m.wg.Wait()
	rss = m.rss.Load()
	if hwm := procStatusBytes("VmHWM:"); m.reset && hwm > 0 {
		rss = max(rss, hwm)
	}
	return rss, m.goMem.Load()
}

// residentBytes is the process's resident set now (Linux), 0 elsewhere.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

// procStatusBytes reads a "kB" line of /proc/self/status.
func procStatusBytes(key string) uint64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), key); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// raiseNoFile lifts the soft limit on open files to the hard limit when
// the run needs more than the soft one allows (Go already does so at
// start-up on Linux; other systems may not).
func raiseNoFile(b *testing.B, need uint64) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		b.Logf("getrlimit: %v", err)
		return
	}
	if lim.Cur < need && lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			b.Logf("setrlimit: %v", err)
		}
	}
	if lim.Cur < need {
		b.Fatalf("open-file limit %d, the run needs about %d: raise it (ulimit -n) or set DISCLOSURE_BENCH_HOSTS lower", lim.Cur, need)
	}
}

// processCPU is the CPU time this process has used (user + system).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineCPU is the CPU time all processes have used since boot (Linux
// /proc/stat, in clock ticks taken as 1/100 s), 0 elsewhere.
func machineCPU() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		n, _ := strconv.ParseInt(f[i], 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}

// loadAverage is the machine's 1-minute load average (Linux), -1 elsewhere.
func loadAverage() float64 {
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

func benchEnvInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}

// tail is the end of s, for failure messages.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
