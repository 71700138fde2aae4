package parse

import "sync"

// A parse builds three slices as long as the document that no Report keeps:
// the text's lines, its cells and the folded lines identity and prose read,
// and the matcher's blocks of pending rows (pending_alloc.go).
// They were a third of a plain-text report's allocation, and a load parses
// thousands of reports a second over a large heap, where every byte
// allocated is paid again by the collector. Parse takes them from a pool and
// puts them back, emptied, once the report is built: nothing in a Report
// points into them (its strings point into the document or detach's block;
// its values, checks and prose are slices of their own).
type scratch struct {
	lines   []string
	cells   []Cell
	folded  []line
	pending pendingAlloc // the matcher's pending rows and their values
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch takes a scratch from the pool.
func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// release empties the slices and puts them back. sc must not be used after.
func (sc *scratch) release() {
	sc.reset()
	scratchPool.Put(sc)
}

// reset empties the slices, so that the pool keeps no document alive.
func (sc *scratch) reset() {
	clear(sc.lines[:cap(sc.lines)])
	clear(sc.cells[:cap(sc.cells)])
	clear(sc.folded[:cap(sc.folded)])
	sc.lines, sc.cells, sc.folded = sc.lines[:0], sc.cells[:0], sc.folded[:0]
	sc.pending.reset()
}

// reuse returns an empty slice with room for n elements: s's array when it
// has the room, a new one otherwise.
func reuse[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}
