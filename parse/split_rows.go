package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Blank and split rows (issue 10 class 11).
//
// A row printed with its label and only blank cells ("政府集中采购 | ||||")
// is a row of blanks: NULL in every column, not nothing. A row label with no
// values of its own followed by short labels the template does not know,
// each with a row of values ("其他对外管理服务事项" printed as "行政检查" and
// "行政确认"), is the row split into sub-rows: it is stored only where the
// sub-rows decide it — every sub-row blank, or zero, or the template says
// the row is their sum (RowSpec.SplitSums) and their values differ — and
// warned about elsewhere. Equal non-zero sub-rows are not decided: a merged
// cell repeated on every sub-row reads the same as sub-rows to be summed.

// subRow is one printed sub-row of a split row.
type subRow struct {
	label string
	vals  []cellValue
}

// maxSubRowRunes bounds a sub-row label: longer unknown text is prose.
const maxSubRowRunes = 16

// holdSplitParent keeps a row with no values of its own (none, or only
// blank cells) to see whether sub-rows follow; reports whether it did.
func (m *matcher) holdSplitParent(p *pendingRow) bool {
	// Table 二's 第二十条 items are what reports split into sub-rows; in
	// table 三 a bare label is a column header ("总计" before 自然人 …).
	if spec := Rows[p.row]; spec.Section != SectionProactive || spec.Group || !allCellsBlank(p.vals) {
		return false
	}
	m.finishSplit()
	m.splitParent = p
	return true
}

// subRowLabel reports whether an unknown cell can label a sub-row: a short
// run of Chinese characters, no sentence.
func subRowLabel(text string) bool {
	n := utf8.RuneCountInString(text)
	if n < 2 || n > maxSubRowRunes {
		return false
	}
	for _, r := range text {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// startSubRow opens a sub-row under the held parent when the cell can be one.
func (m *matcher) startSubRow(text string, l label) bool {
	if m.splitParent == nil {
		return false
	}
	subs := m.splitParent.subs
	if l.kind != kindOther || !subRowLabel(text) || isLabelStart(text) || len(subs) > 0 && len(subs[len(subs)-1].vals) == 0 {
		// Not a sub-row, or the last one had no values: a header or
		// prose, so the parent was not split after all.
		m.finishSplit()
		return false
	}
	m.splitParent.subs = append(m.splitParent.subs, subRow{label: text})
	return true
}

// subRowValue files a value under the open sub-row, if any.
func (m *matcher) subRowValue(v cellValue) bool {
	p := m.splitParent
	if p == nil || len(p.subs) == 0 {
		return false
	}
	s := &p.subs[len(p.subs)-1]
	s.vals = append(s.vals, v)
	return true
}

// finishSplit ends the held parent: with sub-rows it is placed from them,
// without it goes the usual way (a blank row, or a heading).
func (m *matcher) finishSplit() {
	p := m.splitParent
	if p == nil {
		return
	}
	m.splitParent = nil
	if n := len(p.subs); n > 0 && len(p.subs[n-1].vals) == 0 {
		p.subs = p.subs[:n-1] // a trailing label with no values: not a sub-row
	}
	if len(p.subs) > 0 {
		p.vals = nil // the parent's own cells were span filler
	}
	if len(p.vals) == 0 && len(p.subs) == 0 {
		return // a label with no values: a heading, a header, or a cut
	}
	if m.deferRow(p) {
		return
	}
	m.place(p)
}

// blankRow is a row printed with fewer cells than its columns, all blank.
type blankRow struct {
	p    *pendingRow
	spec RowSpec
	cols []string
}

// placeBlank stores a row printed with only blank cells as NULLs, after the
// document's other readings (a later printing of the row with values wins).
func (m *matcher) placeBlank(p *pendingRow, spec RowSpec, cols []string) {
	m.blanks = append(m.blanks, blankRow{p, spec, cols})
}

// noteFlushed remembers the row just finished if it is blank: it is a row
// of blanks only when the next thing read is a label of the template, not
// values with no row (its cells pushed onto a line of their own) and not
// the end of a cut document.
func (m *matcher) noteFlushed(p *pendingRow) {
	if len(p.vals) > 0 && allCellsBlank(p.vals) {
		m.lastBlank = p
	} else {
		m.lastBlank = nil
	}
}

// groupHeading reports whether a row printed under label is, in the
// decided layout, a group heading with no cells of its own: 2019's row
// "(六)其他处理" heads three rows in 2021 (RowSpec.Group, LayoutLabels).
func (m *matcher) groupHeading(spec RowSpec, label string) bool {
	t, ok := layoutLabel(spec, label)
	return spec.Group && ok && m.layoutFinal && t != m.template
}

// dropHeadingBlanks takes back the NULLs stored for a row of blank cells
// that the decided layout shows was a group heading (groupHeading), where
// no later row of numbers replaced them (storeAgain): in 2021 they are
// no cells of other's, whose own row may have been left out.
func (m *matcher) dropHeadingBlanks() {
	for _, b := range m.blankRows {
		if m.groupHeading(b.spec, b.p.label) {
			m.unstoreBlanks(b)
		}
	}
}

// layoutRow is a row of numbers stored under a label that one layout alone
// prints as that row (RowSpec.LayoutLabels).
type layoutRow struct {
	spec  RowSpec
	label string
	cols  []string
	vals  []cellValue
}

// dropOtherLayoutRows takes back the values of rows read under a label the
// decided layout does not print as that row: in a 2021 document, a 2019
// "(六)其他处理" row of numbers is the whole group, not 3.其他; in a 2019
// one, 2021's "3.其他" is a part of it. Values another row has since
// replaced, or read alike, stay.
func (m *matcher) dropOtherLayoutRows() {
	for _, r := range m.layoutRows {
		if t, _ := layoutLabel(r.spec, r.label); t == m.template {
			continue
		}
		dropped := m.unstoreWhere(r.spec.Section, r.spec.Key, r.cols, func(i int, v Value, slot int) bool {
			return i < len(r.vals) && sameNumber(v.Number, r.vals[i].number) && v.Raw == r.vals[i].raw && (m.again == nil || !m.again[slot])
		})
		if dropped {
			m.warnf("%s row %q is printed as the other layout prints it; the document reads as %s: left out", r.spec.Section, clip(r.label, 16), m.layoutName())
		}
	}
}

// unstoreBlanks takes back the NULLs of a stored row of blank cells that no
// later reading replaced; it reports whether any were.
func (m *matcher) unstoreBlanks(b blankRow) bool {
	return m.unstoreWhere(b.spec.Section, b.spec.Key, b.cols, func(_ int, v Value, _ int) bool {
		return v.Number == nil && v.Raw == ""
	})
}

// storeBlanks stores the blank rows' NULLs not read elsewhere.
func (m *matcher) storeBlanks() {
	// Numbers without a label in a table (a row whose label was lost, a
	// second page set beside the first) may be a blank row's own: its
	// blanks there are not certain.
	unlabelled := map[string]string{}
	for _, o := range m.runs {
		if len(o.vals) > 0 && unlabelled[o.section] == "" {
			unlabelled[o.section] = rawList(o.vals)
		}
	}
	for _, b := range m.blankRows {
		if nums := unlabelled[b.spec.Section]; nums != "" && m.unstoreBlanks(b) {
			m.warnf("%s row %q prints blank cells in a table that also prints numbers without a label (%s); left out", b.spec.Section, b.p.label, nums)
		}
	}
	for _, b := range m.blanks {
		if m.groupHeading(b.spec, b.p.label) {
			continue // 2021's "(六)其他处理" heads its rows: no blanks of its own
		}
		if b.p.looseAfter {
			m.warnf("%s row %q prints blank cells and has values on a later line; left out", b.spec.Section, b.p.label)
			continue
		}
		if !b.p.blankConfirmed {
			m.warnf("%s row %q prints blank cells and no label of the template follows it (the document may be cut there); left out", b.spec.Section, b.p.label)
			continue
		}
		if nums := unlabelled[b.spec.Section]; nums != "" {
			m.warnf("%s row %q prints blank cells in a table that also prints numbers without a label (%s); left out", b.spec.Section, b.p.label, nums)
			continue
		}
		for _, col := range b.cols {
			m.store(b.spec.Section, b.spec.Key, col, cellValue{})
		}
	}
}

// placeSplit stores a split row's columns that its sub-rows decide.
func (m *matcher) placeSplit(spec RowSpec, p *pendingRow, cols []string) {
	var names []string
	for _, s := range p.subs {
		names = append(names, s.label)
		vals := trimBlankTail(s.vals, len(cols))
		if len(vals) != len(cols) || hasSeveralOrGlued(vals) {
			m.warnf("%s row %q printed as sub-rows: sub-row %q has %d values where the %s layout has %d columns; left out", spec.Section, p.label, s.label, len(s.vals), m.layoutName(), len(cols))
			return
		}
	}
	var undecided []string
	for i, col := range cols {
		v, ok := splitColumn(spec, p.subs, i, col)
		if !ok {
			undecided = append(undecided, col)
			continue
		}
		m.store(spec.Section, spec.Key, col, v)
	}
	if len(undecided) > 0 {
		m.warnf("%s row %q printed as sub-rows (%s): %s not decided by them; left out", spec.Section, p.label, strings.Join(names, ", "), strings.Join(undecided, ", "))
	}
}

// splitColumn decides one column of a split row from its sub-rows: all
// blank is blank, all equal is that value, and a row that is the sum of its
// sub-rows is their sum; anything else is undecided.
func splitColumn(spec RowSpec, subs []subRow, i int, col string) (cellValue, bool) {
	first := subs[0].vals[i]
	equal, blank, numbers := true, 0, 0
	var sum float64
	var raws []string
	for _, s := range subs {
		v := s.vals[i]
		raws = append(raws, v.raw)
		if v.unit != "" {
			return cellValue{}, false // money: not summed, not compared
		}
		if v.number == nil {
			blank++
		} else {
			numbers++
			sum += *v.number
		}
		if (v.number == nil) != (first.number == nil) || v.number != nil && *v.number != *first.number {
			equal = false
		}
	}
	switch {
	case blank == len(subs):
		return cellValue{raw: first.raw}, true
	case equal && *first.number == 0:
		return first, true // zero whether repeated or summed
	case equal:
		// A merged cell repeated on every sub-row, or sub-rows that add
		// up to their sum? Both readings fit; neither is stored.
		return cellValue{}, false
	case numbers == len(subs) && spec.SplitSums && col != "amount_10k_yuan":
		return cellValue{raw: strings.Join(raws, "+"), number: &sum}, true
	}
	return cellValue{}, false
}

func hasSeveralOrGlued(vals []cellValue) bool {
	for _, v := range vals {
		if v.several || v.glued {
			return true
		}
	}
	return false
}

// allCellsBlank reports whether no cell holds anything printed.
func allCellsBlank(vals []cellValue) bool {
	for _, v := range vals {
		if v.raw != "" || v.glued || v.several {
			return false
		}
	}
	return true
}
