package parse

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The DOM reader: the page parsed by golang.org/x/net/html and walked. It
// was the only reader before the streaming one (html_stream.go) and is now
// the fallback for the few pages the stream does not model (see
// readHTMLStream), and the reference the stream is tested against: both
// must return the same document for every page the stream accepts.

// readHTMLDOM reads decoded page text through a DOM. x/net/html refuses
// nesting deeper than 512 elements; such pages are read token by token,
// without row structure.
func readHTMLDOM(text string) document {
	root, err := html.Parse(strings.NewReader(text))
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
