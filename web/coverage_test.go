package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"disclosure/warehouse"
)

// coverageServer serves a copy of the demo warehouse with three more
// completed runs: 亭湖区 (江苏) lists nothing in all three (a silent site),
// and in the last one 伊宁县's site fails (新疆) and 宁强县's is blocked (陕西).
func coverageServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "runs.duckdb")
	for _, ext := range []string{"", ".wal"} {
		b, err := os.ReadFile(filepath.Join(demoDir(t), "demo.duckdb") + ext)
		if err != nil && ext == "" {
			t.Fatal(err)
		}
		if err == nil {
			if err := os.WriteFile(path+ext, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`INSERT INTO runs (run_id, trigger, status, started_at)
		 SELECT run_id, 'test', 'completed', now() FROM (VALUES (101), (102), (103)) v(run_id)`,
		`INSERT INTO run_sites BY NAME
		 SELECT * REPLACE (v.run_id AS run_id, CASE WHEN site_code = '320902' THEN 0 ELSE discovered END AS discovered)
		 FROM run_sites, (VALUES (101), (102), (103)) v(run_id) WHERE run_sites.run_id = (SELECT max(run_id) FROM run_sites WHERE run_id < 101)`,
		`UPDATE run_sites SET error = 'timeout reading the list' WHERE run_id = 103 AND site_code = '654021'`,
		`UPDATE run_sites SET blocked_kind = 'js_challenge', blocked_marker = 'test' WHERE run_id = 103 AND site_code = '610726'`,
	} {
		if _, err := db.SQL().Exec(stmt); err != nil {
			db.Close()
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return serveWith(t, Options{DB: path})
}

// sitesByProvince counts the blocked sites the runs query lists and the
// silent sites the alerts query lists, by province code: what the summary's
// own SQL must agree with.
func sitesByProvince(t *testing.T, s *Server) (blocked, silent map[string]int) {
	t.Helper()
	blocked, silent = map[string]int{}, map[string]int{}
	for _, r := range queryRows(t, s, "runs", nil) {
		if code := sprint(r["site_code"]); code != "" && (r["error"] != nil || r["blocked_kind"] != nil) {
			blocked[code[:2]+"0000"]++
		}
	}
	for _, r := range queryRows(t, s, "alerts", map[string]string{"kind": "silent_site"}) {
		if code := sprint(r["jurisdiction_code"]); code != "" {
			silent[code[:2]+"0000"]++
		}
	}
	return blocked, silent
}

// Without a province the coverage page is one row per province: its
// numbers are coverage_by_province's, which agree with the detail (coverage),
// the runs and the alerts; its download is that query; each province links
// to its divisions.
func TestCoverageSummary(t *testing.T) {
	s, ts := coverageServer(t)
	params := map[string]string{"kind": "government"}
	want := queryRows(t, s, "coverage_by_province", params)
	blocked, silent := sitesByProvince(t, s)
	if blocked["650000"] != 1 || blocked["610000"] != 1 || silent["320000"] != 1 {
		t.Fatalf("the test's runs: blocked %v, silent %v; want 新疆 1, 陕西 1 blocked, 江苏 1 silent", blocked, silent)
	}
	// The summary's counts are the detail's, the runs' and the alerts'.
	covered := map[string]int{} // province code|year → divisions with a report
	for _, r := range queryRows(t, s, "coverage", map[string]string{"kind": "government"}) {
		code := sprint(r["code"])[:2] + "0000"
		for _, y := range strings.Fields(sprint(r["years_covered"])) {
			covered[code+"|"+y]++
		}
	}
	for _, w := range want {
		code := sprint(w["province_code"])
		if n := covered[code+"|"+sprint(w["year"])]; sprint(w["with_report"]) != fmt.Sprint(n) {
			t.Errorf("%v %v: summary %v with a report, coverage %d", w["province"], w["year"], w["with_report"], n)
		}
		if sprint(w["blocked_sites"]) != fmt.Sprint(blocked[code]) || sprint(w["silent_sites"]) != fmt.Sprint(silent[code]) {
			t.Errorf("%v: summary %v blocked %v silent, runs %d and alerts %d", w["province"], w["blocked_sites"], w["silent_sites"], blocked[code], silent[code])
		}
	}
	if covered["350000|2019"] == 0 {
		t.Fatalf("福建 has no 2019 report in the demo: %v", covered)
	}

	// The page shows the query's numbers, one row per province.
	code, _, body := get(t, ts.URL+"/coverage?"+encode(params))
	if code != 200 {
		t.Fatalf("/coverage: %d %.300s", code, body)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find("#coverage-table").Length(); n != 0 {
		t.Errorf("the summary also lists every division")
	}
	provinces := map[string]bool{}
	for _, w := range want {
		pc := sprint(w["province_code"])
		provinces[pc] = true
		row := doc.Find(fmt.Sprintf(`#coverage-summary tr[data-code="%s"]`, pc))
		cell := strings.Join(strings.Fields(row.Find(fmt.Sprintf(`td[data-year="%v"]`, w["year"])).Text()), " ")
		if wantCell := count(w["with_report"]) + " / " + count(w["without_report"]); cell != wantCell {
			t.Errorf("%v %v: shown %q, query %q", w["province"], w["year"], cell, wantCell)
		}
		if b, sl := row.Find(".blocked-sites").Text(), row.Find(".silent-sites").Text(); b != count(w["blocked_sites"]) || sl != count(w["silent_sites"]) {
			t.Errorf("%v: shown %s blocked %s silent, query %v %v", w["province"], b, sl, w["blocked_sites"], w["silent_sites"])
		}
	}
	if n := doc.Find("#coverage-summary tbody tr").Length(); n != len(provinces) || n < 30 {
		t.Errorf("%d rows shown, %d provinces in the query", n, len(provinces))
	}

	// Of the last run, only the sites that need a look, and its download is those.
	failed := queryRows(t, s, "runs", map[string]string{"failed": "true"})
	if n, all := doc.Find("#runs tbody tr").Length(), len(queryRows(t, s, "runs", nil)); n != len(failed) || n != 2 || all <= n {
		t.Errorf("the summary lists %d sites of the last run; %d need a look, of %d", n, len(failed), all)
	}
	if dl := doc.Find("#download-csv").Eq(1).AttrOr("href", ""); dl != "/download/runs?failed=true&format=csv" {
		t.Errorf("the runs' download %q", dl)
	}

	// The download is the query's rows.
	dl, ok := doc.Find("#download-csv").Attr("href")
	if !ok || !strings.HasPrefix(dl, "/download/coverage_by_province?") {
		t.Fatalf("download link %q", dl)
	}
	code, _, data := get(t, ts.URL+dl)
	if code != 200 {
		t.Fatalf("%s: %d %.200s", dl, code, data)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || len(recs)-1 != len(want) {
		t.Fatalf("CSV: %v, %d rows, query %d", err, len(recs)-1, len(want))
	}
	for i, w := range want {
		got := strings.Join(recs[i+1], ",")
		exp := fmt.Sprintf("%v,%v,%v,%v,%v,", w["province_code"], w["province"], w["year"], w["with_report"], w["divisions"])
		tail := fmt.Sprintf(",%v,%v,%v", w["without_report"], w["blocked_sites"], w["silent_sites"])
		if !strings.HasPrefix(got, exp) || !strings.HasSuffix(got, tail) {
			t.Errorf("CSV row %d %q, query %v", i, got, w)
		}
	}

	// 福建's link leads to its divisions: the detail, as the coverage query gives them.
	href, ok := doc.Find(`#coverage-summary tr[data-code="350000"] a`).Attr("href")
	if !ok {
		t.Fatal("福建 has no link")
	}
	code, _, body = get(t, ts.URL+href)
	if code != 200 {
		t.Fatalf("%s: %d", href, code)
	}
	detail, _ := goquery.NewDocumentFromReader(bytes.NewReader(body))
	wantDetail := queryRows(t, s, "coverage", map[string]string{"province": "350000", "kind": "government"})
	shown := detail.Find("#coverage-table tbody tr")
	if shown.Length() != len(wantDetail) || len(wantDetail) == 0 || detail.Find("#coverage-summary").Length() != 0 {
		t.Errorf("%s shows %d divisions, coverage of 福建 gives %d", href, shown.Length(), len(wantDetail))
	}
	shown.Each(func(i int, tr *goquery.Selection) {
		if i < len(wantDetail) && tr.Find("td").Eq(2).Text() != sprint(wantDetail[i]["code"]) {
			t.Errorf("%s row %d: %q, want %v", href, i, tr.Find("td").Eq(2).Text(), wantDetail[i]["code"])
		}
	})
	if dl, _ := detail.Find("#download-csv").Attr("href"); !strings.HasPrefix(dl, "/download/coverage?") || !strings.Contains(dl, "province=350000") {
		t.Errorf("the detail's download %q is not its selection", dl)
	}
	// A province's page lists every site of the last run that is the province's, and only those.
	var fujian []string
	for _, r := range queryRows(t, s, "runs", nil) {
		if c := sprint(r["site_code"]); strings.HasPrefix(c, "35") {
			fujian = append(fujian, c)
		}
	}
	var listed []string
	detail.Find("#runs tbody tr").Each(func(_ int, tr *goquery.Selection) {
		listed = append(listed, tr.Text())
	})
	if len(fujian) == 0 || len(listed) != len(fujian) {
		t.Errorf("%s lists %d sites of the last run, want 福建's %v:\n%s", href, len(listed), fujian, strings.Join(listed, "\n"))
	}
}
