package parse

import (
	"fmt"
	"slices"
	"sort"
	"unicode"
)

// formPDFLayout is the Report.Form of a document read from positions.
const formPDFLayout = "pdf"

// ParseLayout reads a report from positioned pages (a PDF's text layer, as
// package pdftext extracts it). Tables come from ruling lines where a page
// has them, else from the columns their header cells set; text between
// tables becomes paragraphs. A document without usable text is a
// *UnreadableError (errors.Is(err, ErrUnreadable)), never a report of
// garbled values.
func ParseLayout(pages []Page, opt Options) (*Report, error) {
	name := opt.Name
	if name == "" {
		name = "input"
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: document has no pages", name)
	}
	if err := checkTextLayer(pages); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	doc := readLayout(dropUndecoded(pages))
	r := build(doc, nil)
	for _, p := range pages {
		r.Pages = append(r.Pages, PageSize{Number: p.Number, Width: p.Width, Height: p.Height})
	}
	yearFromName(r, opt.Name, name)
	if len(r.Values) == 0 {
		// Text pages around scanned tables: the statistics are pictures.
		for _, p := range pages {
			if len(p.Glyphs) == 0 && p.Images > 0 {
				return nil, fmt.Errorf("%s: %w", name, &UnreadableError{Reason: ReasonImageOnly,
					Detail: fmt.Sprintf("no statistics in the text; page %d is an image", p.Number)})
			}
		}
	}
	return r, nil
}

// checkTextLayer refuses pages whose text is missing (a scan) or does not
// decode (CJK fonts without a ToUnicode map that PDFium cannot map through
// a predefined CMap come out as control, private-use or undecodable
// characters).
func checkTextLayer(pages []Page) error {
	var total, bad, images int
	for _, p := range pages {
		images += p.Images
		for _, g := range p.Glyphs {
			total++
			if undecoded(g.R) {
				bad++
			}
		}
	}
	switch {
	case total-bad < 20 && images > 0:
		return &UnreadableError{Reason: ReasonImageOnly, Detail: fmt.Sprintf("%d pages, %d images, %d characters", len(pages), images, total)}
	case total == 0:
		return &UnreadableError{Reason: ReasonNoTextLayer, Detail: fmt.Sprintf("%d pages without text objects", len(pages))}
	case bad*4 > total || total-bad < 20:
		return &UnreadableError{Reason: ReasonNoTextLayer, Detail: fmt.Sprintf("%d of %d characters do not decode to text", bad, total)}
	}
	return nil
}

// dropUndecoded leaves out the few characters that did not decode (a
// hyphenation mark, a symbol font's glyph) once the text layer as a whole
// passed checkTextLayer, so no cell prints them.
func dropUndecoded(pages []Page) []Page {
	out := make([]Page, len(pages))
	for i, p := range pages {
		keep := p.Glyphs[:0:0]
		for _, g := range p.Glyphs {
			if !undecoded(g.R) {
				keep = append(keep, g)
			}
		}
		p.Glyphs = keep
		out[i] = p
	}
	return out
}

func undecoded(r rune) bool {
	return r == unicode.ReplacementChar || r == 0xFFFE || r < 0x20 || unicode.Is(unicode.Co, r) || (r >= 0x7f && r < 0xa0)
}

// layoutCell is one table cell with where it sits across the page.
type layoutCell struct {
	text        string
	left, right float64
	spans       bool // reaches over more than one band (a rowspan)
	// wide: a number across several columns of its ruled grid
	// (Cell.wide); underSpan: a number across rows above reaches into the
	// cell's row (Cell.underSpan); reaches: how many rows after its own
	// a box spanning bands reaches into. See noteGridSpans.
	wide, underSpan bool
	reaches         int
	// uncertain: an empty value cell of a table without rules, which may
	// be a blank or where the row's numbers did not line up (Cell.uncertain).
	uncertain bool
	// box holds the cell's characters on its page; zero for a cell
	// without any.
	box Box
}

// layoutItem is a table or a paragraph, in page order.
type layoutItem struct {
	y    float64
	page int
	rows [][]layoutCell // a table
	text string         // a paragraph
	box  Box            // the paragraph's characters
}

// readLayout turns pages into the reader's document: per page, the tables
// (grids, or header-column tables) and the paragraphs between them, in
// order from the top; page numbers and running headers are dropped. A
// table that goes on at the top of the next page is one table (see
// continueTable).
func readLayout(pages []Page) document {
	doc := document{form: formPDFLayout}
	repeated := marginRepeats(pages)
	var all []layoutItem
	for _, p := range pages {
		items, warnings := pageItems(p, repeated)
		doc.warnings = append(doc.warnings, warnings...)
		if n := len(all); n > 0 && len(items) > 0 && all[n-1].rows != nil && items[0].rows != nil {
			if w := continueTable(&all[n-1], &items[0]); w != "" {
				doc.warnings = append(doc.warnings, w)
			}
		}
		all = append(all, items...)
	}
	row := 0
	for _, it := range all {
		if it.rows == nil {
			doc.cells = append(doc.cells, Cell{Text: it.text, at: printedAtOf(it.page, it.box)})
			doc.lines = append(doc.lines, it.text)
			continue
		}
		for _, r := range it.rows {
			if len(r) == 0 {
				continue
			}
			row++
			texts := make([]string, len(r))
			for i, c := range r {
				doc.cells = append(doc.cells, Cell{Text: c.text, Row: row, at: printedAtOf(it.page, c.box), uncertain: c.uncertain, wide: c.wide, underSpan: c.underSpan})
				texts[i] = c.text
			}
			doc.lines = append(doc.lines, joinRow(texts))
		}
	}
	return doc
}

// pageItems reads one page's tables and paragraphs, top to bottom.
func pageItems(p Page, repeated map[string]int) (items []layoutItem, warnings []string) {
	used := make([]bool, len(p.Glyphs))
	for _, g := range gridsOf(p) {
		if clippedByPage(g, p) {
			// A table wider than the paper: the viewer clips it at the
			// page's edge, and so does PDFium its rules, so the edge
			// looks like the table's border and the numbers past it
			// fall out of their cells ("2261" read as "2"). Its text
			// is set aside, not read as paragraphs.
			for k, gl := range p.Glyphs {
				if gl.Y0 >= g.top-snap && gl.Y1 <= g.bott+snap {
					used[k] = true
				}
			}
			warnings = append(warnings, fmt.Sprintf("page %d: a table runs past the page's edge, its last column cut off; left out", p.Number))
			continue
		}
		boxes, bands := g.cells()
		it := layoutItem{y: g.top, page: p.Number}
		var inGrid []int // the glyphs within the grid, so each box looks at those only
		for k, gl := range p.Glyphs {
			if (box{g.left, g.top, g.right, g.bott}).holds(gl) {
				inGrid = append(inGrid, k)
			}
		}
		for i, b := range boxes {
			if i == 0 || bands[i] != bands[i-1] {
				it.rows = append(it.rows, nil)
			}
			var in []Glyph
			for _, k := range inGrid {
				if gl := p.Glyphs[k]; !used[k] && b.holds(gl) {
					used[k] = true
					in = append(in, gl)
				}
			}
			multi := i+1 < len(bands) && b.bottom > boxes[i].top && spansBands(b, g)
			c := layoutCell{text: joinLines(linesOf(in)), left: b.left, right: b.right, spans: multi, box: glyphsBox(in)}
			it.rows[len(it.rows)-1] = append(it.rows[len(it.rows)-1], c)
		}
		noteGridSpans(g, boxes, bands, it.rows)
		items = append(items, it)
	}
	var rest []Glyph
	for k, gl := range p.Glyphs {
		if !used[k] {
			rest = append(rest, gl)
		}
	}
	var lines []textLine
	for _, l := range linesOf(rest) {
		if !isPageFurniture(l, p, repeated) {
			lines = append(lines, l)
		}
	}
	tables, lines := tablesByHeader(lines)
	for _, t := range tables {
		items = append(items, layoutItem{y: t.y, page: p.Number, rows: t.rows})
		for _, w := range t.warnings {
			warnings = append(warnings, fmt.Sprintf("page %d: %s", p.Number, w))
		}
	}
	for _, para := range paragraphs(lines) {
		var box Box
		for _, l := range para {
			box = box.Union(glyphsBox(l.glyphs))
		}
		items = append(items, layoutItem{y: para[0].y0, page: p.Number, text: joinLines(para), box: box})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
	return items, warnings
}

// clippedByPage reports whether a table's rules reach the page's right
// edge with text of its rows running past it: no table is laid out to the
// paper's edge, so the edge is where the page cut it.
func clippedByPage(g grid, p Page) bool {
	const edge = 1.0 // points
	if p.Width <= 0 || g.right < p.Width-edge {
		return false
	}
	for _, gl := range p.Glyphs {
		if gl.X1 > p.Width+edge && gl.Y0 >= g.top-snap && gl.Y1 <= g.bott+snap {
			return true
		}
	}
	return false
}

// noteGridSpans marks, as html_dom.go noteSpans does, the cells of a ruled
// grid's rows (rows, made from boxes by band) that print a number across
// columns (layoutCell.wide) and the rows that a number printed across
// bands reaches into (layoutCell.underSpan): the grid knows which cells
// span, where the matcher, which reads a row's cells in order, does not.
// A box spans columns when another band of the grid divides it: vertical
// rules at both its sides and one inside. Rows whose columns are a little
// off one another (tables drawn row by row) divide no box so. Spans of
// labels and blanks are the template's own and say nothing of places.
func noteGridSpans(g grid, boxes []box, bands []int, rows [][]layoutCell) {
	ys := positions(g.hs)
	cols := make([][]float64, len(ys)) // per band, the vertical rules crossing it
	for i := 0; i+1 < len(ys); i++ {
		cols[i] = g.crossing((ys[i] + ys[i+1]) / 2)
	}
	row, k := -1, 0 // the row of boxes[i] and its index there
	for i, b := range boxes {
		if i == 0 || bands[i] != bands[i-1] {
			row, k = row+1, 0
		}
		c := &rows[row][k]
		k++
		if c.spans { // spansBands, as pageItems found it
			for j := i + 1; j < len(boxes); j++ {
				if bands[j] != bands[j-1] {
					if bands[j]+1 >= len(ys) || (ys[bands[j]]+ys[bands[j]+1])/2 >= b.bottom {
						break
					}
					c.reaches++
				}
			}
		}
		if !spanNumber(c.text) {
			continue
		}
		c.wide = slices.ContainsFunc(cols, func(xs []float64) bool { return dividedBy(xs, b.left, b.right, snap) })
		markUnderSpan(rows[row+1:], c.reaches)
	}
}

// markUnderSpan marks the cells of the first n rows as reached into by a
// number printed across rows above them (Cell.underSpan).
func markUnderSpan(rows [][]layoutCell, n int) {
	for r := range rows[:min(n, len(rows))] {
		for k := range rows[r] {
			rows[r][k].underSpan = true
		}
	}
}

// numberInColumn reports whether the nearest cell of rows, from the last
// up, that spans the same columns as c prints a number: the cell that c,
// a rowspan's empty rest on a new page, continues.
func numberInColumn(rows [][]layoutCell, c layoutCell) bool {
	for j := len(rows) - 1; j >= 0; j-- {
		if k := sameColumn(rows[j], c); k >= 0 {
			return spanNumber(rows[j][k].text)
		}
	}
	return false
}

// spansBands reports whether a cell box reaches over more than one band of
// its grid.
func spansBands(b box, g grid) bool {
	n := 0
	for _, y := range positions(g.hs) {
		if y > b.top+snap && y < b.bottom-snap {
			n++
		}
	}
	return n > 0
}

// continueTable joins a table that starts a page to the one that ended
// the page before. Cells spanning rows that the break cut carry on empty
// on the new page: they are dropped, as the rest of a rowspan is, and where
// the cell they continue prints a number, the rows they reach lack it
// (Cell.underSpan, as in noteGridSpans). A row the
// break cut in two (a label wrapped over the break) is one row: the part
// on the new page has no numbers and its cells sit where the cells of the
// previous page's last row sat.
func continueTable(prev *layoutItem, next *layoutItem) (warning string) {
	first := next.rows[0]
	kept := first[:0:0]
	under := 0 // rows of next that a number on the page before reaches into
	for _, c := range first {
		if c.spans && c.text == "" {
			if numberInColumn(prev.rows, c) {
				under = max(under, c.reaches+1)
			}
			continue
		}
		kept = append(kept, c)
	}
	next.rows[0] = kept
	markUnderSpan(next.rows, under)
	// A header row repeated on the new page (Word's "repeat as header
	// row") is printed once.
	for _, r := range prev.rows {
		if sameTexts(r, kept) {
			next.rows = next.rows[1:]
			return ""
		}
	}
	last := prev.rows[len(prev.rows)-1]
	merged := append([]layoutCell(nil), last...)
	if len(kept) == 1 && kept[0].left == -1 {
		// The cut-off end of a label, from a table without rules: it goes
		// to the last label cell, the one before the first number.
		k := 0
		for k+1 < len(merged) {
			if v, ok := readValue(merged[k+1].text); ok && v.number != nil {
				break
			}
			k++
		}
		merged[k].text += kept[0].text
		prev.rows[len(prev.rows)-1] = merged
		next.rows = next.rows[1:]
		return ""
	}
	blank := false
	for _, c := range kept {
		blank = blank || c.text == ""
	}
	if !blank {
		return "" // every cell printed: a row of its own, not the rest of one
	}
	for _, c := range kept {
		if c.text == "" {
			continue
		}
		k := sameColumn(merged, c)
		if v, ok := readValue(c.text); ok && v.number != nil {
			if k >= 0 && merged[k].text != "" {
				// The rest of a number the break cut ("11" | "4" of 114):
				// which digits are whose is not certain; both parts go.
				prev.rows = prev.rows[:len(prev.rows)-1]
				next.rows = next.rows[1:]
				return fmt.Sprintf("page %d: a table row cut by the page break goes on with %q under %q; left out", next.page, c.text, merged[k].text)
			}
			return ""
		}
		if k < 0 {
			return ""
		}
		merged[k].text += c.text
	}
	prev.rows[len(prev.rows)-1] = merged
	next.rows = next.rows[1:]
	return ""
}

// sameTexts reports whether two rows print the same cells.
func sameTexts(a, b []layoutCell) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// sameColumn finds the cell of row that spans the same columns as c.
func sameColumn(row []layoutCell, c layoutCell) int {
	for i, r := range row {
		if abs(r.left-c.left) <= snap && abs(r.right-c.right) <= snap {
			return i
		}
	}
	return -1
}

func joinRow(cells []string) string {
	out := ""
	for i, c := range cells {
		if i > 0 {
			out += " | "
		}
		out += c
	}
	return out
}

// marginRepeats counts, per text (digits dropped), the pages whose top or
// bottom margin carries it: a running header or footer.
func marginRepeats(pages []Page) map[string]int {
	counts := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range linesOf(p.Glyphs) {
			if l.y1 < p.Height*0.1 || l.y0 > p.Height*0.85 {
				k := furnitureKey(l.text())
				if k != "" && !seen[k] {
					seen[k] = true
					counts[k]++
				}
			}
		}
	}
	return counts
}

// LayoutLines prints what ParseLayout reads from pages: a paragraph per
// line, a table row as "cell | cell | …", each prefixed by its page. It is
// for people checking a PDF that reads wrongly.
func LayoutLines(pages []Page) []string {
	doc := readLayout(dropUndecoded(pages))
	var out []string
	lastRow, line, page := -1, "", 0
	flush := func() {
		if line != "" || lastRow > 0 {
			out = append(out, fmt.Sprintf("p%d %s", page, line))
		}
		line = ""
	}
	for _, c := range doc.cells {
		if c.Row == 0 || c.Row != lastRow {
			flush()
			page, lastRow, line = c.page(), c.Row, c.Text
			continue
		}
		line += " | " + c.Text
	}
	flush()
	return out
}
