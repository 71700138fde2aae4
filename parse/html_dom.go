package parse

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The DOM reader: the page parsed by golang.org/x/net/html, one walk of the
// body to choose the article container (surveyBody), one walk to emit lines
// and cells (htmlWalker).

// readHTMLDOM reads decoded page text through a DOM. x/net/html refuses
// nesting deeper than 512 elements; such pages are read token by token
// (readHTMLTokens), keeping the innermost tables' rows.
func readHTMLDOM(text []byte) document {
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return readHTMLTokens(text)
	}
	return readHTMLTree(root)
}

// readHTMLTree reads a parsed page.
func readHTMLTree(root *html.Node) document {
	body := findElement(root, atom.Body)
	if body == nil {
		body = root // a frameset page, or a fragment the parser kept as is
	}
	w := &htmlWalker{container: articleContainer(body)}
	w.inContainer = w.container == nil
	head := findElement(root, atom.Head)
	if t := findElement(head, atom.Title); t != nil {
		if s := cleanText(nodeText(t)); s != "" {
			w.lines = append(w.lines, s)
		}
	}
	walkTree(body, w.enter, w.exit)
	w.flush()
	return document{form: formHTML, lines: w.lines, cells: w.cells, published: metaPubDate(head)}
}

// pubDateMetas name the <meta> elements in which CMSs declare a page's
// publication date: TRS WCM and most county platforms write PubDate, others
// the Open Graph article:published_time or Dublin Core's date.
var pubDateMetas = map[string]bool{
	"pubdate": true, "publishdate": true, "publish_date": true, "publishtime": true,
	"article:published_time": true, "dc.date": true, "dc.date.issued": true, "firstpublishedtime": true,
}

// metaPubDate returns the ISO date of the first publication-date <meta> in
// head that holds a plausible date, or "".
func metaPubDate(head *html.Node) string {
	if head == nil {
		return ""
	}
	out := ""
	walkTree(head, func(n *html.Node) walkStep {
		if n.Type != html.ElementNode || n.DataAtom != atom.Meta {
			return descend
		}
		var key, content string
		for _, a := range n.Attr {
			switch a.Key {
			case "name", "property", "itemprop":
				key = strings.ToLower(strings.TrimSpace(a.Val))
			case "content":
				content = a.Val
			}
		}
		if pubDateMetas[key] {
			if d := isoDateIn(content); d != "" {
				out = d
				return stop
			}
		}
		return descend
	}, nil)
	return out
}

// htmlWalker collects cells and lines in one document-order walk.
type htmlWalker struct {
	lines []string
	cells []Cell

	container   *html.Node // nil: the whole body gives cells
	inContainer bool

	buf     []byte     // inline text not yet ended by a block boundary (reused)
	clean   []byte     // scratch for cleaning buf (reused)
	rowID   int        // last Row number handed out
	row     *html.Node // the data row being read, nil outside one
	rowText []string   // its finished cells
	inCell  bool       // inside a data cell of row
	cell    []byte     // the data cell's text so far (reused)
	// cellMarked: text struck through or a footnote mark was left out of
	// the cell (struckOrFootnote).
	cellMarked bool
	// cellDrawn: the cell shows something that is no text (drawsInCell).
	cellDrawn bool
	// rowWide flags the row's finished cells that print a number across
	// columns (Cell.wide).
	rowWide []bool
	// underSpan: a number above reaches into the row (Cell.underSpan);
	// spanRows more rows of spanTable it reaches into after this one.
	underSpan bool
	spanRows  int
	spanTable *html.Node
}

// flush ends the current run of inline text: in a data cell it is glued to
// the cell's text (so 本年新<br>制作数量 stays one word); elsewhere it is
// one block.
func (w *htmlWalker) flush() {
	if len(w.buf) == 0 {
		return
	}
	w.clean = appendClean(w.clean[:0], w.buf)
	w.buf = w.buf[:0]
	if w.inCell {
		// Runs of one cell join as they are ("本年新<br>制作数量" is one
		// word), except digits either side of a line break: "2<br>0<br>2"
		// is three numbers, not 202.
		last, _ := utf8.DecodeLastRune(w.cell)
		first, _ := utf8.DecodeRune(w.clean)
		if isDigitRune(last) && isDigitRune(first) {
			w.cell = append(w.cell, ' ')
		}
		w.cell = append(w.cell, w.clean...)
		return
	}
	if len(w.clean) == 0 {
		return
	}
	s := string(w.clean)
	switch {
	case w.row != nil:
		// Text in a <tr> outside any cell: the parser moves such text out
		// of tables, so this is only reachable through odd trees. Keep it.
		w.lines = append(w.lines, s)
	default:
		w.lines = append(w.lines, s)
		if w.inContainer {
			w.cells = append(w.cells, Cell{Text: s})
		}
	}
}

func (w *htmlWalker) enter(n *html.Node) walkStep {
	switch n.Type {
	case html.TextNode:
		w.buf = append(w.buf, n.Data...)
		return descend
	case html.ElementNode, html.DocumentNode:
	default:
		return skip // comments (Word's conditional comments), doctype
	}
	if w.inCell && drawsInCell(n) {
		w.cellDrawn = true
	}
	if dropped(n) || w.row == nil && n != w.container && linkList(n) {
		if w.inCell && struckOrFootnote(n) && hasText(n) {
			w.cellMarked = true
		}
		return skip
	}
	if n == w.container {
		w.flush()
		w.inContainer = true
	}
	switch {
	case n.DataAtom == atom.Tr && w.row == nil && !w.isLayoutRow(n):
		w.flush()
		w.row, w.rowText, w.rowWide = n, nil, nil
		w.rowID++
		w.underSpan = false
		if w.spanRows > 0 && enclosingTable(n) == w.spanTable {
			w.underSpan = true
			w.spanRows--
		}
	case isCell(n) && w.row != nil && n.Parent == w.row:
		w.flush()
		w.inCell, w.cellMarked, w.cellDrawn = true, false, false
		w.cell = w.cell[:0]
	case n.DataAtom == atom.Br || isBlock(n):
		w.flush()
	}
	return descend
}

func (w *htmlWalker) exit(n *html.Node) {
	if n.Type != html.ElementNode && n.Type != html.DocumentNode {
		return
	}
	switch {
	case isCell(n) && w.inCell && n.Parent == w.row:
		w.flush()
		switch {
		case len(bytes.TrimSpace(w.cell)) > 0:
		case w.cellMarked:
			w.cell = append(w.cell[:0], markedOnlyCell...)
		case w.cellDrawn:
			w.cell = append(w.cell[:0], drawnCell...)
		}
		w.rowText = append(w.rowText, string(w.cell))
		w.rowWide = append(w.rowWide, w.noteSpans(n, w.rowText[len(w.rowText)-1]))
		w.inCell = false
	case n == w.row:
		w.flush()
		w.endRow()
	case isBlock(n):
		w.flush()
	}
	if n == w.container {
		w.flush()
		w.inContainer = false
	}
}

// endRow emits the data row's cells and its " | "-joined line.
func (w *htmlWalker) endRow() {
	if w.inContainer {
		for i, t := range w.rowText {
			w.cells = append(w.cells, Cell{Text: t, Row: w.rowID, wide: w.rowWide[i], underSpan: w.underSpan})
		}
	}
	if line := strings.TrimSpace(strings.Join(w.rowText, " | ")); strings.Trim(line, "| ") != "" {
		w.lines = append(w.lines, line)
	}
	w.row, w.rowText, w.rowWide = nil, nil, nil
}

// noteSpans reports whether the data cell td, reading text, prints a
// number across columns (Cell.wide), and notes the rows below that a
// number printed across rows reaches into (Cell.underSpan). Spans of
// labels and blanks are the template's own (a group label over its rows,
// filler beside a one-column sub-table) and say nothing of places.
func (w *htmlWalker) noteSpans(td *html.Node, text string) bool {
	cols, rows := 1, 1
	for _, a := range td.Attr {
		switch a.Key {
		case "colspan":
			cols, _ = strconv.Atoi(strings.TrimSpace(a.Val))
		case "rowspan":
			rows, _ = strconv.Atoi(strings.TrimSpace(a.Val))
		}
	}
	if cols <= 1 && rows <= 1 || !spanNumber(text) {
		return false
	}
	if rows > 1 {
		// No page holds thousands of rows: a larger span is a typo.
		w.spanRows, w.spanTable = max(w.spanRows, min(rows, 1000)-1), enclosingTable(w.row)
	}
	return cols > 1
}

// isLayoutRow reports whether any cell of the row is page layout.
func (w *htmlWalker) isLayoutRow(tr *html.Node) bool {
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if isCell(c) && w.isLayoutCell(c) {
			return true
		}
	}
	return false
}

// isLayoutCell reports whether a <td> is a page-layout container rather than
// a data cell: it holds a table, or prose, or is or holds the article
// container (whose cells are emitted while the walk is inside it, so it must
// not be swallowed into one data cell).
func (w *htmlWalker) isLayoutCell(td *html.Node) bool {
	nodes, runs, total, run, longest := 0, 0, 0, 0, 0
	layout := false
	endRun := func() {
		if run > 0 {
			runs++
			longest = max(longest, run)
			run = 0
		}
	}
	walkTree(td, func(n *html.Node) walkStep {
		nodes++
		switch {
		case nodes > layoutMaxNodes, n.DataAtom == atom.Table, n == w.container:
			layout = true
			return stop
		case n.Type == html.TextNode:
			k := countText(n.Data)
			run += k
			total += k
		case n.Type != html.ElementNode || dropped(n):
			return skip
		case n.DataAtom == atom.Br || isBlock(n):
			endRun()
		}
		return descend
	}, func(n *html.Node) {
		if isBlock(n) {
			endRun()
		}
	})
	endRun()
	return layout || longest > layoutLongRun || runs > layoutManyRuns ||
		(runs >= layoutProseRuns && total > layoutProseRunes)
}

// articleContainer returns the element that holds the report, or nil to use
// the whole body. It is conservative: a container is used only when it has
// real text, at least a quarter of the page's text, and no statistics table
// of the page lies outside it; otherwise the report might be lost. One walk
// of the body gathers what the choice needs (survey).
func articleContainer(body *html.Node) *html.Node {
	s := surveyBody(body)
	for k := range articleSelectors {
		var best *html.Node
		bestSize := 0
		for _, c := range s.candidates[k] {
			if best == nil || c.size > bestSize {
				best, bestSize = c.node, c.size
			}
		}
		if best == nil || bestSize < 100 || bestSize*4 < s.bodySize {
			continue
		}
		outside := false
		for _, t := range s.tables {
			if !contains(best, t) && !contains(t, best) {
				outside = true
				break
			}
		}
		if !outside {
			return best
		}
	}
	return nil
}

// survey is what one walk of the body learns for articleContainer: the
// elements each article selector matches (in document order) with their text
// sizes, the body's text size, and the statistics tables.
type survey struct {
	candidates [][]sizedNode // indexed like articleSelectors
	bodySize   int
	tables     []*html.Node
}

type sizedNode struct {
	node *html.Node
	size int // non-space characters of text, dropped elements left out
}

// surveyBody walks body once. Sizes are summed on a stack of open elements;
// only the candidates' sizes are kept.
func surveyBody(body *html.Node) survey {
	s := survey{candidates: make([][]sizedNode, len(articleSelectors))}
	type open struct {
		size  int
		match []int // selectors this element matches: a (selector, index) pair list
	}
	stack := make([]open, 0, 64)
	noteTable := func(tr *html.Node) {
		if t := enclosingTable(tr); t != nil && !slices.Contains(s.tables, t) && isDataRow(tr) {
			s.tables = append(s.tables, t)
		}
	}
	walkTree(body, func(n *html.Node) walkStep {
		switch {
		case n.Type == html.TextNode:
			if len(stack) > 0 {
				stack[len(stack)-1].size += countText(n.Data)
			}
			return descend
		case n.Type != html.ElementNode && n.Type != html.DocumentNode:
			return skip
		case n != body && dropped(n):
			// Its text is not the page's, but a statistics table in it
			// still keeps a container that leaves it out from being used.
			walkTree(n, func(c *html.Node) walkStep {
				if c.Type == html.ElementNode && c.DataAtom == atom.Tr {
					noteTable(c)
				}
				return descend
			}, nil)
			return skip
		}
		var match []int
		if n != body {
			matchSelectors(n, func(k int) {
				if c := s.candidates[k]; len(c) == 0 || c[len(c)-1].node != n { // class="x x"
					match = append(match, k, len(c))
					s.candidates[k] = append(c, sizedNode{node: n})
				}
			})
			if n.DataAtom == atom.Tr {
				noteTable(n)
			}
		}
		stack = append(stack, open{match: match})
		return descend
	}, func(n *html.Node) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := 0; i < len(top.match); i += 2 {
			s.candidates[top.match[i]][top.match[i+1]].size = top.size
		}
		if len(stack) > 0 {
			stack[len(stack)-1].size += top.size
		} else {
			s.bodySize = top.size
		}
	})
	return s
}

// selectorByClass and selectorByID index articleSelectors by the class or
// id they name, so that an element's attributes are looked at once.
var selectorByClass, selectorByID = func() (classes, ids map[string]int) {
	classes, ids = map[string]int{}, map[string]int{}
	for k, sel := range articleSelectors {
		switch sel[0] {
		case '.':
			classes[sel[1:]] = k
		case '#':
			ids[sel[1:]] = k
		}
	}
	return classes, ids
}()

// matchSelectors calls f with the index of every article selector n
// matches: by class, by id or by element name.
func matchSelectors(n *html.Node, f func(k int)) {
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "id":
			if k, ok := selectorByID[a.Val]; ok {
				f(k)
			}
		case a.Key == "class":
			for _, c := range strings.Fields(a.Val) {
				if k, ok := selectorByClass[c]; ok {
					f(k)
				}
			}
		}
	}
	if n.DataAtom == atom.Article && n.Namespace == "" {
		f(slices.Index(articleSelectors, "article"))
	}
}

// enclosingTable returns the nearest <table> above n, or nil.
func enclosingTable(n *html.Node) *html.Node {
	for t := n.Parent; t != nil; t = t.Parent {
		if t.Type == html.ElementNode && t.DataAtom == atom.Table {
			return t
		}
	}
	return nil
}

// isDataRow reports whether a row has three or more cells, one of them a
// bare number: a row of a statistics table, as opposed to metadata, link or
// layout tables.
func isDataRow(tr *html.Node) bool {
	cells, number := 0, false
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if isCell(c) {
			cells++
			number = number || isNumberCell(c)
		}
	}
	return cells >= 3 && number
}

// isNumberCell reports whether a cell's text is a bare number. It reads at
// most a few dozen characters, so nested layout cells cost nothing.
func isNumberCell(td *html.Node) bool {
	var b strings.Builder
	walkTree(td, func(n *html.Node) walkStep {
		switch {
		case b.Len() > 32 || n.DataAtom == atom.Table && n.Type == html.ElementNode:
			b.WriteString("x") // too long, or a layout cell: not a number
			return stop
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		}
		return descend
	}, nil)
	s := cleanText(b.String())
	return s != "" && strings.Trim(s, "0123456789.") == ""
}

// contains reports whether n is a or one of a's descendants.
func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// dropped reports whether an element is skipped with its content: scripts,
// styles, navigation, form controls, and page-level <header>/<footer>. A
// <header> or <footer> inside <article>/<main> is kept: it holds the title.
func dropped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if droppedAtoms[n.DataAtom] || unshown(n) {
		return true
	}
	if n.DataAtom == atom.Header || n.DataAtom == atom.Footer {
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
				return false
			}
		}
		return true
	}
	return false
}

// unshown reports whether an element's text is not what the page shows as
// its text: a hidden run (the hidden attribute; display:none,
// visibility:hidden and Word's mso-hide:all in its style), struck out
// (<del>, <s>, <strike>: Word's tracked deletions, 370 struck before 371),
// or a footnote mark (<sup>: 371<sup>1</sup> is 371; struckOrFootnote). Only inline runs
// and a table's rows and cells count as hidden: a hidden block may be a
// tab or a "read more" that the page's script opens, and may hold the
// report.
func unshown(n *html.Node) bool {
	if struckOrFootnote(n) {
		return true
	}
	switch n.DataAtom {
	case atom.Span, atom.Font, atom.B, atom.I, atom.U, atom.Em, atom.Strong, atom.Small, atom.Big, atom.Ins,
		atom.Tr, atom.Td, atom.Th: // a table's hidden row or cell (Excel's hidden rows)
	default:
		return false // not an inline run
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if hiddenStyle(a.Val) {
				return true
			}
		}
	}
	return false
}

// drawsInCell reports whether n shows in a cell what the reader cannot
// read as text: a picture, a drawing, formula markup, a form control
// (<input value="1268">). A cell showing only such a thing is no blank
// (drawnCell).
func drawsInCell(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Img, atom.Svg, atom.Math, atom.Canvas, atom.Object, atom.Embed, atom.Input, atom.Select, atom.Textarea:
		return true
	}
	return false
}

// struckOrFootnote reports whether n is an element unshown drops for what it
// marks, not for being hidden: struck out, or a footnote mark — raised or
// lowered (<sup>, <sub>, vertical-align), or a link to a footnote as Word
// exports one (<a href="#_ftn1">). 12<a href="#_ftn1">1</a> had been 121.
func struckOrFootnote(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Del, atom.S, atom.Strike, atom.Sup, atom.Sub:
		return true
	case atom.A:
		for _, a := range n.Attr {
			if a.Key == "href" && (strings.HasPrefix(a.Val, "#_ftn") || strings.HasPrefix(a.Val, "#_edn")) ||
				a.Key == "style" && strings.Contains(a.Val, "mso-footnote-id") {
				return true
			}
		}
	case atom.Span, atom.Font:
		for _, a := range n.Attr {
			if a.Key == "style" && strings.Contains(a.Val, "vertical-align") && raisedOrLowered(a.Val) {
				return true
			}
		}
	}
	return false
}

// raisedOrLowered reports whether a style sets vertical-align to super or
// sub (a footnote mark, raised or lowered by CSS).
func raisedOrLowered(style string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "vertical-align:super") || strings.Contains(s, "vertical-align:sub")
}

// hiddenStyle reports whether an inline style hides its element.
func hiddenStyle(style string) bool {
	// Most styles name none of the three (Word's cells: borders, widths,
	// fonts): tested without an allocation. Properties are lower case in
	// the pages seen; values may not be.
	if zeroFontSize(style) {
		return true
	}
	if !strings.Contains(style, "display") && !strings.Contains(style, "visibility") && !strings.Contains(style, "mso-hide") {
		return false
	}
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") || strings.Contains(s, "mso-hide:all")
}

// zeroFontSize reports whether a style sets its text 0 high
// ("font-size:0", "font-size: 0px"): a digit a page hides in a number.
func zeroFontSize(style string) bool {
	for rest := style; ; {
		i := strings.Index(rest, "font-size")
		if i < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[i+len("font-size"):], " ")
		if !strings.HasPrefix(rest, ":") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " ")
		if strings.HasPrefix(rest, "0") {
			v := strings.TrimLeft(rest, "0")
			if v == "" || v[0] != '.' && (v[0] < '0' || v[0] > '9') {
				return true
			}
		}
	}
}

// linkList reports whether n is an item of the page's link lists: a list
// item or a block (not a heading) whose only text is the text of its links,
// as 相关文章, 上一篇/下一篇 and "一图读懂…" link to other reports. Their
// titles are no part of the report: read, one took the report's title, year
// and body. A block with more than linkListNodes nodes is not looked into.
func linkList(n *html.Node) bool {
	if !linkListAtoms[n.DataAtom] {
		return false
	}
	links, nodes := 0, 0
	plain := false
	walkTree(n, func(c *html.Node) walkStep {
		nodes++
		switch {
		case nodes > linkListNodes || c.DataAtom == atom.Table:
			plain = true
			return stop
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				plain = true
				return stop
			}
		case c.DataAtom == atom.A && hasAttr(c, "href"):
			links++
			return skip
		case c.Type == html.ElementNode && dropped(c):
			return skip
		}
		return descend
	}, nil)
	return links > 0 && !plain
}

const linkListNodes = 64

var linkListAtoms = map[atom.Atom]bool{atom.Li: true, atom.Dd: true, atom.Dt: true, atom.Div: true, atom.P: true}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

// hasText reports whether n holds any text but spaces.
func hasText(n *html.Node) bool {
	found := false
	walkTree(n, func(c *html.Node) walkStep {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			found = true
			return stop
		}
		return descend
	}, nil)
	return found
}

func isBlock(n *html.Node) bool { return n.Type == html.ElementNode && blockAtoms[n.DataAtom] }

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

// walkStep tells walkTree what to do after entering a node.
type walkStep int

const (
	descend walkStep = iota // visit the children, then exit the node
	skip                    // leave the children (and the node's exit) out
	stop                    // end the walk at once
)

// walkTree visits root and its descendants in document order, calling enter
// on the way down and exit (if not nil) on the way up. It follows the
// Parent/Sibling pointers instead of recursing, so it needs no stack at all.
func walkTree(root *html.Node, enter func(*html.Node) walkStep, exit func(*html.Node)) {
	n := root
	for {
		switch enter(n) {
		case stop:
			return
		case descend:
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			if exit != nil {
				exit(n)
			}
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			if exit != nil {
				exit(n)
			}
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// findElement returns the first element with the given atom, or nil.
func findElement(root *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	if root == nil {
		return nil
	}
	walkTree(root, func(n *html.Node) walkStep {
		if n.Type == html.ElementNode && n.DataAtom == a {
			found = n
			return stop
		}
		return descend
	}, nil)
	return found
}

// nodeText returns the raw text under n, dropped elements left out.
func nodeText(n *html.Node) string {
	var b strings.Builder
	walkTree(n, func(c *html.Node) walkStep {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c != n && dropped(c):
			return skip
		}
		return descend
	}, nil)
	return b.String()
}

// rawTextAtoms hold raw text that the tokenizer returns as one text token.
var rawTextAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true,
	atom.Xmp: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true,
	atom.Noscript: true, atom.Plaintext: true,
}

// readHTMLTokens is the fallback for pages x/net/html refuses (nested deeper
// than 512 elements): a streaming read of the text in blocks, so the
// report's text survives even a hostile page. It keeps the rows of the
// innermost tables (a <td> of a row gives a cell of that row, as the DOM
// walk gives it); every other block and <br>-run is one Row-0 cell and one
// line. Layout cells and the article container are not looked for.
func readHTMLTokens(text []byte) document {
	doc := document{form: formHTML}
	z := html.NewTokenizer(bytes.NewReader(text))
	var buf strings.Builder
	rowID := 0
	var row []string // cells of the open row; nil outside a row
	inRow, inCell := false, false
	flush := func() {
		s := cleanText(buf.String())
		buf.Reset()
		switch {
		case s == "":
		case inCell:
			row[len(row)-1] += s
		default:
			doc.lines = append(doc.lines, s)
			doc.cells = append(doc.cells, Cell{Text: s})
		}
	}
	// endRow ends the open row: as a row of cells, or, when a table opens
	// inside it (layout), as flow text.
	endRow := func(layout bool) {
		flush()
		switch {
		case !inRow:
		case layout:
			for _, t := range row {
				if t != "" {
					doc.lines = append(doc.lines, t)
					doc.cells = append(doc.cells, Cell{Text: t})
				}
			}
		default:
			rowID++
			for _, t := range row {
				doc.cells = append(doc.cells, Cell{Text: t, Row: rowID})
			}
			if line := strings.Join(row, " | "); strings.Trim(line, "| ") != "" {
				doc.lines = append(doc.lines, line)
			}
		}
		row, inRow, inCell = nil, false, false
	}
	inRaw := false // the next text token is a script, style … body
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			endRow(false)
			return doc
		case html.TextToken:
			if !inRaw {
				buf.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			inRaw = tt == html.StartTagToken && rawTextAtoms[a]
			start := tt != html.EndTagToken
			switch {
			case a == atom.Tr || a == atom.Table:
				// A table inside a cell ends the row around it: the
				// outer row is layout, the inner rows are the data.
				endRow(start && a == atom.Table)
				inRow = start && a == atom.Tr
			case (a == atom.Td || a == atom.Th) && inRow:
				flush()
				inCell = start
				if start {
					row = append(row, "")
				}
			case a == atom.Br || blockAtoms[a]:
				flush()
			}
		}
		if tt != html.StartTagToken {
			inRaw = false
		}
	}
}
