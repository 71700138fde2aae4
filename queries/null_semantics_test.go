package queries_test

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclosure/queries"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// NULL semantics the queries and views rely on, each found wrong once.

// silent_sites reads the site's latest run as it was: a clean latest run
// is not taken for an earlier block, nor its empty error for an earlier
// error (arg_max skips NULLs; arg_max_null does not).
func TestSilentSiteIsItsLatestRun(t *testing.T) {
	db := loaded(t)
	for _, s := range []warehouse.RunSite{
		{URL: "http://tinghu/", Code: "320902", Name: "亭湖区", BlockedKind: "js-challenge", BlockedStatus: 412},
		{URL: "http://tinghu/", Code: "320902", Name: "亭湖区", Error: "registered page: timeout"},
		{URL: "http://tinghu/", Code: "320902", Name: "亭湖区"},
	} {
		recordRun(t, db, s)
	}
	for n, want := range map[int]string{2: "320902|", 3: "320902|"} {
		var code string
		var lastErr sql.NullString
		err := db.SQL().QueryRow(`SELECT site_code, last_error FROM silent_sites(?)`, n).Scan(&code, &lastErr)
		if err != nil {
			t.Fatalf("silent_sites(%d): %v (the site listed nothing in its last %d runs, the latest clean)", n, err, n)
		}
		if got := code + "|" + lastErr.String; got != want {
			t.Errorf("silent_sites(%d) = %s, want %s (the latest run had no error)", n, got, want)
		}
	}
}

// The runs query's latest run is the latest that ended: a run still going
// has no sites yet.
func TestRunsLatestIsNotTheRunning(t *testing.T) {
	db := loaded(t)
	recordRun(t, db, warehouse.RunSite{URL: "http://gucheng/", Code: "420625", Name: "谷城县", Error: "HTTP 503"})
	if _, err := db.StartRun(context.Background(), warehouse.RunStart{Trigger: "schedule", Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if got := run(t, db, "runs", map[string]string{"failed": "true"}, "site_code", "error"); !slices.Equal(got, []string{"420625|HTTP 503"}) {
		t.Errorf("runs while another is running: %v", got)
	}
	if got := run(t, db, "coverage_by_province", map[string]string{}, "province", "blocked_sites"); !slices.Contains(got, "湖北省|1") {
		t.Errorf("coverage_by_province while a run is running: %v", got)
	}
}

// A blank cell in a sum is left out of it, as the other sums do: the
// disclosure rate of a report whose 部分公开 is blank is granted / handled;
// and the grant rate of an area sums only the reports that printed both.
func TestBlankCellsInRates(t *testing.T) {
	db := loaded(t)
	ctx := context.Background()
	var id int64
	if err := db.SQL().QueryRow(`SELECT report_id FROM reports WHERE agency = '谷城县人民政府' AND year = 2023`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	blank := func(row string) {
		t.Helper()
		c := warehouse.CorrectionInput{Report: strconv.FormatInt(id, 10), Section: "requests", Row: row, Col: "total", Value: "/", Note: "test", By: "test"}
		if _, err := db.Correct(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	blank("partially_granted")
	var rate, want sql.NullFloat64
	if err := db.SQL().QueryRow(`SELECT disclosure_rate, granted / handled FROM requests_summary WHERE report_id = ?`, id).Scan(&rate, &want); err != nil {
		t.Fatal(err)
	}
	if !rate.Valid || rate.Float64 != want.Float64 {
		t.Errorf("disclosure_rate with 部分公开 blank: %v, want granted / handled %v", rate, want)
	}
	expect(t, "grant rate, every report printing both", run(t, db, "totals", map[string]string{"year": "2023"}, "area", "grant_rate"),
		[]string{"新疆维吾尔自治区|1.1667", "湖北省|0.4615"})
	// 谷城县 2023 still prints granted 10, its handled blank: 保康县 6 + 樊城区 20 of 8 + 50.
	blank("handled_total")
	expect(t, "grant rate without the report whose handled is blank", run(t, db, "totals", map[string]string{"year": "2023"}, "area", "grant_rate"),
		[]string{"新疆维吾尔自治区|1.1667", "湖北省|0.4483"})
}

// rank's default year is the latest of the selection, not of every report:
// a town's report of a later year does not leave the governments' ranking
// empty.
func TestRankDefaultYearOfTheSelection(t *testing.T) {
	db := loaded(t)
	town := fixture.Report("谷城县城关镇2024年政府信息公开工作年度报告", "谷城县", "谷城县城关镇人民政府", 2024,
		fixture.Cells{"requests/new/total": 2})
	if _, err := db.Load(context.Background(), []warehouse.Document{fixture.Doc(town, "https://example.gov.cn/report/town.html")}); err != nil {
		t.Fatal(err)
	}
	got := run(t, db, "rank", map[string]string{"prefecture": "襄阳"}, "year", "division")
	if len(got) == 0 || got[0] != "2023|樊城区" {
		t.Errorf("rank with the default year: %v, want the governments' 2023", got)
	}
}

// "Today", for the 31 March deadline, is China's date whatever the
// server's time zone: the queries' default as_of.
func TestDeadlineTodayIsChinas(t *testing.T) {
	db := loaded(t)
	if _, err := db.SQL().Exec(`SET GLOBAL TimeZone = 'America/Los_Angeles'`); err != nil {
		t.Fatal(err)
	}
	china := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	for _, name := range []string{"alerts", "compare"} {
		q, ok, err := queries.Get(name)
		if err != nil || !ok {
			t.Fatal(name, err)
		}
		i := strings.Index(q.SQL, "timezone('Asia/Shanghai', current_timestamp)")
		if i < 0 {
			t.Fatalf("%s: no China date for today", name)
		}
	}
	var got string
	if err := db.SQL().QueryRow(`SELECT strftime(CAST(timezone('Asia/Shanghai', current_timestamp) AS DATE), '%Y-%m-%d')`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != china {
		t.Errorf("China's date in DuckDB %s, want %s", got, china)
	}
}

// A number too large for a whole-number column (a 20-digit figure read
// from a document) shows as no count rather than failing every query over
// the summary; a correction refuses it.
func TestOversizedValueBreaksNothing(t *testing.T) {
	db := loaded(t)
	huge := fixture.Report("某县人民政府2023年政府信息公开工作年度报告", "谷城县", "谷城县某局", 2023,
		fixture.Cells{"requests/new/total": 1e20, "requests/granted/total": 1})
	if _, err := db.Load(context.Background(), []warehouse.Document{fixture.Doc(huge, "https://example.gov.cn/report/huge.html")}); err != nil {
		t.Fatal(err)
	}
	var received sql.NullInt64
	if err := db.SQL().QueryRow(`SELECT received FROM requests_summary WHERE agency = '谷城县某局'`).Scan(&received); err != nil {
		t.Fatalf("requests_summary over a 1e20 cell: %v", err)
	}
	if received.Valid {
		t.Errorf("received %d, want no count", received.Int64)
	}
	for _, name := range []string{"compare", "rank", "totals", "county_years"} {
		params := map[string]string{"year": "2023", "kind": "all"}
		if name == "county_years" {
			params = map[string]string{"code": "420625"}
		}
		run(t, db, name, params, "year") // fails the test on an error
	}
	_, err := db.Correct(context.Background(), warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "new", Col: "total",
		Value: "99999999999999999999", Note: "typo", By: "test"})
	if err == nil || !strings.Contains(err.Error(), "takes a number from 0 to") {
		t.Errorf("a 20-digit correction: %v", err)
	}
}

// An as_of that is no date is refused, not taken for today.
func TestAsOfMustBeADate(t *testing.T) {
	db := loaded(t)
	for _, name := range []string{"alerts", "compare"} {
		q, _, err := queries.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		args, err := q.Args(map[string]string{"as_of": "2024-02-30"})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.SQL().Query(q.SQL, args...)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "as_of 2024-02-30: want a date") {
			t.Errorf("%s with as_of 2024-02-30: %v", name, err)
		}
	}
}
