package queries_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disclosure/warehouse"
)

// A blocked site is a blocked alert with its evidence, never a silent
// site; a 网站标识码 of another division is an alert, one of the county's
// prefecture or province (a shared platform) is not.
func TestAlertsBlockedAndSiteCode(t *testing.T) {
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "blocked.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	now := time.Now()
	for i := 0; i < 3; i++ {
		id, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: now})
		if err != nil {
			t.Fatal(err)
		}
		sites := []warehouse.RunSite{
			{URL: "http://blocked/", Code: "440105", Name: "海珠区", Platform: "gkmlpt",
				BlockedKind: "js-challenge", BlockedStatus: 412, BlockedMarker: "$_ts (瑞数)", BlockedURL: "http://blocked/gkmlpt/index"},
			{URL: "http://other/", Code: "420625", Name: "谷城县", Discovered: 2, SiteID: "4206260001"},
			{URL: "http://shared/", Code: "350524", Name: "安溪县", Discovered: 2, SiteID: "3505000001"},
			{URL: "http://dept/", Code: "360100", Name: "南昌市", Discovered: 2, SiteID: "bm36000001"},
		}
		if _, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: warehouse.RunCompleted, Finished: now, Sites: sites}); err != nil {
			t.Fatal(err)
		}
	}
	got := run(t, db, "alerts", map[string]string{"as_of": "2024-01-01"}, "alert", "jurisdiction_code", "url", "detail")
	var kinds []string
	got = slices.DeleteFunc(got, func(r string) bool { return strings.HasPrefix(r, "missing_report|") })
	for _, r := range got {
		kinds = append(kinds, strings.SplitN(r, "|", 2)[0]+"|"+strings.Split(r, "|")[1])
	}
	want := []string{"blocked|440105", "site_code_mismatch|420625"}
	if !slices.Equal(kinds, want) {
		t.Fatalf("alerts %v, want %v:\n%s", kinds, want, strings.Join(got, "\n"))
	}
	for _, ev := range []string{"412", "$_ts (瑞数)", "http://blocked/gkmlpt/index"} {
		if !strings.Contains(got[0], ev) {
			t.Errorf("blocked alert without evidence %q: %s", ev, got[0])
		}
	}
	if !strings.Contains(got[1], "420626") {
		t.Errorf("mismatch alert does not name the code's division: %s", got[1])
	}
}
