package parse

import (
	"math"
	"sort"
)

// Tables drawn with ruling lines: the page's straight segments are merged
// into horizontal and vertical rules, rules that touch form a grid, and a
// cell is the box between the nearest rules around a point, so spanned
// cells (rowspan, colspan) come out once, as an HTML table's would.

// snap is how far apart (points) two rules may lie and still be one: Word
// draws a border as a filled rectangle, two edges 0.5 pt apart, or up to
// 3 pt for a thick border; a double border is two lines ~3 pt apart. No
// cell is that narrow. At 2 pt, 2.5–3 pt borders made every row twice as
// many cells and left whole tables out.
const snap = 3.5

// Bounds on a table's rule positions: the statistics tables have at most
// ~40 rows and ~20 columns on a page.
const (
	maxGridRows    = 300
	maxGridColumns = 150
)

// segment is a merged rule: at pos (x for a vertical one, y for a
// horizontal one), from lo to hi along it.
type segment struct{ pos, lo, hi float64 }

func (s segment) covers(v float64) bool { return v >= s.lo-snap && v <= s.hi+snap }

// grid is one table's rules.
type grid struct {
	vs, hs                 []segment
	left, top, right, bott float64
}

// gridsOf finds the tables drawn on a page. Segments inside a glyph's box
// are the glyph's own outline (some exporters draw bold text as paths),
// not rules.
func gridsOf(p Page) []grid {
	var vs, hs []segment
	for _, r := range p.Rules {
		if insideGlyph(p.Glyphs, (r.X0+r.X1)/2, (r.Y0+r.Y1)/2) {
			continue
		}
		switch {
		case r.Vertical():
			vs = append(vs, segment{(r.X0 + r.X1) / 2, r.Y0, r.Y1})
		case r.Horizontal():
			hs = append(hs, segment{(r.Y0 + r.Y1) / 2, r.X0, r.X1})
		}
	}
	vs, hs = mergeSegments(vs), mergeSegments(hs)
	// Union rules that cross or touch into tables.
	parent := make([]int, len(vs)+len(hs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, v := range vs {
		for j, h := range hs {
			if v.covers(h.pos) && h.covers(v.pos) {
				parent[find(i)] = find(len(vs) + j)
			}
		}
	}
	byRoot := map[int]*grid{}
	var order []int
	for i := range parent {
		root := find(i)
		g := byRoot[root]
		if g == nil {
			g = &grid{left: math.Inf(1), top: math.Inf(1), right: math.Inf(-1), bott: math.Inf(-1)}
			byRoot[root] = g
			order = append(order, root)
		}
		if i < len(vs) {
			v := vs[i]
			g.vs = append(g.vs, v)
			g.left, g.right = math.Min(g.left, v.pos), math.Max(g.right, v.pos)
			g.top, g.bott = math.Min(g.top, v.lo), math.Max(g.bott, v.hi)
		} else {
			h := hs[i-len(vs)]
			g.hs = append(g.hs, h)
			g.top, g.bott = math.Min(g.top, h.pos), math.Max(g.bott, h.pos)
			g.left, g.right = math.Min(g.left, h.lo), math.Max(g.right, h.hi)
		}
	}
	var out []grid
	for _, root := range order {
		g := byRoot[root]
		// A frame around a paragraph or the page is not a table, nor is
		// vector art with hundreds of lines (a map, a seal, hatching): its
		// cells would cost boxes × glyphs for nothing.
		if nv, nh := distinct(g.vs), distinct(g.hs); nv < 3 || nh < 2 || nv > maxGridColumns || nh > maxGridRows {
			continue
		}
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out
}

func insideGlyph(gs []Glyph, x, y float64) bool {
	for _, g := range gs {
		if x > g.X0+0.5 && x < g.X1-0.5 && y > g.Y0+0.5 && y < g.Y1-0.5 {
			return true
		}
	}
	return false
}

// mergeSegments snaps positions within snap of each other and joins
// collinear pieces that touch.
func mergeSegments(in []segment) []segment {
	sort.Slice(in, func(i, j int) bool { return in[i].pos < in[j].pos })
	var out []segment
	for i := 0; i < len(in); {
		j := i + 1
		for j < len(in) && in[j].pos-in[j-1].pos <= snap {
			j++
		}
		cluster := append([]segment(nil), in[i:j]...)
		var pos float64
		for _, s := range cluster {
			pos += s.pos
		}
		pos /= float64(len(cluster))
		sort.Slice(cluster, func(a, b int) bool { return cluster[a].lo < cluster[b].lo })
		cur := segment{pos, cluster[0].lo, cluster[0].hi}
		for _, s := range cluster[1:] {
			if s.lo <= cur.hi+snap {
				cur.hi = math.Max(cur.hi, s.hi)
				continue
			}
			out = append(out, cur)
			cur = segment{pos, s.lo, s.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// distinct counts the different positions among merged segments.
func distinct(ss []segment) int {
	return len(positions(ss))
}

// positions are the segments' positions, those within snap of a smaller
// one merged into it.
func positions(ss []segment) []float64 {
	var ps []float64
	for _, s := range ss {
		ps = append(ps, s.pos)
	}
	return clusterStarts(ps, func(d float64) bool { return d <= snap }, 1)
}

// clusterStarts sorts xs and returns the first value of each run of them
// that near keeps together (near(x - first) for every x of the run), of
// runs with at least minRun values.
func clusterStarts(xs []float64, near func(d float64) bool, minRun int) []float64 {
	sort.Float64s(xs)
	var out []float64
	for i := 0; i < len(xs); {
		j := i + 1
		for j < len(xs) && near(xs[j]-xs[i]) {
			j++
		}
		if j-i >= minRun {
			out = append(out, xs[i])
		}
		i = j
	}
	return out
}

// box is one cell of a grid.
type box struct{ left, top, right, bottom float64 }

func (b box) holds(g Glyph) bool {
	x, y := (g.X0+g.X1)/2, (g.Y0+g.Y1)/2
	return x > b.left && x < b.right && y > b.top && y < b.bottom
}

// crossing returns the positions of the vertical rules that cross the
// horizontal line at y (a band's middle).
func (g grid) crossing(y float64) []float64 {
	var xs []segment
	for _, v := range g.vs {
		if v.covers(y) && v.lo < y && v.hi > y {
			xs = append(xs, v)
		}
	}
	return positions(xs)
}

// cells lists the grid's cells row by row: a band is the strip between two
// adjacent horizontal rule positions; in each band, the cells are the gaps
// between the vertical rules crossing it, and each reaches up and down to
// the nearest horizontal rules over its middle. A cell spanning several
// bands is listed in the first. rows[i] is the band index of cells[i].
func (g grid) cells() (boxes []box, rows []int) {
	ys := positions(g.hs)
	seen := map[box]bool{}
	for i := 0; i+1 < len(ys); i++ {
		ym := (ys[i] + ys[i+1]) / 2
		cols := g.crossing(ym)
		for k := 0; k+1 < len(cols); k++ {
			xm := (cols[k] + cols[k+1]) / 2
			b := box{left: cols[k], right: cols[k+1], top: ys[0], bottom: ys[len(ys)-1]}
			for _, h := range g.hs {
				if !h.covers(xm) || h.lo > xm || h.hi < xm {
					continue
				}
				if h.pos <= ym && h.pos > b.top {
					b.top = h.pos
				}
				if h.pos >= ym && h.pos < b.bottom {
					b.bottom = h.pos
				}
			}
			if seen[b] {
				continue
			}
			seen[b] = true
			boxes = append(boxes, b)
			rows = append(rows, i)
		}
	}
	return boxes, rows
}
