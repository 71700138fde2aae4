package warehouse_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

func loadedFixture(t *testing.T) *warehouse.DB {
	t.Helper()
	db := openTemp(t)
	if _, err := db.Load(context.Background(), fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	return db
}

// queryCells returns a query's rows as normalised text, sorted.
func queryCells(t *testing.T, db *warehouse.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.SQL().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			switch x := v.(type) {
			case nil:
				cells = append(cells, "")
			case time.Time:
				cells = append(cells, x.Format("2006-01-02"))
			default:
				cells = append(cells, norm(fmt.Sprint(x)))
			}
		}
		out = append(out, strings.Join(cells, "|"))
	}
	sort.Strings(out)
	return out
}

// norm writes numbers one way, so 15 and 15.0 compare equal.
func norm(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(f, 'g', 12, 64)
	}
	return s
}

// csvCells reads an exported CSV back with encoding/csv.
func csvCells(t *testing.T, path string, bom bool) (header []string, rows []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bom {
		if !bytes.HasPrefix(b, []byte(warehouse.BOM)) {
			t.Fatalf("%s does not start with a BOM", path)
		}
		b = b[len(warehouse.BOM):]
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, r := range recs[1:] {
		for i := range r {
			if len(r[i]) >= 10 && r[i][4] == '-' && r[i][7] == '-' { // dates and timestamps: the day
				r[i] = r[i][:10]
			}
			r[i] = norm(r[i])
		}
		rows = append(rows, strings.Join(r, "|"))
	}
	sort.Strings(rows)
	return recs[0], rows
}

func TestExportCSVEqualsQuery(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	files, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir, Parquet: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range append(append([]string{}, warehouse.Tables...), warehouse.Views...) {
		if _, err := os.Stat(filepath.Join(dir, o+".csv")); err != nil {
			t.Errorf("%s.csv not written", o)
		}
		if _, err := os.Stat(filepath.Join(dir, o+".parquet")); err != nil {
			t.Errorf("%s.parquet not written", o)
		}
	}
	for _, o := range []string{"requests_summary", "report_values", "current_reports", "review_wide"} {
		_, got := csvCells(t, filepath.Join(dir, o+".csv"), false)
		want := queryCells(t, db, "SELECT * FROM "+o)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s.csv differs from the query:\ncsv:\n%s\nquery:\n%s", o, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		var n int
		if err := db.SQL().QueryRow(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s')", filepath.Join(dir, o+".parquet"))).Scan(&n); err != nil || n != len(want) {
			t.Errorf("%s.parquet: %d rows (%v), want %d", o, n, err, len(want))
		}
	}
	if len(files) < 2*len(warehouse.Tables) {
		t.Errorf("only %d files written", len(files))
	}
}

func TestExportExcelHasBOMAndCRLF(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	if _, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir, Excel: true}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"requests_summary.csv", "report_prose.csv", "dictionary.csv", "keys.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte(warehouse.BOM)) {
			t.Errorf("%s: no BOM", f)
		}
		if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			t.Errorf("%s: a line ends in LF without CR", f)
		}
	}
	_, got := csvCells(t, filepath.Join(dir, "requests_summary.csv"), true)
	want := queryCells(t, db, "SELECT * FROM requests_summary")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Excel CSV differs from the query")
	}
}

func TestExportQueryPartitioned(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	_, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir, Parquet: true, PartitionBy: "year",
		Query: "SELECT jurisdiction_code, year, received FROM requests_summary WHERE year >= CAST($y AS INTEGER);", Name: "recent",
		Args: []any{sql.Named("y", "2022")}})
	if err != nil {
		t.Fatal(err)
	}
	_, got := csvCells(t, filepath.Join(dir, "recent.csv"), false)
	if len(got) != 7 {
		t.Errorf("recent.csv: %d rows, want 7", len(got))
	}
	for _, y := range []string{"2022", "2023"} {
		m, _ := filepath.Glob(filepath.Join(dir, "recent", "year="+y, "*.parquet"))
		if len(m) == 0 {
			t.Errorf("no Parquet partition for %s", y)
		}
	}
}

func TestDictionaryDescribesEveryColumn(t *testing.T) {
	db := loadedFixture(t)
	dict, err := db.Dictionary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range dict {
		seen[r.Object] = true
		if r.Description == "" {
			t.Errorf("%s.%s has no description", r.Object, r.Column)
		}
		if len(r.Column) > 32 {
			t.Errorf("%s.%s: name longer than Stata's 32 characters", r.Object, r.Column)
		}
	}
	for _, o := range append(append([]string{}, warehouse.Tables...), warehouse.Views...) {
		if !seen[o] {
			t.Errorf("%s missing from the dictionary", o)
		}
	}
}

// Counts come out as integers in every view and export (21, never 21.0);
// money keeps its decimals.
func TestExportCountsAreIntegers(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	if _, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_name IN ('requests_summary', 'requests_wide', 'proactive_wide', 'review_wide', 'current_values')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			t.Fatal(err)
		}
		money := strings.Contains(col, "amount") || strings.Contains(col, "fees") || strings.HasSuffix(col, "_rate")
		if typ == "DOUBLE" && !money {
			t.Errorf("%s.%s is DOUBLE: a count must be an integer", table, col)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d columns checked", checked)
	}
	f, err := os.ReadFile(filepath.Join(dir, "requests_summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range recs[0] {
		if h != "received" && h != "handled" {
			continue
		}
		for _, r := range recs[1:] {
			if strings.Contains(r[i], ".") {
				t.Errorf("requests_summary.csv %s = %q: a count printed as a decimal", h, r[i])
			}
		}
	}
}
