package queries_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/queries"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

func loaded(t *testing.T) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "q.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Load(context.Background(), fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	return db
}

// recordRun records one completed run of these sites.
func recordRun(t *testing.T, db *warehouse.DB, sites ...warehouse.RunSite) {
	t.Helper()
	recordRunWith(t, db, sites)
}

// recordRunWith records a completed run of sites that met docs.
func recordRunWith(t *testing.T, db *warehouse.DB, sites []warehouse.RunSite, docs ...warehouse.RunDocument) {
	t.Helper()
	ctx := context.Background()
	id, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: warehouse.RunCompleted, Finished: time.Now(), Sites: sites, Documents: docs}); err != nil {
		t.Fatal(err)
	}
}

// run executes a named query and returns its rows as text, "NULL" for NULL,
// numbers without trailing zeros, cells joined by "|".
func run(t *testing.T, db *warehouse.DB, name string, params map[string]string, cols ...string) []string {
	t.Helper()
	q, ok, err := queries.Get(name)
	if err != nil || !ok {
		t.Fatalf("query %s: %v %v", name, ok, err)
	}
	args, err := q.Args(params)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(q.SQL, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer rows.Close()
	names, _ := rows.Columns()
	idx := map[string]int{}
	for i, n := range names {
		idx[n] = i
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, c := range cols {
			i, ok := idx[c]
			if !ok {
				t.Fatalf("%s has no column %s (has %v)", name, c, names)
			}
			cells = append(cells, text(vals[i]))
		}
		out = append(out, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case float64:
		return fmt.Sprintf("%g", x)
	}
	return fmt.Sprint(v)
}

func expect(t *testing.T, name string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got:\n  %s\nwant:\n  %s", name, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestEveryQueryHasHeaderAndRuns(t *testing.T) {
	db := loaded(t)
	qs, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 6 {
		t.Fatalf("only %d named queries", len(qs))
	}
	for _, q := range qs {
		if q.Summary == "" || len(q.Params) == 0 {
			t.Errorf("%s: summary %q, %d params", q.Name, q.Summary, len(q.Params))
		}
		args, _ := q.Args(nil)
		rows, err := db.SQL().Query(q.SQL, args...)
		if err != nil {
			t.Errorf("%s with defaults: %v", q.Name, err)
			continue
		}
		rows.Close()
	}
}

// The expected rows below are worked out by hand from fixture.Reports.

func TestRank(t *testing.T) {
	db := loaded(t)
	expect(t, "rank received in 襄阳 2023", run(t, db, "rank", map[string]string{"prefecture": "襄阳", "year": "2023"}, "rank", "code", "division", "value"),
		[]string{"1|420606|樊城区|50", "2|420625|谷城县|20", "3|420626|保康县|8"})
	expect(t, "rank grant_rate in 湖北", run(t, db, "rank", map[string]string{"measure": "grant_rate", "province": "湖北省"}, "rank", "division", "value"),
		[]string{"1|保康县|0.75", "2|谷城县|0.5", "3|樊城区|0.4"})
	expect(t, "rank received, all provinces, asc", run(t, db, "rank", map[string]string{"order": "asc"}, "rank", "division", "value"),
		[]string{"1|伊宁县|7", "2|保康县|8", "3|谷城县|20", "4|樊城区|50"})
	expect(t, "rank departments", run(t, db, "rank", map[string]string{"kind": "department"}, "rank", "agency", "value"),
		[]string{"1|谷城县教育局|3"})
}

func TestRankUnknownMeasure(t *testing.T) {
	db := loaded(t)
	q, _, _ := queries.Get("rank")
	args, _ := q.Args(map[string]string{"measure": "nonsense"})
	var n int
	err := db.SQL().QueryRow(q.SQL, args...).Scan(&n)
	if err == nil || !strings.Contains(err.Error(), "unknown measure nonsense") {
		t.Errorf("unknown measure: %v", err)
	}
	if _, err := q.Args(map[string]string{"yaer": "2023"}); err == nil || !strings.Contains(err.Error(), "year") {
		t.Errorf("misspelt parameter: %v", err)
	}
}

func TestYearOverYear(t *testing.T) {
	db := loaded(t)
	expect(t, "yoy", run(t, db, "yoy", map[string]string{"prefecture": "420600"}, "code", "year", "value", "previous", "change", "pct_change"),
		[]string{
			"420606|2023|50|NULL|NULL|NULL",
			"420625|2022|10|NULL|NULL|NULL",
			"420625|2023|20|10|10|1",
			"420626|2022|4|NULL|NULL|NULL",
			"420626|2023|8|4|4|1",
		})
}

func TestOutcomeMix(t *testing.T) {
	db := loaded(t)
	expect(t, "outcome_mix", run(t, db, "outcome_mix", map[string]string{"prefecture": "襄阳市"},
		"code", "handled", "granted_share", "partly_share", "denied_share", "unable_share", "not_processed_share", "other_share"),
		[]string{
			"420606|50|0.4|0.2|0.1|0.2|0.06|0.04",
			"420625|20|0.5|0.2|0.1|0.1|0.05|0.05",
			"420626|8|0.75|0.125|NULL|0.125|NULL|NULL",
		})
}

func TestReviewRates(t *testing.T) {
	db := loaded(t)
	expect(t, "review_rates", run(t, db, "review_rates", map[string]string{"prefecture": "襄阳市", "year": "2023"},
		"code", "received", "reconsiderations", "lawsuits", "reconsiderations_per_100", "lawsuits_per_100",
		"reconsideration_corrected_share", "lawsuit_corrected_share"),
		[]string{
			"420606|50|4|3|8|6|0|0.3333",
			"420625|20|1|2|5|10|1|NULL",
			"420626|8|0|NULL|0|NULL|NULL|NULL",
		})
}

func TestFailedChecks(t *testing.T) {
	db := loaded(t)
	expect(t, "failed_checks", run(t, db, "failed_checks", nil, "code", "check", "key", "detail"),
		[]string{"654021|requests_balance|total|7+0 != 6+0", "654021|requests_outcomes|total|6 != 7"})
}

func TestCoverage(t *testing.T) {
	db := loaded(t)
	got := run(t, db, "coverage", map[string]string{"prefecture": "襄阳"}, "code", "name", "years_covered", "years_missing")
	want := map[string]string{
		"420606": "420606|樊城区|2023|2022",
		"420625": "420625|谷城县|2022 2023|",
		"420626": "420626|保康县|2022 2023|",
		"420602": "420602|襄城区||2022 2023",
	}
	found := 0
	for _, row := range got {
		if w, ok := want[row[:6]]; ok {
			found++
			if row != w {
				t.Errorf("coverage row %q, want %q", row, w)
			}
		}
	}
	if found != len(want) || len(got) < 9 {
		t.Errorf("coverage of 襄阳: %d rows, %d checked:\n%s", len(got), found, strings.Join(got, "\n"))
	}
	byProv := run(t, db, "coverage_by_province", map[string]string{"year": "2023"}, "province", "with_report")
	var hubei string
	for _, r := range byProv {
		if strings.HasPrefix(r, "湖北省|") {
			hubei = r
		}
	}
	if hubei != "湖北省|3" {
		t.Errorf("coverage_by_province 湖北 2023: %q", hubei)
	}
}

func TestVersions(t *testing.T) {
	db := loaded(t)
	expect(t, "versions", run(t, db, "versions", map[string]string{"code": "420625"}, "agency", "year", "version", "is_current"),
		[]string{"谷城县人民政府|2022|1|true", "谷城县人民政府|2023|1|true", "谷城县教育局|2023|1|true"})
}

func TestTotals(t *testing.T) {
	db := loaded(t)
	// 湖北 2023: 谷城县 20 + 保康县 8 + 樊城区 50 received; granted 10 + 6 + 20 of 20 + 8 + 50 handled.
	expect(t, "totals", run(t, db, "totals", map[string]string{"year": "2023"}, "area", "reports", "received", "granted", "grant_rate", "lawsuits"),
		[]string{"新疆维吾尔自治区|1|7|7|1.1667|NULL", "湖北省|3|78|36|0.4615|5"})
}
