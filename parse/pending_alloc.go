package parse

// A report starts some thirty pending rows, each with room for its values.
// One allocation for the row and one for its values, each time, was a sixth
// of the matcher's allocations and most of its bytes: the matcher carves
// both from blocks instead, a few allocations a report, and none when the
// blocks are lent by a scratch (scratch.go) that kept them from the last
// document. A row's values get a region of their own, capped at its width
// (a three-index slice), so that a row growing past it reallocates as with
// make, never writing into the next row's values.

// pendingBlock and valuesBlock are how many rows and values a block holds.
const (
	pendingBlock = 16
	valuesBlock  = 32
)

// pendingAlloc hands out pending rows and their value slices.
type pendingAlloc struct {
	rows []pendingRow // the blocks being carved
	vals []cellValue
	// Every block handed out, kept for the next document (reset):
	// rowBlocks[:nr] and valBlocks[:nv] are in use.
	rowBlocks [][]pendingRow
	valBlocks [][]cellValue
	nr, nv    int
}

// row returns a zeroed pending row that no other row shares.
func (a *pendingAlloc) row() *pendingRow {
	if len(a.rows) == cap(a.rows) {
		if a.nr == len(a.rowBlocks) {
			a.rowBlocks = append(a.rowBlocks, make([]pendingRow, 0, pendingBlock))
		}
		a.rows = a.rowBlocks[a.nr][:0]
		a.nr++
	}
	a.rows = a.rows[:len(a.rows)+1]
	return &a.rows[len(a.rows)-1]
}

// values returns an empty slice with room for n values, as
// make([]cellValue, 0, n) does, in a region no other slice it returned shares.
func (a *pendingAlloc) values(n int) []cellValue {
	if cap(a.vals)-len(a.vals) < n {
		switch {
		case n > valuesBlock:
			a.vals = make([]cellValue, 0, n) // a block of its own, not kept
		case a.nv < len(a.valBlocks):
			a.vals = a.valBlocks[a.nv][:0]
			a.nv++
		default:
			a.vals = make([]cellValue, 0, valuesBlock)
			a.valBlocks = append(a.valBlocks, a.vals)
			a.nv++
		}
	}
	from := len(a.vals)
	a.vals = a.vals[:from+n]
	return a.vals[from : from : from+n]
}

// reset zeroes every block, so that none keeps a document alive, and makes
// them all free for the next document's rows. No row or value slice handed
// out before may be used after.
func (a *pendingAlloc) reset() {
	for _, b := range a.rowBlocks {
		clear(b[:cap(b)])
	}
	for _, b := range a.valBlocks {
		clear(b[:cap(b)])
	}
	a.rows, a.vals, a.nr, a.nv = nil, nil, 0, 0
}
