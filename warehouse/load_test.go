package warehouse_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

func openTemp(t testing.TB) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "w.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t testing.TB, db *warehouse.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// eachRow runs query on db, calls scan for each row it returns and
// returns how many there were.
func eachRow(t testing.TB, db *warehouse.DB, query string, scan func(*sql.Rows) error) int {
	t.Helper()
	rows, err := db.SQL().Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	n := 0
	for ; rows.Next(); n++ {
		if err := scan(rows); err != nil {
			t.Fatalf("%s: row %d: %v", query, n, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// tableCounts fingerprints every table so "nothing changed" can be compared.
func tableCounts(t testing.TB, db *warehouse.DB) map[string]int {
	m := map[string]int{}
	for _, tb := range warehouse.Tables {
		m[tb] = count(t, db, "SELECT count(*) FROM "+tb)
	}
	return m
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs := fixture.Docs()
	res, err := db.Load(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(docs) || res.Unchanged != 0 {
		t.Fatalf("first load: %+v", res)
	}
	before := tableCounts(t, db)
	res2, err := db.Load(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Added != 0 || res2.Unchanged != len(docs) {
		t.Fatalf("second load: %+v", res2)
	}
	after := tableCounts(t, db)
	for k, v := range before {
		if k == "load_batches" {
			continue // the second load is recorded, adding nothing else
		}
		if after[k] != v {
			t.Errorf("%s: %d rows after reloading, %d before", k, after[k], v)
		}
	}
	for i := range docs {
		if res.ReportIDs[i] != res2.ReportIDs[i] {
			t.Errorf("doc %d: id %d then %d", i, res.ReportIDs[i], res2.ReportIDs[i])
		}
	}
	if n := count(t, db, "SELECT count(*) FROM report_values"); n == 0 {
		t.Error("no values stored")
	}
	// NULL stays NULL: the blank 三(三)4 cell of 谷城县 2022.
	var v sql.NullFloat64
	var raw string
	err = db.SQL().QueryRow(`SELECT count, raw FROM current_values v JOIN reports r USING (report_id)
		WHERE r.title LIKE '谷城县人民政府2022%' AND v.row = 'denied_third_party' AND v.col = 'total'`).Scan(&v, &raw)
	if err != nil || v.Valid || raw != "/" {
		t.Errorf("blank cell: %v %v %q", err, v, raw)
	}
}

func TestChangedVersionBecomesCurrent(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs := fixture.Docs()
	if _, err := db.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// A corrected 保康县 2023 report: 9 applications, not 8.
	old := docs[3].Report
	fixed := fixture.Report(old.Title, old.Jurisdiction, old.Agency, int(old.Year), fixture.Cells{
		"requests/new/total": 9, "requests/granted/total": 7, "requests/partially_granted/total": 1,
		"requests/unable_not_held/total": 1, "requests/handled_total/total": 9,
	}, old.Checks...)
	res, err := db.Load(ctx, []warehouse.Document{fixture.Doc(fixed, "https://example.gov.cn/report/4-fixed.html")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Superseded != 1 {
		t.Fatalf("load of changed version: %+v", res)
	}
	if n := count(t, db, `SELECT count(*) FROM reports WHERE jurisdiction_code = '420626' AND year = 2023`); n != 2 {
		t.Errorf("history: %d versions of 保康县 2023, want 2", n)
	}
	var received float64
	var version int
	if err := db.SQL().QueryRow(`SELECT s.received, r.version FROM requests_summary s JOIN current_reports r USING (report_id)
		WHERE s.jurisdiction_code = '420626' AND s.year = 2023`).Scan(&received, &version); err != nil {
		t.Fatal(err)
	}
	if received != 9 || version != 2 {
		t.Errorf("current 保康县 2023: received %v version %d, want 9 and 2", received, version)
	}
	if n := count(t, db, `SELECT count(*) FROM requests_summary WHERE jurisdiction_code = '420626' AND year = 2023`); n != 1 {
		t.Errorf("views show %d rows for 保康县 2023, want only the current one", n)
	}
	var supersededBy int64
	if err := db.SQL().QueryRow(`SELECT superseded_by FROM reports WHERE report_id = ?`, 4).Scan(&supersededBy); err != nil || supersededBy != res.ReportIDs[0] {
		t.Errorf("old version superseded_by = %d (%v), want %d", supersededBy, err, res.ReportIDs[0])
	}
	// The old version's values are still there to query.
	if n := count(t, db, `SELECT count(*) FROM report_values WHERE report_id = 4 AND row = 'new' AND value = 8`); n != 1 {
		t.Error("old version's values are gone")
	}
}

func TestSameBatchVersions(t *testing.T) {
	db := openTemp(t)
	a := fixture.Report("桐梓县2022年政府信息公开工作年度报告", "桐梓县", "桐梓县人民政府", 2022, fixture.Cells{"requests/new/total": 1})
	b := fixture.Report("桐梓县2022年政府信息公开工作年度报告", "桐梓县", "桐梓县人民政府", 2022, fixture.Cells{"requests/new/total": 2})
	res, err := db.Load(context.Background(), []warehouse.Document{fixture.Doc(a, "a"), fixture.Doc(b, "b"), fixture.Doc(a, "a-again")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Unchanged != 1 || res.Superseded != 1 {
		t.Errorf("%+v", res)
	}
	if n := count(t, db, `SELECT count(*) FROM current_reports`); n != 1 {
		t.Errorf("%d current reports, want 1", n)
	}
	if n := count(t, db, `SELECT received FROM requests_summary`); n != 2 {
		t.Errorf("current received = %d, want the later document's 2", n)
	}
}

func TestLoadRejectsBadSHA(t *testing.T) {
	db := openTemp(t)
	d := fixture.Docs()[0]
	d.SHA256 = "abc"
	if _, err := db.Load(context.Background(), []warehouse.Document{d}); err == nil {
		t.Fatal("bad sha256 accepted")
	}
	if n := count(t, db, "SELECT count(*) FROM reports"); n != 0 {
		t.Errorf("%d reports after a rejected batch", n)
	}
}

func TestKnown(t *testing.T) {
	db := openTemp(t)
	docs := fixture.Docs()
	if _, err := db.Load(context.Background(), docs[:3]); err != nil {
		t.Fatal(err)
	}
	var shas []string
	for _, d := range docs {
		shas = append(shas, d.SHA256)
	}
	known, err := db.Known(context.Background(), shas)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if known[d.SHA256] != (i < 3) {
			t.Errorf("doc %d: known %v", i, known[d.SHA256])
		}
	}
}

// A new parse of stored bytes replaces their parsed data in place; a changed
// identity moves the report to another version chain and the old chain is
// rebuilt.
func TestReparseReplacesInPlace(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs := fixture.Docs()
	if _, err := db.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// A later version of 谷城县 2023 arrives first …
	g := docs[1].Report
	later := fixture.Report(g.Title, g.Jurisdiction, g.Agency, 2023, fixture.Cells{"requests/new/total": 21})
	if _, err := db.Load(ctx, []warehouse.Document{fixture.Doc(later, "later")}); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, db)
	// … then a better parser reads the bytes of the first 谷城县 2023 document
	// as a 2024 report with other numbers.
	fixed := *docs[1].Report
	fixed.Year = 2024
	fixed.Values = fixture.Report("", "", "", 0, fixture.Cells{"requests/new/total": 25, "requests/granted/total": 5}).Values
	d := docs[1]
	d.Report = &fixed
	res, err := db.LoadWith(ctx, []warehouse.Document{d, docs[2]}, warehouse.LoadOptions{Reparse: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reparsed != 2 || res.Added != 0 || res.ReportIDs[0] != 2 {
		t.Fatalf("reparse: %+v", res)
	}
	after := tableCounts(t, db)
	if after["reports"] != before["reports"] {
		t.Errorf("reparse added reports: %d → %d", before["reports"], after["reports"])
	}
	var year, version int
	var current bool
	var received float64
	if err := db.SQL().QueryRow(`SELECT r.year, r.version, r.is_current, s.received FROM reports r JOIN requests_summary s USING (report_id) WHERE r.report_id = 2`).Scan(&year, &version, &current, &received); err != nil {
		t.Fatal(err)
	}
	if year != 2024 || version != 1 || !current || received != 25 {
		t.Errorf("reparsed report: year %d version %d current %v received %v", year, version, current, received)
	}
	// The later 谷城县 2023 document is now the only version of 2023.
	if err := db.SQL().QueryRow(`SELECT version, is_current FROM reports WHERE source_url = 'later'`).Scan(&version, &current); err != nil || version != 1 || !current {
		t.Errorf("old chain not rebuilt: version %d current %v (%v)", version, current, err)
	}
	if n := count(t, db, `SELECT count(*) FROM report_values WHERE report_id = 2`); n != 2 {
		t.Errorf("report 2 has %d values after reparse, want 2", n)
	}
}

// Values reach report_values exactly, whatever their printed text holds:
// commas, quotes, line ends, an empty string (not NULL), decimals, large
// and negative numbers, and blanks (NULL).
func TestValuesStoredExactly(t *testing.T) {
	db := openTemp(t)
	num := func(x float64) *float64 { return &x }
	vals := []parse.Value{
		{Section: "requests", Row: "new", Col: "total", Number: num(21), Raw: "21"},
		{Section: "requests", Row: "new", Col: "natural_person", Number: num(3), Raw: "3,"},
		{Section: "requests", Row: "granted", Col: "total", Number: num(-4), Raw: "减4"},
		{Section: "proactive", Row: "fees", Col: "amount_10k_yuan", Number: num(0.1), Raw: "0.10"},
		{Section: "requests", Row: "other", Col: "total", Number: num(1e20), Raw: "100000000000000000000"},
		{Section: "requests", Row: "carried_over", Col: "total", Raw: `"/"`},
		{Section: "requests", Row: "carried_forward", Col: "total", Raw: "a\nb\r\nc"},
		{Section: "review", Row: "reconsideration", Col: "total", Raw: ""},
	}
	doc := warehouse.Document{Report: &parse.Report{Title: "伊宁县2023年政府信息公开工作年度报告", Jurisdiction: "伊宁县", Year: 2023, Values: vals},
		SHA256: strings.Repeat("ab", 32), SourceURL: "file:///x.txt"}
	if _, err := db.Load(context.Background(), []warehouse.Document{doc}); err != nil {
		t.Fatal(err)
	}
	i := 0
	n := eachRow(t, db, `SELECT section, row, col, value, raw FROM report_values ORDER BY rowid`, func(rows *sql.Rows) error {
		var s, r, c string
		var v sql.NullFloat64
		var raw sql.NullString
		if err := rows.Scan(&s, &r, &c, &v, &raw); err != nil || i >= len(vals) {
			return fmt.Errorf("%v, or more rows than the %d values", err, len(vals))
		}
		w := vals[i]
		if s != w.Section || r != w.Row || c != w.Col || !raw.Valid || raw.String != w.Raw || v.Valid != (w.Number != nil) || (v.Valid && v.Float64 != *w.Number) {
			t.Errorf("row %d: %s/%s/%s %v %q, want %+v", i, s, r, c, v, raw.String, w)
		}
		i++
		return nil
	})
	if n != len(vals) {
		t.Errorf("%d rows stored, want %d", n, len(vals))
	}
	var fees sql.NullFloat64
	if err := db.SQL().QueryRow(`SELECT fees_10k_yuan FROM requests_summary`).Scan(&fees); err != nil || fees.Float64 != 0.1 {
		t.Errorf("summary fees: %v %v", fees, err)
	}
}
