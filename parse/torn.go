package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Torn tables, as PDF-to-text and PDF-to-markdown tools and Word converters
// print reports: page footers ("— 3 —") and running headers inside a
// table, header words and group labels broken across cells ("社会公" /
// "益组织", "（四）无法" / "提供"), and row labels reduced to a fragment
// ("申请人逾期未按收费通知要求缴"). None of these may end the row being read.

// pageFurniture matches page footers and running headers.
var pageFurniture = regexp.MustCompile(`^(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3}|(?i:page)\s*\d{1,3}(?:\s*(?i:of)\s*\d{1,3})?)$`)

// isFurnitureCell reports whether a cell is a page footer or a running
// header (the report's title repeated at the top of a page).
func isFurnitureCell(text string) bool {
	if len(text) > 120 || !furnitureTail(text) || strings.IndexFunc(text, isDigitRune) < 0 && !strings.HasSuffix(text, "报告") {
		return false
	}
	t := foldASCII(trimSpace(text))
	// Every form of pageFurniture ends in a digit, a dash or 页: a cell
	// ending otherwise (most labels) is not run through the pattern.
	if furnitureEnd(t) && pageFurniture.MatchString(t) {
		return true
	}
	return utf8.RuneCountInString(t) <= 40 && (strings.HasSuffix(t, "年度报告") || strings.HasSuffix(t, "工作报告"))
}

// furnitureTail reports whether text, before trimming and folding, ends as
// page furniture can: in what folds to a digit, a dash or 页 (furnitureEnd),
// or in 告 (…年度报告). Most cells are labels that end otherwise, and are
// decided here without a scan of their text (isFurnitureCell runs on every
// cell that is not a value).
func furnitureTail(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text, unicode.IsSpace))
	switch {
	case isDigitRune(r):
		return true
	case r == '-', r == '—', r == '–', r == '－', r == '−', r == '页', r == '告':
		return true
	}
	return false
}

// furnitureEnd reports whether t, folded by foldASCII, ends as a
// pageFurniture match must: in a digit, a dash of [-—–－] (foldASCII has
// made － and − -) or 页.
func furnitureEnd(t string) bool {
	if t == "" {
		return false
	}
	if c := t[len(t)-1]; c >= '0' && c <= '9' || c == '-' {
		return true
	}
	for _, end := range [...]string{"页", "—", "–"} {
		if strings.HasSuffix(t, end) {
			return true
		}
	}
	return false
}

// tableFragments are the header words and group labels of the tables, whose
// pieces a torn table prints in cells of their own: the template's (column
// labels, group labels, layout and run headers) and the headings over the
// columns that no column key stands for.
var tableFragments = func() []string {
	words := append([]string{"信息内容", "申请人情况", "法人或其他组织"}, groupLabels...)
	for _, c := range Columns {
		words = append(words, c.Label)
	}
	for w := range headerWords {
		words = append(words, w)
	}
	for _, s := range Sections {
		words = append(words, s.RunHeaders...)
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = normLabel(w)
	}
	return out
}()

// isTableFragment reports whether a cell is a piece of a header word or a
// group label ("益组织", "（四）无法"): two runes or more of one.
func isTableFragment(text string) bool {
	if len(text) > 64 {
		return false
	}
	k := cellKey(text)
	if utf8.RuneCountInString(k) < 2 {
		return false
	}
	for _, w := range tableFragments {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}

// keepsRow reports whether a non-value cell leaves the row being read open:
// a fragment of the tables' furniture while the row still lacks values, or
// a piece of the row's own label before its first value.
func (m *matcher) keepsRow(text string) bool {
	p := m.pending
	if p == nil {
		return false
	}
	if len(p.vals) == 0 {
		return m.labelContinues(p, text)
	}
	// The layout may not be decided yet: the widest counts.
	if len(p.vals) >= rowWidths[p.row] || p.vals[0].glued {
		return false
	}
	if k := cellKey(text); strings.Contains(k, "二十") || strings.Contains(k, "条第") {
		// A piece of a block's heading ("第二十", "条第（五）项") ends the
		// row as the whole heading does: the next block's values are not
		// this row's.
		return false
	}
	return isTableFragment(text) && classify(text).kind == kindOther
}

// labelContinues reports whether text is the rest of a label printed over
// two cells ("申请人逾期未按收费通知要求缴" / "纳费用、行政机关不再处理…").
func (m *matcher) labelContinues(p *pendingRow, text string) bool {
	if len(text) > maxLabelRunes*4 || classify(text).kind != kindOther {
		return false
	}
	joined := labelKey(p.label + text)
	for _, k := range rowLabelKeys[p.row] {
		if strings.HasPrefix(k, joined) {
			// The rest of a longer label of the row ("部分公开" +
			// "（区分处理的，只计这一情形，不计其他情形）").
			p.label += text
			return true
		}
	}
	if slices.Contains(rowLabelKeys[p.row], labelKey(p.label)) {
		// The label is whole. A cell with a digit after it is a value
		// the number reader could not read ("约1300"): the row ends
		// (step says so). Other text ("件", a note) is set aside: the
		// row's values may follow it, but blank cells after it are
		// no row of blanks (place).
		if digitsIn(text) != noDigits {
			return false
		}
		if p.aside == "" {
			p.aside = text
		}
		return true
	}
	for _, k := range rowLabelKeys[p.row] {
		if strings.HasPrefix(joined, k) {
			p.label += text
			return true
		}
	}
	return false
}

// rowLabelKeys are the template's row labels normalised, by row.
var rowLabelKeys = func() [][]string {
	out := make([][]string, len(Rows))
	for i, r := range Rows {
		for _, l := range r.Labels {
			out[i] = append(out[i], normLabel(l))
		}
	}
	return out
}()

// isLabelStart reports whether a cell is the first part of a template row
// label ("行政规范" of 行政规范性文件): a torn label, not a label of its own.
func isLabelStart(text string) bool {
	k := labelKey(text)
	if utf8.RuneCountInString(k) < 2 {
		return false
	}
	for _, keys := range rowLabelKeys {
		for _, l := range keys {
			if l != k && strings.HasPrefix(l, k) {
				return true
			}
		}
	}
	return false
}

// minFragmentRunes is the shortest label fragment taken for a row: shorter
// pieces ("属于", "申请") begin several labels.
const minFragmentRunes = 6

// tornLabel reads a cell no label matches as a row label reduced to its
// first part, when it begins exactly one row label of the template.
func (m *matcher) tornLabel(text string) label {
	if len(text) > maxLabelRunes*3 || m.section == SectionReview || m.section == "" {
		return label{} // prose, or no table being read
	}
	k := cellKey(text)
	if n := utf8.RuneCountInString(k); n < minFragmentRunes || n > maxLabelRunes {
		return label{}
	}
	found := -1
	for ri, r := range Rows {
		if m.section != "" && r.Section != m.section {
			continue
		}
		for _, l := range rowLabelKeys[ri] {
			if strings.HasPrefix(l, k) {
				if found >= 0 && found != ri {
					return label{}
				}
				found = ri
			}
		}
	}
	if found < 0 {
		return label{}
	}
	return label{kind: kindRow, rows: []int{found}}
}
