package parse

// A report starts some thirty pending rows, each with room for its values.
// One allocation for the row and one for its values, each time, was a sixth
// of the matcher's allocations and most of its bytes: the matcher carves
// both from blocks instead, a few allocations a report. A row's values get
// a region of their own, capped at its width (a three-index slice), so that
// a row growing past it reallocates as with make, never writing into the
// next row's values.

// pendingBlock and valuesBlock are how many rows and values a block holds.
const (
	pendingBlock = 16
	valuesBlock  = 32
)

// pendingAlloc hands out pending rows and their value slices.
type pendingAlloc struct {
	rows []pendingRow
	vals []cellValue
}

// row returns a zeroed pending row that no other row shares.
func (a *pendingAlloc) row() *pendingRow {
	if len(a.rows) == cap(a.rows) {
		a.rows = make([]pendingRow, 0, pendingBlock)
	}
	a.rows = a.rows[:len(a.rows)+1]
	return &a.rows[len(a.rows)-1]
}

// values returns an empty slice with room for n values, as
// make([]cellValue, 0, n) does, in a region no other slice it returned shares.
func (a *pendingAlloc) values(n int) []cellValue {
	if cap(a.vals)-len(a.vals) < n {
		a.vals = make([]cellValue, 0, max(valuesBlock, n))
	}
	from := len(a.vals)
	a.vals = a.vals[:from+n]
	return a.vals[from : from : from+n]
}
