package queries_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/queries"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// A publisher whose 2023 report carries over 3 applications where its 2022
// report carried 5 forward, and whose 规章 in force do not move by 制发 − 废止,
// fails the cross-year checks: in the view, in requests_summary, in
// failed_checks and in alerts. The pair that agrees passes.
func TestCrossYearChecks(t *testing.T) {
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := []warehouse.Document{
		fixture.Doc(fixture.Report("伊宁县人民政府2022年政府信息公开工作年度报告", "伊宁县", "伊宁县人民政府", 2022, fixture.Cells{
			"requests/carried_forward/total": 5, "proactive/regulations/in_force": 10}), "a2022"),
		fixture.Doc(fixture.Report("伊宁县人民政府2023年政府信息公开工作年度报告", "伊宁县", "伊宁县人民政府", 2023, fixture.Cells{
			"requests/carried_over/total": 3, "proactive/regulations/issued": 2, "proactive/regulations/repealed": 1, "proactive/regulations/in_force": 12}), "a2023"),
		fixture.Doc(fixture.Report("故城县人民政府2022年政府信息公开工作年度报告", "故城县", "故城县人民政府", 2022, fixture.Cells{
			"requests/carried_forward/total": 4}), "b2022"),
		fixture.Doc(fixture.Report("故城县人民政府2023年政府信息公开工作年度报告", "故城县", "故城县人民政府", 2023, fixture.Cells{
			"requests/carried_over/total": 4}), "b2023"),
	}
	if _, err := db.Load(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(run(t, db, "failed_checks", map[string]string{"check": ""}, "code", "year", "check", "detail"), "\n")
	for _, want := range []string{
		"654021|2023|carried_over_matches|2022年结转下年度 5 ≠ 2023年上年结转 3",
		"654021|2023|in_force_moves|规章: 2022年现行有效 10 + 制发 2 − 废止 1 ≠ 2023年现行有效 12",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("failed_checks lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "131126") {
		t.Errorf("the agreeing pair failed:\n%s", got)
	}
	var n, ok int
	db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE NOT ok), count(*) FILTER (WHERE ok) FROM cross_year_checks`).Scan(&n, &ok)
	if n != 2 || ok != 1 {
		t.Errorf("cross_year_checks: %d failed, %d passed; want 2 and 1", n, ok)
	}
	var failed int
	db.SQL().QueryRow(`SELECT cross_year_checks_failed FROM requests_summary WHERE jurisdiction_code = '654021' AND year = 2023`).Scan(&failed)
	if failed != 2 {
		t.Errorf("requests_summary.cross_year_checks_failed = %d, want 2", failed)
	}
	alerts := strings.Join(run(t, db, "alerts", map[string]string{"kind": "cross_year", "as_of": "2024-06-01"}, "alert", "jurisdiction_code", "year"), "\n")
	if strings.Count(alerts, "cross_year|654021|2023") != 2 || strings.Contains(alerts, "131126") {
		t.Errorf("alerts:\n%s", alerts)
	}
	if _, ok, _ := queries.Get("alerts"); !ok {
		t.Fatal("no alerts query")
	}
}
