package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"disclosure/internal/sitesim"
	"disclosure/warehouse"
)

// runSite is a county column on loopback holding real bundled reports, each
// on its own page; hook, when set, sees every request first (to slow a
// page, or to kill a child process at a chosen moment).
type runSite struct {
	srv   *httptest.Server
	sim   *sitesim.Site
	pages []string
	mu    sync.Mutex
	hook  func(r *http.Request)
}

// runSamples are the bundled reports with statistics, in the layout they parse in.
var runSamples = []struct {
	file, title string
	layout      sitesim.Layout
}{
	{"seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", sitesim.Paragraphs},
	{"039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告", sitesim.Paragraphs},
	{"041_pingtan_2020_archive-txt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告", sitesim.Paragraphs},
	{"009_gucheng_jyj_2020.txt", "故城县教育局2020年政府信息公开工作年度报告", sitesim.Tables},
	{"013_tinghu_yulong_jd_2024.txt", "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告", sitesim.Tables},
	{"027_zhongcun_xiang_huichang_2020.txt", "中村乡2020年政府信息公开工作年度报告", sitesim.Paragraphs},
}

func newRunSite(t *testing.T, n int) *runSite {
	t.Helper()
	s := &runSite{sim: sitesim.New("某县")}
	var links []sitesim.Link
	for i, smp := range runSamples[:n] {
		p := fmt.Sprintf("/nb/%d.html", i)
		if err := reportPage(s.sim, "某县人民政府", p, smp.file, smp.title, "2024-01-20", smp.layout, ""); err != nil {
			t.Fatal(err)
		}
		links = append(links, sitesim.Link{Href: p, Text: smp.title, Date: "2024-01-20"})
		s.pages = append(s.pages, p)
	}
	s.sim.Put("/nb/", htmlUTF8, []byte(sitesim.ListingHTML("某县人民政府", "政府信息公开年报", links, "")))
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		hook := s.hook
		s.mu.Unlock()
		if hook != nil {
			hook(r)
		}
		s.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *runSite) setHook(h func(r *http.Request)) {
	s.mu.Lock()
	s.hook = h
	s.mu.Unlock()
}

// runArgs are the flags of a run over the given site URLs, in dir.
func runArgs(t *testing.T, dir string, urls ...string) []string {
	t.Helper()
	var b strings.Builder
	b.WriteString("code,name,url\n")
	for i, u := range urls {
		fmt.Fprintf(&b, ",测试站%d,%s\n", i, u)
	}
	sites := filepath.Join(dir, "sites.csv")
	if err := os.WriteFile(sites, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"--sites", sites, "--db", filepath.Join(dir, "w.duckdb"), "--data", filepath.Join(dir, "data"),
		"--delay", "20ms", "--user-agent", "disclosure-crawler/test (+http://127.0.0.1/)"}
}

// query returns the first column of every row, as text.
func queryCol(t *testing.T, db, q string) []string {
	t.Helper()
	w, err := openDB(db, true, time.Minute, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.SQL().Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// TestRunFlagsMatchCrawl: every flag of `crawl` works on `run` (and so on
// `schedule`), so a crawl command line becomes a nightly one unchanged.
func TestRunFlagsMatchCrawl(t *testing.T) {
	names := func(cmd string) []string {
		var errOut bytes.Buffer
		dispatch([]string{cmd, "-h"}, io.Discard, &errOut)
		var out []string
		for _, m := range regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(errOut.String(), -1) {
			out = append(out, m[1])
		}
		return out
	}
	crawl, run, sched := names("crawl"), names("run"), names("schedule")
	if len(crawl) < 8 {
		t.Fatalf("crawl flags not read from its usage: %v", crawl)
	}
	for _, f := range crawl {
		if !slices.Contains(run, f) {
			t.Errorf("run lacks crawl's --%s", f)
		}
		if !slices.Contains(sched, f) {
			t.Errorf("schedule lacks crawl's --%s", f)
		}
	}
	if !slices.Contains(sched, "cron") {
		t.Error("schedule has no --cron")
	}
}

// TestRunReportsEverySite: a site whose column is gone (404) is a line of
// the report with its error; the others are crawled and loaded; the run
// completes (exit 0), and a second run finds everything unchanged.
func TestRunReportsEverySite(t *testing.T) {
	site := newRunSite(t, 2)
	dir := t.TempDir()
	args := append([]string{"run"}, runArgs(t, dir, site.srv.URL+"/nb/", site.srv.URL+"/moved/")...)
	stdout, stderr, code := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Log(stdout)
	db := filepath.Join(dir, "w.duckdb")
	if got := queryCol(t, db, `SELECT status || ' ' || sites || ' ' || sites_failed || ' ' || new || ' ' || loaded FROM runs`); !slices.Equal(got, []string{"completed 2 1 2 2"}) {
		t.Errorf("runs: %v", got)
	}
	if got := queryCol(t, db, `SELECT discovered || ' ' || coalesce(error, '') FROM run_sites ORDER BY site_name`); len(got) != 2 ||
		got[0] != "2 " || !strings.Contains(got[1], "/moved/: HTTP 404") {
		t.Errorf("run_sites: %v", got)
	}
	if !regexp.MustCompile(`total \(2 sites\) +2 +2 +0 +2 +0`).MatchString(stdout) {
		t.Errorf("summary lacks the totals line:\n%s", stdout)
	}
	if !strings.Contains(stdout, "run 1 completed") || !strings.Contains(stdout, "1 of 2 sites failed") {
		t.Errorf("summary:\n%s", stdout)
	}

	stdout, stderr, code = runCmd(t, args...)
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	if got := queryCol(t, db, `SELECT fetched || ' ' || unchanged || ' ' || new || ' ' || loaded FROM runs WHERE run_id = 2`); !slices.Equal(got, []string{"0 2 0 0"}) {
		t.Errorf("second run (fetched unchanged new loaded): %v\n%s", got, stdout)
	}
}

// TestHelperRun is not a test: run as a child process, it runs the
// disclosure command line in $DISCLOSURE_TEST_ARGS (JSON) after saying
// READY, or holds the run lock of $DISCLOSURE_TEST_LOCK.
func TestHelperRun(t *testing.T) {
	if db := os.Getenv("DISCLOSURE_TEST_LOCK"); db != "" {
		if _, err := acquireRunLock(db, "test holder"); err != nil {
			fmt.Println("ERROR", err)
			os.Exit(1)
		}
		fmt.Println("READY")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	spec := os.Getenv("DISCLOSURE_TEST_ARGS")
	if spec == "" {
		t.Skip("helper process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(spec), &args); err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("READY")
	os.Exit(dispatch(args, io.Discard, os.Stderr))
}

// startHelper runs TestHelperRun in a child with the given environment and
// waits for READY. The child's stderr goes to stderr (nil: the test's).
func startHelper(t *testing.T, stderr io.Writer, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRun$")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = stderr
	if stderr == nil {
		cmd.Stderr = os.Stderr
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "READY" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper: %q", line)
	}
	return cmd
}

// TestRunMeetsTheLock: while another process holds the run lock, `run`
// says who (pid, host, since) and exits non-zero without touching the
// warehouse; when the holder dies (kill -9), the lock is free again.
func TestRunMeetsTheLock(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	site := newRunSite(t, 1)
	dir := t.TempDir()
	args := append([]string{"run"}, runArgs(t, dir, site.srv.URL+"/nb/")...)
	db := filepath.Join(dir, "w.duckdb")
	child := startHelper(t, nil, "DISCLOSURE_TEST_LOCK="+db)
	_, stderr, code := runCmd(t, args...)
	host, _ := os.Hostname()
	if code == 0 || !strings.Contains(stderr, fmt.Sprintf("pid %d on %s since", child.Process.Pid, host)) || !strings.Contains(stderr, "test holder") {
		t.Errorf("second process: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the refused run created the database")
	}
	child.Process.Kill()
	child.Wait()
	if _, stderr, code := runCmd(t, args...); code != 0 {
		t.Errorf("after the holder died: exit %d: %s", code, stderr)
	}
}

// TestRunKilledMidway: a run killed (kill -9) while it fetches and loads
// leaves the warehouse consistent (whole reports only, no URL marked known
// whose report is missing, the run still marked running), and the next
// run completes the work and marks the dead one interrupted.
func TestRunKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	n := len(runSamples)
	site := newRunSite(t, n)
	dir := t.TempDir()
	// One report per transaction, and a pace that lets some loads finish
	// before the kill.
	args := append(append([]string{"run", "--batch", "1"}, runArgs(t, dir, site.srv.URL+"/nb/")...), "--delay", "300ms")
	db := filepath.Join(dir, "w.duckdb")

	var killOnce sync.Once
	killed := make(chan struct{})
	var child *exec.Cmd
	var childMu sync.Mutex
	hits := 0
	site.setHook(func(r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/nb/") || r.URL.Path == "/nb/" {
			return
		}
		childMu.Lock()
		hits++
		h, c := hits, child
		childMu.Unlock()
		if h == n-2 && c != nil { // a few reports in, some loads done, one perhaps half-way
			killOnce.Do(func() {
				c.Process.Signal(syscall.SIGKILL)
				close(killed)
			})
		}
	})
	spec, _ := json.Marshal(args)
	c := startHelper(t, nil, "DISCLOSURE_TEST_ARGS="+string(spec))
	childMu.Lock()
	child = c
	childMu.Unlock()
	select {
	case <-killed:
	case <-time.After(2 * time.Minute):
		t.Fatal("the child never reached the report to be killed at")
	}
	c.Wait()
	site.setHook(nil)

	before := queryCol(t, db, `SELECT count(*) FROM reports`)[0]
	t.Logf("killed after %d report requests; %s reports loaded", n-2, before)
	checks := map[string]string{
		"runs still marked running":           `SELECT count(*) FROM runs WHERE status = 'running'`,
		"reports whose values are incomplete": `SELECT count(*) FROM reports r WHERE values_found <> (SELECT count(*) FROM report_values v WHERE v.report_id = r.report_id)`,
		"reports without summary cells":       `SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM summary_cells s WHERE s.report_id = r.report_id)`,
		"URLs marked known without report":    `SELECT count(*) FROM url_state u WHERE u.kind = 'report' AND u.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.sha256 = u.sha256)`,
	}
	want := map[string]string{"runs still marked running": "1"}
	for what, q := range checks {
		if got := queryCol(t, db, q)[0]; got != cmpOr(want[what], "0") {
			t.Errorf("after kill -9, %s: %s", what, got)
		}
	}

	stdout, stderr, code := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("the next run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if got := queryCol(t, db, `SELECT count(*) FROM reports`)[0]; got != fmt.Sprint(n) {
		t.Errorf("after the next run: %s reports, want %d", got, n)
	}
	if got := queryCol(t, db, `SELECT status FROM runs ORDER BY run_id`); !slices.Equal(got, []string{"interrupted", "completed"}) {
		t.Errorf("runs: %v", got)
	}
	if got := queryCol(t, db, `SELECT loaded + 0 FROM runs WHERE run_id = 2`)[0]; got != fmt.Sprint(n-atoi(before)) {
		t.Errorf("the next run loaded %s, want the %d missing", got, n-atoi(before))
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// runConfigFor builds a run's configuration from command-line flags, as
// runRun does.
func runConfigFor(t *testing.T, trigger string, stderr io.Writer, args ...string) *runConfig {
	t.Helper()
	fs := flag.NewFlagSet(trigger, flag.ContinueOnError)
	cfg := &runConfig{trigger: trigger}
	cfg.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if err := cfg.setup(stderr); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A pass interrupted by its context (a signal) finishes its writes and is
// recorded as interrupted, and the lock is free afterwards.
func TestRunInterruptedRecorded(t *testing.T) {
	site := newRunSite(t, 3)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site.setHook(func(r *http.Request) {
		if r.URL.Path == "/nb/1.html" {
			cancel()
		}
	})
	cfg := runConfigFor(t, "run", io.Discard, runArgs(t, dir, site.srv.URL+"/nb/")...)
	res, err := runPass(ctx, cfg, io.Discard)
	if err == nil || res == nil || res.Status != warehouse.RunInterrupted {
		t.Fatalf("pass: %+v %v", res, err)
	}
	db := filepath.Join(dir, "w.duckdb")
	if got := queryCol(t, db, `SELECT status FROM runs`); !slices.Equal(got, []string{"interrupted"}) {
		t.Errorf("runs: %v", got)
	}
	l, err := acquireRunLock(db, "test")
	if err != nil {
		t.Errorf("lock after the interrupted pass: %v", err)
	}
	l.Release()
}

// TestCrawlMeetsTheLock: a crawl by hand while a run holds the warehouse
// says who holds it and writes nothing.
func TestCrawlMeetsTheLock(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	l, err := acquireRunLock(db, "run")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	sites := filepath.Join(dir, "sites.csv")
	if err := os.WriteFile(sites, []byte("code,name,url\n654021,伊宁县,http://127.0.0.1:1/nb/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := dispatch([]string{"crawl", "--sites", sites, "--db", db, "--data", filepath.Join(dir, "data"), "--user-agent", "test (+http://127.0.0.1/)"}, &out, &errOut)
	if code == 0 {
		t.Fatal("crawl ran while the run lock was held")
	}
	if !strings.Contains(errOut.String(), strconv.Itoa(os.Getpid())) {
		t.Errorf("the refusal does not name the holder's pid: %s", errOut.String())
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("crawl created the database despite the lock")
	}
}
