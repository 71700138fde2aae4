package queries_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// compare calls a division without a report blocked when its site's
// latest run failed or was kept from its list: a failure an earlier run
// saw, and a later run got past, is no reason any more; a JS challenge
// with no error is one.
func TestCompareBlockedIsTheSitesLatestRun(t *testing.T) {
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "compare.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, sites := range [][]warehouse.RunSite{
		{
			{URL: "http://gucheng/", Code: "420625", Name: "谷城县", Error: "timeout: site skipped"},
			{URL: "http://haizhu/", Code: "440105", Name: "海珠区", Discovered: 2},
		},
		{
			{URL: "http://gucheng/", Code: "420625", Name: "谷城县", Discovered: 2},
			{URL: "http://haizhu/", Code: "440105", Name: "海珠区", Platform: "gkmlpt",
				BlockedKind: "js-challenge", BlockedStatus: 412, BlockedMarker: "$_ts (瑞数)", BlockedURL: "http://haizhu/gkmlpt/index"},
		},
	} {
		recordRun(t, db, sites...)
	}
	got := run(t, db, "compare", map[string]string{"codes": "420625,440105", "year": "2022", "as_of": "2024-01-01", "sort": "code", "dir": "asc"}, "code", "status")
	want := []string{"420625|not_found", "440105|blocked"}
	if !slices.Equal(got, want) {
		t.Fatalf("compare statuses %v, want %v", got, want)
	}
}

// compare calls a division without a report unreadable for the documents
// of its site that no reader got through, each counted once: one that a
// later parser (`disclosure reparse`) read into a report counts no more.
func TestCompareUnreadableLeavesOutDocumentsReadSince(t *testing.T) {
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "compare.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	site := warehouse.RunSite{URL: "http://gucheng/", Code: "420625", Name: "谷城县", Discovered: 2}
	old := fixture.Report("谷城县教育局2021年政府信息公开工作年度报告", "谷城县", "谷城县教育局", 2021, fixture.Cells{"requests/new/total": 3})
	readSince := fixture.Doc(old, "http://gucheng/2021.doc")
	failed := func(sha, url string) warehouse.RunDocument {
		return warehouse.RunDocument{SiteURL: site.URL, URL: url, Kind: "attachment", SHA256: sha, Outcome: "parse_error", Detail: "broken"}
	}
	stillBroken := failed(strings.Repeat("b", 64), "http://gucheng/2022.doc")
	for range 2 { // the same documents seen by two runs
		recordRunWith(t, db, []warehouse.RunSite{site}, failed(readSince.SHA256, "http://gucheng/2021.doc"), stillBroken)
	}
	status := func() []string {
		return run(t, db, "compare", map[string]string{"codes": "420625", "year": "2022", "as_of": "2024-01-01"}, "status", "why")
	}
	if got, want := status(), []string{"unreadable|其网站有 2 份文件无法读取"}; !slices.Equal(got, want) {
		t.Fatalf("before the reparse: %v, want %v", got, want)
	}
	if _, err := db.Load(context.Background(), []warehouse.Document{readSince}); err != nil {
		t.Fatal(err)
	}
	if got, want := status(), []string{"unreadable|其网站有 1 份文件无法读取"}; !slices.Equal(got, want) {
		t.Errorf("after the 2021 document was read: %v, want %v", got, want)
	}
}
