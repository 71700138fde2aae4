package warehouse_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// Loads of the same documents at once, through two opens of one file,
// store each document once: reports has no index to refuse a second copy
// (uniqueness.go), so the loads must take turns.
func TestConcurrentLoadsStoreEachDocumentOnce(t *testing.T) {
	path := t.TempDir() + "/w.duckdb"
	var dbs [2]*warehouse.DB
	for i := range dbs {
		db, err := warehouse.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	// Hold each transaction open a while before its commit, so that
	// loads that did not take turns would overlap.
	var inside, most atomic.Int32
	warehouse.SetBeforeCommitHook(func() {
		n := inside.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(50 * time.Millisecond)
		inside.Add(-1)
	})
	defer warehouse.SetBeforeCommitHook(nil)

	// Every batch written as a large one is: on every thread, not taking
	// turns for DuckDB's threads setting (onOneThread).
	defer warehouse.SetSequentialRows(0)()
	docs := fixture.Docs()
	const loads = 4
	added := make([]int, loads)
	errs := make([]error, loads)
	var wg sync.WaitGroup
	for i := range loads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := dbs[i%2].Load(context.Background(), docs)
			added[i], errs[i] = res.Added, err
		}()
	}
	wg.Wait()
	total := 0
	for i := range loads {
		if errs[i] != nil {
			t.Fatalf("load %d: %v", i, errs[i])
		}
		total += added[i]
	}
	if total != len(docs) {
		t.Errorf("the loads added %d reports between them, want %d", total, len(docs))
	}
	if n := most.Load(); n != 1 {
		t.Errorf("%d loads were inside a transaction at once, want 1", n)
	}
	db := dbs[0]
	if n, want := count(t, db, `SELECT count(*) FROM reports`), len(docs); n != want {
		t.Errorf("%d reports stored, want %d", n, want)
	}
	if n := count(t, db, `SELECT count(*) - count(DISTINCT sha256) FROM reports`); n != 0 {
		t.Errorf("%d documents stored twice", n)
	}
	if n := count(t, db, `SELECT count(*) - count(DISTINCT report_id) FROM reports`); n != 0 {
		t.Errorf("%d report_ids given twice", n)
	}
}
