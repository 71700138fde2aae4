package parse

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Tables printed without ruling lines. The value columns are where the
// numbers stand (the extents of the numeric words, across all rows, not
// their centres: 表四's values are left-aligned); the header words above
// them say which column is which and give the header row. Each line
// holding numbers anchors a row; label fragments to the left of the first
// value column are grouped per label column into blocks (a label wrapped
// over lines), and a block joins the row whose numbers it stands beside —
// or, for an outer label spanning rows (三、本年度办理结果), the first of
// them.

// headerTable is a table printed without ruling lines.
type headerTable struct {
	y        float64
	rows     [][]layoutCell
	warnings []string // rows left out (wrappedRows)
}

// word is glyphs of a line with no wide gap between them.
type word struct {
	text           string
	x0, y0, x1, y1 float64
	numeric        bool
	glyphs         []Glyph
}

func wordsOf(l textLine) []word {
	var out []word
	var cur []Glyph
	flush := func() {
		if len(cur) == 0 {
			return
		}
		out = append(out, makeWord(cur, l.y0, l.y1))
		cur = nil
	}
	for _, g := range l.glyphs {
		if len(cur) > 0 && g.X0-cur[len(cur)-1].X1 > 0.3*l.height() {
			flush()
		}
		cur = append(cur, g)
	}
	flush()
	return out
}

// box is the union of the word's characters.
func (w word) box() Box { return glyphsBox(w.glyphs) }

func makeWord(cur []Glyph, y0, y1 float64) word {
	{
		w := word{x0: cur[0].X0, y0: y0, x1: cur[len(cur)-1].X1, y1: y1, glyphs: cur}
		var b strings.Builder
		for _, g := range cur {
			b.WriteRune(g.R)
		}
		w.text = b.String()
		w.numeric = readsAsNumber(w.text)
		return w
	}
}

// isAnchor reports whether a line is a table row's line of numbers: a
// label and numbers, or numbers alone.
func isAnchor(ws []word) bool {
	n := 0
	for _, w := range ws {
		if w.numeric {
			n++
		}
	}
	return n >= 2 || (n == 1 && len(ws) >= 2 && !ws[0].numeric)
}

// tablesByHeader finds the unruled tables among a page's lines; rest is
// the lines outside them.
func tablesByHeader(lines []textLine) (tables []headerTable, rest []textLine) {
	words := make([][]word, len(lines))
	var anchorH []float64
	for i, l := range lines {
		words[i] = wordsOf(l)
		if isAnchor(words[i]) {
			anchorH = append(anchorH, l.height())
		}
	}
	if len(anchorH) < 2 {
		return nil, lines
	}
	sort.Float64s(anchorH)
	h := anchorH[len(anchorH)/2]
	tableType := func(l textLine) bool { return l.height() > 0.75*h && l.height() < 1.3*h }
	for i := 0; i < len(lines); {
		if !isAnchor(words[i]) || !tableType(lines[i]) {
			i++
			continue
		}
		// Grow a region around this anchor over lines in table type.
		lo, hi := i, i
		for lo > 0 && tableType(lines[lo-1]) && lines[lo].y0-lines[lo-1].y1 < 3*h && !isPartTitle(lines[lo-1]) {
			lo--
		}
		for hi+1 < len(lines) && tableType(lines[hi+1]) && lines[hi+1].y0-lines[hi].y1 < 3*h {
			hi++
		}
		anchors := 0
		for k := lo; k <= hi; k++ {
			if isAnchor(words[k]) {
				anchors++
			}
		}
		if anchors < 2 {
			i = hi + 1
			continue
		}
		t := buildHeaderTable(lines[lo:hi+1], words[lo:hi+1])
		tables = append(tables, t)
		rest = append(rest, lines[:lo]...)
		lines, words = lines[hi+1:], words[hi+1:]
		i = 0
	}
	return tables, append(rest, lines...)
}

// sureBlanks tells which empty cells of a row of a table without rules are
// blanks for certain: those a number follows before any text. Nothing
// shows where such a row ends, so an empty cell after its last number may
// be a blank or a cell whose number was printed off the line; and a row
// with no number before a text cell (a label line of a table set beside
// another, whose numbers give the line its place) may have its numbers on
// the next line. Cells are placed by where they stand, so a blank before a
// number is one.
func sureBlanks(values []string) []bool {
	sure := make([]bool, len(values))
	numberAfter := false
	for k := len(values) - 1; k >= 0; k-- {
		switch v := values[k]; {
		case v == "":
			sure[k] = numberAfter
		case readsAsNumber(v):
			numberAfter = true
		default:
			numberAfter = false
		}
	}
	return sure
}

// readsAsNumber reports whether a cell's text reads as a number.
func readsAsNumber(s string) bool {
	v, ok := readValue(s)
	return ok && v.number != nil
}

// headerOnlyColumns returns the extents of header words that share a
// column (colOf) with a word on the same line standing well apart from it:
// all but the one nearest the column's numbers are columns of their own.
func headerOnlyColumns(lines []textLine, words [][]word, cols []extent, colOf func(word) int) []extent {
	var extra []extent
	for i := range lines {
		if isAnchor(words[i]) {
			continue
		}
		byCol := map[int][]word{}
		for _, w := range words[i] {
			if k := colOf(w); k >= 0 && !w.numeric {
				byCol[k] = append(byCol[k], w)
			}
		}
		for k, ws := range byCol {
			if len(ws) < 2 {
				continue
			}
			centre := (cols[k].x0 + cols[k].x1) / 2
			near := 0
			for j, w := range ws {
				if math.Abs((w.x0+w.x1)/2-centre) < math.Abs((ws[near].x0+ws[near].x1)/2-centre) {
					near = j
				}
			}
			for j, w := range ws {
				// Words of one cell ("其他 组织") stand a space apart;
				// columns stand further.
				gap := max(w.x0-ws[near].x1, ws[near].x0-w.x1)
				if j != near && gap > 1.5*lines[i].height() {
					extra = append(extra, extent{w.x0, w.x1})
				}
			}
		}
	}
	return extra
}

// isPartTitle: a numbered part title ends the region above a table.
func isPartTitle(l textLine) bool {
	return headingRe.MatchString(l.text()) && !tableRowRe.MatchString(l.text())
}

// extent is a column's extent.
type extent struct{ x0, x1 float64 }

func buildHeaderTable(lines []textLine, words [][]word) headerTable {
	t := headerTable{y: lines[0].y0}
	// Value columns: numeric words' extents merged across rows.
	var cols []extent
	for i := range lines {
		if !isAnchor(words[i]) {
			continue
		}
		for _, w := range words[i] {
			if w.numeric {
				cols = append(cols, extent{w.x0, w.x1})
			}
		}
	}
	cols = mergeSpans(cols)
	var valueLeft float64
	var bounds []float64
	setBounds := func() {
		valueLeft = cols[0].x0
		// Column boundaries: halfway between neighbouring extents.
		bounds = make([]float64, len(cols)+1)
		bounds[0], bounds[len(cols)] = valueLeft-1, 1e9
		for k := 1; k < len(cols); k++ {
			bounds[k] = (cols[k-1].x1 + cols[k].x0) / 2
		}
		if lr := labelRight(words, valueLeft); lr > 0 {
			bounds[0] = (lr + valueLeft) / 2
		}
	}
	setBounds()
	// A header word belongs to the column it mostly stands over; a word
	// over several columns (申请人情况) is a row of its own.
	colOf := func(w word) int {
		best, bestOv := -1, 0.0
		for k := range cols {
			if ov := min(w.x1, bounds[k+1]) - max(w.x0, bounds[k]); ov > bestOv {
				best, bestOv = k, ov
			}
		}
		if best >= 0 && bestOv >= 0.6*(w.x1-w.x0) {
			return best
		}
		return -1
	}
	// A column no row prints a number in has no extent: its header stands
	// beside its neighbour's, and the blanks under it would vanish ("4, ,
	// 6" read as 4, 6). Header words apart on one line are columns apart.
	if extra := headerOnlyColumns(lines, words, cols, colOf); len(extra) > 0 {
		cols = mergeSpans(append(cols, extra...))
		setBounds()
	}
	inValues := func(w word) bool { return w.x1 > bounds[0] }
	// Each line is a row of numbers (anchor), a header line (words over
	// the value columns, no numbers), or label text. A label line right
	// above a header line is that sub-table's title (第二十条第（五）项).
	kind := make([]int, len(lines))
	const label, anchor, header = 0, 1, 2
	for i := range lines {
		switch {
		case isAnchor(words[i]):
			kind[i] = anchor
		case slices.ContainsFunc(words[i], inValues):
			kind[i] = header
		}
	}
	for i := len(lines) - 2; i >= 0; i-- {
		if kind[i] == label && kind[i+1] == header && lines[i+1].y0-lines[i].y1 < lines[i].height() {
			kind[i] = header
		}
	}
	type placed struct {
		y   float64
		row []layoutCell
	}
	var out []placed
	// headerRows prints a run of header lines: words over several columns
	// as rows of their own, then one row with the label-side words and each
	// column's words read top to bottom.
	headerRows := func(from, to int) {
		head := make([][]string, len(cols))
		headBox := make([]Box, len(cols))
		var headLabel []string
		var labelBox Box
		y := lines[from].y0
		for i := from; i < to; i++ {
			for _, w := range words[i] {
				if !inValues(w) {
					headLabel = append(headLabel, w.text)
					labelBox = labelBox.Union(w.box())
				} else if k := colOf(w); k >= 0 {
					head[k] = append(head[k], w.text)
					headBox[k] = headBox[k].Union(w.box())
				} else {
					out = append(out, placed{w.y0, []layoutCell{{text: w.text, left: w.x0, right: w.x1, box: w.box()}}})
				}
			}
		}
		row := []layoutCell{{text: strings.Join(headLabel, ""), left: lines[from].x0, right: bounds[0], box: labelBox}}
		filled := len(headLabel) > 0
		for k, ws := range head {
			// An empty cell of a header line is no blank value: a row
			// label on the line (a table set beside another) has its
			// numbers elsewhere.
			row = append(row, layoutCell{text: strings.Join(ws, ""), left: bounds[k], right: bounds[k+1], box: headBox[k], uncertain: len(ws) == 0})
			filled = filled || len(ws) > 0
		}
		if filled {
			out = append(out, placed{y + 0.01, row})
		}
	}
	// bodyRows prints the anchors of a run of body lines with their labels.
	bodyRows := func(from, to int) {
		var body []*headerRow
		var frags []word
		for i := from; i < to; i++ {
			if kind[i] == anchor {
				r := &headerRow{y: (lines[i].y0 + lines[i].y1) / 2, values: make([]string, len(cols)), boxes: make([]Box, len(cols))}
				for _, w := range words[i] {
					if inValues(w) {
						if k := colOf(w); k >= 0 {
							r.values[k] += w.text
							r.boxes[k] = r.boxes[k].Union(w.box())
						}
					}
				}
				body = append(body, r)
			}
			for _, w := range words[i] {
				if !inValues(w) {
					frags = append(frags, w)
				}
			}
		}
		if len(body) == 0 {
			for _, w := range frags {
				out = append(out, placed{w.y0, []layoutCell{{text: w.text, left: w.x0, right: w.x1, box: w.box()}}})
			}
			return
		}
		carry := placeLabels(frags, body)
		wrapped := wrappedRows(body)
		for i, r := range body {
			if wrapped[i] && len(r.inner) > 0 {
				t.warnings = append(t.warnings, fmt.Sprintf("a table without rules prints the numbers of row %q over two lines (a value wrapped in its cell); left out", clip(strings.Join(r.inner, ""), 24)))
			}
		}
		if len(carry) > 0 {
			// A row of its own, without numbers: continueTable joins it to
			// the row the page break cut.
			out = append(out, placed{lines[from].y0 - 1, []layoutCell{{text: strings.Join(carry, ""), left: -1, right: -1}}})
		}
		for i, r := range body {
			if wrapped[i] {
				continue
			}
			var row []layoutCell
			sort.SliceStable(r.outer, func(i, j int) bool { return r.outer[i].x0 < r.outer[j].x0 })
			for k, o := range r.outer {
				row = append(row, layoutCell{text: o.text, left: -float64(len(r.outer) - k), right: -float64(len(r.outer)-k) + 0.5})
			}
			if len(r.inner) > 0 {
				row = append(row, layoutCell{text: strings.Join(r.inner, ""), left: 0, right: bounds[0]})
			}
			var blankSure []bool // read only for an empty cell
			if slices.Contains(r.values, "") {
				blankSure = sureBlanks(r.values)
			}
			for k, v := range r.values {
				row = append(row, layoutCell{text: v, left: bounds[k], right: bounds[k+1], box: r.boxes[k], uncertain: v == "" && !blankSure[k]})
			}
			out = append(out, placed{r.y, row})
		}
	}
	// Lines before the first header or anchor are label text of a table
	// continued from the page before; then runs of header lines and runs
	// of body lines alternate.
	for i := 0; i < len(lines); {
		j := i + 1
		isHead := kind[i] == header
		for j < len(lines) && (kind[j] == header) == isHead {
			j++
		}
		if isHead {
			headerRows(i, j)
		} else {
			bodyRows(i, j)
		}
		i = j
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].y < out[j].y })
	for _, p := range out {
		t.rows = append(t.rows, p.row)
	}
	return t
}

// wrappedRows marks the rows of numbers that are one row's numbers wrapped
// over two lines in their cells: a line of numbers with no label beside
// it next to one with a label, in a table whose rows have labels. Each
// line's cells would otherwise be read as the whole row, the numbers
// missing from one line as blanks ("１２" of "１２０" as the value, the
// rest NULL). The line and its labelled neighbours are left out: a label
// centred on a two-line cell may stand beside either line.
func wrappedRows(body []*headerRow) []bool {
	labelled := func(r *headerRow) bool { return len(r.inner) > 0 || len(r.outer) > 0 }
	out := make([]bool, len(body))
	if !slices.ContainsFunc(body, labelled) {
		return out // no row has a label (table 四): nothing to tell
	}
	for i, r := range body {
		if labelled(r) {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(body) && labelled(body[j]) {
				out[i], out[j] = true, true
			}
		}
	}
	return out
}

// labelRight is how far right the labels beside numbers reach.
func labelRight(words [][]word, valueLeft float64) float64 {
	right := 0.0
	for _, ws := range words {
		if !isAnchor(ws) {
			continue
		}
		for _, w := range ws {
			if !w.numeric && w.x1 <= valueLeft {
				right = max(right, w.x1)
			}
		}
	}
	return right
}

// mergeSpans unites overlapping extents.
func mergeSpans(in []extent) []extent {
	sort.Slice(in, func(i, j int) bool { return in[i].x0 < in[j].x0 })
	var out []extent
	for _, s := range in {
		if n := len(out); n > 0 && s.x0 <= out[n-1].x1+1 {
			out[n-1].x1 = max(out[n-1].x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	return out
}

// placeLabels puts the label fragments into the rows. Label columns start
// where several fragments start; words glued across a column start (no gap
// is left before a full-width bracket) are cut there. Fragments in the
// innermost label column join the row whose numbers are nearest (a label
// wrapped in its cell stands centred on, or starts beside, them). An outer
// label is a block of fragments at the line pitch; it joins the first row
// it stands beside (it spans them, as a rowspan), else the nearest.
func placeLabels(frags []word, body []*headerRow) (carry []string) {
	starts := columnStarts(frags)
	var cut []word
	for _, w := range frags {
		cut = append(cut, cutAt(w, starts)...)
	}
	inner := innerStart(cut, body, starts)
	var outer []word
	var innerWords []word
	for _, w := range cut {
		if w.x0 >= inner-1 {
			innerWords = append(innerWords, w)
		} else {
			outer = append(outer, w)
		}
	}
	// Inner labels: a block runs from one numbered label start to the next.

	for _, b := range numberedBlocks(sortedByY(innerWords)) {
		var in []int
		for i, r := range body {
			if r.y >= b[0].y0 && r.y <= b[len(b)-1].y1 {
				in = append(in, i)
			}
		}
		switch {
		case len(in) == 1:
			for _, w := range b {
				body[in[0]].inner = append(body[in[0]].inner, w.text)
			}
		case len(in) == 0 && len(body) > 0 && b[len(b)-1].y1 < body[0].y && !labelNumberRe.MatchString(b[0].text):
			// The end of a label the page break cut: it belongs to the
			// previous page's last row (see continueTable).
			for _, w := range b {
				carry = append(carry, w.text)
			}
		default:
			for _, w := range b {
				if r := nearestRow(body, (w.y0+w.y1)/2); r >= 0 {
					body[r].inner = append(body[r].inner, w.text)
				}
			}
		}
	}
	pitch := linePitch([][]word{sortedByY(innerWords)})
	if pitch > 1e8 && len(frags) > 0 {
		pitch = 1.2 * (frags[0].y1 - frags[0].y0)
	}
	for _, col := range labelColumns(outer) {
		for _, b := range labelBlocks(col, pitch) {
			var parts []string
			for _, w := range b {
				parts = append(parts, w.text)
			}
			if r := blockRow(b, body); r >= 0 {
				body[r].outer = append(body[r].outer, outerLabel{x0: b[0].x0, text: strings.Join(parts, "")})
			}
		}
	}
	return carry
}

// numberedBlocks splits fragments (top to bottom) before each one that
// starts with a label's numbering.
func numberedBlocks(ws []word) [][]word {
	var out [][]word
	for i, w := range ws {
		if i == 0 || labelNumberRe.MatchString(w.text) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], w)
	}
	return out
}

func sortedByY(ws []word) []word {
	ws = append([]word(nil), ws...)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].y0 < ws[j].y0 })
	return ws
}

func nearestRow(body []*headerRow, y float64) int {
	best, bestD := -1, 1e18
	for i, r := range body {
		if d := abs(r.y - y); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// columnStarts is the left edges shared by two or more fragments.
func columnStarts(frags []word) []float64 {
	var xs []float64
	for _, w := range frags {
		xs = append(xs, w.x0)
	}
	return clusterStarts(xs, func(d float64) bool { return d < 1 }, 2)
}

// cutAt splits a word where a label's numbering — an opening bracket or
// a digit — starts at a column start.
func cutAt(w word, starts []float64) []word {
	var out []word
	from := 0
	for k := 1; k < len(w.glyphs); k++ {
		r, prev := w.glyphs[k].R, w.glyphs[k-1].R
		opens := r == '（' || r == '(' || (r >= '0' && r <= '9' && !(prev >= '0' && prev <= '9'))
		if !opens {
			continue
		}
		for _, x := range starts {
			if abs(w.glyphs[k].X0-x) < 1 {
				out = append(out, makeWord(w.glyphs[from:k], w.y0, w.y1))
				from = k
				break
			}
		}
	}
	return append(out, makeWord(w.glyphs[from:], w.y0, w.y1))
}

// innerStart is where the innermost label column starts: the rightmost
// column start that begins a label on two or more lines with numbers.
func innerStart(ws []word, body []*headerRow, starts []float64) float64 {
	best := -1e9
	for _, x := range starts {
		n := 0
		for _, w := range ws {
			if abs(w.x0-x) < 1 && isBeside(w, body) {
				n++
			}
		}
		if n >= 2 && x > best {
			best = x
		}
	}
	return best
}

func isBeside(w word, body []*headerRow) bool {
	for _, r := range body {
		if r.y > w.y0 && r.y < w.y1 {
			return true
		}
	}
	return false
}

// labelColumns groups label fragments into the label columns they were
// printed in: fragments of one column share their left edge (left-aligned
// labels) or their centre (centred ones).
func labelColumns(frags []word) [][]word {
	parent := make([]int, len(frags))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i, a := range frags {
		tol := 0.9 * (a.y1 - a.y0)
		for j := i + 1; j < len(frags); j++ {
			b := frags[j]
			if abs(a.x0-b.x0) < tol/2 || abs(a.x0+a.x1-b.x0-b.x1)/2 < tol/4 {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]word{}
	var roots []int
	for i, w := range frags {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], w)
	}
	var cols [][]word
	for _, r := range roots {
		c := groups[r]
		sort.SliceStable(c, func(i, j int) bool { return c[i].y0 < c[j].y0 })
		cols = append(cols, c)
	}
	left := func(c []word) float64 {
		m := c[0].x0
		for _, w := range c {
			m = min(m, w.x0)
		}
		return m
	}
	sort.SliceStable(cols, func(i, j int) bool { return left(cols[i]) < left(cols[j]) })
	return cols
}

// labelNumberRe matches the numbering a template label starts with:
// 一、 （一） 1.
var labelNumberRe = regexp.MustCompile(`^(?:` + groupNumbering + `|\d+[.、．])`)

// groupNumbering is the numbering of a group of rows (or of a section):
// "（三）", "(三)", "三、"; a row within a group is numbered "1." (groupNumberRe).
const groupNumbering = `[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]`

var groupNumberRe = regexp.MustCompile(`^(?:` + groupNumbering + `)`)

// linePitch is the distance between the lines of one wrapped label: the
// smallest step between fragments of a label column.
func linePitch(cols [][]word) float64 {
	pitch := 1e9
	for _, ws := range cols {
		for i := 1; i < len(ws); i++ {
			if d := ws[i].y0 - ws[i-1].y0; d > 0.5*(ws[i].y1-ws[i].y0) {
				pitch = min(pitch, d)
			}
		}
	}
	return pitch
}

// labelBlocks splits a label column into labels: lines of one label follow
// at the line pitch; the next cell's label starts after the cell padding,
// a wider step.
func labelBlocks(ws []word, pitch float64) [][]word {
	if len(ws) == 0 {
		return nil
	}
	var out [][]word
	cur := []word{ws[0]}
	for i := 1; i < len(ws); i++ {
		if ws[i].y0-ws[i-1].y0 <= pitch*1.1 && !labelNumberRe.MatchString(ws[i].text) {
			cur = append(cur, ws[i])
			continue
		}
		out = append(out, cur)
		cur = []word{ws[i]}
	}
	return append(out, cur)
}

// headerRow is a body row of an unruled table while it is built.
type headerRow struct {
	y      float64
	outer  []outerLabel // labels of outer label columns, spanning rows
	inner  []string     // the row's own label, line by line
	values []string
	boxes  []Box // each value's characters
}

type outerLabel struct {
	x0   float64
	text string
}

// blockRow picks the row a label block belongs to: the first of the rows
// of numbers it stands beside if it spans several (an outer label), else
// the nearest row.
func blockRow(b []word, body []*headerRow) int {
	y0, y1 := b[0].y0, b[len(b)-1].y1
	mid := (y0 + y1) / 2
	first, beside := -1, 0
	for i, r := range body {
		if r.y >= y0 && r.y <= y1 {
			if first < 0 {
				first = i
			}
			beside++
		}
	}
	if beside >= 2 {
		return first
	}
	best, bestD := -1, 1e18
	for i, r := range body {
		if d := abs(r.y - mid); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
