package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"disclosure/internal/testsite"
	"disclosure/pipeline"
)

// queryCol returns the first column of every row, as text.
func queryCol(t *testing.T, db, q string) []string {
	t.Helper()
	var out []string
	for _, r := range testsite.Query(t, db, q) {
		first, _, _ := strings.Cut(r, "\t")
		out = append(out, first)
	}
	return out
}

// runArgs are the flags of a run over the given site URLs, in dir.
func runArgs(t *testing.T, dir string, urls ...string) []string {
	t.Helper()
	return []string{"--sites", testsite.SitesCSV(t, dir, urls...), "--db", filepath.Join(dir, "w.duckdb"), "--data", filepath.Join(dir, "data"),
		"--delay", "20ms", "--user-agent", "disclosure-crawler/test (+http://127.0.0.1/)"}
}

// TestRunReportsEverySite: a site whose column is gone (404) is a line of
// the report with its error; the others are crawled and loaded; the run
// completes (exit 0), and a second run finds everything unchanged.
func TestRunReportsEverySite(t *testing.T) {
	site := testsite.New(t, 2)
	dir := t.TempDir()
	args := append([]string{"run"}, runArgs(t, dir, site.Srv.URL+"/nb/", site.Srv.URL+"/moved/")...)
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

// TestCrawlMeetsTheLock: a crawl by hand while a run holds the warehouse
// says who holds it and writes nothing.
func TestCrawlMeetsTheLock(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	l, err := pipeline.AcquireLock(db, "run")
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
