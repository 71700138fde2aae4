package web

import (
	"sync"

	"disclosure/warehouse"
)

// resultCache keeps the latest named-query results over the open
// warehouse. A page's chart asks the JSON endpoint for the very rows the
// page has just shown (the same query and parameters), and a reader going
// back and forth between pages asks again; each would otherwise run the
// query a second time. The pages read a read-only snapshot, so a result
// stays right while the same database is open: the cache holds the
// results of one *warehouse.DB and empties itself when the store opens a
// newer snapshot. It is bounded by entries and by rows.
//
// Cached rows are shared between requests: callers must not modify them.
type resultCache struct {
	mu    sync.Mutex
	db    *warehouse.DB
	order []string // oldest first
	items map[string]*result
	rows  int
}

const (
	cacheEntries = 32
	cacheRows    = 20_000
)

func cacheKey(name string, params map[string]string) string { return name + "?" + encode(params) }

func (c *resultCache) get(db *warehouse.DB, key string) (*result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db != db {
		return nil, false
	}
	res, ok := c.items[key]
	return res, ok
}

func (c *resultCache) put(db *warehouse.DB, key string, res *result) {
	if len(res.Rows) > cacheRows {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db != db { // a newer snapshot: the old results go
		c.db, c.order, c.items, c.rows = db, nil, map[string]*result{}, 0
	}
	if old, ok := c.items[key]; ok {
		c.rows -= len(old.Rows)
		c.remove(key)
	}
	for len(c.order) > 0 && (len(c.order) >= cacheEntries || c.rows+len(res.Rows) > cacheRows) {
		c.rows -= len(c.items[c.order[0]].Rows)
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[key] = res
	c.order = append(c.order, key)
	c.rows += len(res.Rows)
}

func (c *resultCache) remove(key string) {
	delete(c.items, key)
	for i, k := range c.order {
		if k == key {
			c.order = append(c.order[:i], c.order[i+1:]...)
			return
		}
	}
}

// clear empties the cache (the benchmarks time a first view).
func (c *resultCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.db, c.order, c.items, c.rows = nil, nil, nil, 0
}
