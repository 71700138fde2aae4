package parse

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The streaming HTML reader. One pass of golang.org/x/net/html's Tokenizer
// keeps a stack of open elements that follows the HTML5 tree-construction
// rules that matter here (html_tree.go), and records:
//
//   - events: what the DOM walk of html_dom.go would see, reduced to text
//     runs, flush points (block and <br> boundaries) and the entry and exit
//     of the elements the walk decides on (rows, cells, candidate article
//     containers). Dropped elements leave no events at all.
//   - records of those elements and of tables: position (for containment),
//     text size, and the statistics the layout-cell and data-table tests
//     need, gathered as the elements close.
//
// After the pass the article container is chosen and the events are
// replayed into lines and cells exactly as the DOM walk would emit them
// (html_emit.go). The DOM is never built. The few pages whose tree the stack
// does not model are reported so that readHTML falls back to the DOM reader:
// framesets, and a candidate container that the DOM would move (in front of
// a table, or out of a misnested formatting element) or copy (a formatting
// element the DOM re-opens, its class or id included).

// maxOpen bounds the stack of open elements: a start tag deeper than this is
// read as if it were empty (its text still counts, its structure does not).
// x/net/html refuses pages nested deeper than 512; real pages stay far below.
const maxOpen = 1 << 14

// maxInlineSearch bounds how far an end tag of an inline element looks down
// the stack for its start tag. Real pages close inline elements within a few
// levels; the bound keeps stray end tags on hostile pages cheap.
const maxInlineSearch = 64

// openElem is one element on the stack. Besides the element's own flags it
// carries, precomputed at push, the stack indices the tree-construction
// rules ask for, so that every scope test is O(1).
type openElem struct {
	a         atom.Atom
	off, size int32 // its name in the page
	flags     uint32
	rec       int32 // its record, -1 if none
	foster    int32 // the table in front of which the DOM moved it (its record), -1
	// For the container test, which is made when the element closes:
	tagLen int32 // its start tag's length (it starts at off-1)
	seq    int32 // sequence number of its push
	evIdx  int32 // where its entry event goes in its event list
	text   int32 // bytes of visible text in it so far

	mode  int32  // index of the nearest table-structure element (table, tr, td …) at or below, -1
	p     int32  // index of the nearest <p> in button scope, -1
	li    int32  // index of the nearest <li> in list-item scope, -1
	liEnd int32  // index of the <li> a new <li> closes, -1
	ddEnd int32  // index of the <dd>/<dt> a new <dd>/<dt> closes, -1
	spec  int32  // index of the nearest special element at or below
	mask  uint64 // scopeBit of every element open in default scope at or below
}

// openElem flags.
const (
	eDropped   uint32 = 1 << iota // this element or an ancestor is dropped with its content
	eArticle                      // an <article> or <main> at or below (keeps header/footer)
	eSpecial                      // "special" in the HTML5 sense (stops inline end tags)
	eScope                        // a default-scope boundary
	eBlock                        // ends a run of text on entry and exit
	eForeign                      // SVG or MathML element
	eMath                         // MathML element
	eHTMLPoint                    // HTML integration point (svg foreignObject, desc, title …)
	eMathText                     // MathML text integration point (mi, mo, mn, ms, mtext)
	eZombie                       // removed from the stack by the DOM (adoption agency, </form>); kept here so indices stay valid
	eTemplate                     // a <template>
	eFmtCand                      // a formatting element (<a>, <font> …) with a container's class or id
	eMayCand                      // a visible element whose class and id are read when it closes
)

// elemRec is a recorded element: a table, a row, a cell or a candidate
// article container (kinds may combine: <td id="zoom">).
type elemRec struct {
	start, end int32 // sequence numbers of push and pop: a contains b iff a.start <= b.start && b.end <= a.end
	parent     int32 // a cell's row, a row's table; -1
	size       int32 // candidates: non-space characters of visible text (see containerSizes)
	sel        uint16
	kind       uint8
	flags      uint8
	cells      uint8 // rows: cells seen, saturating
}

// Record kinds.
const (
	rTable uint8 = 1 << iota
	rRow
	rCell
	rCand
)

// Record flags.
const (
	rfBlock   uint8 = 1 << iota
	rfLayout        // a cell (or for a row, one of its cells) is page layout by its content
	rfNumber        // a cell whose text is a bare number
	rfData          // a table with a row of three or more cells, one a number
	rfVisible       // not inside a dropped element
)

// hEvent is one step of the replayed walk.
type hEvent struct {
	kind     uint8
	rec      int32 // evEnter, evExit
	from, to int32 // evText: range of the page; evDecoded: range of the arena
}

const (
	evText    uint8 = iota // text as it stands in the page
	evDecoded              // text the tokenizer decoded (entities, CR, NUL), kept in the arena
	evFlush
	evEnter
	evExit
	evFoster // where the content the DOM moves in front of a table (rec) goes
)

// cellStat gathers, for the innermost open cell, what isLayoutCell and
// isNumberCell of the DOM reader compute by walking it.
type cellStat struct {
	rec                              int32
	nodes, runs, total, run, longest int32
	layout                           bool // decided: layout
	numLen                           int32
	numX                             bool // decided: not a number
	numSeen, numGap, numBad          bool
}

// rawElem is a raw-text element (script, style, title, textarea …) whose one
// text token the tokenizer returns next.
type rawElem struct {
	a       atom.Atom
	rec     int32 // its record as a candidate container, -1
	foster  int32 // fostered in front of this table, -1
	visible bool  // its text is page text
	block   bool  // a <title> in the body: a block
	title   bool  // the head's first <title>
}

type htmlStream struct {
	z      *html.Tokenizer
	src    []byte // the page
	pos    int    // offset of the current token in src
	rawLen int    // its length

	stack     []openElem
	seq       int32
	events    []hEvent
	fostered  map[int32][]hEvent // side lists of fostered content, by table record
	fosterRec int32              // while a token is fostered: the table's record, else -1
	textBytes int                // visible text, to size the output
	arena     []byte
	recs      []elemRec
	cells     []cellStat

	inBody   bool
	initial  bool // no token but whitespace and comments yet: a doctype decides quirks
	quirks   bool
	title    []byte
	hasTitle bool
	headTmpl int // open <template>s in the head

	rawEl     rawElem
	inRaw     bool
	templates int   // open <template>s in the body
	form      int32 // stack index of the form element pointer's form, -1
	formOpen  bool  // the form element pointer is set (even if the form was closed)

	// A formatting element closed other than by its own end tag stays
	// active in the DOM, which re-opens a copy of it (class and id
	// included) for the text that follows: with a container's class or id
	// that copy may become the container, which the stream does not model.
	fmtTarget int // the formatting element its end tag closes, -1
	atEOF     bool

	needDOM bool
	scratch *streamScratch
}

// readHTMLStream reads decoded page text. ok is false when the page needs the
// DOM reader.
func readHTMLStream(text []byte) (doc document, ok bool) {
	scratch := scratchPool.Get().(*streamScratch)
	defer scratch.put()
	s := &htmlStream{
		z:         html.NewTokenizer(bytes.NewReader(text)),
		src:       text,
		initial:   true,
		fmtTarget: -1,
		fosterRec: -1,
		events:    scratch.events[:0],
		recs:      scratch.recs[:0],
		stack:     scratch.stack[:0],
		cells:     scratch.cells[:0],
		arena:     scratch.arena[:0],
		scratch:   scratch,
	}
	ok = s.run()
	if ok {
		doc = s.emit(s.container())
	}
	scratch.events, scratch.recs, scratch.stack, scratch.cells, scratch.arena = s.events, s.recs, s.stack, s.cells, s.arena
	return doc, ok
}

// streamScratch holds the working slices of a read, kept for the next one:
// nothing returned points into them (emit copies the text out).
type streamScratch struct {
	events []hEvent
	recs   []elemRec
	stack  []openElem
	cells  []cellStat
	arena  []byte
	out    []byte
	lines  []outSpan
	cellsp []cellSpan
}

var scratchPool = sync.Pool{New: func() any { return new(streamScratch) }}

// put returns the scratch to the pool unless a hostile page made it huge.
func (sc *streamScratch) put() {
	const keep = 4 << 20
	if cap(sc.events)*16 > keep || cap(sc.stack)*96 > keep || cap(sc.out) > keep || cap(sc.arena) > keep ||
		cap(sc.recs)*24 > keep || cap(sc.lines)*8 > keep || cap(sc.cellsp)*16 > keep {
		return
	}
	scratchPool.Put(sc)
}

func (s *htmlStream) run() bool {
	z := s.z
	for !s.needDOM {
		z.AllowCDATA(len(s.stack) > 0 && s.top().flags&eForeign != 0)
		s.pos += s.rawLen // tokens' raw bytes partition the page
		tt := z.Next()
		s.rawLen = len(z.Raw())
		if s.inRaw {
			if tt == html.TextToken {
				s.rawText()
				continue
			}
			s.closeRaw()
			if tt == html.EndTagToken {
				continue // the raw element's own end tag
			}
		}
		switch tt {
		case html.ErrorToken:
			s.eof()
			return !s.needDOM
		case html.TextToken:
			s.text()
		case html.StartTagToken, html.SelfClosingTagToken:
			s.startTag(s.tagName(false), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			s.endTag(s.tagName(true))
		case html.CommentToken:
			if s.inBody {
				s.cellNode(s.visible(), false)
			}
		case html.DoctypeToken:
			if s.initial {
				s.initial = false
				s.quirks = doctypeQuirks(s.rawTok())
			}
		}
	}
	return false
}

// tag is a start or end tag: its atom, and where its name stands in the
// page (names without an atom, like Word's o:p, are compared by their bytes).
type tag struct {
	a         atom.Atom
	off, size int32 // off -1: implied by another tag
}

// tagName reads the current tag's name from its raw bytes (TagName would
// copy it): the tokenizer's rule, up to space, '/' or '>', lower-cased.
func (s *htmlStream) tagName(end bool) tag {
	raw := s.rawTok()
	i := 1
	if end {
		i = 2
	}
	j := i
	var key uint64 // the lower-cased name, packed, while it fits
	for j < len(raw) {
		c := raw[j]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if j-i < 8 {
			key |= uint64(c) << (8 * (j - i))
		}
		j++
	}
	t := tag{off: int32(s.pos + i), size: int32(j - i)}
	switch {
	case j-i <= 8:
		t.a = shortAtoms.lookup(key)
	case j-i <= 25:
		var buf [25]byte
		b := buf[:j-i]
		for k, c := range raw[i:j] {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[k] = c
		}
		t.a = atom.Lookup(b)
	}
	return t
}

// shortAtoms finds the atoms of at most eight letters by their bytes packed
// into a word: one multiply where atom.Lookup hashes byte by byte.
var shortAtoms = func() *packedAtoms {
	t := &packedAtoms{}
	// Every atom is its offset in x/net's atom text << 8 | its length.
	for off := 0; off < 1<<12; off++ {
		for n := 1; n <= 8; n++ {
			name := atom.Atom(off<<8 | n).String()
			if len(name) != n || atom.Lookup([]byte(name)) != atom.Atom(off<<8|n) {
				continue
			}
			var key uint64
			for k := 0; k < len(name); k++ {
				key |= uint64(name[k]) << (8 * k)
			}
			i := t.slot(key)
			t.keys[i], t.vals[i] = key, atom.Atom(off<<8|n)
		}
	}
	return t
}()

type packedAtoms struct {
	keys [2048]uint64
	vals [2048]atom.Atom
}

func (t *packedAtoms) slot(key uint64) int {
	i := int((key * 0x9E3779B97F4A7C15) >> 53)
	for t.keys[i] != key && t.keys[i] != 0 {
		i = (i + 1) & 2047
	}
	return i
}

func (t *packedAtoms) lookup(key uint64) atom.Atom {
	if key == 0 {
		return 0
	}
	return t.vals[t.slot(key)]
}

// sameName reports whether an open element has the tag's name.
func (s *htmlStream) sameName(e *openElem, t tag) bool {
	if e.a != t.a {
		return false
	}
	if t.a != 0 {
		return true
	}
	return e.size == t.size && bytes.EqualFold(s.src[e.off:e.off+e.size], s.src[t.off:t.off+t.size])
}

// rawTok is the current token's raw bytes, as they stand in the page.
func (s *htmlStream) rawTok() []byte { return s.src[s.pos : s.pos+s.rawLen] }

func (s *htmlStream) top() *openElem { return &s.stack[len(s.stack)-1] }

// visible reports whether content at the current position is page text.
func (s *htmlStream) visible() bool {
	return len(s.stack) > 0 && s.top().flags&eDropped == 0
}

// startBody opens html and body: the bottom of the stack every search stops at.
func (s *htmlStream) startBody() {
	s.inBody = true
	s.stack = append(s.stack,
		openElem{a: atom.Html, flags: eSpecial | eScope | eBlock, rec: -1, foster: -1, mode: -1, p: -1, li: -1, liEnd: -1, ddEnd: -1, spec: 0},
		openElem{a: atom.Body, flags: eSpecial | eBlock, rec: -1, foster: -1, mode: -1, p: -1, li: -1, liEnd: -1, ddEnd: -1, spec: 1})
	s.seq += 2
}

// text handles a text token outside raw-text elements.
func (s *htmlStream) text() {
	if !s.inBody {
		if s.headTmpl > 0 {
			return // template content
		}
		// Before the body, whitespace is dropped and any other text opens it.
		b, src := s.tokenText()
		i := 0
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return
		}
		if s.initial {
			s.initial, s.quirks = false, true
		}
		s.startBody()
		if src >= 0 {
			src += i
		}
		s.bodyText(b[i:], src)
		return
	}
	if s.top().flags&eDropped != 0 && len(s.cells) == 0 && s.modeAtom() != atom.Colgroup {
		return // nobody looks at it
	}
	s.bodyText(s.tokenText())
}

// tokenText returns the current text token's text and, when that is the
// page's bytes as they stand, its offset; src is -1 when the tokenizer had to
// decode it (entities, CR, NUL), in which case the bytes are the tokenizer's
// and valid only until the next token.
func (s *htmlStream) tokenText() (b []byte, src int) {
	raw := s.rawTok()
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, 0) < 0 &&
		!bytes.HasPrefix(raw, []byte("<![CDATA[")) {
		return raw, s.pos
	}
	return s.z.Text(), -1
}

func (s *htmlStream) bodyText(b []byte, src int) {
	top := s.top()
	if src < 0 && bytes.IndexByte(b, 0) >= 0 && top.flags&eForeign == 0 {
		b = bytes.ReplaceAll(b, []byte{0}, nil) // the tree builder drops NUL from text
	}
	if len(b) == 0 {
		return
	}
	switch m := s.modeAtom(); m {
	case atom.Colgroup:
		// Leading whitespace stays; anything else closes the column group.
		i := 0
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return
		}
		if s.top().a != atom.Colgroup {
			return // only <col> and <template> go in a column group
		}
		s.pop()
		if src >= 0 {
			src += i
		}
		s.bodyText(b[i:], src)
		return
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		s.tableText(b, src)
		return
	}
	visible := top.flags&eDropped == 0
	if !visible {
		s.cellText(b, false)
		return
	}
	s.cellText(b, true)
	s.textEvent(b, src)
}

// tableText is text where only table structure may stand. Whitespace
// stays in place, invisible; anything else the DOM moves in front of the
// table (foster parenting).
func (s *htmlStream) tableText(b []byte, src int) {
	top := s.top()
	if top.flags&eDropped != 0 {
		return
	}
	if top.mode == int32(len(s.stack)-1) && onlyHTMLSpace(b) {
		return
	}
	s.fosterRec = s.fosterTable()
	s.cellText(b, true)
	s.textEvent(b, src)
	s.fosterRec = -1
}

// fosterTable returns the record of the table that content which may not
// stand where it is goes in front of, -1 if none (then it stays in place).
func (s *htmlStream) fosterTable() int32 {
	if i := s.inTableScope(atom.Table); i >= 0 {
		return s.stack[i].rec
	}
	return -1
}

func onlyHTMLSpace(b []byte) bool {
	for _, c := range b {
		if !isHTMLSpace(c) {
			return false
		}
	}
	return true
}

// textEvent records visible text: where it stands in the page, or a copy
// of what the tokenizer decoded.
func (s *htmlStream) textEvent(b []byte, src int) {
	s.textBytes += len(b)
	s.top().text += int32(len(b))
	if src >= 0 {
		s.event(s.target(), hEvent{kind: evText, from: int32(src), to: int32(src + len(b))})
		return
	}
	from := int32(len(s.arena))
	s.arena = append(s.arena, b...)
	s.event(s.target(), hEvent{kind: evDecoded, from: from, to: int32(len(s.arena))})
}

// event records an event in the page's list, or for content the DOM moves
// in front of a table (foster parenting) in that table's side list, which
// the replay plays where the table starts.
func (s *htmlStream) event(foster int32, ev hEvent) {
	if foster < 0 {
		s.events = append(s.events, ev)
		return
	}
	if s.fostered == nil {
		s.fostered = map[int32][]hEvent{}
	}
	s.fostered[foster] = append(s.fostered[foster], ev)
}

// flushEvent records a block boundary; consecutive ones are one.
func (s *htmlStream) flushEvent() { s.flushTo(s.target()) }

// target is the side list new content goes to: the fostered token's table,
// or the one the current element was moved in front of, or -1.
func (s *htmlStream) target() int32 {
	if s.fosterRec >= 0 || len(s.stack) == 0 {
		return s.fosterRec
	}
	return s.top().foster
}

func (s *htmlStream) flushTo(foster int32) {
	list := s.events
	if foster >= 0 {
		list = s.fostered[foster]
	}
	if n := len(list); n > 0 && list[n-1].kind == evFlush {
		return
	}
	s.event(foster, hEvent{kind: evFlush})
}

// openRaw starts a raw-text element; its text token comes next. One that
// shows its text (a <title> or <xmp> in the body …) may be a candidate
// container like any element.
func (s *htmlStream) openRaw(t tag) {
	a := t.a
	r := rawElem{a: a, rec: -1, foster: s.target()}
	if !s.inBody {
		r.title = a == atom.Title && !s.hasTitle
		s.hasTitle = s.hasTitle || a == atom.Title
	} else {
		visible := s.visible()
		s.cellNode(visible, false)
		r.visible = visible && atomInfo(a)&aiDropped == 0
		r.block = r.visible && atomInfo(a)&aiBlock != 0
		if r.block {
			s.cellBreak()
		}
		s.seq++
		if sel := uint16(0); r.visible {
			if sel = s.selectors(t); sel != 0 {
				if r.foster >= 0 {
					s.needDOM = true // a fostered container: see push
				}
				r.rec = int32(len(s.recs))
				rec := elemRec{start: s.seq, parent: -1, sel: sel, kind: rCand, flags: rfVisible}
				if r.block {
					rec.flags |= rfBlock
				}
				s.recs = append(s.recs, rec)
				s.event(r.foster, hEvent{kind: evEnter, rec: r.rec})
			}
		}
		if r.block && r.rec < 0 {
			s.flushTo(r.foster)
		}
	}
	s.rawEl, s.inRaw = r, true
}

func (s *htmlStream) rawText() {
	r := &s.rawEl
	switch {
	case r.title:
		b, _ := s.tokenText()
		s.title = append(s.title[:0], b...)
	case !s.inBody:
	case !r.visible:
		if len(s.cells) > 0 {
			b, _ := s.tokenText()
			s.cellText(b, false)
		}
	default:
		b, src := s.tokenText()
		s.fosterRec = r.foster
		s.cellText(b, true)
		s.textEvent(b, src)
		s.fosterRec = -1
	}
}

func (s *htmlStream) closeRaw() {
	r := &s.rawEl
	if r.block {
		s.cellBreak()
	}
	if s.inBody {
		s.seq++
	}
	switch {
	case r.rec >= 0:
		s.recs[r.rec].end = s.seq
		s.event(r.foster, hEvent{kind: evExit, rec: r.rec})
	case r.block:
		s.flushTo(r.foster)
	}
	s.inRaw = false
	s.rawEl = rawElem{}
}

func (s *htmlStream) eof() {
	if s.inRaw {
		s.closeRaw()
	}
	if !s.inBody {
		s.startBody()
	}
	s.atEOF = true
	for len(s.stack) > 0 {
		s.pop()
	}
}

// Cell statistics. The innermost open cell is the last of s.cells; content
// nested deeper (inside a table in it) has already made it layout.

// cellNode counts a node inside the innermost cell: an element, a comment or
// a text token. visible is false inside dropped elements, which the layout
// walk skips but the number test reads.
func (s *htmlStream) cellNode(visible, table bool) {
	if len(s.cells) == 0 {
		return
	}
	c := &s.cells[len(s.cells)-1]
	if !c.numX && (c.numLen > 32 || table) {
		c.numX = true
	}
	if visible && !c.layout {
		c.nodes++
		if c.nodes > layoutMaxNodes || table {
			c.layout = true
		}
	}
}

// cellText adds a text token to the innermost cell.
func (s *htmlStream) cellText(b []byte, visible bool) {
	if len(s.cells) == 0 {
		return
	}
	s.cellNode(visible, false)
	c := &s.cells[len(s.cells)-1]
	if !c.numX {
		c.numLen += int32(len(b))
		c.numberText(b)
	}
	if visible && !c.layout {
		n := int32(countTextBytes(b))
		c.run += n
		c.total += n
	}
}

// cellBreak ends a run of text in the innermost cell (a visible block
// boundary or <br>).
func (s *htmlStream) cellBreak() {
	if len(s.cells) == 0 {
		return
	}
	s.cells[len(s.cells)-1].endRun()
}

func (c *cellStat) endRun() {
	if c.run > 0 {
		c.runs++
		c.longest = max(c.longest, c.run)
		c.run = 0
	}
}

// numberText follows isNumberCell's test, cleanText(s) being digits and
// dots, over the cell's text as it arrives.
func (c *cellStat) numberText(b []byte) {
	for i := 0; i < len(b); {
		r, n := decodeRune(b[i:])
		i += n
		switch {
		case isZeroWidth(r):
		case isSpaceRune(r):
			if c.numSeen {
				c.numGap = true
			}
		case (r >= '0' && r <= '9') || r == '.':
			if c.numGap {
				c.numBad = true
			}
			c.numSeen = true
		default:
			c.numBad = true
			c.numSeen = true
		}
	}
}

func (c *cellStat) isNumber() bool { return !c.numX && c.numSeen && !c.numBad }

func (c *cellStat) isLayout() bool {
	c.endRun()
	return c.layout || c.longest > layoutLongRun || c.runs > layoutManyRuns ||
		(c.runs >= layoutProseRuns && c.total > layoutProseRunes)
}

// Stack operations.

// push opens an element. ok is false at the depth bound, where the element
// is read as empty: its boundaries still end runs of text.
func (s *htmlStream) push(t tag, foreign uint32) (ok bool) {
	n := len(s.stack)
	below := &s.stack[n-1]
	info := atomInfo(t.a)
	visible := below.flags&eDropped == 0
	s.cellNode(visible, t.a == atom.Table && foreign == 0)
	if n >= maxOpen {
		if visible && info&aiBlock != 0 {
			s.cellBreak()
			s.flushEvent()
		}
		return false
	}
	e := openElem{a: t.a, off: t.off, size: t.size, rec: -1, foster: s.target(),
		mode: below.mode, p: below.p, li: below.li, liEnd: below.liEnd, ddEnd: below.ddEnd, spec: below.spec, mask: below.mask}
	e.flags = below.flags&(eDropped|eArticle) | foreign
	if info&aiDropped != 0 || (t.a == atom.Header || t.a == atom.Footer) && below.flags&eArticle == 0 {
		e.flags |= eDropped
	}
	if t.a == atom.Article || t.a == atom.Main {
		e.flags |= eArticle
	}
	if foreign == 0 {
		if info&aiSpecial != 0 {
			e.flags |= eSpecial
		}
		if info&aiScope != 0 {
			e.flags |= eScope
		}
		if info&aiBlock != 0 {
			e.flags |= eBlock
		}
		if t.a == atom.Template {
			e.flags |= eTemplate
			s.templates++
		}
		if info&aiMode != 0 {
			e.mode = int32(n)
		}
	}
	i := int32(n)
	if e.flags&eSpecial != 0 {
		e.spec = i
	}
	if e.flags&eScope != 0 {
		e.mask = 0
	}
	if foreign == 0 {
		e.mask |= scopeBit(info)
	}
	switch {
	case foreign == 0 && t.a == atom.P:
		e.p = i
	case e.flags&eScope != 0 || foreign == 0 && t.a == atom.Button:
		e.p = -1
	}
	switch {
	case foreign == 0 && t.a == atom.Li:
		e.li = i
	case e.flags&eScope != 0 || foreign == 0 && (t.a == atom.Ol || t.a == atom.Ul):
		e.li = -1
	}
	// A new <li> closes the <li> it finds through <address>, <div>, <p>
	// and non-special elements; likewise <dd>/<dt>.
	switch {
	case foreign == 0 && t.a == atom.Li:
		e.liEnd, e.ddEnd = i, -1
	case foreign == 0 && (t.a == atom.Dd || t.a == atom.Dt):
		e.liEnd, e.ddEnd = -1, i
	case e.flags&eSpecial != 0 && !(foreign == 0 && (t.a == atom.Address || t.a == atom.Div || t.a == atom.P)):
		e.liEnd, e.ddEnd = -1, -1
	}
	s.seq++
	visible = e.flags&eDropped == 0
	if foreign == 0 {
		var kind uint8
		switch t.a {
		case atom.Table:
			kind = rTable
		case atom.Tr:
			kind = rRow
		case atom.Td, atom.Th:
			kind = rCell
		}
		// Whether it is a candidate container is decided when it closes,
		// and only if it holds 100 bytes of text: no smaller element can be
		// chosen (container), and reading class and id is not free.
		// Formatting elements are looked at now (see fmtTarget).
		var sel uint16
		switch {
		case t.off < 0: // an implied element has no attributes
		case !isFormatting(t.a):
			if visible {
				e.flags |= eMayCand
				e.tagLen, e.seq = int32(s.rawLen), s.seq
			}
		case visible:
			if sel = s.selectors(t); sel != 0 {
				if e.foster >= 0 {
					s.needDOM = true // see makeCand
				}
				kind |= rCand
				e.flags |= eFmtCand
			}
		case s.selectors(t) != 0:
			// Dropped here, but a copy the DOM re-opens later may not be.
			e.flags |= eFmtCand
		}
		if kind != 0 {
			r := elemRec{start: s.seq, parent: -1, sel: sel, kind: kind}
			if visible {
				r.flags |= rfVisible
			}
			if e.flags&eBlock != 0 {
				r.flags |= rfBlock
			}
			switch {
			case kind&rRow != 0:
				if ti := s.inTableScope(atom.Table); ti >= 0 {
					r.parent = s.stack[ti].rec
				}
			case kind&rCell != 0 && below.a == atom.Tr:
				r.parent = below.rec
			}
			e.rec = int32(len(s.recs))
			s.recs = append(s.recs, r)
		}
	}
	if visible && e.flags&eBlock != 0 {
		s.cellBreak()
	}
	if e.rec >= 0 && s.recs[e.rec].kind&rCell != 0 {
		s.cells = append(s.cells, cellStat{rec: e.rec, nodes: 1})
	}
	if visible {
		if t.a == atom.Table && foreign == 0 {
			s.event(e.foster, hEvent{kind: evFoster, rec: e.rec})
		}
		e.evIdx = int32(len(s.list(e.foster)))
		switch {
		case e.rec >= 0 && s.recs[e.rec].kind&(rRow|rCell|rCand) != 0:
			s.event(e.foster, hEvent{kind: evEnter, rec: e.rec})
		case e.flags&eBlock != 0:
			s.flushTo(e.foster)
		}
	}
	s.stack = append(s.stack, e)
	return true
}

// void inserts an element that has no content (<br>, <img>, <hr> …).
func (s *htmlStream) void(t tag) {
	visible := s.visible()
	s.cellNode(visible, false)
	if visible && (atomInfo(t.a)&aiBlock != 0 || t.a == atom.Br) {
		s.cellBreak()
		s.flushEvent()
	}
}

// pop closes the top element.
func (s *htmlStream) pop() {
	n := len(s.stack) - 1
	e := &s.stack[n]
	s.seq++
	visible := e.flags&eDropped == 0
	if e.text > 0 && n > 0 {
		s.stack[n-1].text += e.text
	}
	if e.flags&eMayCand != 0 && e.text >= 100 {
		s.makeCand(e)
	}
	if visible && e.flags&eBlock != 0 {
		s.cellBreak() // for a cell, its own last run
	}
	if e.rec >= 0 {
		s.closeRec(e.rec, n)
	}
	if visible {
		switch {
		case e.rec >= 0 && s.recs[e.rec].kind&(rRow|rCell|rCand) != 0:
			s.event(e.foster, hEvent{kind: evExit, rec: e.rec})
		case e.flags&eBlock != 0:
			s.flushTo(e.foster)
		}
	}
	if e.flags&eTemplate != 0 {
		s.templates--
	}
	if e.flags&eFmtCand != 0 && n != s.fmtTarget && !s.atEOF {
		s.needDOM = true
	}
	s.stack = s.stack[:n]
}

func isFormatting(a atom.Atom) bool {
	switch a {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S,
		atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		return true
	}
	return false
}

// makeCand makes a closing element a candidate container if its class or
// id says so: its record gets the selectors, and its entry event goes where
// it was pushed.
func (s *htmlStream) makeCand(e *openElem) {
	raw := s.src[e.off-1 : e.off-1+e.tagLen]
	sel := tagSelectors(raw, e.a)
	if sel == 0 {
		return
	}
	if e.foster >= 0 {
		// A container the DOM moves in front of a table is not inside the
		// table, as its position here says: the DOM reader takes over.
		s.needDOM = true
		return
	}
	if e.rec >= 0 {
		r := &s.recs[e.rec]
		r.kind |= rCand
		r.sel = sel
		if r.kind&(rRow|rCell) != 0 {
			return // it has entry and exit events already
		}
	} else {
		flags := rfVisible
		if e.flags&eBlock != 0 {
			flags |= rfBlock
		}
		e.rec = int32(len(s.recs))
		s.recs = append(s.recs, elemRec{start: e.seq, parent: -1, sel: sel, kind: rCand, flags: flags})
	}
	// Events after evIdx belong to elements inside it, all closed by now.
	l := append(s.list(e.foster), hEvent{})
	copy(l[e.evIdx+1:], l[e.evIdx:])
	l[e.evIdx] = hEvent{kind: evEnter, rec: e.rec}
	s.setList(e.foster, l)
}

func (s *htmlStream) list(foster int32) []hEvent {
	if foster < 0 {
		return s.events
	}
	return s.fostered[foster]
}

func (s *htmlStream) setList(foster int32, l []hEvent) {
	if foster < 0 {
		s.events = l
	} else {
		s.fostered[foster] = l
	}
}

// closeRec completes the record of the element at stack index n.
func (s *htmlStream) closeRec(rec int32, n int) {
	r := &s.recs[rec]
	r.end = s.seq
	if r.kind&rCell != 0 && len(s.cells) > 0 {
		c := &s.cells[len(s.cells)-1]
		if c.isLayout() {
			r.flags |= rfLayout
		}
		if c.isNumber() {
			r.flags |= rfNumber
		}
		s.cells = s.cells[:len(s.cells)-1]
		if r.parent >= 0 {
			row := &s.recs[r.parent]
			if row.cells < 255 {
				row.cells++
			}
			row.flags |= r.flags & (rfLayout | rfNumber)
		}
	}
	if r.kind&rRow != 0 && r.cells >= 3 && r.flags&rfNumber != 0 && r.parent >= 0 {
		s.recs[r.parent].flags |= rfData
	}
}

// popTo pops elements until the stack holds i of them (index i and above go).
func (s *htmlStream) popTo(i int) {
	for len(s.stack) > i {
		s.pop()
	}
}

// selectors returns the articleSelectors the current start tag matches.
func (s *htmlStream) selectors(t tag) uint16 { return tagSelectors(s.rawTok(), t.a) }

// tagSelectors returns the articleSelectors an element matches (bit k for
// articleSelectors[k]), reading its class and id from its raw start tag. A
// value that needs decoding (rare) is decoded by tokenizing the tag alone.
func tagSelectors(raw []byte, a atom.Atom) uint16 {
	var sel uint16
	if a == atom.Article {
		sel |= 1 << selArticle
	}
	class, id, exact := tagClassID(raw)
	if !exact {
		// An entity, CR or NUL in the value: let the tokenizer decode it.
		z := html.NewTokenizer(bytes.NewReader(raw))
		z.Next()
		class, id = nil, nil
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "class":
				if class == nil {
					class = append([]byte{}, v...)
				}
			case "id":
				if id == nil {
					id = append([]byte{}, v...)
				}
			}
		}
	}
	if id != nil {
		for k, want := range selectorIDs {
			if want != "" && string(id) == want {
				sel |= 1 << k
			}
		}
	}
	for len(class) > 0 {
		i := 0
		for i < len(class) && !isHTMLSpace(class[i]) {
			i++
		}
		if i > 0 {
			for k, want := range selectorClasses {
				if want != "" && string(class[:i]) == want {
					sel |= 1 << k
				}
			}
		}
		if i == len(class) {
			break
		}
		class = class[i+1:]
	}
	return sel
}

// tagClassID finds the first class and id attribute values in a raw start
// tag, following the tokenizer's attribute syntax. exact is false when a
// value needs decoding (an entity, CR or NUL), which the tokenizer's TagAttr
// then does.
func tagClassID(raw []byte) (class, id []byte, exact bool) {
	n := len(raw)
	i := 1
	for i < n {
		c := raw[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		i++
	}
	skip := func() {
		for i < n && isHTMLSpace(raw[i]) {
			i++
		}
	}
	seenClass, seenID := false, false
	skip()
	for i < n && raw[i] != '>' {
		// Key: up to space, '/', '>' or '=' (an '=' first is part of it).
		ks := i
		for i < n {
			c := raw[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
				break
			}
			i++
		}
		key := raw[ks:i]
		// Value.
		var val []byte
		skip()
		if i < n {
			switch raw[i] {
			case '/':
				i++
			case '=':
				i++
				skip()
				if i < n {
					switch q := raw[i]; q {
					case '>':
					case '"', '\'':
						i++
						j := bytes.IndexByte(raw[i:], q)
						if j < 0 {
							val, i = raw[i:], n
						} else {
							val, i = raw[i:i+j], i+j+1
						}
					default:
						vs := i
						for i < n && !isHTMLSpace(raw[i]) && raw[i] != '>' {
							i++
						}
						val = raw[vs:i]
					}
				}
			}
		}
		switch {
		case len(key) == 5 && asciiLowerEq(key, "class"):
			if !seenClass {
				seenClass = true
				if needsDecoding(val) {
					return nil, nil, false
				}
				class = val
			}
		case len(key) == 2 && asciiLowerEq(key, "id"):
			if !seenID {
				seenID = true
				if needsDecoding(val) {
					return nil, nil, false
				}
				id = val
			}
		}
		skip()
	}
	if seenID && id == nil {
		id = []byte{}
	}
	return class, id, true
}

func needsDecoding(v []byte) bool {
	for _, c := range v {
		if c == '&' || c == '\r' || c == 0 {
			return true
		}
	}
	return false
}

func asciiLowerEq(b []byte, lower string) bool {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// doctypeQuirks reports whether a doctype puts the page in quirks mode,
// where <table> does not close an open <p>. x/net/html knows the rules (a
// list of legacy public identifiers); a three-element parse asks it, once
// per distinct doctype. <!DOCTYPE html> is answered at once.
func doctypeQuirks(doctype []byte) bool {
	if len(doctype) == len("<!DOCTYPE html>") && asciiLowerEq(doctype[:10], "<!doctype ") && string(doctype[10:]) == "html>" {
		return false
	}
	if q, ok := quirksCache.Load(string(doctype)); ok {
		return q.(bool)
	}
	quirks := true
	if root, err := html.Parse(strings.NewReader(string(doctype) + "<p><table></table>")); err == nil {
		for n := range root.Descendants() {
			if n.Type == html.ElementNode && n.DataAtom == atom.Table {
				quirks = n.Parent != nil && n.Parent.DataAtom == atom.P
				break
			}
		}
	}
	if quirksCacheSize.Add(1) <= 64 {
		quirksCache.Store(string(doctype), quirks)
	}
	return quirks
}

var (
	quirksCache     sync.Map
	quirksCacheSize atomic.Int32
)
