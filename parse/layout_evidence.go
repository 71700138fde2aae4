package parse

import (
	"fmt"
	"slices"
	"strings"
)

// The layout (2019 or 2021) is decided by all the evidence a document
// gives, not by its first header word: every table-二 header word that
// belongs to one layout, every row only one layout has, every row whose
// value count fits one layout alone, and table 三's "(六)其他处理" printed
// as a row of values (2019) rather than a heading (2021). Rows whose columns
// differ between the layouts wait for the decision (deferRow); when the
// evidence conflicts the larger side wins (a tie: the header's words if
// only one layout's were seen, else the first evidence) and a warning says
// what disagreed.

// headerEvidence notes a header word as evidence of the layout t that
// prints it, and that a header of t was seen (headerLayouts).
func (m *matcher) headerEvidence(t, word string) {
	m.evidence(t, clip(word, 12))
	switch t {
	case Template2019:
		m.headerLayouts[0] = true
	case Template2021:
		m.headerLayouts[1] = true
	}
}

// deferredRow is a row held until the layout is decided.
type deferredRow struct {
	row *pendingRow
	at  int // len(m.values) when read: where its values go in document order
	end int // len(m.values) once placed after the others (decideLayout)
}

// evidence records one piece of layout evidence.
func (m *matcher) evidence(t, what string) {
	if t == anyLayout {
		return
	}
	if m.evidenceFor == nil {
		m.evidenceFor = map[string][]string{}
	}
	if m.firstEvidence == "" {
		m.firstEvidence = t
	}
	if m.template == "" && !m.layoutFinal {
		// Provisional, for code that needs a layout while reading (rows
		// whose columns differ between layouts wait for the final one);
		// decideLayout overwrites it.
		m.template = t
	}
	m.evidenceFor[t] = append(m.evidenceFor[t], what)
}

// deferRow holds a row whose columns depend on the layout until the whole
// document has been read; other rows are placed at once.
func (m *matcher) deferRow(p *pendingRow) bool {
	if m.layoutFinal {
		return false
	}
	spec := Rows[p.row]
	c19, c21 := spec.Cols[Template2019], spec.Cols[Template2021]
	if c19 != nil && c21 != nil && slices.Equal(c19, c21) {
		// Few rows have layout labels: the label is normalised only for those.
		// A row of blank cells is 2021's heading as well as 2019's empty row.
		if t, ok := layoutLabel(spec, p.label); ok && len(trimBlankTail(p.vals, len(c19))) == len(c19) && !allBlank(p.vals) {
			m.evidence(t, fmt.Sprintf("%s with %d values", clip(p.label, 12), len(c19)))
		}
		return false
	}
	// A cut row's count, or one read past a bare bar, says nothing; nor,
	// in text whose blank cells leave no trace (source 0), does a count
	// that fits the layout with fewer columns: a 2019 row that lost its
	// blanks ("行政许可 1268") reads as 2021's. Values cannot be invented,
	// so a count that fits the wider layout still counts.
	if t := widthLayout(spec, p.vals); t != "" && !p.atEnd && p.uncertainAt < 0 && (p.source != 0 || !narrower(spec, t)) {
		m.evidence(t, fmt.Sprintf("%s with %d values", clip(p.label, 12), len(p.vals)))
	}
	m.deferred = append(m.deferred, deferredRow{row: p, at: len(m.values)})
	return true
}

// narrower reports whether layout t gives the row fewer columns than the
// other layout does.
func narrower(spec RowSpec, t string) bool {
	other := Template2019
	if t == Template2019 {
		other = Template2021
	}
	return len(spec.Cols[t]) < len(spec.Cols[other])
}

// layoutLabel returns the layout a row's printed label is evidence of.
func layoutLabel(spec RowSpec, label string) (string, bool) {
	if len(spec.LayoutLabels) == 0 {
		return "", false
	}
	t, ok := spec.LayoutLabels[labelKey(label)]
	if ok && t == Template2021 && groupNumbered(label) {
		// 2021 numbers its 其他 row "3."; "（六）其他" is numbered as a group:
		// 2019's （六）其他处理 cut short, or 2021's group heading, no
		// evidence of either.
		return "", false
	}
	return t, ok
}

// groupNumbered reports whether a label opens with a group's numbering
// (groupNumberRe: "（六）", "(六)", "六、").
func groupNumbered(label string) bool {
	return groupNumberRe.MatchString(strings.TrimSpace(label))
}

// rowSetEvidence notes a printed row label that only one layout has.
func (m *matcher) rowSetEvidence(spec RowSpec, label string) {
	if len(spec.Cols) == 1 && !m.layoutFinal {
		for t := range spec.Cols {
			m.evidence(t, "row "+clip(label, 12))
		}
	}
}

// widthLayout is the layout whose column count alone fits the row's values;
// "" when both or neither fit, when a cell holds several numbers, or when a
// blank cell sits between values (a row that lost its boundary — the next
// row's values after a bar or a dropped label — looks just like that).
func widthLayout(spec RowSpec, vals []cellValue) string {
	blank := false
	for _, v := range vals {
		if v.several || blank && (v.number != nil || v.raw != "") {
			return ""
		}
		blank = blank || v.number == nil && v.raw == "" && !v.glued
	}
	fits := func(cols []string) bool {
		if cols != nil && len(vals) == 1 && vals[0].glued {
			return gluedFits(vals[0].raw, len(cols))
		}
		return cols != nil && len(trimBlankTail(vals, len(cols))) == len(cols)
	}
	f19, f21 := fits(spec.Cols[Template2019]), fits(spec.Cols[Template2021])
	switch {
	case f19 && !f21:
		return Template2019
	case f21 && !f19:
		return Template2021
	}
	return ""
}

// decideLayout weighs the evidence and places the rows that waited for it,
// their values in document order. Anything placed after it (a row the
// document ends in, label-less rows) reads m.template as final.
func (m *matcher) decideLayout() {
	n19, n21 := len(m.evidenceFor[Template2019]), len(m.evidenceFor[Template2021])
	switch {
	case n19 > n21:
		m.template = Template2019
	case n21 > n19:
		m.template = Template2021
	case m.headerLayouts[0] != m.headerLayouts[1]:
		// As much evidence each way: the header's words outweigh a
		// row's count, which a row cut by a page break also gives
		// ("行政事业性收费 35", its "-15" past the page's footer).
		m.template = Template2019
		if m.headerLayouts[1] {
			m.template = Template2021
		}
	default:
		m.template = m.firstEvidence
	}
	if n19 > 0 && n21 > 0 {
		m.warnf("layout evidence conflicts (2019: %s; 2021: %s); read as %s",
			strings.Join(m.evidenceFor[Template2019], ", "), strings.Join(m.evidenceFor[Template2021], ", "), m.layoutName())
	}
	m.layoutFinal = true
	if len(m.deferred) == 0 {
		return
	}
	if m.headerLayouts[0] && m.headerLayouts[1] {
		// Headers of both layouts: whichever the document reads as, the
		// rows whose columns differ between them may stand under the
		// other's header words (本年新制作数量 over 规章 in a 2021 table).
		var rows []string
		for _, d := range m.deferred {
			rows = append(rows, clip(d.row.label, 12))
		}
		m.warnf("the table-二 headers print words of both layouts; rows whose columns differ between them left out: %s", strings.Join(rows, ", "))
		m.deferred = nil
		return
	}
	// The rows are placed after the values read meanwhile, then moved into
	// document order in place: merging into a new slice, as once here,
	// copied every value of the report (a tenth of a plain-text parse's
	// allocation). place reads nothing of m.values, so where it appends
	// does not change what it stores.
	walk := len(m.values)
	for i := range m.deferred {
		m.place(m.deferred[i].row)
		m.deferred[i].end = len(m.values)
	}
	placed := slices.Clone(m.values[walk:]) // the deferred rows' own values: few
	vals, dst, next := m.values, len(m.values), walk
	for i := len(m.deferred) - 1; i >= 0; i-- {
		// From the back: the walk's values after row i, then row i's own.
		at := m.deferred[i].at
		dst -= next - at
		copy(vals[dst:], vals[at:next]) // rightwards: copy is a memmove
		next = at
		from := 0
		if i > 0 {
			from = m.deferred[i-1].end - walk
		}
		dst -= m.deferred[i].end - walk - from
		copy(vals[dst:], placed[from:m.deferred[i].end-walk])
	}
}
