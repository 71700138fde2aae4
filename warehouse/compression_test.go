package warehouse_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// namedCompression is what migration 14 names (compression.go), as
// pragma_storage_info spells it.
var namedCompression = map[string]map[string]string{
	"report_values": {"section": "Dictionary", "row": "Dictionary", "col": "Dictionary", "raw": "Dictionary"},
	"report_checks": {"name": "Dictionary", "key": "Dictionary", "detail": "Dictionary"},
	"report_prose":  {"heading": "Dictionary", "text": "FSST"},
}

// A warehouse from before migration 14 keeps every row of the three tables
// it rebuilds, and once checkpointed stores their text columns the way the
// migration names.
func TestFixedCompressionMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v13.duckdb")
	db := loadedWarehouse(t, path, 300)
	// Turn it back into a version-13 database: the tables as migration 1
	// made them, without a compression of their own.
	for table := range namedCompression {
		if _, err := db.SQL().Exec(`CREATE TABLE old_copy AS SELECT * FROM ` + table + `; DROP TABLE ` + table + `; ALTER TABLE old_copy RENAME TO ` + table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SQL().Exec(`DELETE FROM schema_version WHERE version >= 14`); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	before := fingerprints(t, db)
	if differ := compressionsDiffer(t, db); len(differ) == 0 {
		t.Fatal("the test's data is stored as migration 14 names even without it: it could not tell")
	}
	db.Close()

	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	for table, fp := range fingerprints(t, db) {
		if fp != before[table] {
			t.Errorf("%s changed in the migration: %s, was %s", table, fp, before[table])
		}
	}
	for _, d := range compressionsDiffer(t, db) {
		t.Error(d)
	}
}

// fingerprints is a count and digest of each rebuilt table's rows.
func fingerprints(t *testing.T, db *warehouse.DB) map[string]string {
	t.Helper()
	m := map[string]string{}
	for table := range namedCompression {
		var fp string
		q := `SELECT count(*) || ' ' || md5(string_agg(r, chr(10) ORDER BY r)) FROM (SELECT CAST(t AS VARCHAR) AS r FROM ` + table + ` t)`
		if err := db.SQL().QueryRow(q).Scan(&fp); err != nil {
			t.Fatal(err)
		}
		m[table] = fp
	}
	return m
}

// compressionsDiffer lists the text columns with a segment stored otherwise
// than migration 14 names.
func compressionsDiffer(t *testing.T, db *warehouse.DB) []string {
	t.Helper()
	var differ []string
	for table, cols := range namedCompression {
		eachRow(t, db, `SELECT DISTINCT column_name, compression FROM pragma_storage_info('`+table+`') WHERE segment_type = 'VARCHAR'`, func(rows *sql.Rows) error {
			var col, comp string
			if err := rows.Scan(&col, &comp); err != nil {
				return err
			}
			if want, ok := cols[col]; ok && comp != want {
				differ = append(differ, table+"."+col+" is stored as "+comp+", want "+want)
			}
			return nil
		})
	}
	return differ
}

// A warehouse from before migration 15 kept a detail for every check; once
// opened, a check that holds keeps none, and a failed check its own.
func TestPassingCheckDetailMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v14.duckdb")
	db := loadedWarehouse(t, path, 50)
	if n := count(t, db, `SELECT count(detail) FROM report_checks WHERE ok`); n != 0 {
		t.Fatalf("a load kept %d details of checks that hold", n)
	}
	const failed = `SELECT count(*) || ':' || md5(string_agg(detail, '|' ORDER BY report_id, name, key)) FROM report_checks WHERE NOT ok`
	var want string
	if err := db.SQL().QueryRow(failed).Scan(&want); err != nil || strings.HasPrefix(want, "0:") {
		t.Fatalf("no failed check to keep (%q, %v): the test could not tell", want, err)
	}
	// As version 14 wrote them: every check with its detail.
	if _, err := db.SQL().Exec(`UPDATE report_checks SET detail = 'held ' || name WHERE ok; DELETE FROM schema_version WHERE version >= 15`); err != nil {
		t.Fatal(err)
	}
	held := count(t, db, `SELECT count(detail) FROM report_checks WHERE ok`)
	db.Close()

	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if held == 0 {
		t.Fatal("no check holds: the test could not tell")
	}
	if n := count(t, db, `SELECT count(detail) FROM report_checks WHERE ok`); n != 0 {
		t.Errorf("%d of %d checks that hold kept their detail", n, held)
	}
	var got string
	if err := db.SQL().QueryRow(failed).Scan(&got); err != nil || got != want {
		t.Errorf("failed checks' details %q, want %q (%v)", got, want, err)
	}
}

// loadedWarehouse opens a warehouse at path and loads the fixture documents
// and n synthetic ones into it.
func loadedWarehouse(t *testing.T, path string, n int) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := fixture.Docs()
	for i := range n {
		docs = append(docs, fixture.SyntheticDoc(i))
	}
	if _, err := db.Load(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return db
}
