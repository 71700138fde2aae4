package web

import (
	"fmt"
	"testing"

	"disclosure/warehouse"
)

func rowsOf(n int) *result { return &result{Rows: make([]map[string]any, n)} }

// The cache answers only for the database it was filled from, and stays
// within its bounds of entries and rows.
func TestResultCache(t *testing.T) {
	var c resultCache
	db1, db2 := new(warehouse.DB), new(warehouse.DB)
	a := rowsOf(2)
	c.put(db1, "a", a)
	if got, ok := c.get(db1, "a"); !ok || got != a {
		t.Fatalf("get a: %v %v", got, ok)
	}
	if _, ok := c.get(db2, "a"); ok {
		t.Error("a result of another database was returned")
	}
	c.put(db2, "b", rowsOf(1))
	if _, ok := c.get(db1, "a"); ok {
		t.Error("the old database's results outlived a newer one")
	}
	for i := range cacheEntries + 8 {
		c.put(db2, fmt.Sprint(i), rowsOf(1))
	}
	if len(c.items) != cacheEntries || len(c.order) != cacheEntries {
		t.Errorf("%d entries, %d in order; bound %d", len(c.items), len(c.order), cacheEntries)
	}
	if _, ok := c.get(db2, "0"); ok {
		t.Error("the oldest entry was kept past the bound")
	}
	if _, ok := c.get(db2, fmt.Sprint(cacheEntries+7)); !ok {
		t.Error("the newest entry was dropped")
	}
	c.put(db2, "big", rowsOf(cacheRows-10))
	c.put(db2, "big2", rowsOf(20))
	if _, ok := c.get(db2, "big"); ok || c.rows > cacheRows {
		t.Errorf("rows %d over the bound %d, big kept %v", c.rows, cacheRows, ok)
	}
	c.put(db2, "huge", rowsOf(cacheRows+1))
	if _, ok := c.get(db2, "huge"); ok {
		t.Error("a result over the row bound was cached")
	}
	c.clear()
	if _, ok := c.get(db2, "big2"); ok {
		t.Error("clear kept an entry")
	}
}
