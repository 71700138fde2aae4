package parse

import (
	"fmt"
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
	doc := readLayout(pages)
	r := build(doc)
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

func undecoded(r rune) bool {
	return r == unicode.ReplacementChar || r < 0x20 || unicode.Is(unicode.Co, r) || (r >= 0x7f && r < 0xa0)
}

// readLayout turns pages into the reader's document: per page, the tables
// (grids, or header-column tables) and the paragraphs between them, in
// order from the top; page numbers and running headers are dropped.
func readLayout(pages []Page) document {
	doc := document{form: formPDFLayout}
	repeated := marginRepeats(pages)
	row := 0
	for _, p := range pages {
		grids := gridsOf(p)
		used := make([]bool, len(p.Glyphs))
		type item struct {
			y     float64
			cells []Cell
			lines []string
		}
		var items []item
		for _, g := range grids {
			boxes, bands := g.cells()
			var it item
			it.y = g.top
			lastBand := -1
			var rowText []string
			for i, b := range boxes {
				if bands[i] != lastBand {
					if len(rowText) > 0 {
						it.lines = append(it.lines, joinRow(rowText))
					}
					rowText = rowText[:0]
					row++
					lastBand = bands[i]
				}
				var in []Glyph
				for k, gl := range p.Glyphs {
					if !used[k] && b.holds(gl) {
						used[k] = true
						in = append(in, gl)
					}
				}
				text := joinLines(linesOf(in))
				it.cells = append(it.cells, Cell{Text: text, Row: row, Page: p.Number})
				rowText = append(rowText, text)
			}
			if len(rowText) > 0 {
				it.lines = append(it.lines, joinRow(rowText))
			}
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
		for _, t := range tablesByHeader(lines) {
			items = append(items, item{y: t.y, cells: t.cells(p.Number, &row), lines: t.lines()})
			lines = t.rest
		}
		for _, para := range paragraphs(lines) {
			text := joinLines(para)
			items = append(items, item{y: para[0].y0, cells: []Cell{{Text: text, Page: p.Number}}, lines: []string{text}})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
		for _, it := range items {
			doc.cells = append(doc.cells, it.cells...)
			doc.lines = append(doc.lines, it.lines...)
		}
	}
	return doc
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
