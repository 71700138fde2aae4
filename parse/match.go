package parse

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// The matcher walks a report's cells against the template. It knows nothing
// of HTML or text: a reader has already turned the input into cells, with row
// boundaries where the source had them. Rows without boundaries are rebuilt
// from the template: a label is followed by as many values as its layout has
// columns. Where the count does not fit, the row is left out with a warning
// rather than shifting values into the wrong cells.

// labelKind says what a non-value cell is to the matcher.
type labelKind int

const (
	kindOther          labelKind = iota // prose, header text, chrome
	kindRow                             // a template row label
	kindGroup                           // a heading over several rows
	kindHeader                          // a table-二 column header (decides the layout)
	kindReviewHeader                    // a table-四 header: its values follow
	kindSectionHeading                  // 二、… 三、… 四、… 五、…
)

// label is a classified cell.
type label struct {
	kind     labelKind
	rows     []int  // indexes into Rows, for kindRow
	template string // for kindHeader
	section  string // for kindSectionHeading; "" ends the statistics
}

// labelIndex maps a normalised label to what it is; fuzzyLabels holds the
// same labels as runes, by length, for the one-edit typo match.
var labelIndex, fuzzyLabels = buildLabelIndex()

func buildLabelIndex() (map[string]label, map[int][]fuzzyLabel) {
	idx := map[string]label{}
	for i, r := range Rows {
		if readAsRun(r.Section) {
			continue // placed by position, not by label
		}
		for _, l := range r.Labels {
			k := normLabel(l)
			e := idx[k]
			e.kind = kindRow
			e.rows = append(e.rows, i)
			idx[k] = e
		}
	}
	for _, g := range groupLabels {
		if _, taken := idx[normLabel(g)]; !taken {
			idx[normLabel(g)] = label{kind: kindGroup}
		}
	}
	for w, t := range headerWords {
		idx[normLabel(w)] = label{kind: kindHeader, template: t}
	}
	for _, s := range Sections {
		for _, w := range s.RunHeaders {
			idx[normLabel(w)] = label{kind: kindReviewHeader}
		}
	}
	for _, s := range Sections {
		for _, h := range s.Headings {
			idx[normLabel(h)] = label{kind: kindSectionHeading, section: s.Key}
		}
	}
	for _, h := range endHeadings {
		idx[normLabel(h)] = label{kind: kindSectionHeading}
	}
	fuzzy := map[int][]fuzzyLabel{}
	for k, l := range idx {
		rs := []rune(k)
		// Truncated headers are listed as they are; typo matching them
		// misfires, and short labels are too close to each other.
		if l.kind == kindHeader || len(rs) < 5 {
			continue
		}
		fuzzy[len(rs)] = append(fuzzy[len(rs)], fuzzyLabel{rs, l})
	}
	return idx, fuzzy
}

// fuzzyLabel is a label's runes, for edit-distance comparison.
type fuzzyLabel struct {
	runes []rune
	label label
}

// numberingRunes open labels as list numbers: "三、", "(一)", "1.".
const numberingRunes = "0123456789一二三四五六七八九十"

// labelKey normalises a cell for lookup and strips its list numbering.
func labelKey(text string) string {
	k := normLabel(stripGlosses(text))
	rest := strings.TrimLeft(k, numberingRunes)
	if rest == "" {
		return k
	}
	return rest
}

// stripGlosses drops the pinyin glosses mirror sites insert after
// characters, "行政事業(yè)性收費" (NOTES D.25): a bracketed run of Latin letters.
func stripGlosses(s string) string {
	if !hasAnyRune(s, "(（") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '(' || rs[i] == '（' {
			j := i + 1
			for j < len(rs) && j-i <= 8 && unicode.Is(unicode.Latin, rs[j]) {
				j++
			}
			if j > i+1 && j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
				i = j
				continue
			}
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// maxLabelRunes bounds the cells worth comparing with labels: longer cells
// are prose.
const maxLabelRunes = 48

// classify says what a non-value cell is. Labels are matched exactly after
// normalisation, then with one edit of tolerance for typos such as
// "行政法复议" (NOTES.md B.13).
func classify(text string) label {
	if len(text) > maxLabelRunes*4 {
		return classifyHead(text)
	}
	return classOf(text).label
}

// cellKey returns labelKey(text), remembered with the cell's label for cells
// short enough to be one: the torn-label and fragment tests ask for the key
// of the cells classify has just looked up.
func cellKey(text string) string {
	if len(text) > maxLabelRunes*4 {
		return labelKey(text)
	}
	return classOf(text).key
}

// cellClass is what is remembered of a cell text: its label and its key.
type cellClass struct {
	label label
	key   string // labelKey of the text
}

// classOf looks a cell text up in the cache, classifying it on a miss.
func classOf(text string) cellClass {
	if c, ok := classified.Load(text); ok {
		return c.(cellClass)
	}
	if classifiedCount.Load() >= maxClassified {
		return classifyUncached(text)
	}
	classifiedCount.Add(1)
	// A cell's text is a substring of its document: the key is a copy,
	// and the label key is read from the copy, or the cache would keep
	// whole documents alive.
	text = strings.Clone(text)
	c := classifyUncached(text)
	classified.Store(text, c)
	return c
}

// Cells repeat across reports (every table prints 信息内容, 规章, 总计 …), so
// classifications are remembered, up to maxClassified distinct cell texts:
// the cache stays bounded however many documents a crawl parses.
var (
	classified      sync.Map // cell text → cellClass
	classifiedCount atomic.Int64
)

const maxClassified = 1 << 16

func classifyUncached(text string) cellClass {
	k := labelKey(text)
	if l, ok := labelIndex[k]; ok {
		return cellClass{l, k}
	}
	if l := classifyHead(text); l.kind != kindOther {
		return cellClass{l, k}
	}
	n := utf8.RuneCountInString(k)
	if n < 5 || n > maxLabelRunes {
		return cellClass{key: k}
	}
	rs := []rune(k)
	for _, size := range [3]int{n, n - 1, n + 1} {
		for _, f := range fuzzyLabels[size] {
			if withinOneEdit(rs, f.runes) {
				return cellClass{f.label, k}
			}
		}
	}
	return cellClass{key: k}
}

// classifyHead matches a label printed with a bracketed qualifier or filling
// instruction after it, "规章(制度)", "规范性文件(指本机关…的公文)": the head
// before the closing bracketed groups (up to two) decides. A bracket left
// open ("规范性文件(指本机关…", the instruction running on into the next
// cells) is cut off the same way. Only row labels and table-二 headers are
// matched so; a cell whose head is no label stays unknown (an extra row such
// as "其他主动公开文件(…)").
func classifyHead(text string) label {
	text = trimSpace(text)
	if head, ok := unclosedBracket(text); ok {
		text = head
		if l := headLabel(text); l.kind != kindOther {
			return l
		}
	}
	for range 2 {
		head, ok := bracketedTail(text)
		if !ok {
			break
		}
		if l := headLabel(head); l.kind != kindOther {
			return l
		}
		text = trimSpace(head)
	}
	return label{}
}

// headLabel looks a label's head up: row labels and table-二 headers only.
func headLabel(head string) label {
	if longerThanLabels(head) {
		return label{} // the head of a paragraph: no need to normalise it all
	}
	l, found := labelIndex[labelKey(head)]
	if !found || l.kind != kindRow && l.kind != kindHeader {
		return label{}
	}
	return l
}

// maxLabelHan is the most ideographs other than numerals the key of a label
// holds.
var maxLabelHan = func() int {
	most := 0
	for k := range labelIndex {
		most = max(most, hanCount(k, -1))
	}
	return most
}()

// hanCount counts the runes of s that fold to an ideograph other than a
// list numeral (numberingRunes), stopping once it passes limit (≥ 0).
func hanCount(s string, limit int) int {
	n := 0
	for _, r := range s {
		if f := foldRune(r); f >= cjkFirst && f <= cjkLast && !strings.ContainsRune(numberingRunes, f) {
			n++
			if limit >= 0 && n > limit {
				break
			}
		}
	}
	return n
}

// longerThanLabels reports whether labelKey(s) holds more ideographs than
// any label, so that labelIndex cannot have it. Neither normLabel (which
// keeps every folded ideograph), nor stripGlosses (Latin letters only), nor
// the trimmed list numbering takes one of those counted away; only the
// first maxLabelHan+1 of them are read.
func longerThanLabels(s string) bool {
	return len(s) > maxLabelHan && hanCount(s, maxLabelHan) > maxLabelHan
}

// bracketedTail splits "head(…)" into its head when the text ends with a
// bracketed group that opens after a non-empty head.
func bracketedTail(text string) (head string, ok bool) {
	if !strings.HasSuffix(text, ")") && !strings.HasSuffix(text, "）") {
		return "", false
	}
	open := strings.LastIndexAny(text, "(（")
	if open <= 0 {
		return "", false
	}
	return text[:open], true
}

// unclosedBracket splits "head(…" into its head when the last bracket
// opened after a non-empty head is never closed.
func unclosedBracket(text string) (head string, ok bool) {
	open := lastAnyRune(text, "(（")
	if open <= 0 || hasAnyRune(text[open:], ")）") {
		return "", false
	}
	return text[:open], true
}

// withinOneEdit reports whether a and b differ by at most one inserted,
// deleted or replaced rune, for labels of five runes or more.
func withinOneEdit(ra, rb []rune) bool {
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if i == len(rb) {
		return true
	}
	if len(ra) == len(rb) {
		return slices.Equal(ra[i+1:], rb[i+1:])
	}
	return slices.Equal(ra[i+1:], rb[i:])
}

// matched is the matcher's result.
type matched struct {
	template string
	values   []Value
	warnings []string
}

// matcher holds the walk's state.
type matcher struct {
	section string
	// template is the first layout evidence seen, provisional until
	// decideLayout weighs all of it.
	template string
	values   []Value
	// seen marks the keys stored, by slot (slotOf, checks.go): a few
	// hundred bools, where a map[term]bool sized for a report was a fifth
	// of a plain-text parse's allocation.
	seen []bool
	// twice marks, by slot, the keys read twice with different values,
	// whose values are left out (store); nil until one is.
	twice     []bool
	twiceRead []readTwice // what twice marks, for the warnings
	// spaced: whether the text prints rows' numbers apart ("规章 1 2 5"), so
	// that a run of digits without a space is one number, not glued ones;
	// 0 until asked (numbersApart), then 1 no, 2 yes.
	spaced int8
	// blankRows: rows of blank cells stored as they were read (place), which
	// a decided layout may show to be a group heading (dropHeadingBlanks) and
	// unlabelled numbers in their table may show to be unsure (storeBlanks).
	blankRows []blankRow
	// layoutRows: rows of numbers stored under a label only one layout
	// prints as that row (dropOtherLayoutRows).
	layoutRows []layoutRow
	// again marks, by slot, the keys two rows read alike (storeAgain).
	again []bool
	// headerLayouts: a header word only 2019 [0], only 2021 [1] prints was seen.
	headerLayouts [2]bool
	slots         slotFinder
	warnings      []string
	amountUnit    string // unit printed in the 采购总金额 header, if any
	feeUnit       string // unit printed in the 本年收费金额 header, if any
	labelUnit     string // unit printed in the label of the row being placed (place)
	feeLine       string // unit a line of table 二 states for the fees (noteUnitLine)
	amountLine    string // unit a line of table 二 states for the 采购 amount
	// headerRow: the source row (Cell.Row) of the last table-二 header word
	// (0: unknown); rowCells counts each source row's cells (rowWidth),
	// once a row's span asks for it.
	headerRow int
	rowCells  map[int]int
	// tablesEnded: a heading of the parts after the tables (五、…) came
	// after values were read.
	tablesEnded bool
	// year is the report's year as its identity reads it (0: unknown):
	// another year's title after values opens another report
	// (otherReportTitle).
	year int
	// beforeTable: the first of table 二's own heading, item or header
	// words (opensTable2) is still to come. A table-二 row label read
	// before it is a page's menu ("行政许可" then its count "56"), not the
	// table; a text of rows alone, with none of them, is read as it is.
	beforeTable bool

	pending *pendingRow
	alloc   *pendingAlloc // where pending rows and their values come from
	review  *pendingRow   // table 四: armed by its header, filled by 15 values

	cells   []Cell       // the document's cells, for the figures its prose states
	lastRow int          // the last labelled row (index into Rows), -1 before any
	run     *orphanRun   // the label-less run being read (orphans.go)
	runs    []*orphanRun // every label-less run
	// runsClosed counts the runs whose next labelled row is known.
	runsClosed int
	glued      []gluedRow  // table-三 rows glued with more than one split (solve.go)
	prose      *proseFacts // read from cells on first need
	// afterUnknown: the last non-value cell is text no label matched (a
	// row the template does not know, "其他主动公开文件").
	afterUnknown bool
	// shortRows: table-三 rows printed short on their source row.
	shortRows []shortRow
	// reviewTitle: the table-四 rows the last piece title named (pieces.go).
	reviewTitle []string
	// reviewGroup: the first row of the group the last title named, and
	// the title as printed.
	reviewGroup, reviewGroupText string
	// headedSinceRow: a non-value cell other than a row label came after
	// the last labelled row (orphans.go).
	headedSinceRow bool
	// after is the last non-value cell; orphans are the values since it
	// that no row took (warnOrphans names them).
	after   string
	orphans []string

	// The layout's evidence and the rows waiting for it (layout_evidence.go).
	evidenceFor   map[string][]string
	firstEvidence string
	deferred      []deferredRow
	layoutFinal   bool

	// header follows the columns' header words (columnorder.go).
	header headerOrder

	// Blank and split rows (split_rows.go).
	splitParent *pendingRow
	blanks      []blankRow
	lastBlank   *pendingRow
}

// pendingRow is a row label waiting for its values.
type pendingRow struct {
	row    int // index into Rows; -1 for table 四
	source int // the cells' Row; 0 when the source has no row boundaries
	// again: table 四's run read after the table was (a second reading).
	again bool
	label string
	vals  []cellValue
	// open: the last value is the document's last cell, not closed by
	// anything, so it may be cut (Cell.Open).
	open bool
	// atEnd: the row the document ends in (cut.go).
	atEnd bool
	// lineOpen: the document ends on the row's line with no line break.
	lineOpen bool
	// spanned: the row was printed with span filler (Cell.spanned).
	spanned bool
	// wide is the first value cell printed across columns (Cell.wide), ""
	// when none is; underSpan: a number above reaches into the row
	// (Cell.underSpan). Either may put the row's places in doubt
	// (spanDoubt).
	wide      string
	underSpan bool
	// headerRow is the matcher's headerRow when the row's label was
	// read: the cells of the header row over it.
	headerRow int
	// several is the last cell of several numbers read into table 四's
	// run, "" when none was.
	several string
	// aside: text printed after the whole label, before any value
	// ("件", a note; labelContinues).
	aside string
	// uncertainAt indexes the first value from an uncertain blank cell
	// (Cell.uncertain); -1 when none.
	uncertainAt int
	subs        []subRow // the row printed split into sub-rows (split_rows.go)
	// continues counts the cells an instruction left open in the label
	// ("规范性文件(指本机关…") may still run on into (maxContinuation).
	continues int
	// looseAfter: values with no row came right after this blank row;
	// blankConfirmed: a template label came next, so the row ended blank.
	looseAfter, blankConfirmed bool
}

// noteSpan notes a value cell printed across columns, or in a row that a
// number above reaches into (Cell.wide, Cell.underSpan).
func (p *pendingRow) noteSpan(c Cell) {
	if c.wide && p.wide == "" {
		p.wide = c.Text
	}
	p.underSpan = p.underSpan || c.underSpan
}

// spanDoubt says why the spans noted in the row (noteSpan) leave its
// values' places in doubt under cols (nil: table 四's run), "" when they do
// not. A row a number above reaches into lacks that cell, in any table.
// Tables 三 and 四 print one cell a column, so a number across columns is
// a doubt there. In table 二 it is the template's own (NOTES A.2: 行政许可 |
// <td colspan=2>7</td> | 增8 | 9, under a header that spans another cell)
// unless the table prints a column more than the template, the header row
// over the row wider than a label and cols (width of pendingRow.headerRow: a
// blank or a 备注 column may then have made up the row's count).
func (p *pendingRow) spanDoubt(section string, cols []string, width func(row int) int) string {
	switch {
	case p.underSpan:
		return "a number printed across rows above reaches into it"
	case p.wide == "" || cols != nil && len(cols) < 2:
		return ""
	case section != SectionProactive || width(p.headerRow) > 1+len(cols):
		return fmt.Sprintf("%q is printed across columns, so the others' places are not certain", clip(p.wide, 12))
	}
	return ""
}

// rowWidth is the number of cells the source row row holds (0 for none:
// text without row boundaries), counted once per document.
func (m *matcher) rowWidth(row int) int {
	if row == 0 {
		return 0
	}
	if m.rowCells == nil {
		m.rowCells = map[int]int{}
		for _, c := range m.cells {
			if c.Row != 0 {
				m.rowCells[c.Row]++
			}
		}
	}
	return m.rowCells[row]
}

// maxContinuation bounds the cells a label's open bracket runs on into.
const maxContinuation = 3

// continuesLabel reports whether a non-value cell is the rest of the pending
// label's open bracket ("…的公文)"), which neither ends the row nor is one.
func (m *matcher) continuesLabel(text string) bool {
	p := m.pending
	if p == nil || len(p.vals) > 0 {
		return false
	}
	if p.continues == 0 {
		// A qualifier printed in a cell of its own after the label,
		// "(仅限…填写)", belongs to the label.
		t := trimSpace(text)
		return (strings.HasPrefix(t, "(") || strings.HasPrefix(t, "（")) &&
			(strings.HasSuffix(t, ")") || strings.HasSuffix(t, "）")) && classify(t).kind == kindOther
	}
	if classify(text).kind != kindOther {
		return false
	}
	p.continues--
	if hasAnyRune(text, ")）") {
		p.continues = 0
	}
	return true
}

// otherReportTitle reports whether a cell is the title of another year's
// report than the document's own (its identity's year) after this
// report's values: a page holding two years' reports, a 下一篇 link at the
// end. Its cells are that report's, and the matching stops there with a
// warning. Titles before any value (a sidebar) stop nothing.
func (m *matcher) otherReportTitle(text string) bool {
	if m.year == 0 || !m.valuesRead() || len(text) > 240 || !strings.Contains(text, "报") {
		return false
	}
	h, ok := parseTitleLine(text)
	if !ok || h.year == m.year {
		return false
	}
	m.warnf("%q, another year's report, follows the tables; what follows it is left out", clip(text, 32))
	return true
}

// reviewRead reports whether table 四 has been read and no run of it is
// open: another run of values is a second reading (reviewAgain).
func (m *matcher) reviewRead() bool {
	return m.review == nil && m.stored(SectionReview, reviewRows[0], reviewCols[0])
}

// valuesRead reports whether any value has been read: stored, waiting for
// the layout (deferred) or in the row being read.
func (m *matcher) valuesRead() bool {
	return len(m.values) > 0 || len(m.deferred) > 0 || m.pending != nil && len(m.pending.vals) > 0
}

// opensTable2 reports whether a cell opens table 二 or one of its blocks:
// its heading (二、主动公开政府信息情况), an item (第二十条第（一）项) or a header
// word, as the matcher classifies them (spaced, traditional and all). A
// long cell (prose) is none.
func opensTable2(text string) bool {
	if len(text) > maxLabelRunes*4 {
		return false
	}
	c := classOf(text)
	switch c.label.kind {
	case kindHeader:
		return true
	case kindSectionHeading:
		return c.label.section == SectionProactive
	case kindGroup:
		return strings.HasPrefix(c.key, "第二十条")
	}
	return false
}

// table2Opens returns the index of the first cell before table 三's
// heading that opens table 二 (opensTable2), -1 for none: table-二 rows
// read before it are a menu's.
func table2Opens(cells []Cell) int {
	for i, c := range cells {
		if opensTable2(c.Text) {
			return i
		}
		if len(c.Text) <= maxLabelRunes*4 {
			if l := classOf(c.Text).label; l.kind == kindSectionHeading && l.section == SectionRequests {
				return -1
			}
		}
	}
	return -1
}

// match reads the cells against the template. alloc, if not nil, lends the
// pending rows' blocks (a scratch's); none of them is kept in the result.
func match(cells []Cell, alloc *pendingAlloc, year int) matched {
	if alloc == nil {
		alloc = new(pendingAlloc)
	}
	m := &matcher{cells: splitGlued(dropIndexRows(cells)), lastRow: -1, alloc: alloc, year: year}
	// A report holds a value a key at most (store keeps the first) and
	// rarely more than a value a cell: sized so, the slice never regrows.
	m.seen, m.values = make([]bool, len(slotNames)), make([]Value, 0, min(len(m.cells), len(slotNames)))
	opens := table2Opens(m.cells)
	for i, c := range m.cells {
		m.beforeTable = i < opens
		if m.otherReportTitle(c.Text) {
			break
		}
		m.step(c)
	}
	m.endPending()
	m.flush()
	m.finishSplit()
	m.flushReview(true)
	m.warnOrphans()
	m.decideLayout()
	m.dropHeadingBlanks()
	m.dropOtherLayoutRows()
	m.storeBlanks()
	m.placeOrphans()
	m.solveGlued()
	m.dropMisordered()
	m.dropTwice()
	m.reportMissing()
	return matched{template: m.template, values: m.values, warnings: m.warnings}
}

func (m *matcher) step(c Cell) {
	if c.glued {
		m.header.value()
		m.value(c, cellValue{raw: c.Text, glued: true})
		return
	}
	if v, ok := readValue(c.Text); ok {
		m.header.value()
		m.value(c, v)
		return
	}
	m.header.note(c.Text, m.section, c.Row)
	if m.unitAfterAmount(c.Text) {
		return
	}
	if isFurnitureCell(c.Text) || m.keepsRow(c.Text) || m.continuesLabel(c.Text) {
		return // a page footer or a torn piece inside a table (torn.go), the rest of a label
	}
	m.warnUnread(c)
	m.flush()
	m.flushReview(false)
	m.noteReviewTitle(c.Text)
	m.run = nil
	m.warnOrphans()
	m.after = c.Text
	l := classify(c.Text)
	if l.kind != kindHeader {
		m.noteUnitLine(c.Text) // a header's unit is its own (below)
	}
	if l.kind == kindOther {
		l = m.tornLabel(c.Text)
	}
	if l.kind == kindOther {
		m.collapsedHeaderEvidence(c.Text)
	}
	if endsHeader(l) {
		// A row or a block between two headers whose cells printed no
		// value (blank rows, flattened): the next header is another.
		m.header.value()
	}
	if m.lastBlank != nil && l.kind != kindOther {
		// A label of the template follows: the blank row ended there.
		m.lastBlank.blankConfirmed = true
		m.lastBlank = nil
	}
	m.afterUnknown = l.kind == kindOther
	m.headedSinceRow = true // until noteLabel: a row label resets it
	if m.startSubRow(c.Text, l) {
		return
	}
	switch l.kind {
	case kindHeader:
		m.headerRow = c.Row
		m.headerEvidence(l.template, c.Text)
		if m.section == "" {
			m.section = SectionProactive
		}
		switch h := toSimplified(c.Text); {
		case strings.Contains(h, "采购总金额"):
			m.amountUnit = unitIn(h)
		case strings.Contains(h, "收费金额"):
			m.feeUnit = unitIn(h)
		}
	case kindReviewHeader:
		if m.section == SectionRequests || m.section == SectionReview {
			m.section = SectionReview
			if m.review == nil {
				m.review = &pendingRow{row: -1, label: "table 四"}
			}
		}
	case kindSectionHeading:
		m.section = l.section
		// 五、存在的主要问题… after the tables: a row label from here on
		// is a sidebar's or a menu's, not the tables'.
		m.tablesEnded = m.tablesEnded || l.section == "" && m.valuesRead()
		if l.section == SectionReview && m.review == nil {
			m.review = &pendingRow{row: -1, label: "table 四"}
		}
	case kindRow:
		ri, ok := m.rowFor(l.rows)
		if !ok || !m.inOrder(ri, c.Text) {
			m.afterUnknown = true
			return
		}
		if m.tablesEnded {
			m.warnf("%s row %q after the report's tables ended (a sidebar's or a menu's?); left out", Rows[ri].Section, clip(c.Text, 16))
			m.afterUnknown = true
			return
		}
		if m.beforeTable && Rows[ri].Section == SectionProactive {
			m.warnf("%s row %q before any table heading or header (a page's menu?); left out", Rows[ri].Section, clip(c.Text, 16))
			m.afterUnknown = true
			return
		}
		if m.section != Rows[ri].Section && len(l.rows) == 1 {
			m.section = Rows[ri].Section
		}
		// Sized to the row's width: a wider row (spill) regrows, but
		// room for 8, as once, was twice what most rows take.
		p := m.alloc.row()
		*p = pendingRow{row: ri, source: c.Row, label: c.Text, uncertainAt: -1, vals: m.alloc.values(max(rowWidths[ri], 1)), headerRow: m.headerRow}
		m.pending = p
		if _, open := unclosedBracket(trimSpace(c.Text)); open {
			m.pending.continues = maxContinuation
		}
		m.noteLabel(ri)
	}
}

// endsHeader tells a label that no header run goes on past: a row's own
// label or a block's (第二十条第（六）项, 三、…). 总计 and 其他 are not: table
// 三's header prints 总计 among its column words.
func endsHeader(l label) bool {
	switch l.kind {
	case kindGroup, kindSectionHeading:
		return true
	case kindRow:
		for _, ri := range l.rows {
			if Rows[ri].Common {
				return false
			}
		}
		return true
	}
	return false
}

// warnUnread names a cell with a digit that ends a labelled row before its
// first value: a value the number reader could not read ("约1300",
// "1300余"). The row is left out (flush finds no values), never read as
// blank.
func (m *matcher) warnUnread(c Cell) {
	p := m.pending
	if p == nil || len(p.vals) > 0 || digitsIn(c.Text) == noDigits || classify(c.Text).kind != kindOther {
		return
	}
	if p.source != 0 && c.Row != p.source || len(c.Text) > maxValueBytes {
		return // the next line's text, or prose
	}
	m.warnf("%s row %q: cell %q is not a number this reader knows; left out", Rows[p.row].Section, p.label, clip(c.Text, 24))
}

// rowFor picks the template row a label stands for in the current section:
// "总计" and "其他" are rows of table 三 only while table 三 is being read.
func (m *matcher) rowFor(candidates []int) (int, bool) {
	for _, ri := range candidates {
		r := Rows[ri]
		if r.Common && m.section != r.Section {
			continue
		}
		if readAsRun(m.section) {
			continue // table 四 has no row labels of table 二 or 三
		}
		return ri, true
	}
	return 0, false
}

// value files a value cell under the pending row or table 四.
func (m *matcher) value(c Cell, v cellValue) {
	v.at = c.at
	if p := m.pending; p != nil {
		if p.source == 0 && c.Row != 0 && len(p.vals) == 0 {
			p.source = c.Row // a label on a line of its own, its values on the next
		}
		if p.source != 0 && c.Row != p.source {
			m.flush()
		} else {
			if c.uncertain && p.uncertainAt < 0 {
				p.uncertainAt = len(p.vals)
			}
			p.vals = append(p.vals, v)
			p.open, p.lineOpen = c.Open, c.lineOpen
			p.spanned = p.spanned || c.spanned
			p.noteSpan(c)
			return
		}
	}
	if m.lastBlank != nil {
		m.lastBlank.looseAfter = true // its cells were on a later line
		m.lastBlank = nil
	}
	if m.subRowValue(v) {
		return
	}
	if m.section == SectionReview && m.reviewRead() {
		// Table 四 read, and another run of values in it (last year's row
		// beside this year's, a hidden row): a second reading, which
		// storeAgain compares with the first.
		m.reviewAgain(c.Row)
	}
	if r := m.review; r != nil && m.section == SectionReview {
		if r.source == 0 && c.Row != 0 && len(r.vals) == 0 {
			r.source = c.Row
		}
		if r.source != 0 && c.Row != r.source {
			m.flushReview(false)
			if m.reviewRead() {
				// The table was just read and a new source row starts:
				// its second reading (above), from this value on.
				m.reviewAgain(c.Row)
			}
			if m.review == nil {
				return
			}
		}
		// The values are collected up to the next label or row: a count
		// other than 15 is left out (flushReview), never cut to fit. Table
		// 四 is one run of values, so a cell of several numbers is several
		// values in that run.
		m.review.noteSpan(c)
		if v.several {
			m.review.vals = append(m.review.vals, severalValues(v)...)
			m.review.several = v.raw
			return
		}
		m.review.vals = append(m.review.vals, v)
		m.review.open = c.Open
		return
	}
	if m.addOrphan(c, v) {
		return // a label-less row, placed at the end (orphans.go)
	}
	if (m.section == SectionProactive || m.section == SectionRequests) && v.raw != "" {
		m.orphans = append(m.orphans, v.raw)
	}
}

// warnOrphans reports the values inside a table that no template row took:
// the cells of an extra row ("其他主动公开文件(…)"), or of a row the template
// does not know. They are left out, never silently.
func (m *matcher) warnOrphans() {
	if len(m.orphans) == 0 {
		return
	}
	m.warnf("%s: %d value(s) %q after %q belong to no template row; left out", m.section, len(m.orphans), strings.Join(m.orphans, " "), clip(m.after, 24))
	m.orphans = nil
}

// clip shortens a cell's text to n runes for a warning.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// flush finishes the pending row: the values are stored when their count
// fits the layout, and left out with a warning when it does not.
func (m *matcher) flush() {
	p := m.pending
	m.pending = nil
	if p != nil {
		m.noteFlushed(p)
	}
	if p == nil || m.holdSplitParent(p) || len(p.vals) == 0 {
		return // a label with no values: a heading, a header, a cut, or split into sub-rows
	}
	// A row only one layout has is evidence of it once it holds values: a
	// menu's "政府集中采购 (8)" is no 2019 table.
	m.rowSetEvidence(Rows[p.row], p.label)
	if m.deferRow(p) {
		return // its columns wait for the layout (layout_evidence.go)
	}
	m.place(p)
}

// collapsedHeaderEvidence notes the layout evidence of the header words of
// a header collapsed into one line ("信息内容 本年制发件数 本年废止件数
// 现行有效件数"), which as a whole is no header cell.
func (m *matcher) collapsedHeaderEvidence(text string) {
	if len(text) > maxLabelRunes*4*4 || !collapsedHeader(text) {
		return
	}
	for _, w := range strings.Fields(text) {
		if l := classify(w); l.kind == kindHeader {
			m.headerEvidence(l.template, w)
		}
	}
}

// place stores a finished row under the report's layout.
func (m *matcher) place(p *pendingRow) {
	spec := Rows[p.row]
	if moneyRows[spec.Key] {
		// "行政事业性收费（元）": the label's unit is the amount's.
		m.labelUnit = unitIn(toSimplified(p.label))
		defer func() { m.labelUnit = "" }()
	}
	cols, ok := m.columns(spec, p.vals)
	if !ok {
		return
	}
	if doubt := p.spanDoubt(spec.Section, cols, m.rowWidth); doubt != "" {
		m.warnf("%s row %q: %s; left out", spec.Section, clip(p.label, 16), doubt)
		return
	}
	if m.rowEndsAtBar(p, spec, cols) {
		return
	}
	if len(p.vals) > 0 && allCellsBlank(p.vals) {
		m.blankRows = append(m.blankRows, blankRow{p, spec, cols})
	} else if _, ok := layoutLabel(spec, p.label); ok {
		m.layoutRows = append(m.layoutRows, layoutRow{spec, p.label, cols, slices.Clone(p.vals)})
	}
	if len(p.subs) > 0 {
		m.placeSplit(spec, p, cols)
		return
	}
	if p.aside != "" && allCellsBlank(p.vals) {
		m.warnf("%s row %q: %q where its values are printed, then blank cells; left out", spec.Section, p.label, clip(p.aside, 24))
		return
	}
	// A row of blanks: not one that label-less values follow, nor, at the
	// end of the document, one printed short of its width (a cut).
	if p.source != 0 && allCellsBlank(p.vals) && len(p.vals) < len(cols) && !p.lineOpen && (!p.atEnd || p.spanned) {
		m.placeBlank(p, spec, cols)
		return
	}
	if raw, ok := gluedRaw(p.vals); ok {
		m.storeGlued(spec.Section, spec.Key, p.label, raw, cols)
		return
	}
	vals := p.vals
	if slices.ContainsFunc(vals, func(v cellValue) bool { return v.several }) {
		if vals, ok = m.splitSeveral(spec, p.label, vals, cols); !ok {
			return
		}
	}
	vals = trimBlankTail(vals, len(cols))
	if p.atEnd {
		m.storeRow(spec, cols, m.cutRow(p, spec, cols, vals))
		return
	}
	if len(vals) > len(cols) {
		if own, ok := m.spill(spec, p.row, p.label, cols, vals); ok {
			vals = own
		}
	}
	if len(vals) < len(cols) && p.source != 0 && spec.Section == SectionRequests {
		m.shortRows = append(m.shortRows, shortRow{p: p, cols: cols, vals: vals}) // its cells may be on the next line (orphans.go)
		return
	}
	if len(vals) != len(cols) {
		m.warnf("%s row %q has %d values where the %s layout has %d columns; left out", spec.Section, p.label, len(p.vals), m.layoutName(), len(cols))
		return
	}
	m.storeRow(spec, cols, vals)
}

// storeRow stores a row's values under its first len(vals) columns.
func (m *matcher) storeRow(spec RowSpec, cols []string, vals []cellValue) {
	for i, col := range cols[:len(vals)] {
		v := vals[i]
		if col == "amount_10k_yuan" {
			var keep bool
			if v, keep = m.amount(spec, v); !keep {
				continue
			}
		} else if v.unit != "" {
			m.warnf("%s %s %s %q is money in a count column; left out", spec.Section, spec.Key, col, v.raw)
			continue
		}
		m.store(spec.Section, spec.Key, col, v)
	}
}

// splitSeveral reads a row with cells of several numbers ("0 0 0", "2 0 2")
// as one value per number, kept only when the numbers fill the row's
// columns exactly and the row's sum rule, if any, holds; otherwise the row
// is left out with a warning naming the cell.
func (m *matcher) splitSeveral(spec RowSpec, label string, vals []cellValue, cols []string) ([]cellValue, bool) {
	var out []cellValue
	var cell string
	if anyBlank(vals) {
		// "1 2 | 3 | (empty)": with its numbers counted, an empty cell
		// may be a column of the row or a column the table adds; the
		// count cannot say which cell is which.
		for _, v := range vals {
			if v.several {
				m.warnf("%s row %q: cell %q holds several numbers beside an empty cell; left out", spec.Section, label, v.raw)
				break
			}
		}
		return nil, false
	}
	for _, v := range vals {
		if v.several {
			out = append(out, severalValues(v)...)
			cell = v.raw
			continue
		}
		out = append(out, v)
	}
	if len(out) != len(cols) {
		m.warnf("%s row %q: cell %q holds several numbers; %d in all where the %s layout has %d columns; left out", spec.Section, label, cell, len(out), m.layoutName(), len(cols))
		return nil, false
	}
	if rule := rowSumRule(spec.Section, cols); rule != nil {
		nums := make([]float64, len(out))
		for i, v := range out {
			if v.number == nil {
				m.warnf("%s row %q: cell %q holds several numbers beside blanks; left out", spec.Section, label, cell)
				return nil, false
			}
			nums[i] = *v.number
		}
		if !rule(nums) {
			m.warnf("%s row %q: cell %q holds several numbers that break the row's sum rule; left out", spec.Section, label, cell)
			return nil, false
		}
	}
	return out, true
}

// columns returns the row's columns under the report's layout; while the
// layout is still unknown, the value count decides it when only one layout
// fits.
func (m *matcher) columns(spec RowSpec, vals []cellValue) ([]string, bool) {
	if m.template != "" {
		cols, ok := spec.Cols[m.template]
		if !ok {
			m.warnf("%s row %q is not part of the %s layout; left out", spec.Section, spec.Labels[0], m.layoutName())
		}
		return cols, ok
	}
	c19, c21 := spec.Cols[Template2019], spec.Cols[Template2021]
	if c19 != nil && c21 != nil && slices.Equal(c19, c21) {
		return c21, true
	}
	what := fmt.Sprintf("%d values", len(vals))
	if len(vals) == 1 && vals[0].glued {
		what = fmt.Sprintf("glued %q", vals[0].raw)
	}
	m.warnf("%s row %q: layout unknown (no table-二 header) and %s fit both layouts; left out", spec.Section, spec.Labels[0], what)
	return nil, false
}

// gluedFits reports whether a glued number cell ("3 4 5", "345") can hold n
// values: no more space-separated runs than n, and at least n digits. A
// glued cell decides the layout only when it fits one layout alone.
func gluedFits(raw string, n int) bool {
	return len(strings.Fields(raw)) <= n && countDigits(raw) >= n
}

// reviewAgain opens a second reading of table 四 from the source row src
// on: another run of values after the table was read (storeAgain compares).
func (m *matcher) reviewAgain(src int) {
	m.review = &pendingRow{row: -1, label: "table 四", again: true, source: src}
}

// amount turns a money cell into 万元. A bare non-zero number under a header
// that names no unit cannot be placed (元 or 万元?) and is left out.
func (m *matcher) amount(spec RowSpec, v cellValue) (cellValue, bool) {
	unit := v.unit
	switch {
	case unit != "":
	case m.labelUnit != "":
		unit = m.labelUnit
	case spec.Key == "fees":
		// A header printing 元 where the template has 万元, or a line
		// stating the unit; the 2021 header prints 本年收费金额（单位：万元）.
		unit = agreedUnit(m.feeUnit, m.feeLine, "万元")
	default:
		unit = agreedUnit(m.amountUnit, m.amountLine, "")
	}
	switch {
	case v.number == nil || *v.number == 0 || unit == "万元":
		return v, true
	case unit == "元":
		v.unit = unit // printed in the header, not the cell
		return toTenThousandYuan(v), true
	}
	m.warnf("%s %s amount %q has no unit (元 or 万元); left out", spec.Section, spec.Key, v.raw)
	return v, false
}

// unitAfterAmount takes a cell that only names a money unit ("元",
// "（万元）", "单位：元") printed right after an amount of the pending row
// as that amount's unit, and reports whether it did. Read as the next
// cell, it had ended the row and been dropped, the amount stored in the
// header's 万元: 15000 元 as 15000 万元.
func (m *matcher) unitAfterAmount(text string) bool {
	p := m.pending
	if p == nil || len(p.vals) == 0 || p.row < 0 || !moneyRows[Rows[p.row].Key] {
		return false
	}
	t, prefix, ok := statedUnit(text)
	if !ok || prefix != "" {
		return false
	}
	last := &p.vals[len(p.vals)-1]
	if last.number == nil || last.several {
		return false
	}
	if last.unit != "" && last.unit != t {
		last.unit = "?" // 15000元 | 万元: no unit to trust (amount)
	} else {
		last.unit = t
	}
	return true
}

// statedUnit reads a statement of a money unit and nothing else: "元",
// "（万元）", "单位：元", "(单位:万元)", after a prefix (what precedes 单位:
// "第二十条第(八)项"). "发布单位：广元市…" states none.
func statedUnit(text string) (unit, prefix string, ok bool) {
	h := toSimplified(strings.TrimSpace(text))
	before, after, found := strings.Cut(h, "单位")
	if !found {
		before, after = "", h
	}
	unit = strings.Trim(after, ":：为 ()（）")
	if unit != "元" && unit != "万元" {
		return "", "", false
	}
	return unit, strings.TrimRight(before, " (（"), true
}

// moneyRows are the table-二 rows whose last column is an amount.
var moneyRows = map[string]bool{"fees": true, "procurement": true}

// noteUnitLine takes the unit a line of table 二 states for its amounts
// outside their header: "第二十条第(八)项(单位:元)" for the fees, "（单位：元）"
// above the sub-table for whichever amount follows. A header naming its
// own unit (本年收费金额（单位：万元）) may come later: if it states another,
// the amount has no unit to trust (agreedUnit).
func (m *matcher) noteUnitLine(text string) {
	if m.section != SectionProactive && m.section != "" || utf8.RuneCountInString(text) > 30 {
		return // prose ("各单位收取…万元") is no unit line
	}
	unit, prefix, ok := statedUnit(text)
	if !ok || prefix == "" && !strings.Contains(text, "单位") && !strings.Contains(text, "單位") {
		return // a bare "元" is a cell's unit (unitAfterAmount), no line's
	}
	fees := containsAny(prefix, []string{"(八)", "（八）", "收费"})
	procurement := containsAny(prefix, []string{"(九)", "（九）", "采购"})
	if fees || !procurement {
		m.feeLine = unit
	}
	if procurement || !fees {
		m.amountLine = unit
	}
}

// agreedUnit is the unit of an amount whose header states header and a
// line of the table line ("" where they state none), def when neither
// does; "?" (no unit: amount leaves the amount out) when they disagree.
func agreedUnit(header, line, def string) string {
	switch {
	case header != "" && line != "" && header != line:
		return "?"
	case header != "":
		return header
	case line != "":
		return line
	}
	return def
}

// unitIn is the money unit a header prints: 万元, 元, or "" for none or
// another (千元, 亿元: the amount is then left out for want of a unit).
func unitIn(header string) string {
	switch {
	case strings.Contains(header, "千元"), strings.Contains(header, "亿元"):
		return "?"
	case strings.Contains(header, "万元"):
		return "万元"
	case strings.Contains(header, "元"):
		return "元"
	}
	return ""
}

// flushReview stores table 四 once its 15 values are in. A table cut short
// by a non-value cell is left out with a warning; at the end of the
// document its certain values are kept (cutAtEnd).
func (m *matcher) flushReview(atEnd bool) {
	r := m.review
	if r == nil || len(r.vals) == 0 {
		return
	}
	want := len(reviewRows) * len(reviewCols)
	m.review = nil
	if allBlank(r.vals) {
		return // row-end bars between header cells (cell-then-bar), not a table
	}
	if doubt := r.spanDoubt(SectionReview, nil, m.rowWidth); doubt != "" {
		m.warnf("table 四: %s; left out", doubt)
		return
	}
	if r.several != "" && anyBlank(r.vals) {
		// As in a row (splitSeveral): which cell an empty one is, the
		// count of numbers cannot say.
		m.warnf("table 四: cell %q holds several numbers beside an empty cell; left out", r.several)
		return
	}
	if r.again && len(r.vals) != want {
		// A second run of values that is no whole table 四: the first
		// reading is no more certain than it is.
		for _, row := range reviewRows {
			m.unstore(SectionReview, row, reviewCols)
		}
		m.warnf("table 四 is printed again with %d values; left out", len(r.vals))
		return
	}
	if len(r.vals) == 1 && r.vals[0].glued {
		var cols []string
		for range reviewRows {
			cols = append(cols, reviewCols...)
		}
		got, _ := splitGluedNumbers(r.vals[0].raw, cols, rowSumRule(SectionReview, cols))
		for i, v := range got {
			if v != nil {
				m.store(SectionReview, reviewRows[i/len(reviewCols)], cols[i], *v)
			}
		}
		if countNil(got) > 0 {
			m.warnf("table 四 glued as %q: %d of 15 values cannot be decided", r.vals[0].raw, countNil(got))
		}
		return
	}
	vals := trimBlankTail(r.vals, want)
	for (len(vals) > want || atEnd) && len(vals) > 0 && vals[0].number == nil && vals[0].raw == "" {
		vals = vals[1:] // a header row's end (cell-then-bar), before the values
	}
	if len(vals) != want && m.storeReviewPiece(vals, atEnd, r.open) {
		return
	}
	m.reviewTitle = nil
	if atEnd {
		vals = m.cutAtEnd("table 四", vals, want, r.open, func(int) bool { return false })
	}
	if !atEnd && len(vals) != want {
		m.warnf("table 四 (review) has %d values where 15 are expected; left out", len(vals))
		return
	}
	for i, v := range vals {
		if !v.glued {
			continue
		}
		// A piece of a glued run among separate cells: kept only when it
		// is one number.
		n, ok := readValue(v.raw)
		if !ok || n.number == nil || n.several {
			m.warnf("table 四 (review): cell %q is glued to its neighbours; left out", clip(v.raw, 24))
			return
		}
		n.at, vals[i] = v.at, n
	}
	for i, v := range vals {
		m.store(SectionReview, reviewRows[i/len(reviewCols)], reviewCols[i%len(reviewCols)], v)
	}
}

// storeGlued splits a glued number cell over a row's columns and stores the
// values every valid split agrees on. Table 三's rows keep their other
// splits for the joint search over the table (solve.go); table 二's use
// the figures the prose states (prosefigures.go).
func (m *matcher) storeGlued(section, row, label, raw string, cols []string) {
	var rule func([]float64) bool
	switch section {
	case SectionRequests:
		rule = requestRowTotal
	case SectionProactive:
		rule = m.proseRule(row, label, raw, cols)
	}
	if section == SectionProactive {
		// Table 二 has no sum rule, and a figure the prose states pins one
		// column at most: a split is "certain" only if no cell was blank.
		// A blank mark before the digits ("行政规范性文件 — 3 41"), or
		// numbers set apart by spaces but fewer than the columns ("3 41":
		// a blank dropped, or 4 | 1?), leave every split in doubt.
		if mark := trailingNullMark(label); mark != "" {
			m.warnf("%s row %q: a blank (%q) before the numbers %q run together; left out", section, clip(label, 16), mark, clip(raw, 24))
			return
		}
		if n := len(strings.Fields(raw)); n < len(cols) && (n > 1 || countDigits(raw) < len(cols) || m.numbersApart()) {
			m.warnf("%s row %q: %d numbers %q where it has %d columns, with no sum rule to place them (a blank may be missing); left out", section, clip(label, 16), n, clip(raw, 24), len(cols))
			return
		}
	}
	splits, complete := gluedSplits(raw, cols, rule)
	got := agreedValues(splits, len(cols))
	if !complete {
		got = make([]*cellValue, len(cols))
	}
	spec := Rows[rowIndex(section, row)]
	for i, v := range got {
		if v == nil {
			continue
		}
		if cols[i] == "amount_10k_yuan" {
			var keep bool
			if *v, keep = m.amount(spec, *v); !keep {
				continue
			}
		}
		m.store(section, row, cols[i], *v)
	}
	if countNil(got) == 0 {
		return
	}
	if section == SectionRequests && complete && len(splits) > 1 {
		m.glued = append(m.glued, gluedRow{key: row, label: label, raw: raw, splits: splits})
		return // decided or warned about by solveGlued
	}
	m.warnf("%s row %q glued as %q: %s cannot be decided (%d possible splits)", section, label, raw, undecidedCols(got, cols), len(splits))
}

// numbersApart reports, once per document, spacedRuns of its cells.
func (m *matcher) numbersApart() bool {
	if m.spaced == 0 {
		m.spaced = 1
		if spacedRuns(m.cells) {
			m.spaced = 2
		}
	}
	return m.spaced == 2
}

// spacedRuns reports whether the label-and-numbers runs (gluedParts) print
// their numbers apart: at least two do, and more than twice as many as
// those of several digits run together (an archive that collapsed its
// cells glues most: "规章007", "行政处罚2648-18538").
func spacedRuns(cells []Cell) bool {
	spaced, glued := 0, 0
	for _, c := range cells {
		switch t := strings.TrimSpace(c.Text); {
		case !c.glued:
		case strings.Contains(t, " "):
			spaced++
		case countDigits(t) > 1:
			glued++
		}
	}
	return spaced >= 2 && spaced > 2*glued
}

// countDigits counts the digits in s, ASCII or full width.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' || wideDigitAt(s, i) {
			n++
		}
	}
	return n
}

// trailingNullMark returns the blank mark (nullMarks: —, /, 无 …) a row
// label ends in, set apart by a space, or "".
func trailingNullMark(label string) string {
	label = strings.TrimRight(label, " 　")
	i := strings.LastIndexAny(label, " 　")
	if i < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(label[i:])
	if mark := label[i+size:]; mark != "" && nullMarks[mark] {
		return mark
	}
	return ""
}

func countNil(vs []*cellValue) int {
	n := 0
	for _, v := range vs {
		if v == nil {
			n++
		}
	}
	return n
}

func (m *matcher) store(section, row, col string, v cellValue) {
	i, ok := m.slots.slot(section, row, col)
	if !ok {
		// Unreachable: every caller takes its keys from the template.
		m.warnf("%s/%s/%s is no key of the template; left out", section, row, col)
		return
	}
	if m.seen[i] {
		m.storeAgain(i, section, row, col, v)
		return
	}
	if v.glued && v.number == nil {
		// Digits no split decided: never a blank (NULL is "printed
		// empty"). Every path splits glued cells before; this one did not.
		m.warnf("%s/%s/%s: glued digits %q not split; left out", section, row, col, clip(v.raw, 24))
		return
	}
	if col != "amount_10k_yuan" && v.number != nil && (*v.number != math.Trunc(*v.number) || strings.ContainsAny(v.raw, ".．") && dotGrouped(v.raw)) {
		// A count is whole: "31.5" is no count, and "1.000" or "2.500"
		// may be 1,000 and 2,500 grouped with dots.
		m.warnf("%s/%s/%s: %q is no whole count; left out", section, row, col, clip(v.raw, 24))
		return
	}
	m.seen[i] = true
	val := Value{Section: section, Row: row, Col: col, Number: v.number, Raw: v.raw}
	if v.at != nil {
		val.Page, val.Box = v.at.page, v.at.box
	}
	m.values = append(m.values, val)
}

// dotGrouped reports whether a number is printed with a dot before
// exactly three digits ("1.000", "2.500件"): a thousands group in some
// hands, a decimal in others.
func dotGrouped(raw string) bool {
	s := foldASCII(raw)
	i := strings.IndexByte(s, '.')
	if i <= 0 || !isDigitRune(rune(s[i-1])) || strings.Count(s, ".") != 1 {
		return false
	}
	digits := 0
	for _, r := range s[i+1:] {
		if !isDigitRune(r) {
			break
		}
		digits++
	}
	return digits == 3
}

// storeAgain handles a key read a second time: a row printed twice (a
// table repeated at a page break, a row pasted twice) adds nothing where
// it reads the same; a blank cell of a group heading yields to its row's
// number (2021's "(六)其他处理" printed as a row of empty cells above
// "3.其他", which is the same key); two different readings leave the key
// out with a warning, since which one is right cannot be told.
func (m *matcher) storeAgain(i int, section, row, col string, v cellValue) {
	if m.twice != nil && m.twice[i] {
		return
	}
	j := m.valueIndex(section, row, col)
	if j < 0 {
		return // taken back (unstore) and marked seen by a caller: nothing to compare
	}
	old := m.values[j]
	switch {
	case sameNumber(old.Number, v.number):
		if m.again == nil {
			m.again = make([]bool, len(m.seen))
		}
		m.again[i] = true // two rows read it alike (dropOtherLayoutRows)
		return
	case old.Number == nil && old.Raw == "" && v.number != nil && Rows[rowIndex(section, row)].Group:
		old.Number, old.Raw = v.number, v.raw
		if v.at != nil {
			old.Page, old.Box = v.at.page, v.at.box
		}
		m.values[j] = old
		return
	}
	if m.twice == nil {
		m.twice = make([]bool, len(m.seen))
	}
	m.twice[i] = true // its value goes in dropTwice: decideLayout moves m.values by index
	m.twiceRead = append(m.twiceRead, readTwice{section, row, fmt.Sprintf("%s (%s, then %s)", col, rawOrBlank(old.Raw), rawOrBlank(v.raw))})
}

// readTwice is a cell read twice with different values.
type readTwice struct{ section, row, what string }

// dropTwice leaves out the values of the keys read twice differently.
func (m *matcher) dropTwice() {
	if m.twice == nil {
		return
	}
	for i := 0; i < len(m.twiceRead); {
		r, cells := m.twiceRead[i], []string{}
		for ; i < len(m.twiceRead) && m.twiceRead[i].section == r.section && m.twiceRead[i].row == r.row; i++ {
			cells = append(cells, m.twiceRead[i].what)
		}
		m.warnf("%s row %s is printed twice with other numbers in %s; those cells left out", r.section, r.row, strings.Join(cells, ", "))
	}
	m.values = slices.DeleteFunc(m.values, func(v Value) bool {
		i, _ := m.slots.slot(v.Section, v.Row, v.Col)
		if m.twice[i] {
			m.seen[i] = false // missing, as reportMissing says
		}
		return m.twice[i]
	})
}

// sameNumber reports whether two readings of a cell agree: both blank, or
// the same number.
func sameNumber(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// rawOrBlank quotes a printed cell for a warning.
func rawOrBlank(raw string) string {
	if raw == "" {
		return "a blank"
	}
	return fmt.Sprintf("%q", clip(raw, 16))
}

// unstore takes back the values stored under a row's columns.
func (m *matcher) unstore(section, row string, cols []string) {
	for _, col := range cols {
		if i, ok := m.slots.slot(section, row, col); ok {
			m.seen[i] = false
		}
	}
	m.values = slices.DeleteFunc(m.values, func(v Value) bool {
		return v.Section == section && v.Row == row && slices.Contains(cols, v.Col)
	})
}

// unstoreWhere takes back, in one pass, the values of a row's columns that
// drop chooses (given the column's index in cols, the value and its slot),
// and reports whether it took any.
func (m *matcher) unstoreWhere(section, row string, cols []string, drop func(i int, v Value, slot int) bool) bool {
	n := len(m.values)
	m.values = slices.DeleteFunc(m.values, func(v Value) bool {
		if v.Section != section || v.Row != row {
			return false
		}
		i := slices.Index(cols, v.Col)
		slot, ok := m.slots.slot(section, row, v.Col)
		if i < 0 || !ok || !drop(i, v, slot) {
			return false
		}
		m.seen[slot] = false
		return true
	})
	return len(m.values) < n
}

// valueIndex returns where the value stored under a key is in m.values,
// or -1.
func (m *matcher) valueIndex(section, row, col string) int {
	return slices.IndexFunc(m.values, func(v Value) bool { return v.Section == section && v.Row == row && v.Col == col })
}

// stored reports whether a value is stored under the key.
func (m *matcher) stored(section, row, col string) bool {
	i, ok := m.slots.slot(section, row, col)
	return ok && m.seen[i]
}

// reportMissing warns about tables and rows of the layout that the document
// does not contain, so a partial report says what it lacks.
func (m *matcher) reportMissing() {
	if len(m.values) == 0 {
		m.warnf("no statistics tables found")
		return
	}
	t := m.template
	if t == "" {
		t = Template2021
	}
	missing, total := map[string][]string{}, map[string]int{SectionReview: len(reviewRows)}
	for _, r := range labelledRows[t] {
		total[r.section]++
		for _, slot := range r.slots {
			if !m.seen[slot] {
				missing[r.section] = append(missing[r.section], r.key)
				break
			}
		}
	}
	for _, row := range reviewRows {
		if !m.stored(SectionReview, row, "total") {
			missing[SectionReview] = append(missing[SectionReview], row)
		}
	}
	for _, s := range []string{SectionProactive, SectionRequests, SectionReview} {
		if len(missing[s]) == total[s] {
			m.warnf("%s: table %s not found", s, tableNames[s])
		} else if len(missing[s]) > 0 {
			m.warnf("%s: rows missing: %s", s, strings.Join(missing[s], ", "))
		}
	}
}

// tableNames are the tables' numbers in the report.
var tableNames = map[string]string{SectionProactive: "二", SectionRequests: "三", SectionReview: "四"}

func (m *matcher) layoutName() string {
	if m.template == "" {
		return "unknown"
	}
	return m.template
}

func (m *matcher) warnf(format string, args ...any) {
	m.warnings = append(m.warnings, fmt.Sprintf(format, args...))
}

// trimBlankTail drops blank cells beyond n: span filler after a row's last
// value ("行政许可 | 0 | ||").
func trimBlankTail(vals []cellValue, n int) []cellValue {
	for len(vals) > n && vals[len(vals)-1].number == nil && vals[len(vals)-1].raw == "" {
		vals = vals[:len(vals)-1]
	}
	return vals
}
