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

// Box is a rectangle on a page, in points, origin at the top-left corner
// like Page. The zero Box is "no box" (a form without positions).
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// IsZero reports whether b is the zero Box, "no box".
func (b Box) IsZero() bool { return b == Box{} }

// Union is the smallest box holding both; a zero box adds nothing.
func (b Box) Union(o Box) Box {
	switch {
	case o.IsZero():
		return b
	case b.IsZero():
		return o
	}
	return Box{min(b.X0, o.X0), min(b.Y0, o.Y0), max(b.X1, o.X1), max(b.Y1, o.Y1)}
}

// Contains reports whether o lies within b (touching edges count).
func (b Box) Contains(o Box) bool {
	return o.X0 >= b.X0 && o.Y0 >= b.Y0 && o.X1 <= b.X1 && o.Y1 <= b.Y1
}

// glyphsBox is the union of the glyphs' boxes.
func glyphsBox(gs []Glyph) Box {
	var b Box
	for _, g := range gs {
		b = b.Union(Box{g.X0, g.Y0, g.X1, g.Y1})
	}
	return b
}

// PageSize is one page's size in points, for drawing a value's Box over
// an image of its page.
type PageSize struct {
	Number int     `json:"number"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}
