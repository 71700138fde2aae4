package parse

import (
	"bytes"
	"slices"
	"unicode"
)

// After the token pass: the article container is chosen from the records,
// then the events are replayed into lines and cells by the rules of the DOM
// walk (htmlWalker in html_dom.go), which this mirrors step for step.

// container returns the record of the element that holds the report, or -1
// to use the whole body. It is articleContainer over records: for each
// selector in order, the matching element with the most text, used only
// when it has real text, at least a quarter of the page's, and no
// statistics table of the page lies outside it.
func (s *htmlStream) container() int32 {
	var cands, tables []int32
	for i := range s.recs {
		r := &s.recs[i]
		if r.kind&rCand != 0 {
			cands = append(cands, int32(i))
		}
		if r.kind&rTable != 0 && r.flags&rfData != 0 {
			tables = append(tables, int32(i))
		}
	}
	if len(cands) == 0 {
		return -1
	}
	// Records of candidates are made when they close: put them back in
	// document order, which breaks ties.
	slices.SortFunc(cands, func(a, b int32) int { return int(s.recs[a].start - s.recs[b].start) })
	bodySize := s.containerSizes()
	for k := range articleSelectors {
		best := int32(-1)
		for _, c := range cands {
			if s.recs[c].sel&(1<<k) != 0 && (best < 0 || s.recs[c].size > s.recs[best].size) {
				best = c
			}
		}
		if best < 0 || s.recs[best].size < 100 || s.recs[best].size*4 < bodySize {
			continue
		}
		b := &s.recs[best]
		outside := false
		for _, t := range tables {
			if !recContains(b, &s.recs[t]) && !recContains(&s.recs[t], b) {
				outside = true
				break
			}
		}
		if !outside {
			return best
		}
	}
	return -1
}

// containerSizes sets the size of every candidate container, textSizes of
// the DOM reader, from the events: the visible text between a candidate's
// entry and exit. It returns the body's size. It runs only for pages that
// have a candidate.
func (s *htmlStream) containerSizes() int32 {
	var body int32
	var open []int32 // candidates entered and not left
	add := func(n int32) {
		if len(open) > 0 {
			s.recs[open[len(open)-1]].size += n
		} else {
			body += n
		}
	}
	var walk func(events []hEvent)
	walk = func(events []hEvent) {
		for _, ev := range events {
			switch ev.kind {
			case evText:
				add(int32(countTextBytes(s.src[ev.from:ev.to])))
			case evDecoded:
				add(int32(countTextBytes(s.arena[ev.from:ev.to])))
			case evFoster:
				walk(s.fostered[ev.rec])
			case evEnter:
				if s.recs[ev.rec].kind&rCand != 0 {
					open = append(open, ev.rec)
				}
			case evExit:
				if s.recs[ev.rec].kind&rCand != 0 && len(open) > 0 {
					open = open[:len(open)-1]
					add(s.recs[ev.rec].size)
				}
			}
		}
	}
	walk(s.events)
	return body
}

// recContains reports whether b is a or inside a.
func recContains(a, b *elemRec) bool { return a.start <= b.start && b.end <= a.end }

// streamWalker replays events; its fields are htmlWalker's. Every string
// it emits is appended to out and becomes a slice of one string at the end,
// rather than one allocation each.
type streamWalker struct {
	s         *htmlStream
	container int32
	out       []byte
	lines     []outSpan
	cells     []cellSpan

	inContainer bool
	// The inline text not yet flushed: one range of the page or the arena
	// while it is one, else copied together in scratch.
	pend      []byte
	pendEnd   int32 // end of pend within its source, to extend it
	pendKind  uint8
	inScratch bool
	scratch   []byte
	rowID     int
	row       int32     // record of the data row being read, -1
	rowCells  []outSpan // its finished cells
	inCell    bool
	cellFrom  int32 // start of the data cell's text in out
}

type outSpan struct{ from, to int32 }

type cellSpan struct {
	outSpan
	row int
}

func (s *htmlStream) emit(container int32) document {
	sc := s.scratch
	w := &streamWalker{s: s, container: container, inContainer: container < 0, row: -1,
		out: sc.out[:0], lines: sc.lines[:0], cells: sc.cellsp[:0]}
	defer func() { sc.out, sc.lines, sc.cellsp = w.out, w.lines, w.cells }()
	if len(s.title) > 0 {
		w.out = appendClean(w.out, s.title)
		if len(w.out) > 0 {
			w.lines = append(w.lines, outSpan{0, int32(len(w.out))})
		}
	}
	w.replay(s.events)
	w.flush()
	doc := document{form: formHTML}
	all := string(w.out)
	if len(w.lines) > 0 {
		doc.lines = make([]string, len(w.lines))
		for i, l := range w.lines {
			doc.lines[i] = all[l.from:l.to]
		}
	}
	if len(w.cells) > 0 {
		doc.cells = make([]Cell, len(w.cells))
		for i, c := range w.cells {
			doc.cells[i] = Cell{Text: all[c.from:c.to], Row: c.row}
		}
	}
	return doc
}

func (w *streamWalker) replay(events []hEvent) {
	for _, ev := range events {
		switch ev.kind {
		case evText, evDecoded:
			w.text(ev)
		case evFlush:
			w.flush()
		case evEnter:
			w.enter(ev.rec)
		case evExit:
			w.exit(ev.rec)
		case evFoster:
			w.replay(w.s.fostered[ev.rec])
		}
	}
}

// text adds a text event to the pending inline text.
func (w *streamWalker) text(ev hEvent) {
	src := w.s.src
	if ev.kind == evDecoded {
		src = w.s.arena
	}
	b := src[ev.from:ev.to]
	switch {
	case w.inScratch:
		w.scratch = append(w.scratch, b...)
	case w.pend == nil:
		w.pend, w.pendEnd, w.pendKind = b, ev.to, ev.kind
	case ev.kind == w.pendKind && ev.from == w.pendEnd:
		w.pend = src[ev.to-int32(len(w.pend))-int32(len(b)) : ev.to]
		w.pendEnd = ev.to
	default:
		w.scratch = append(append(w.scratch[:0], w.pend...), b...)
		w.inScratch = true
	}
}

// flush ends the current run of inline text, as htmlWalker.flush: in a data
// cell it is glued to the cell's text; elsewhere it is one block.
func (w *streamWalker) flush() {
	if w.pend == nil {
		return
	}
	text := w.pend
	if w.inScratch {
		text = w.scratch
	}
	w.pend, w.inScratch = nil, false
	from := int32(len(w.out))
	w.out = appendClean(w.out, text)
	if w.inCell {
		return
	}
	to := int32(len(w.out))
	if to == from {
		return
	}
	w.lines = append(w.lines, outSpan{from, to})
	if w.row < 0 && w.inContainer {
		w.cells = append(w.cells, cellSpan{outSpan{from, to}, 0})
	}
}

func (w *streamWalker) enter(rec int32) {
	r := &w.s.recs[rec]
	if rec == w.container {
		w.flush()
		w.inContainer = true
	}
	switch {
	case r.kind&rRow != 0 && w.row < 0 && !w.isLayoutRow(rec):
		w.flush()
		w.row, w.rowCells = rec, w.rowCells[:0]
		w.rowID++
	case r.kind&rCell != 0 && w.row >= 0 && r.parent == w.row:
		w.flush()
		w.inCell = true
		w.cellFrom = int32(len(w.out))
	case r.flags&rfBlock != 0:
		w.flush()
	}
}

func (w *streamWalker) exit(rec int32) {
	r := &w.s.recs[rec]
	switch {
	case r.kind&rCell != 0 && w.inCell && r.parent == w.row:
		w.flush()
		w.rowCells = append(w.rowCells, outSpan{w.cellFrom, int32(len(w.out))})
		w.inCell = false
	case rec == w.row:
		w.flush()
		w.endRow()
	case r.flags&rfBlock != 0:
		w.flush()
	}
	if rec == w.container {
		w.flush()
		w.inContainer = false
	}
}

// endRow emits the data row's cells and its " | "-joined line (trimmed, and
// left out when it is nothing but separators).
func (w *streamWalker) endRow() {
	if w.inContainer {
		for _, c := range w.rowCells {
			w.cells = append(w.cells, cellSpan{c, w.rowID})
		}
	}
	from := len(w.out)
	for i, c := range w.rowCells {
		if i > 0 {
			w.out = append(w.out, " | "...)
		}
		w.out = append(w.out, w.out[c.from:c.to]...)
	}
	line := w.out[from:]
	l := len(line) - len(bytes.TrimLeftFunc(line, unicode.IsSpace))
	r := len(bytes.TrimRightFunc(line, unicode.IsSpace))
	if l < r && len(bytes.Trim(line[l:r], "| ")) > 0 {
		w.lines = append(w.lines, outSpan{int32(from + l), int32(from + r)})
	} else {
		w.out = w.out[:from]
	}
	w.row, w.rowCells = -1, w.rowCells[:0]
}

// isLayoutRow: a cell of the row is layout by its content (found in the
// token pass), or is or holds the article container.
func (w *streamWalker) isLayoutRow(rec int32) bool {
	r := &w.s.recs[rec]
	return r.flags&rfLayout != 0 ||
		w.container >= 0 && w.container != rec && recContains(r, &w.s.recs[w.container])
}
