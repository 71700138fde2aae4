package parse

import "fmt"

// A document may end inside a table: a page cut, an extraction cut, a body
// cut at a size cap. The row it ends in then has only its first cells, or
// one stray number after it (the list number "2" of the next label, the
// "20" of the next sentence). Only there, at the end of the input, is a
// short row read as cut; a short row in mid-table has blank cells whose
// place is unknown and stays left out (flush).

// endPending marks the row the document ends in, whose values place() cuts
// to the certain ones (cutRow).
func (m *matcher) endPending() {
	p := m.pending
	if p == nil || len(p.vals) == 0 {
		return
	}
	p.atEnd = true
	if p.open && p.vals[len(p.vals)-1].glued {
		// A glued run the document ends in may be cut anywhere ("3714" of
		// "3714512"): none of its digits has a certain place.
		m.warnf("%s row %q: the document ends inside its glued digits %q; left out", Rows[p.row].Section, p.label, p.vals[len(p.vals)-1].raw)
		p.vals = p.vals[:len(p.vals)-1]
	}
}

// cutRow returns the certain values of the row the document ends in.
func (m *matcher) cutRow(p *pendingRow, spec RowSpec, cols []string, vals []cellValue) []cellValue {
	open := p.open
	if p.uncertainAt >= 0 && p.uncertainAt < len(vals) {
		vals, open = vals[:p.uncertainAt], false // a bare bar: maybe the row's end
	}
	isAmount := func(i int) bool { return cols[i] == "amount_10k_yuan" }
	return m.cutAtEnd(fmt.Sprintf("%s row %q", spec.Section, p.label), vals, len(cols), open, isAmount)
}

// cutAtEnd returns the values of the row the document ends in that are
// certain, for a row of n columns: one value too many after n printed ones
// is a fragment after the row and goes; a last value that nothing closes (open) may be cut
// ("1" of "12") and goes too, unless it is a 0 outside a decimal column
// (amounts print "0.35"). Dropped cells are warned about by name.
func (m *matcher) cutAtEnd(what string, vals []cellValue, n int, open bool, decimal func(int) bool) []cellValue {
	switch {
	case len(vals) == n+1 && !anyBlank(vals):
		m.warnf("%s: %q after its %d values, at the end of the document, is a fragment; ignored", what, vals[n].raw, n)
		return vals[:n]
	case len(vals) > n:
		m.warnf("%s has %d values where the %s layout has %d columns; left out", what, len(vals), m.layoutName(), n)
		return nil
	}
	if open && len(vals) > 0 {
		last := len(vals) - 1
		if v := vals[last]; v.raw != "0" || decimal(last) {
			m.warnf("%s: the document ends inside value %d (%q), which may be cut; left out", what, last+1, v.raw)
			vals = vals[:last]
		}
	}
	if len(vals) < n && len(vals) > 0 {
		m.warnf("%s: the document ends after %d of its %d values; the rest are missing", what, len(vals), n)
	}
	return vals
}

// anyBlank reports whether some value is a blank cell: then where the
// row's values sit is not certain (a blank may be a row's end).
func anyBlank(vals []cellValue) bool {
	for _, v := range vals {
		if v.number == nil && v.raw == "" {
			return true
		}
	}
	return false
}

// allBlank reports whether every value is a blank cell.
func allBlank(vals []cellValue) bool {
	for _, v := range vals {
		if v.number != nil || v.raw != "" {
			return false
		}
	}
	return true
}
