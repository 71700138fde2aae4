package warehouse_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// A database path is a path, whatever characters it holds: '#' and '?'
// once cut it short as a URL (a read-only open wrote; a database was
// created elsewhere). The file lands exactly there, and a read-only open
// refuses to write.
func TestOddPathsOpenExactly(t *testing.T) {
	for _, name := range []string{"a#b.duckdb", "x?y.duckdb", "p%zz&q=1.duckdb", "it's.duckdb"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			db, err := warehouse.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Load(context.Background(), fixture.Docs()[:2]); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("database not at the path asked for: %v", err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != name && e.Name() != name+".wal" {
					t.Errorf("stray file %q beside %q", e.Name(), name)
				}
			}
			ro, err := warehouse.OpenWith(path, warehouse.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			before := count(t, ro, "SELECT count(*) FROM report_values")
			if before == 0 {
				t.Fatal("read-only open sees no values")
			}
			if _, err := ro.SQL().Exec("DELETE FROM report_values"); err == nil {
				t.Error("DELETE succeeded on a read-only open")
			}
			if n := count(t, ro, "SELECT count(*) FROM report_values"); n != before {
				t.Errorf("%d values after a refused DELETE, %d before", n, before)
			}
		})
	}
}

// Two opens of one file in one process share it: file locks do not keep
// them apart, and two instances writing one file would corrupt it.
func TestOpensInOneProcessShare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	a, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Load(context.Background(), fixture.Docs()[:2]); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b.Close() // a second Close is harmless and leaves a open
	if n := count(t, a, "SELECT count(*) FROM reports"); n != 2 {
		t.Errorf("the first open sees %d reports the second wrote, want 2", n)
	}
	r, err := warehouse.OpenWith(path, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Load(context.Background(), fixture.Docs()[2:3]); err == nil {
		t.Error("a read-only open loaded")
	}
}

// "" opens a database in memory: the schema alone, e.g. for a named
// query's column types.
func TestInMemory(t *testing.T) {
	db, err := warehouse.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, "SELECT count(*) FROM requests_summary"); n != 0 {
		t.Errorf("%d rows in a new database", n)
	}
}
