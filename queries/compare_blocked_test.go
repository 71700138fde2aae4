package queries_test

import (
	"path/filepath"
	"slices"
	"testing"

	"disclosure/warehouse"
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
