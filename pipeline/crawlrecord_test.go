package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/crawler"
	"disclosure/internal/testsite"
	"disclosure/warehouse"
)

var queryDB = testsite.Query

// crawlCommand is `disclosure crawl` over one county site at url, in dir.
func crawlCommand(t *testing.T, dir, url string) (CrawlOptions, Store) {
	t.Helper()
	o, store := testRun(t, dir, io.Discard)
	o.Sites = filepath.Join(dir, "sites.csv")
	os.WriteFile(o.Sites, []byte("code,name,url\n654021,伊宁县,"+url+"\n"), 0o644)
	o.Delay = 10 * time.Millisecond
	return o, store
}

// crawlOnce crawls and returns what it logged.
func crawlOnce(t *testing.T, o CrawlOptions, store Store) string {
	t.Helper()
	var out, log syncBuffer
	store.Log = &log
	if _, err := Crawl(context.Background(), o, store, &out, &log); err != nil {
		t.Fatalf("crawl: %v\n%s\n%s", err, log.String(), out.String())
	}
	return log.String()
}

// reparseOnce reparses and returns the summary.
func reparseOnce(t *testing.T, store Store) string {
	t.Helper()
	sum, err := Reparse(context.Background(), store, false, nil, io.Discard, io.Discard)
	if err != nil {
		t.Fatalf("reparse: %v", err)
	}
	return sum.String()
}

// Crawl state and fetch log live in the warehouse: a first crawl logs every
// request with its status and sha256; a second logs 304s and downloads no
// body; a report taken off the column is marked gone in url_state and stays
// in reports (report_sources shows it gone); reparse works from the raw
// store and the warehouse alone, offline.
func TestCrawlStateInWarehouse(t *testing.T) {
	site, paths, list := testsite.County(t, 3)
	o, store := crawlCommand(t, t.TempDir(), site.URL("/nb/"))
	db, data := store.DB, store.Data

	crawlOnce(t, o, store)
	if _, err := os.Stat(filepath.Join(data, "crawl-state.json")); err == nil {
		t.Error("a crawl with the warehouse wrote crawl-state.json")
	}
	got := queryDB(t, db, `SELECT kind, status, sha256 IS NOT NULL, changed, not_modified, raw_path IS NOT NULL, bytes > 0
		FROM fetch_log ORDER BY kind, url`)
	want := []string{"listing\t200\ttrue\ttrue\tfalse\ttrue\ttrue"}
	for range paths {
		want = append(want, "report\t200\ttrue\ttrue\tfalse\ttrue\ttrue")
	}
	want = append(want, "robots\t200\ttrue\ttrue\tfalse\ttrue\ttrue")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("fetch_log after the first crawl:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The fetch log's bodies are the reports' documents.
	if got := queryDB(t, db, `SELECT count(*) FROM reports r JOIN fetch_log f ON f.sha256 = r.sha256 AND f.final_url = r.source_url`); got[0] != fmt.Sprint(len(paths)) {
		t.Errorf("reports matching the fetch log: %s, want %d", got[0], len(paths))
	}
	if got := queryDB(t, db, `SELECT count(*), count(etag), count(*) FILTER (WHERE gone) FROM url_state`); got[0] != fmt.Sprintf("%d\t%d\t0", len(paths)+2, len(paths)+2) {
		t.Errorf("url_state (rows, with etag, gone): %s", got[0])
	}

	// Second crawl: conditional requests only, every answer a 304.
	before := len(site.Hits())
	crawlOnce(t, o, store)
	if n := len(site.Hits()) - before; n != len(paths)+2 {
		t.Errorf("second crawl: %d requests, want %d", n, len(paths)+2)
	}
	for _, h := range site.Hits()[before:] {
		if !h.Cond || h.Status != 304 {
			t.Errorf("second crawl: %s answered %d (conditional %v): a body was downloaded", h.Path, h.Status, h.Cond)
		}
	}
	got = queryDB(t, db, `SELECT kind, status, not_modified, changed, bytes, sha256 IS NOT NULL FROM fetch_log
		WHERE fetched_at > (SELECT max(fetched_at) FROM fetch_log WHERE status = 200) ORDER BY kind, url`)
	if len(got) != len(paths)+2 {
		t.Fatalf("second crawl logged %d requests, want %d:\n%s", len(got), len(paths)+2, strings.Join(got, "\n"))
	}
	for _, g := range got {
		if !strings.HasSuffix(g, "\t304\ttrue\tfalse\t0\ttrue") {
			t.Errorf("second crawl fetch_log row: %s", g)
		}
	}

	// The first report leaves the column: gone (unlisted), kept in reports.
	list(paths[1:]...)
	crawlOnce(t, o, store)
	gone := site.URL(paths[0])
	if got := queryDB(t, db, `SELECT gone, gone_reason, gone_since IS NOT NULL FROM url_state WHERE url = ?`, gone); len(got) != 1 || got[0] != "true\tunlisted\ttrue" {
		t.Errorf("url_state of the unlisted report: %v", got)
	}
	if got := queryDB(t, db, `SELECT count(*) FROM reports WHERE source_url = ?`, gone); got[0] != "1" {
		t.Errorf("the gone report left reports: %v", got)
	}
	got = queryDB(t, db, `SELECT source_url, crawled, gone FROM report_sources ORDER BY source_url`)
	want = nil
	for i, p := range paths {
		want = append(want, fmt.Sprintf("%s\ttrue\t%v", site.URL(p), i == 0))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report_sources:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Offline, and with no JSON state anywhere: reparse from the raw store.
	site.Close()
	os.Remove(filepath.Join(data, "crawl-state.json"))
	out := reparseOnce(t, store)
	n := len(paths)
	if want := fmt.Sprintf("reparsed %d documents: %d with statistics; in the warehouse %d replaced, 0 new", n, n, n); !strings.Contains(out, want) {
		t.Errorf("reparse: want %q in\n%s", want, out)
	}
}

// A JSON state file left by an older (or --no-load) crawl moves into the
// warehouse on first use: the next crawl asks conditionally, and reparse
// then loads what the --no-load crawl only printed.
func TestCrawlStateJSONImported(t *testing.T) {
	site, paths, _ := testsite.County(t, 2)
	o, store := crawlCommand(t, t.TempDir(), site.URL("/nb/"))
	db, data := store.DB, store.Data
	noLoad := o
	noLoad.NoLoad = true
	crawlOnce(t, noLoad, store)
	jsonPath := filepath.Join(data, "crawl-state.json")
	if _, err := os.Stat(jsonPath); err != nil {
		t.Fatalf("--no-load crawl: %v", err)
	}
	before := len(site.Hits())
	errOut := crawlOnce(t, o, store)
	if !strings.Contains(errOut, "moved from "+jsonPath) {
		t.Errorf("no word of the import: %s", errOut)
	}
	if _, err := os.Stat(jsonPath + ".imported"); err != nil {
		t.Errorf("state file not renamed: %v", err)
	}
	if n := len(site.Hits()) - before; n != len(paths)+2 {
		t.Errorf("after the import: %d requests, want %d", n, len(paths)+2)
	}
	for _, h := range site.Hits()[before:] {
		if h.Status != 304 {
			t.Errorf("after the import: %s answered %d", h.Path, h.Status)
		}
	}
	if got := queryDB(t, db, `SELECT count(*) FROM url_state`); got[0] != fmt.Sprint(len(paths)+2) {
		t.Errorf("url_state: %s rows", got[0])
	}
	out := reparseOnce(t, store)
	if want := fmt.Sprintf("reparsed %d documents: %d with statistics; in the warehouse 0 replaced, %d new", len(paths), len(paths), len(paths)); !strings.Contains(out, want) {
		t.Errorf("reparse: want %q in\n%s", want, out)
	}
}

// A report's new state waits for its body to reach the sink's batch, so
// that no crash can leave a URL known whose report was never loaded.
func TestCrawlRecordHoldsUnloadedReports(t *testing.T) {
	ctx := context.Background()
	r := newCrawlRecord([]warehouse.URLState{{URL: "http://a/1.html", Site: "http://a/", Kind: "report", SHA256: "old"}})
	r.Put(ctx, crawler.URLState{URL: "http://a/1.html", Site: "http://a/", Kind: crawler.KindReport, SHA256: "new"})
	r.Put(ctx, crawler.URLState{URL: "http://a/", Site: "http://a/", Kind: crawler.KindListing, SHA256: "list"})
	r.logFetch(&crawler.Fetch{URL: "http://a/", Status: 200})
	states, log := r.take(false)
	if len(states) != 1 || states[0].URL != "http://a/" || len(log) != 1 {
		t.Fatalf("before the sink took the body: states %+v, log %d", states, len(log))
	}
	r.written(states)
	r.hand("new")
	if states, _ = r.take(false); len(states) != 1 || states[0].SHA256 != "new" {
		t.Fatalf("after: %+v", states)
	}
	r.untake(states, nil) // a failed write: the final flush tries again
	r.Put(ctx, crawler.URLState{URL: "http://a/2.html", Site: "http://a/", Kind: crawler.KindReport, SHA256: "x"})
	if states, _ = r.take(true); len(states) != 2 {
		t.Fatalf("final: %+v", states)
	}
}
