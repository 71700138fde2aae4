package parse

import (
	"errors"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML reader turns a page into cells and lines and knows nothing of the
// template. Its rules, and why:
//
//   - A data table's <tr> gives one Cell per <td>/<th>, sharing a fresh Row
//     number. Spans are not expanded: sites put colspan on different cells in
//     header and data rows (NOTES A.2), so the matcher maps by label order
//     and cell count, never by grid position.
//   - A cell's text is all its descendant text with <br> and paragraph
//     breaks removed, because header cells are broken for width
//     (本年新<br>制作数量) and Word wraps every cell in <p><span>…
//   - A <td> that holds a table or long prose is page layout, not data: it is
//     read as ordinary flow, so the tables nested in it still come out row by
//     row. One layout cell makes its whole row layout.
//   - Outside tables every block (and every <br>-separated run) is one Row-0
//     cell: sites publish the statistics as one <p> per cell.
//   - lines hold the page title and the whole body, one line per block and
//     one " | "-joined line per table row, so that identity and prose code
//     see the same shapes as text input (title and 发布时间 usually sit
//     outside the article container). cells come only from the article
//     container when one is recognised and safely holds the report, so that
//     navigation menus (行政许可, 行政处罚 …) never reach the matcher.
//
// Hostile input is bounded: x/net/html refuses nesting deeper than 512
// elements (such pages are read token by token instead), every tree walk is
// iterative, and the layout test looks at a bounded number of nodes.

// readHTML reads an HTML page. contentType is the HTTP Content-Type if known.
func readHTML(data []byte, contentType string) (document, error) {
	text, err := decodeHTML(data, contentType)
	if err != nil {
		return document{form: formHTML}, err
	}
	if looksBinary(text) {
		return document{form: formHTML}, errors.New("page is binary data, not HTML text")
	}
	var doc document
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		doc = readHTMLTokens(text)
	} else {
		doc = readHTMLTree(root)
	}
	if len(doc.lines) == 0 && len(doc.cells) == 0 {
		return doc, errors.New("HTML page holds no text")
	}
	return doc, nil
}

// readHTMLTree reads a parsed page.
func readHTMLTree(root *html.Node) document {
	body := findElement(root, atom.Body)
	if body == nil {
		body = root // a frameset page, or a fragment the parser kept as is
	}
	w := &htmlWalker{container: articleContainer(body)}
	w.inContainer = w.container == nil
	if t := findElement(findElement(root, atom.Head), atom.Title); t != nil {
		if s := cleanText(nodeText(t)); s != "" {
			w.lines = append(w.lines, s)
		}
	}
	walkTree(body, w.enter, w.exit)
	w.flush()
	return document{form: formHTML, lines: w.lines, cells: w.cells}
}

// htmlWalker collects cells and lines in one document-order walk.
type htmlWalker struct {
	lines []string
	cells []Cell

	container   *html.Node // nil: the whole body gives cells
	inContainer bool

	buf     strings.Builder // inline text not yet ended by a block boundary
	rowID   int             // last Row number handed out
	row     *html.Node      // the data row being read, nil outside one
	rowText []string        // its finished cells
	inCell  bool            // inside a data cell of row
	cell    strings.Builder // the data cell's text so far
}

// flush ends the current run of inline text: in a data cell it is glued to
// the cell's text (so 本年新<br>制作数量 stays one word); elsewhere it is
// one block.
func (w *htmlWalker) flush() {
	s := cleanText(w.buf.String())
	w.buf.Reset()
	switch {
	case s == "":
	case w.inCell:
		w.cell.WriteString(s)
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
		w.buf.WriteString(n.Data)
		return descend
	case html.ElementNode, html.DocumentNode:
	default:
		return skip // comments (Word's conditional comments), doctype
	}
	if dropped(n) {
		return skip
	}
	if n == w.container {
		w.flush()
		w.inContainer = true
	}
	switch {
	case n.DataAtom == atom.Tr && w.row == nil && !w.isLayoutRow(n):
		w.flush()
		w.row, w.rowText = n, nil
		w.rowID++
	case isCell(n) && w.row != nil && n.Parent == w.row:
		w.flush()
		w.inCell = true
		w.cell.Reset()
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
		w.rowText = append(w.rowText, w.cell.String())
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
		for _, t := range w.rowText {
			w.cells = append(w.cells, Cell{Text: t, Row: w.rowID})
		}
	}
	if line := strings.TrimSpace(strings.Join(w.rowText, " | ")); strings.Trim(line, "| ") != "" {
		w.lines = append(w.lines, line)
	}
	w.row, w.rowText = nil, nil
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

// Layout-cell limits. Real data cells are a label or a number: one or two
// short runs of text, at most a few dozen characters, in a handful of nodes.
const (
	layoutMaxNodes   = 2000 // a cell with more nodes is layout, whatever it holds
	layoutLongRun    = 300  // one run of text this long is prose
	layoutProseRuns  = 2    // this many runs or more …
	layoutProseRunes = 120  // … totalling more characters than this are prose
	layoutManyRuns   = 6    // more runs than this is a block of links or paragraphs
)

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

// articleSelectors name the content containers of the CMSs that county sites
// run (TRS WCM, UCAP, Word-paste editors …), most specific first.
var articleSelectors = []string{
	".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", "#zoom", "#Zoom",
	".article_content", ".article-content", ".view", "#content", ".content", "article",
}

// articleContainer returns the element that holds the report, or nil to use
// the whole body. It is conservative: a container is used only when it has
// real text, at least a quarter of the page's text, and no statistics table
// of the page lies outside it; otherwise the report might be lost.
func articleContainer(body *html.Node) *html.Node {
	doc := goquery.NewDocumentFromNode(body)
	sizes := textSizes(body)
	tables := dataTables(body)
	for _, sel := range articleSelectors {
		var best *html.Node
		for _, c := range doc.Find(sel).Nodes {
			if best == nil || sizes[c] > sizes[best] {
				best = c
			}
		}
		if best == nil || sizes[best] < 100 || sizes[best]*4 < sizes[body] {
			continue
		}
		outside := false
		for _, t := range tables {
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

// textSizes returns, for every element under root, how many non-space
// characters of text it holds (dropped elements hold none), in one walk.
func textSizes(root *html.Node) map[*html.Node]int {
	sizes := map[*html.Node]int{}
	walkTree(root, func(n *html.Node) walkStep {
		switch {
		case n.Type == html.TextNode:
			sizes[n.Parent] += countText(n.Data)
		case n != root && dropped(n):
			return skip
		}
		return descend
	}, func(n *html.Node) {
		if n != root && n.Parent != nil {
			sizes[n.Parent] += sizes[n]
		}
	})
	return sizes
}

// dataTables returns the tables that have a row of three or more cells, one
// of them a bare number: statistics tables, as opposed to metadata, link or
// layout tables. Each row is looked at once, for its own table.
func dataTables(root *html.Node) []*html.Node {
	var out []*html.Node
	seen := map[*html.Node]bool{}
	walkTree(root, func(n *html.Node) walkStep {
		if n.Type != html.ElementNode || n.DataAtom != atom.Tr {
			return descend
		}
		table := n.Parent
		for table != nil && table.DataAtom != atom.Table {
			table = table.Parent
		}
		if table == nil || seen[table] {
			return descend
		}
		cells, number := 0, false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if isCell(c) {
				cells++
				number = number || isNumberCell(c)
			}
		}
		if cells >= 3 && number {
			seen[table] = true
			out = append(out, table)
		}
		return descend
	}, nil)
	return out
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

// droppedAtoms are elements whose text is never report text.
var droppedAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Head: true,
	atom.Iframe: true, atom.Nav: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Audio: true,
	atom.Video: true,
}

// dropped reports whether an element is skipped with its content: scripts,
// styles, navigation, form controls, and page-level <header>/<footer>. A
// <header> or <footer> inside <article>/<main> is kept: it holds the title.
func dropped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if droppedAtoms[n.DataAtom] {
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

// blockAtoms are the elements that end a run of text.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true,
	atom.Option: true, atom.Title: true,
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

// countText counts the non-space characters of s.
func countText(s string) int {
	k := 0
	for _, r := range s {
		if !isSpace(r) {
			k++
		}
	}
	return k
}

// isSpace covers ASCII space, NBSP (&nbsp;), the ideographic space U+3000
// that Chinese text indents with, and the other Unicode spaces.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// cleanText collapses every run of space to one ASCII space and trims, and
// drops zero-width characters that editors leave between CJK characters.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// rawTextAtoms hold raw text that the tokenizer returns as one text token.
var rawTextAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true,
	atom.Xmp: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true,
	atom.Noscript: true, atom.Plaintext: true,
}

// readHTMLTokens is the fallback for pages x/net/html refuses (nested deeper
// than 512 elements): a streaming read of the text in blocks, without tables'
// row structure, so the report's text survives even a hostile page. Every
// block, <br>-run and table cell is one Row-0 cell and one line.
func readHTMLTokens(text string) document {
	doc := document{form: formHTML}
	z := html.NewTokenizer(strings.NewReader(text))
	var buf strings.Builder
	flush := func() {
		if s := cleanText(buf.String()); s != "" {
			doc.lines = append(doc.lines, s)
			doc.cells = append(doc.cells, Cell{Text: s})
		}
		buf.Reset()
	}
	inRaw := false // the next text token is a script, style … body
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return doc
		case html.TextToken:
			if !inRaw {
				buf.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			inRaw = tt == html.StartTagToken && rawTextAtoms[a]
			if a == atom.Br || blockAtoms[a] {
				flush()
			}
		}
		if tt != html.StartTagToken {
			inRaw = false
		}
	}
}
