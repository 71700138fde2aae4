package warehouse_test

import (
	"context"
	"net/http"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// url_state round-trips every field, upserts (twice in one call, and
// again later), and lists by site.
func TestURLStateRoundTrip(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 123456000, time.UTC)
	a := warehouse.URLState{URL: "http://a.gov.cn/nb/1.html", Site: "http://a.gov.cn/nb/", SiteCode: "420625", Kind: "report",
		ETag: `"e1"`, LastModified: "Mon, 02 Jan 2025 03:04:05 GMT", SHA256: "aa", ContentType: "text/html",
		FirstSeen: t0, LastChanged: t0, LastFetched: t0, LastStatus: 200}
	b := warehouse.URLState{URL: "http://b.gov.cn/", Site: "http://b.gov.cn/", Kind: "listing", FirstSeen: t0, LastStatus: 0, LastError: "timeout"}
	old := a
	old.SHA256 = "old"
	if err := db.PutURLStates(ctx, []warehouse.URLState{old, b, a}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.URLState(ctx, a.URL)
	if err != nil || !ok || !reflect.DeepEqual(got, a) {
		t.Fatalf("URLState: %v %v\n got %+v\nwant %+v", ok, err, got, a)
	}
	a.Gone, a.GoneSince, a.GoneReason = true, t0.Add(time.Hour), "unlisted"
	if err := db.PutURLStates(ctx, []warehouse.URLState{a}); err != nil {
		t.Fatal(err)
	}
	site, err := db.SiteURLStates(ctx, "http://a.gov.cn/nb/")
	if err != nil || len(site) != 1 || !reflect.DeepEqual(site[0], a) {
		t.Fatalf("SiteURLStates: %v %+v", err, site)
	}
	all, err := db.URLStates(ctx)
	if err != nil || len(all) != 2 || all[1].LastError != "timeout" || !all[1].LastChanged.IsZero() {
		t.Fatalf("URLStates: %v %+v", err, all)
	}
	if _, ok, _ := db.URLState(ctx, "http://nowhere/"); ok {
		t.Error("unknown URL found")
	}
}

// The fetch log keeps every request; CrawledDocuments lists the bodies
// reparse needs (old versions too), and report_sources marks a report
// whose URL is gone while reports keeps it.
func TestFetchLogAndReportSources(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs := fixture.Docs()[:2]
	if _, err := db.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	u0, u1 := docs[0].SourceURL, docs[1].SourceURL
	log := []warehouse.FetchLogEntry{
		{Time: t0, Site: "https://example.gov.cn/", Kind: "robots", URL: "https://example.gov.cn/robots.txt", Status: 404, Error: "HTTP 404"},
		{Time: t0.Add(time.Second), Site: "https://example.gov.cn/", Kind: "report", URL: u0, FinalURL: u0, Status: 503, Attempt: 1, Retrying: true},
		{Time: t0.Add(2 * time.Second), Site: "https://example.gov.cn/", SiteCode: "420625", Kind: "report", URL: u0, FinalURL: u0,
			Status: 200, ContentType: "text/html; charset=utf-8", Headers: http.Header{"Etag": {`"x"`}}, ETag: `"x"`,
			Bytes: 10, SHA256: "old0", Changed: true, Attempt: 2, Duration: 1500 * time.Microsecond},
		{Time: t0.Add(3 * time.Second), Kind: "report", URL: u0, FinalURL: u0, Status: 200, SHA256: docs[0].SHA256, Changed: true, Attempt: 1},
		{Time: t0.Add(4 * time.Second), Kind: "report", URL: u0, FinalURL: u0, Status: 304, SHA256: docs[0].SHA256, NotModified: true, Attempt: 1},
	}
	if err := db.AppendFetchLog(ctx, log); err != nil {
		t.Fatal(err)
	}
	var n, n304 int
	var ms float64
	var headers string
	db.SQL().QueryRow(`SELECT count(*), count(*) FILTER (WHERE not_modified AND status = 304) FROM fetch_log`).Scan(&n, &n304)
	db.SQL().QueryRow(`SELECT duration_ms, headers FROM fetch_log WHERE sha256 = 'old0'`).Scan(&ms, &headers)
	if n != len(log) || n304 != 1 || ms != 1.5 || headers != `{"Etag":["\"x\""]}` {
		t.Errorf("fetch_log: %d rows, %d 304s, %v ms, headers %s", n, n304, ms, headers)
	}

	err := db.PutURLStates(ctx, []warehouse.URLState{
		{URL: u0, Site: "https://example.gov.cn/", Kind: "report", SHA256: docs[0].SHA256, LastStatus: 304, FirstSeen: t0},
		{URL: u1, Site: "https://example.gov.cn/", Kind: "report", SHA256: docs[1].SHA256, LastStatus: 404, FirstSeen: t0,
			Gone: true, GoneSince: t0.Add(time.Hour), GoneReason: "404"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cd, err := db.CrawledDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sums []string
	for _, d := range cd {
		sums = append(sums, d.SHA256)
	}
	if want := []string{"old0", docs[0].SHA256, docs[1].SHA256}; !reflect.DeepEqual(sums, want) {
		t.Errorf("CrawledDocuments: %v, want %v (oldest first, old versions included)", sums, want)
	}
	if cd[0].ContentType != "text/html; charset=utf-8" || cd[0].SiteCode != "420625" || cd[0].URL != u0 {
		t.Errorf("CrawledDocuments[0]: %+v", cd[0])
	}

	rows, err := db.SQL().Query(`SELECT source_url, crawled, gone, gone_reason FROM report_sources ORDER BY source_url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type src struct {
		url           string
		crawled, gone bool
		reason        *string
	}
	var got []src
	for rows.Next() {
		var s src
		rows.Scan(&s.url, &s.crawled, &s.gone, &s.reason)
		got = append(got, s)
	}
	if len(got) != 2 || got[0].gone || !got[1].gone || !got[1].crawled || got[1].reason == nil || *got[1].reason != "404" {
		t.Errorf("report_sources: %+v", got)
	}
	if count(t, db, `SELECT count(*) FROM reports WHERE source_url = ?`, u1) != 1 {
		t.Error("the gone report left reports")
	}
}

// A warehouse written before the crawl tables existed gets them.
func TestCrawlTablesMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`DROP VIEW report_sources; DROP TABLE url_state; DROP TABLE fetch_log;
		DELETE FROM schema_version WHERE version >= (SELECT version FROM schema_version WHERE note LIKE 'url_state and fetch_log%')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PutURLStates(context.Background(), []warehouse.URLState{{URL: "http://a/", Site: "http://a/", Kind: "listing"}}); err != nil {
		t.Fatal(err)
	}
	if count(t, db, `SELECT count(*) FROM report_sources`) != 0 {
		t.Error("report_sources")
	}
}
