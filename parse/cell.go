package parse

import "slices"

// Cell is one table cell, or one line or paragraph that may be a cell, as a
// reader found it. Readers know nothing of the template: they only say what
// the source says about rows.
type Cell struct {
	// Text is the cell's text with surrounding space trimmed; "" is a cell
	// the source shows as present but blank.
	Text string
	// Row numbers the source row the cell belongs to: cells sharing a
	// non-zero Row came from one <tr> or one "a | b | c" line. Zero means the
	// source has no row boundaries here (one cell per line or paragraph).
	Row int
	// at is the 1-based page a positioned reader (PDF) found the cell on
	// and where its characters sit there (the union of their boxes); nil
	// where the form has no positions (or the cell none: page 0, no box).
	// A pointer: inline, the page and box took half of a cell's 80 bytes
	// in every form, and a plain-text report holds some 300 cells.
	at *printedAt
	// Open marks the document's last cell when nothing closes it (no line
	// break, no closing pipe): the document was cut inside it, so its text
	// may be the start of a longer one ("1" of "12").
	Open bool

	// glued marks numbers printed with no separator between cells; set by
	// the matcher's splitGlued, never by readers.
	glued bool
	// uncertain marks an empty cell that may instead be a row's end
	// (cell-then-bar text prints both as a bare bar): what follows it in a
	// row cut by the document's end has no certain place.
	uncertain bool
	// lineOpen marks the last cell when no line break ends the document:
	// the row it is on may go on past the cut.
	lineOpen bool
	// spanned marks the cells of a row printed with span filler ("||"):
	// the row is printed to its full width, blank cells and all.
	spanned bool
	// wide marks a number printed across several columns (an HTML
	// colspan, Word's gridSpan or merged cells, a ruled PDF grid's box,
	// piped text's span filler after it): which of them it is, or whether
	// it stands for each, the source does not say. A row of one column has
	// no doubt.
	wide bool
	// underSpan marks the cells of a row that a number printed across
	// several rows (rowspan) reaches into from above: the row lacks that
	// cell, so its other cells' places are not certain.
	underSpan bool
}

// document is what a reader makes of an input: its text as lines, for the
// identity and the prose, and its cells, for the matcher.
type document struct {
	form  string
	lines []string
	cells []Cell
	// published is the date the page's CMS declares in its <head>
	// (PubDate <meta>), "" if none: the page's own, where a saved copy's
	// text may carry save and crawl stamps too.
	published string
	// warnings are what the reader could not read (a table cut by the
	// page's edge).
	warnings []string
}

// markedOnlyCell stands for a cell whose only text is struck through or a
// footnote mark (raised, lowered, linked), which the readers leave out of a
// number (370 struck before 371, a footnote mark after it): shown, so no blank
// (NULL), and no number the reader takes.
const markedOnlyCell = "〔删除线或上标〕"

// spanNumber reports whether a cell's text is a number (or several) whose
// span over columns or rows puts its row's places in doubt (Cell.wide,
// Cell.underSpan): spans of labels and blanks are the template's own.
func spanNumber(text string) bool {
	if indexDigit(text) < 0 {
		return false
	}
	v, ok := readValue(text)
	return ok && (v.number != nil || v.several)
}

// dividedBy reports whether a row's column edges divide the span [left,
// right] of a cell of another row: edges at both its ends (within slack)
// and one inside. The Word 97 and ruled-PDF readers so tell a number
// printed across columns from rows whose columns are merely a little off
// one another.
func dividedBy[T int | float64](edges []T, left, right, slack T) bool {
	return slices.ContainsFunc(edges, func(e T) bool { return near(e, left, slack) }) &&
		slices.ContainsFunc(edges, func(e T) bool { return near(e, right, slack) }) &&
		slices.ContainsFunc(edges, func(e T) bool { return left+slack < e && e < right-slack })
}

// near reports whether a and b are at most slack apart.
func near[T int | float64](a, b, slack T) bool { return a-b <= slack && b-a <= slack }
