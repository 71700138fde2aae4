package parse

// Positioned text: what a PDF text extractor (package pdftext) hands to
// ParseLayout. parse does no I/O and knows nothing of PDF syntax; it only
// rebuilds lines, rows and cells from where the characters and the ruling
// lines sit on each page, then runs the one matcher:
//
//	layout_parse.go   ParseLayout: the text-layer check, pages → tables and
//	                  paragraphs in reading order, tables joined across pages
//	layout_grid.go    ruled tables: rules → grids → cell boxes (spans once)
//	layout_header.go  unruled tables: value columns, header words, label blocks
//	layout_lines.go   glyphs → lines → paragraphs; page numbers, running heads

// Page is one page of a document, in points, origin at the top-left corner
// (y grows downwards) and already turned upright if the page is rotated.
type Page struct {
	Number int // 1-based
	Width  float64
	Height float64
	Glyphs []Glyph
	Rules  []Rule
	// Images counts the image objects drawn on the page: a page with
	// images and no glyphs is a scan.
	Images int
}

// Glyph is one character and its box.
type Glyph struct {
	R              rune
	X0, Y0, X1, Y1 float64
}

// Rule is one straight segment of a path object: a table's ruling line, or
// an edge of a filled rectangle drawn as one.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Vertical reports whether the rule runs up and down.
func (r Rule) Vertical() bool { return abs(r.X1-r.X0) < 1.5 && abs(r.Y1-r.Y0) >= 1.5 }

// Horizontal reports whether the rule runs across.
func (r Rule) Horizontal() bool { return abs(r.Y1-r.Y0) < 1.5 && abs(r.X1-r.X0) >= 1.5 }

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
