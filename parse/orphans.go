package parse

import (
	"slices"
	"strings"
)

// Value rows with no label. PDF and Word converters lose row labels: a row's
// values then stand after the previous row's, or on a source row of their
// own. The template fixes the order of the rows and their widths, so such a
// row can only be one of the rows between the labelled rows around it that
// hold nothing yet; the 勾稽 rules of table 三 (each column's outcomes sum
// to （七）总计; 新收 + 上年结转 = 总计 + 结转下年度; each row's six applicant
// columns sum to its total) tie the choice down. A placement is accepted
// only when the rules hold for it and every cell it stores is the same in
// every placement the rules allow; otherwise the row is left out with a
// warning that names the rows it could be.

// orphanRun is a run of values with no row label.
type orphanRun struct {
	section string
	after   int // the labelled row before it (index into Rows), -1 if none
	before  int // the labelled row after it; -1 until seen, len(Rows) at the end
	source  int // the cells' Row; 0 when the source has no row boundaries
	vals    []cellValue
	// used: the run completed a short row (joinLoose).
	used bool
	// headed: a heading or header stands between the labelled row before
	// and the run, which may then open a block printed out of order
	// (table 二's items move, issue 10 class 7).
	headed bool
	// spilled: the table-二 row whose extra values the run is (spill).
	spilled *spilledRow
}

// spilledRow is a labelled row of table 二 that had twice its values: its
// own are the first half only if the rest is a row whose label was lost,
// which only the run's placement confirms. Otherwise the extra values may
// be anything, a page number of text from a PDF among them ("行政许可 /
// 2 / 45"), and which are the row's own is unknown.
type spilledRow struct {
	spec  RowSpec
	cols  []string
	label string
}

// maxPlacements bounds the placements of label-less rows tried per report.
const maxPlacements = 1 << 14

// addOrphan files a value that no label or table 四 claims as part of a
// label-less run, and reports whether it did. Values after text no label
// matches are a row the template does not know ("其他主动公开文件"), not a
// lost label: table 二, which has no rule to check a placement by, leaves
// them to warnOrphans.
func (m *matcher) addOrphan(c Cell, v cellValue) bool {
	if v.glued || m.section != SectionProactive && m.section != SectionRequests {
		return false
	}
	if o := m.run; o != nil && o.section == m.section && (o.source == 0 || o.source == c.Row) {
		o.vals = append(o.vals, v)
		return true
	}
	if v.number == nil && v.raw == "" {
		return true // a run does not open with a blank: a row's empty label cell, or span filler
	}
	if m.afterUnknown && m.section == SectionProactive {
		return false
	}
	m.run = &orphanRun{section: m.section, after: m.lastRow, before: -1, source: c.Row, vals: []cellValue{v}, headed: m.headedSinceRow}
	m.runs = append(m.runs, m.run)
	return true
}

// noteLabel records a labelled row: the row after every run still open.
func (m *matcher) noteLabel(ri int) {
	m.run, m.headedSinceRow = nil, false
	if m.lastRow >= 0 && Rows[m.lastRow].Section != Rows[ri].Section {
		m.closeOrphans(len(Rows))
	}
	m.closeOrphans(ri)
	m.lastRow = ri
}

func (m *matcher) closeOrphans(before int) {
	for _, o := range m.runs[m.runsClosed:] {
		o.before = before
	}
	m.runsClosed = len(m.runs)
}

// inOrder reports whether a label may stand for row ri where it is printed.
// A common word ("总计", "其他") is its row only where the template prints
// it: with its own list number ("（七）总计", "3.其他", "（六）其他处理"; "2.其他"
// is 2.其他法律行政法规禁止公开 cut short), or, bare, after another row of
// its table, close to the row before it: a table never opens with it, and
// before any row it is the column header of the same name, whose "values"
// would be a first row that lost its label.
func (m *matcher) inOrder(ri int, text string) bool {
	if !Rows[ri].Common {
		return true
	}
	k, full := labelKey(text), normLabel(text)
	if k != full {
		return slices.Contains(commonNumbers[Rows[ri].Key], strings.TrimSuffix(full, k))
	}
	if colLabelKeys[k] == "" {
		return true // an unnumbered label no column shares ("其他处理")
	}
	if m.lastRow < 0 || Rows[m.lastRow].Section != Rows[ri].Section || m.lastRow >= ri {
		return false
	}
	between := 0 // rows of the layout skipped since the last labelled row
	for r := m.lastRow + 1; r < ri; r++ {
		if m.template == "" || Rows[r].Cols[m.template] != nil {
			between++
		}
	}
	return between <= maxTornBetween
}

// maxTornBetween is how many template rows a bare common word may follow
// the last labelled row by (rows whose labels a torn table lost): further
// off it is the tail of another label ("…不计其他情形" cut to "…不计其他").
const maxTornBetween = 2

// commonNumbers are the list numbers the national tables print common-word
// rows with (normalised: "（七）" is "七").
var commonNumbers = map[string][]string{
	"other":         {"3", "六"}, // 2021 "3.其他" under （六）; 2019 "（六）其他处理"
	"handled_total": {"七"},
}

// colLabelKeys maps the template's column labels, normalised, to their keys.
var colLabelKeys = func() map[string]string {
	out := map[string]string{}
	for _, c := range Columns {
		out[normLabel(c.Label)] = c.Key
	}
	return out
}()

// spill splits a labelled row that has whole rows of values after its own
// (a lost label): its own values are the first len(cols), which table 三's
// row-total rule must confirm for every row of the run; the rest become a
// label-less run after it.
func (m *matcher) spill(spec RowSpec, row int, label string, cols []string, vals []cellValue) ([]cellValue, bool) {
	n := len(cols)
	if len(vals)%n != 0 {
		return nil, false
	}
	switch spec.Section {
	case SectionRequests:
		for i := 0; i < len(vals); i += n {
			if !rowTotalHolds(vals[i : i+n]) {
				return nil, false
			}
		}
	case SectionProactive:
		if len(vals) != 2*n {
			return nil, false
		}
	default:
		return nil, false
	}
	o := &orphanRun{section: spec.Section, after: row, before: -1, vals: vals[n:]}
	if spec.Section == SectionProactive {
		o.spilled = &spilledRow{spec, cols, label}
	}
	m.runs = append(m.runs, o)
	return vals[:n], true
}

// rowEndsAtBar handles a row read across an uncertain blank (a bare bar in
// cell-then-bar text, an empty cell or the row's end): when the values
// before it already fill the row, the bar is the row's end and what follows
// is a row whose label was lost; when values follow it otherwise, the two
// readings place them differently and the row is left out. It reports
// whether it finished the row.
func (m *matcher) rowEndsAtBar(p *pendingRow, spec RowSpec, cols []string) bool {
	u := p.uncertainAt
	if u < 0 || u >= len(p.vals) || p.atEnd || u == 0 && !allBlank(p.vals) {
		return false // at the end, cutRow reads only the values before it
	}
	if len(cols) != u {
		if u < len(cols) && allBlank(p.vals[u:]) && !slices.ContainsFunc(p.vals[:u], func(v cellValue) bool { return v.several || v.glued }) {
			// Only a table without rules marks blanks no number closes
			// (layoutCell.uncertain): there they may be blanks or cells
			// whose numbers were printed off the row's line, so the
			// printed values are kept and the cells after them are not.
			if u == 0 {
				m.warnf("%s row %q: no number under its columns in a table without rules, whose numbers may be printed off their line; left out", spec.Section, p.label)
				return true
			}
			m.warnf("%s row %q: no number after %s in a table without rules, whose numbers may be printed off their line; its last %d cells left out", spec.Section, p.label, rawList(p.vals[:u]), len(cols)-u)
			m.storeRow(spec, cols, p.vals[:u])
			return true
		}
		if len(trimBlankTail(p.vals, len(cols))) > u {
			m.warnf("%s row %q: a bare bar after %s may be an empty cell or the row's end; left out", spec.Section, p.label, rawList(p.vals[:u]))
			return true
		}
		return false // the bar ends the row's values: trailing blanks
	}
	m.storeRow(spec, cols, p.vals[:u])
	rest := p.vals[u:]
	for len(rest) > 0 && rest[0].number == nil && rest[0].raw == "" {
		rest = rest[1:]
	}
	if len(rest) > 0 {
		m.runs = append(m.runs, &orphanRun{section: spec.Section, after: p.row, before: -1, vals: rest})
	}
	return true
}

// rowTotalHolds reports whether a table-三 row's six applicant columns sum to
// its total, every cell a number.
func rowTotalHolds(vals []cellValue) bool {
	nums := make([]float64, len(vals))
	for i, v := range vals {
		if v.number == nil {
			return false
		}
		nums[i] = *v.number
	}
	return len(nums) == len(requestCols) && requestRowTotal(nums)
}

// shortRow is a table-三 row whose source row ended short of its width.
type shortRow struct {
	p    *pendingRow
	cols []string
	vals []cellValue
}

// joinLoose completes short table-三 rows with the label-less run right
// after them when the run holds exactly the missing cells (a converter
// pulled a row's last cells onto a line of their own) and the row's total
// then holds; other short rows are left out with a warning.
func (m *matcher) joinLoose() {
	for _, sr := range m.shortRows {
		spec, cols := Rows[sr.p.row], sr.cols
		joined := false
		for _, o := range m.runs {
			if o.after != sr.p.row || o.headed || o.used || len(sr.vals)+len(o.vals) != len(cols) {
				continue
			}
			vals := append(append([]cellValue(nil), sr.vals...), o.vals...)
			if rowTotalHolds(vals) {
				m.storeRow(spec, cols, vals)
				o.used, joined = true, true
			}
			break
		}
		if !joined {
			m.warnf("%s row %q has %d values where the %s layout has %d columns; left out", spec.Section, sr.p.label, len(sr.vals), m.layoutName(), len(cols))
		}
	}
	m.shortRows = nil
}

// placeOrphans places the label-less runs.
func (m *matcher) placeOrphans() {
	m.closeOrphans(len(Rows))
	m.joinLoose()
	if m.template == "" || len(m.runs) == 0 {
		return
	}
	var requests []*orphanRun
	gaps := map[[2]int][]*orphanRun{} // table 二's runs by the gap they sit in
	var order [][2]int
	for _, o := range m.runs {
		switch o.section {
		case SectionProactive:
			g := [2]int{o.after, o.before}
			if gaps[g] == nil {
				order = append(order, g)
			}
			gaps[g] = append(gaps[g], o)
		case SectionRequests:
			if !o.used {
				requests = append(requests, o)
			}
		}
	}
	for _, g := range order {
		m.placeProactive(gaps[g])
	}
	m.placeRequests(requests)
}

// emptyRows returns the rows of a section strictly between two rows that
// the layout has and that hold no value yet.
func (m *matcher) emptyRows(section string, after, before int) []int {
	var out []int
	for ri := after + 1; ri <= before && ri < len(Rows); ri++ {
		r := Rows[ri]
		cols := r.Cols[m.template]
		if r.Section != section || cols == nil {
			continue
		}
		empty := true
		for _, c := range cols {
			if m.stored(section, r.Key, c) {
				empty = false
			}
		}
		if empty {
			out = append(out, ri)
		}
	}
	return out
}

// placeProactive places the label-less runs of table 二 that sit between
// the same two labelled rows. Table 二 has no sum rule: they are placed only
// where they fill the gap between their complete labelled neighbours
// exactly, with no blank (which may be a row's end) among them.
func (m *matcher) placeProactive(runs []*orphanRun) {
	o := runs[0]
	var vals []cellValue
	headed := false
	for _, r := range runs {
		vals = append(vals, r.vals...)
		headed = headed || r.headed
	}
	if o.after < 0 || o.before >= len(Rows) || Rows[o.before].Section != SectionProactive || !m.rowComplete(o.after) {
		// A run after a row left incomplete is likelier its missing cells,
		// pulled onto a line of their own, than a row of its own.
		m.warnf("proactive: %d values with no row label (%s) and no complete labelled rows on both sides; left out", len(vals), rawList(vals))
		m.withdrawSpilled(runs)
		return
	}
	gap := m.emptyRows(SectionProactive, o.after, o.before)
	width := 0
	for _, ri := range gap {
		width += len(Rows[ri].Cols[m.template])
	}
	if width != len(vals) || len(gap) == 0 || anyBlank(vals) || headed {
		m.warnf("proactive: %d values with no row label (%s) between %s and %s, where the empty rows hold %d; left out", len(vals), rawList(vals), Rows[o.after].Key, Rows[o.before].Key, width)
		m.withdrawSpilled(runs)
		return
	}
	for _, ri := range gap {
		cols := Rows[ri].Cols[m.template]
		m.storeRow(Rows[ri], cols, vals[:len(cols)])
		vals = vals[len(cols):]
	}
}

// withdrawSpilled leaves out the rows whose extra values were runs that
// found no row (spilledRow): which of their values are their own is not
// known.
func (m *matcher) withdrawSpilled(runs []*orphanRun) {
	for _, o := range runs {
		if s := o.spilled; s != nil {
			m.unstore(s.spec.Section, s.spec.Key, s.cols)
			m.warnf("%s row %q has %d values where the %s layout has %d columns, and the rest is no row; left out", s.spec.Section, s.label, len(s.cols)+len(o.vals), m.layoutName(), len(s.cols))
		}
	}
}

// rowComplete reports whether every cell of a row is stored.
func (m *matcher) rowComplete(ri int) bool {
	r := Rows[ri]
	for _, c := range r.Cols[m.template] {
		if !m.stored(r.Section, r.Key, c) {
			return false
		}
	}
	return true
}

// orphanRow is one label-less row of table 三 and the rows it may be.
type orphanRow struct {
	vals  []cellValue
	slots []int // candidate rows, in template order
	run   int   // index of its run: rows of one run take increasing slots
}

// placeRequests places table 三's label-less rows jointly.
func (m *matcher) placeRequests(runs []*orphanRun) {
	n := len(requestCols)
	var rows []orphanRow
	for ri, o := range runs {
		if len(o.vals)%n != 0 {
			m.warnf("requests: %d values with no row label (%s) are not whole rows of %d; left out", len(o.vals), rawList(o.vals), n)
			continue
		}
		slots := m.emptyRows(SectionRequests, o.after, o.before)
		for i := 0; i < len(o.vals); i += n {
			vals := o.vals[i : i+n]
			if !rowTotalHolds(vals) {
				m.warnf("requests: a row with no label (%s) breaks its row total; left out", rawList(vals))
				continue
			}
			rows = append(rows, orphanRow{vals: vals, slots: slots, run: ri})
		}
	}
	if len(rows) == 0 {
		return
	}
	rules := columnSums(m.template)
	known := map[term]cellValue{}
	for _, v := range m.values {
		if v.Section == SectionRequests {
			known[term{v.Section, v.Row, v.Col}] = cellValue{raw: v.Raw, number: v.Number}
		}
	}
	// agreed holds, per row and column, the value every valid placement
	// stores there; a row missing from a valid placement is not agreed.
	type cell struct{ row, col int }
	agreed := map[cell]*cellValue{}
	filled := map[int]int{} // row → valid placements that fill it
	valid, tried, unverified := 0, 0, 0
	choice := make([]int, len(rows)) // slot row per orphan row
	var walk func(i int)
	walk = func(i int) {
		if tried > maxPlacements {
			return
		}
		if i == len(rows) {
			tried++
			holds, verified := placementHolds(rules, known, rows, choice)
			if !holds {
				return
			}
			valid++
			if !verified {
				unverified++
			}
			for k, ri := range choice {
				filled[ri]++
				for c := range rows[k].vals {
					key := cell{ri, c}
					v := rows[k].vals[c]
					if valid == 1 {
						agreed[key] = &v
					} else if a, ok := agreed[key]; !ok || a == nil || a.raw != v.raw {
						agreed[key] = nil
					}
				}
			}
			return
		}
		for _, s := range rows[i].slots {
			if i > 0 && s <= choice[i-1] {
				continue // the document prints rows in template order
			}
			choice[i] = s
			walk(i + 1)
		}
	}
	walk(0)
	var slotNames []string
	for _, r := range rows {
		for _, s := range r.slots {
			if !slices.Contains(slotNames, Rows[s].Key) {
				slotNames = append(slotNames, Rows[s].Key)
			}
		}
	}
	switch {
	case tried > maxPlacements:
		m.warnf("requests: %d rows with no label: too many placements to try; left out", len(rows))
		return
	case valid == 0:
		m.warnf("requests: %d rows with no label (%s) fit no placement among %s by the sum rules; left out", len(rows), rawList(rows[0].vals), strings.Join(slotNames, ", "))
		return
	case unverified > 0:
		m.warnf("requests: %d rows with no label (%s) could be %s: %d placements, which the sum rules cannot check (rows missing); left out", len(rows), rawList(rows[0].vals), strings.Join(slotNames, " or "), valid)
		return
	}
	stored := 0
	for key, v := range agreed {
		if v != nil && filled[key.row] == valid {
			stored++
		}
	}
	// Store in template order, so the report lists values as printed.
	for ri := range Rows {
		if filled[ri] != valid {
			continue
		}
		for c, col := range requestCols {
			if v := agreed[cell{ri, c}]; v != nil {
				m.store(SectionRequests, Rows[ri].Key, col, *v)
			}
		}
	}
	if valid > 1 && stored < len(rows)*n {
		m.warnf("requests: %d rows with no label fit %d placements among %s by the sum rules; the cells they disagree on are left out", len(rows), valid, strings.Join(slotNames, ", "))
	}
}

// placementHolds checks one placement: every rule whose cells are all known
// holds in every column (holds), and every placed row takes part in such a
// rule (verified).
func placementHolds(rules []columnSum, known map[term]cellValue, rows []orphanRow, choice []int) (holds, verified bool) {
	placed := map[string]int{}
	for k, ri := range choice {
		placed[Rows[ri].Key] = k
	}
	checked := map[string]bool{}
	for _, rule := range rules {
		for c, col := range requestCols {
			var side [2]float64
			ok := true
			for s, keys := range [2][]string{rule.total, rule.parts} {
				for _, key := range keys {
					if k, isPlaced := placed[key]; isPlaced {
						side[s] += *rows[k].vals[c].number
						continue
					}
					v, found := known[term{SectionRequests, key, col}]
					if !found || v.number == nil {
						ok = false
					} else {
						side[s] += *v.number
					}
				}
			}
			if !ok {
				break // this rule cannot be evaluated (a row is missing)
			}
			if side[0] != side[1] {
				return false, false
			}
			if c == len(requestCols)-1 {
				for _, key := range append(rule.total, rule.parts...) {
					checked[key] = true
				}
			}
		}
	}
	for key := range placed {
		if !checked[key] {
			return true, false // no rule confirms this row's place
		}
	}
	return true, true
}

// rawList writes values as printed, for warnings.
func rawList(vals []cellValue) string {
	raws := make([]string, len(vals))
	for i, v := range vals {
		raws[i] = v.raw
		if raws[i] == "" {
			raws[i] = `""`
		}
	}
	return strings.Join(raws, " ")
}
