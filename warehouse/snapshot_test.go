package warehouse_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// The snapshot opens read-only while the writer still holds the database,
// and a new snapshot replaces it without disturbing a reader of the old.
func TestSnapshotReadableBesideWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "disclosure.duckdb")
	if got := warehouse.SnapshotPath(path); filepath.Base(got) != "disclosure.snapshot.duckdb" {
		t.Fatalf("snapshot path %s", got)
	}
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	docs := fixture.Docs()
	if _, err := db.Load(ctx, docs[:3]); err != nil {
		t.Fatal(err)
	}
	snap, err := db.PublishSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old, err := warehouse.OpenWith(snap, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("snapshot does not open while the writer holds the database: %v", err)
	}
	defer old.Close()
	if n := count(t, old, "SELECT count(*) FROM reports"); n != 3 {
		t.Errorf("snapshot has %d reports, want 3", n)
	}
	if _, err := db.Load(ctx, docs[3:]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishSnapshot(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, old, "SELECT count(*) FROM reports"); n != 3 {
		t.Errorf("the old snapshot's reader sees %d reports after a new one was published", n)
	}
	fresh, err := warehouse.OpenWith(snap, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if n := count(t, fresh, "SELECT count(*) FROM reports"); n != len(docs) {
		t.Errorf("new snapshot has %d reports, want %d", n, len(docs))
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".tmp" || len(e.Name()) > 0 && e.Name()[0] == '.' {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
