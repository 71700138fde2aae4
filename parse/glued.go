package parse

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Some archives keep a report as whitespace-collapsed text: table cells glued
// with no separator at all ("规范性文件898989", "一、本年新收政府信息公开申请数量230 000023",
// NOTES.md A.8). Such a line is cut here into label cells and glued number
// cells before matching; a glued number cell is then split into as many
// values as the row has columns, keeping only the values that every split
// satisfying the row's sum rules (勾稽关系) agrees on.

// gluedMinPairs is how many "label immediately followed by digits" pairs make
// a line a glued table rather than prose that mentions a figure.
const gluedMinPairs = 3

// splitGlued replaces glued table lines, and cells of the form "label 0 0 0",
// with the cells they hold. Other cells pass through.
func splitGlued(cells []Cell) []Cell {
	var out []Cell
	for i, c := range cells {
		parts, ok := gluedParts(c)
		for k := range parts {
			// The parts were printed in the cell: they point at it.
			parts[k].at = c.at
		}
		if ok && c.Open {
			parts[len(parts)-1].Open = true // the document ends in it
		}
		if !ok {
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append(make([]Cell, 0, len(cells)+len(parts)), cells[:i]...)
		}
		out = append(out, parts...)
	}
	if out == nil {
		return cells
	}
	return out
}

// gluedTableBytes is the least a glued table line holds from 第二十条 on.
const gluedTableBytes = 200

// indexDigit is the byte index of the first digit in s, ASCII or full
// width (isDigitRune: an archive may glue "规范性文件８９８９８９"), or -1. A
// byte loop: asked of every cell, most of them digit-less prose scanned to
// the end, where IndexFunc would decode every rune.
func indexDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 || wideDigitAt(s, i) {
			return i
		}
	}
	return -1
}

// wideDigitAt reports whether a full-width digit (U+FF10–U+FF19, UTF-8
// EF BC 90–99) starts at byte i of s.
func wideDigitAt(s string, i int) bool {
	return s[i] == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2]-0x90 < 10
}

// gluedParts cuts one cell if it is a glued table line or a row label
// followed by its numbers.
func gluedParts(c Cell) ([]Cell, bool) {
	text := c.Text
	digit := indexDigit(text)
	if digit < 0 {
		return nil, false
	}
	// "规章 0 0 0": one row label, then one run of numbers. A list number
	// opening the label ("1.属于国家秘密 0 0 …") is part of the label.
	if n := listNumberLen(text); n > 0 {
		if d := indexDigit(text[n:]); d >= 0 {
			digit = n + d
		}
	}
	// "规章 0 0 0", or "三、本年度办理结果   (一)予以公开   0 0 …": a row laid
	// out with runs of spaces (text from a page's layout) that opens with
	// its group's heading, the label being what the last wide gap leaves.
	rowLabel := digit > 0 && digit <= maxLabelRunes*4 && classify(text[:digit]).kind == kindRow
	spaced := !rowLabel && digit > 0 && digit <= maxLabelRunes*8 && strings.Contains(text[:digit], "  ")
	if rowLabel || spaced {
		if runs := splitRuns(text); len(runs) == 2 && !runs[0].number && runs[1].number {
			numbers := Cell{Text: runs[1].text, Row: c.Row, glued: true}
			if rowLabel {
				return []Cell{{Text: runs[0].text, Row: c.Row}, numbers}, true
			}
			head := runs[0].text
			if gap := strings.LastIndex(head, "  "); gap > 0 && classify(head[gap:]).kind == kindRow {
				return []Cell{{Text: strings.TrimSpace(head[:gap]), Row: c.Row}, {Text: strings.TrimSpace(head[gap:]), Row: c.Row}, numbers}, true
			}
		}
	}
	// A long line holding a whole table or report: only the table part
	// (from the first 第二十条 to 五、存在的主要问题) is cut; the prose stays one
	// cell on each side. It takes 200 bytes from 第二十条 on: a shorter
	// cell (most) is not searched for it.
	if len(text) < gluedTableBytes {
		return nil, false
	}
	start := strings.Index(text, "第二十条")
	if start < 0 {
		start = strings.Index(text, "第二十條")
	}
	if start < 0 || len(text)-start < gluedTableBytes {
		return nil, false
	}
	head, text, tail := text[:start], text[start:], ""
	if j := strings.Index(text, "五、存在的主要问题"); j > 0 {
		text, tail = text[:j], text[j:]
	}
	var parts []Cell
	pairs := 0
	runs := splitRuns(text)
	footer := make([]bool, len(runs))
	for i := range runs {
		footer[i] = runs[i].number && gluedFooter(runs, i)
	}
	for i, r := range runs {
		if r.number {
			if !footer[i] {
				parts = append(parts, Cell{Text: r.text, Row: c.Row, glued: true})
			}
			continue
		}
		text := r.text
		if i+1 < len(runs) && footer[i+1] {
			text = strings.TrimRight(strings.TrimSuffix(text, "第"), "—-–－ ")
		}
		if i > 0 && footer[i-1] {
			text = strings.TrimLeft(strings.TrimPrefix(text, "页"), "—-–－ ")
		}
		before, lab := splitLabelSuffix(text)
		markers := embeddedMarkers(before)
		for _, w := range markers {
			parts = append(parts, Cell{Text: w, Row: c.Row})
		}
		if lab == "" && len(markers) == 0 && normLabel(before) != "" && i > 0 {
			// Text no label matches ends the row before it: the numbers
			// around it are not one row's.
			parts = append(parts, Cell{Text: before, Row: c.Row})
		}
		if lab != "" {
			parts = append(parts, Cell{Text: lab, Row: c.Row})
			if i+1 < len(runs) && runs[i+1].number {
				pairs++
			}
		}
	}
	if pairs < gluedMinPairs {
		return nil, false
	}
	if head != "" {
		parts = append([]Cell{{Text: head, Row: c.Row}}, parts...)
	}
	if tail != "" {
		parts = append(parts, Cell{Text: tail, Row: c.Row})
	}
	return parts, true
}

// gluedFooter reports whether number run i of a glued line is a page
// number between its footer's marks ("— 3 —", "第3页"), glued into the table
// where the page broke.
func gluedFooter(runs []run, i int) bool {
	if i == 0 || i+1 >= len(runs) {
		return false
	}
	before, after := runs[i-1].text, runs[i+1].text
	for _, d := range []string{"—", "-", "–", "－"} {
		if strings.HasSuffix(before, d) && strings.HasPrefix(after, d) {
			return true
		}
	}
	return strings.HasSuffix(before, "第") && strings.HasPrefix(after, "页")
}

// listNumberLen returns the length of a list number opening s ("1.", "2、",
// "3．"), or 0.
func listNumberLen(s string) int {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0
	}
	for _, sep := range []string{".", "、", "．"} {
		if strings.HasPrefix(s[i:], sep) {
			return i + len(sep)
		}
	}
	return 0
}

// run is a stretch of a glued line: text, or numbers possibly separated by
// spaces ("230 000023", "2648-18538", "13575394432.52元").
type run struct {
	text   string
	number bool
}

// splitRuns cuts text into alternating text and number runs. A digit followed
// by "." or "、" and a non-digit is list numbering ("2.没有现成信息…"), so it
// starts the next text run instead of ending the number.
func splitRuns(s string) []run {
	var runs []run
	rs := []rune(s)
	start := 0
	isNum := func(i int) bool {
		r := foldRune(rs[i])
		switch {
		case r >= '0' && r <= '9':
			return !isListNumber(rs, i) && !isDateNumber(rs, i)
		case r == '-' || r == '.':
			return i+1 < len(rs) && isDigitRune(rs[i+1]) && (i > 0 && isDigitRune(rs[i-1]) || r == '-')
		case r == ' ':
			return i > 0 && i+1 < len(rs) && isDigitRune(rs[i-1]) && isDigitRune(rs[i+1]) && !isListNumber(rs, i+1)
		case r == '元':
			return i > 0 && isDigitRune(rs[i-1])
		}
		return false
	}
	startNum := false // isNum(start), asked once per run
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && i > start && isNum(i) == startNum {
			continue
		}
		if i > start {
			runs = append(runs, run{text: strings.TrimSpace(string(rs[start:i])), number: startNum})
		}
		start = i
		if i < len(rs) {
			startNum = isNum(i)
		}
	}
	// Drop empty runs left by trimming and merge neighbours they separated.
	var out []run
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].number == r.number {
			out[n-1].text += " " + r.text
			continue
		}
		out = append(out, r)
	}
	return out
}

// isDigitRune reports whether r is an ASCII or full-width digit (what
// foldRune folds to one), tested directly: it runs on every character of
// the cells isFurnitureCell scans.
func isDigitRune(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// isDateNumber reports whether the digit at i belongs to a run followed by
// 年, 月 or 日: a date in text ("2022年" of a running header), not a value.
func isDateNumber(rs []rune, i int) bool {
	j := i
	for j < len(rs) && isDigitRune(rs[j]) {
		j++
	}
	return j < len(rs) && j > i && strings.ContainsRune("年月日", rs[j])
}

// isListNumber reports whether the digit at i numbers a list item: it is
// followed by "." or "、" and then not by a digit.
func isListNumber(rs []rune, i int) bool {
	if i+2 >= len(rs) {
		return false
	}
	next := foldRune(rs[i+1])
	return (next == '.' || next == '、') && !isDigitRune(rs[i+2])
}

// splitLabelSuffix finds the longest template row label the text ends with
// ("…信息内容本年新制作数量本年新公开数量对外公开总数量规章" ends with 规章) and returns the text
// before it and the label's printed form.
func splitLabelSuffix(text string) (before, lab string) {
	// Every suffix is normalised and looked up, so a call costs tens of
	// allocations; the same label runs recur in every glued report, so the
	// answers are remembered (bounded as classify's are).
	if len(text) > maxCachedSuffixText {
		return splitLabelSuffixUncached(text)
	}
	if v, ok := labelSuffixes.Load(text); ok {
		s := v.([2]string)
		return s[0], s[1]
	}
	before, lab = splitLabelSuffixUncached(text)
	if labelSuffixCount.Load() < maxClassified {
		labelSuffixCount.Add(1)
		labelSuffixes.Store(text, [2]string{before, lab})
	}
	return before, lab
}

var (
	labelSuffixes    sync.Map // text → [before, label]
	labelSuffixCount atomic.Int64
)

// maxCachedSuffixText keeps prose-long runs out of the cache (they rarely
// recur, and up to maxClassified of them would hold megabytes).
const maxCachedSuffixText = 1024

func splitLabelSuffixUncached(text string) (before, lab string) {
	rs := []rune(text)
	// A printed label is at most a few dozen runes: only the text's tail is
	// tried, which keeps a long run of prose linear rather than quadratic.
	for i := max(0, len(rs)-2*maxLabelRunes); i < len(rs); i++ {
		if !unicode.Is(unicode.Han, rs[i]) && !strings.ContainsRune("(（0123456789", rs[i]) {
			continue
		}
		if l, ok := labelIndex[labelKey(string(rs[i:]))]; ok && l.kind == kindRow {
			return string(rs[:i]), string(rs[i:])
		}
	}
	return text, ""
}

// markerWords are the labels embeddedMarkers looks for: the table headers
// and section headings of four runes or more, and every review header.
// Listed once rather than picked out of labelIndex for every text (a
// crawl's glued table lines asked it 0.26 s of 12 CPU-s).
var markerWords = func() []string {
	var words []string
	for word, l := range labelIndex {
		if l.kind != kindHeader && l.kind != kindReviewHeader && l.kind != kindSectionHeading {
			continue
		}
		if utf8.RuneCountInString(word) < 4 && l.kind != kindReviewHeader {
			continue
		}
		words = append(words, word)
	}
	sort.Strings(words)
	return words
}()

// embeddedMarkers returns, in order, the section headings, table-二 header
// words and table-四 header words inside a stretch of glued text, as cells:
// they steer the matcher as they would in a table.
func embeddedMarkers(text string) []string {
	k := normLabel(text)
	if k == "" {
		return nil
	}
	type hit struct {
		at   int
		word string
	}
	var hits []hit
	for _, word := range markerWords {
		if at := strings.Index(k, word); at >= 0 {
			hits = append(hits, hit{at, word})
		}
	}
	// Order by position, section headings before the headers they contain.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && (hits[j].at < hits[j-1].at || hits[j].at == hits[j-1].at && len(hits[j].word) > len(hits[j-1].word)); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	words := make([]string, len(hits))
	for i, h := range hits {
		words[i] = h.word
	}
	return words
}

// maxGluedDigits bounds the split search; real glued rows have at most ~40.
const maxGluedDigits = 48

// maxGluedSteps bounds the split search's work. Real glued rows take a few
// hundred steps (table 四's "21317000001324019": 120 splits).
const maxGluedSteps = 200_000

// maxGluedSplits bounds the splits kept for one cell: beyond it nothing in
// the cell is certain and the joint search (solve.go) leaves it alone.
const maxGluedSplits = 10000

// splitGluedNumbers splits a glued number cell into len(cols) values. Spaces
// in the cell are certain boundaries; a number has no leading zero; a minus
// sign may start only a "change" value and a decimal point appear only in an
// amount. rule, when not nil, must hold for a split to count. The result has
// a value for every column all valid splits agree on, and nil elsewhere,
// and the number of valid splits.
func splitGluedNumbers(raw string, cols []string, rule func([]float64) bool) ([]*cellValue, int) {
	splits, ok := gluedSplits(raw, cols, rule)
	if !ok {
		return make([]*cellValue, len(cols)), 0
	}
	return agreedValues(splits, len(cols)), len(splits)
}

// agreedValues returns, per column, the value every split holds, or nil.
func agreedValues(splits [][]cellValue, n int) []*cellValue {
	out := make([]*cellValue, n)
	if len(splits) == 0 {
		return out
	}
	for i := range out {
		v := splits[0][i]
		same := true
		for _, sp := range splits[1:] {
			if sp[i].raw != v.raw {
				same = false
				break
			}
		}
		if same {
			out[i] = &v
		}
	}
	return out
}

// gluedSplits returns every split of a glued number cell over cols that the
// rule (when not nil) accepts. ok is false when the search was cut by its
// bounds (maxGluedDigits, maxGluedSteps, maxGluedSplits): then no split is
// known to be the only one.
func gluedSplits(raw string, cols []string, rule func([]float64) bool) (splits [][]cellValue, ok bool) {
	s := foldASCII(raw)
	if hasZeroWidth(s) {
		s = zeroWidthAsSpace(s) // as readValue reads it: a separator
	}
	unit := ""
	switch {
	case strings.HasSuffix(s, "万元"):
		s, unit = strings.TrimSuffix(s, "万元"), "万元"
	case strings.HasSuffix(s, "元"):
		s, unit = strings.TrimSuffix(s, "元"), "元"
	}
	tokens := strings.Fields(s)
	digits := 0
	for _, t := range tokens {
		digits += len(t)
	}
	if digits > maxGluedDigits || len(tokens) == 0 {
		return nil, false
	}
	var cur []string
	nums := make([]float64, len(cols))
	steps := 0
	var walk func(tok, pos int)
	walk = func(tok, pos int) {
		// Splits that break the rule are only rejected when complete, so
		// the walk is bounded by steps, not by valid splits: 30 digits over
		// table 四's 15 columns are 10^8 candidates.
		if steps++; steps > maxGluedSteps || len(splits) > maxGluedSplits {
			return
		}
		if tok == len(tokens) {
			if len(cur) != len(cols) {
				return
			}
			for i, c := range cur {
				nums[i], _ = strconv.ParseFloat(c, 64)
			}
			if rule != nil && !rule(nums) {
				return
			}
			sp := make([]cellValue, len(cols))
			for i, c := range cur {
				f := nums[i]
				sp[i] = cellValue{raw: c, number: &f}
				if cols[i] == "amount_10k_yuan" {
					sp[i].unit = unit
					sp[i].raw += unit
				}
			}
			splits = append(splits, sp)
			return
		}
		t := tokens[tok]
		if len(cur) == len(cols) {
			return
		}
		col := cols[len(cur)]
		for end := pos + 1; end <= len(t); end++ {
			n := t[pos:end]
			if !validGluedNumber(n, col) {
				continue
			}
			cur = append(cur, n)
			if end == len(t) {
				walk(tok+1, 0)
			} else {
				walk(tok, end)
			}
			cur = cur[:len(cur)-1]
		}
	}
	walk(0, 0)
	if steps > maxGluedSteps || len(splits) > maxGluedSplits {
		return nil, false // not searched through: nothing is certain
	}
	return splits, true
}

// validGluedNumber reports whether n can be one printed value of column col.
func validGluedNumber(n, col string) bool {
	body := n
	if strings.HasPrefix(body, "-") {
		if col != "change" {
			return false
		}
		body = body[1:]
	}
	if body == "" || strings.Contains(body, "-") {
		return false
	}
	if strings.Contains(body, ".") {
		if col != "amount_10k_yuan" || strings.Count(body, ".") > 1 || body[0] == '.' || body[len(body)-1] == '.' {
			return false
		}
	}
	return body == "0" || body[0] != '0' || strings.HasPrefix(body, "0.")
}
