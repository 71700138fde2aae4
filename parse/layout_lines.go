package parse

import (
	"regexp"
	"sort"
	"strings"
)

// textLine is glyphs that share a baseline, left to right.
type textLine struct {
	glyphs         []Glyph
	x0, y0, x1, y1 float64
}

func (l textLine) height() float64 { return l.y1 - l.y0 }

// linesOf groups glyphs into lines: a glyph joins the line its vertical
// middle falls in. Glyphs come in content order, which is not always
// reading order, so they are sorted first.
func linesOf(gs []Glyph) []textLine {
	gs = append([]Glyph(nil), gs...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y0+gs[i].Y1 < gs[j].Y0+gs[j].Y1 })
	var lines []textLine
	for _, g := range gs {
		mid := (g.Y0 + g.Y1) / 2
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			if mid > l.y0 && mid < l.y1 {
				l.glyphs = append(l.glyphs, g)
				l.x0, l.x1 = min(l.x0, g.X0), max(l.x1, g.X1)
				l.y0, l.y1 = min(l.y0, g.Y0), max(l.y1, g.Y1)
				continue
			}
		}
		lines = append(lines, textLine{glyphs: []Glyph{g}, x0: g.X0, y0: g.Y0, x1: g.X1, y1: g.Y1})
	}
	for i := range lines {
		sort.SliceStable(lines[i].glyphs, func(a, b int) bool { return lines[i].glyphs[a].X0 < lines[i].glyphs[b].X0 })
	}
	return lines
}

// text prints a line, with a space where the glyphs leave a gap wider than
// half their height.
func (l textLine) text() string {
	var b strings.Builder
	for i, g := range l.glyphs {
		if i > 0 {
			prev := l.glyphs[i-1]
			if g.X0-prev.X1 > 0.5*(g.Y1-g.Y0) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(g.R)
	}
	return b.String()
}

// joinLines prints a cell's lines as one: a label wrapped inside its cell
// is one label. Latin words broken at the line end get a space back.
func joinLines(lines []textLine) string {
	var b strings.Builder
	for i, l := range lines {
		t := l.text()
		if i > 0 && t != "" && b.Len() > 0 {
			last, _ := lastRune(b.String())
			if isLatinOrDigit(last) && isLatinOrDigit(firstRune(t)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func isLatinOrDigit(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// pageNumberRe matches a printed page number: "— 3 —", "-3-", "第3页",
// "第 3 页 共 12 页", "3/12".
var pageNumberRe = regexp.MustCompile(`^[\s\-—–－~·]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|共)\s*\d{1,4}\s*页?)?[\s\-—–－~·]*$`)

// isPageFurniture reports whether a line is a page number or a running
// header/footer: in the top or bottom margin, and either a page number or
// a text repeated (digits aside) on other pages.
func isPageFurniture(l textLine, p Page, repeated map[string]int) bool {
	inMargin := l.y1 < p.Height*0.1 || l.y0 > p.Height*0.85
	if !inMargin {
		return false
	}
	t := l.text()
	return pageNumberRe.MatchString(t) || repeated[furnitureKey(t)] >= 2
}

// furnitureKey is a margin line with its digits dropped, so "第3页" and
// "第4页" or a header with the page number compare equal.
func furnitureKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == ' ' {
			return -1
		}
		return r
	}, s)
}

// paragraphs joins the lines of running text: a line continues the one
// before when that one reached the right edge of the text and this one
// follows closely with the same size of type. Headings, short last lines
// and indented first lines end or start a paragraph; a numbered part
// title (二、主动公开…) always starts one.
func paragraphs(lines []textLine) [][]textLine {
	right := 0.0
	for _, l := range lines {
		right = max(right, l.x1)
	}
	var out [][]textLine
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			h := prev.height()
			full := prev.x1 >= right-1.5*h
			close := l.y0-prev.y1 < 0.9*h
			same := l.height() > 0.8*h && l.height() < 1.25*h
			if full && close && same && !isPartTitle(l) {
				out[len(out)-1] = append(out[len(out)-1], l)
				continue
			}
		}
		out = append(out, []textLine{l})
	}
	return out
}
