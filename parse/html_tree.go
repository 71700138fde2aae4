package parse

import (
	"golang.org/x/net/html/atom"
)

// The tree-construction rules of the streaming reader: the HTML5 insertion
// modes as golang.org/x/net/html implements them (parse.go there), reduced
// to what decides where text and elements end up — which element a start tag
// implicitly closes, which end tags are ignored, how tables imply tbody/tr
// and close cells. Modes are not stored: like the DOM parser's "reset the
// insertion mode", the nearest table-structure element on the stack decides.
//
// Foster parenting (content where only table structure may stand goes in
// front of the table) is modelled by side lists of events (html_stream.go).
// The adoption agency algorithm is followed as far as it closes elements and
// leaves blocks open (endFormatting). Left out: the list of active
// formatting elements, from which the DOM re-opens copies of <b>, <font>,
// <a> … that a block's end or table structure closed. The copies change
// inline nesting only, unless one carries a container's class or id, and
// such pages go to the DOM reader. Template contents follow the "in body"
// rules: they are dropped anyway.

// atomInfo flags, and from aiBitShift the default-scope bit index + 1.
const (
	aiSpecial uint64 = 1 << iota
	aiScope
	aiBlock
	aiDropped
	aiMode
	aiBreakout
	aiRaw

	aiBitShift = 32
)

// Scope bits: elements whose presence "in default scope" start and end tags
// ask about. Each element on the stack carries the union of the bits of the
// elements open between it and the nearest scope boundary.
var scopeAtoms = []atom.Atom{
	atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center,
	atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption,
	atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Listing, atom.Main, atom.Menu,
	atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select, atom.Summary, atom.Ul,
	atom.Dd, atom.Dt, atom.H1, atom.Applet, atom.Marquee, atom.Object, atom.Ruby, atom.Form,
	atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S,
	atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U,
}

// atomTable maps an atom to its atomInfo: open addressing, no allocation.
type atomTable struct {
	keys [1024]atom.Atom
	vals [1024]uint64
}

var atomInfos = buildAtomInfos()

func (t *atomTable) slot(a atom.Atom) int {
	i := int((uint32(a) * 0x9E3779B1) >> 22)
	for t.keys[i] != a && t.keys[i] != 0 {
		i = (i + 1) & 1023
	}
	return i
}

func atomInfo(a atom.Atom) uint64 {
	if a == 0 {
		return 0
	}
	return atomInfos.vals[atomInfos.slot(a)]
}

func buildAtomInfos() *atomTable {
	t := &atomTable{}
	set := func(f uint64, as ...atom.Atom) {
		for _, a := range as {
			i := t.slot(a)
			t.keys[i] = a
			t.vals[i] |= f
		}
	}
	set(aiSpecial, atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside, atom.Base,
		atom.Basefont, atom.Bgsound, atom.Blockquote, atom.Body, atom.Br, atom.Button, atom.Caption,
		atom.Center, atom.Col, atom.Colgroup, atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl,
		atom.Dt, atom.Embed, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.Frame, atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Head,
		atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Iframe, atom.Img, atom.Input, atom.Keygen,
		atom.Li, atom.Link, atom.Listing, atom.Main, atom.Marquee, atom.Menu, atom.Meta, atom.Nav,
		atom.Noembed, atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.P, atom.Param,
		atom.Plaintext, atom.Pre, atom.Script, atom.Section, atom.Select, atom.Source, atom.Style,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Template, atom.Textarea, atom.Tfoot,
		atom.Th, atom.Thead, atom.Title, atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp)
	set(aiScope, atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th,
		atom.Marquee, atom.Object, atom.Template, atom.Select)
	set(aiMode, atom.Td, atom.Th, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption,
		atom.Colgroup, atom.Table, atom.Template)
	set(aiBreakout, atom.B, atom.Big, atom.Blockquote, atom.Body, atom.Br, atom.Center, atom.Code,
		atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Embed, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Head, atom.Hr, atom.I, atom.Img, atom.Li, atom.Listing, atom.Menu,
		atom.Meta, atom.Nobr, atom.Ol, atom.P, atom.Pre, atom.Ruby, atom.S, atom.Small, atom.Span,
		atom.Strong, atom.Strike, atom.Sub, atom.Sup, atom.Table, atom.Tt, atom.U, atom.Ul, atom.Var)
	set(aiRaw, atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext,
		atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp)
	for a := range droppedAtoms {
		set(aiDropped, a)
	}
	for a := range blockAtoms {
		set(aiBlock, a)
	}
	for k, a := range scopeAtoms {
		set(uint64(k+1)<<aiBitShift, a)
		if a == atom.H1 {
			// h1–h6 share one bit: their end tags close any heading.
			set(uint64(k+1)<<aiBitShift, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
		}
	}
	return t
}

func scopeBit(info uint64) uint64 {
	if k := info >> aiBitShift; k != 0 {
		return 1 << (k - 1)
	}
	return 0
}

func scopeBitOf(a atom.Atom) uint64 { return scopeBit(atomInfo(a)) }

// inScope reports whether an element with a's scope bit is open in default
// scope.
func (s *htmlStream) inScope(a atom.Atom) bool { return s.top().mask&scopeBitOf(a) != 0 }

// modeAtom is the nearest table-structure element, which decides the
// insertion mode; 0 for "in body".
func (s *htmlStream) modeAtom() atom.Atom {
	i := s.top().mode
	if i < 0 || s.stack[i].a == atom.Template {
		return 0
	}
	return s.stack[i].a
}

// inTableScope returns the index of the nearest open a above the nearest
// table or template, or -1.
func (s *htmlStream) inTableScope(a atom.Atom) int {
	i := s.top().mode
	for i >= 0 {
		e := &s.stack[i]
		if e.a == a {
			return int(i)
		}
		if e.a == atom.Table || e.a == atom.Template || i == 0 {
			return -1
		}
		i = s.stack[i-1].mode
	}
	return -1
}

// clearTo pops elements until the top is one of the context's.
func (s *htmlStream) clearTo(ctx atom.Atom) {
	for len(s.stack) > 2 {
		switch a := s.top().a; {
		case a == atom.Html, a == atom.Template,
			ctx == atom.Table && a == atom.Table,
			ctx == atom.Tbody && (a == atom.Tbody || a == atom.Thead || a == atom.Tfoot),
			ctx == atom.Tr && a == atom.Tr:
			return
		}
		s.pop()
	}
}

// popUntil pops up to and including the nearest open HTML element with one
// of the atoms (headings stand for all six).
func (s *htmlStream) popUntil(a atom.Atom) {
	for i := len(s.stack) - 1; i >= 2; i-- {
		e := &s.stack[i]
		if e.flags&(eForeign|eZombie) != 0 {
			continue
		}
		if e.a == a || a == atom.H1 && isHeading(e.a) {
			s.popTo(i)
			return
		}
	}
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// closeP closes a <p> in button scope.
func (s *htmlStream) closeP() {
	if i := s.top().p; i >= 0 {
		s.popTo(int(i))
	}
}

// impliedEnd pops elements whose end tag may be omitted (generate implied
// end tags), except the one given.
func (s *htmlStream) impliedEnd(except atom.Atom) {
	for len(s.stack) > 2 {
		switch a := s.top().a; a {
		case atom.Dd, atom.Dt, atom.Li, atom.Optgroup, atom.Option, atom.P, atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
			if a != except {
				s.pop()
				continue
			}
		}
		return
	}
}

// Start tags.

func (s *htmlStream) startTag(t tag, self bool) {
	if s.initial {
		s.initial, s.quirks = false, true
	}
	if !s.inBody && s.headStart(t) {
		return
	}
	if s.foreignContent(t, true) {
		s.foreignStart(t, self)
		return
	}
	s.htmlStart(t, self)
}

// headStart handles a start tag before the body; false means the tag opened
// the body and is to be read there.
func (s *htmlStream) headStart(t tag) bool {
	if s.headTmpl > 0 {
		// Inside a <template> in the head everything is template content.
		switch {
		case t.a == atom.Template:
			s.headTmpl++
		case t.a == atom.Svg, t.a == atom.Math:
			s.needDOM = true // x/net/html has its own rules for these in templates
		case atomInfo(t.a)&aiRaw != 0:
			s.openRaw(t)
		}
		return true
	}
	switch t.a {
	case atom.Html, atom.Head, atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta:
		return true
	case atom.Title, atom.Noscript, atom.Noframes, atom.Style, atom.Script:
		s.openRaw(t)
		return true
	case atom.Template:
		s.headTmpl++
		return true
	case atom.Body:
		s.startBody()
		return true
	case atom.Frameset:
		s.needDOM = true
		return true
	}
	s.startBody()
	return false
}

func (s *htmlStream) htmlStart(t tag, self bool) {
	// Each round either consumes the tag or pops an element (or pushes an
	// implied one) and reprocesses it in the new mode.
	for range 8 {
		switch s.modeAtom() {
		case atom.Td, atom.Th:
			switch t.a {
			case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
				s.popTo(int(s.top().mode)) // close the cell
				continue
			}
			s.bodyStart(t, self)
		case atom.Tr:
			switch t.a {
			case atom.Td, atom.Th:
				s.clearTo(atom.Tr)
				s.push(t, 0)
			case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
				s.clearTo(atom.Tr)
				s.pop()
				continue
			default:
				if s.tableStart(t, self) {
					continue
				}
			}
		case atom.Tbody, atom.Thead, atom.Tfoot:
			switch t.a {
			case atom.Tr:
				s.clearTo(atom.Tbody)
				s.push(t, 0)
			case atom.Td, atom.Th:
				s.clearTo(atom.Tbody)
				if s.push(tag{a: atom.Tr, off: -1}, 0) {
					continue
				}
			case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead:
				s.clearTo(atom.Tbody)
				s.pop()
				continue
			default:
				if s.tableStart(t, self) {
					continue
				}
			}
		case atom.Table:
			if s.tableStart(t, self) {
				continue
			}
		case atom.Caption:
			switch t.a {
			case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Thead, atom.Tr:
				s.popTo(int(s.top().mode))
				continue
			}
			s.bodyStart(t, self)
		case atom.Colgroup:
			switch t.a {
			case atom.Html:
			case atom.Col:
				s.void(t)
			case atom.Template:
				s.bodyStart(t, self)
			default:
				if s.top().a == atom.Colgroup {
					s.pop()
					continue
				}
			}
		default:
			s.bodyStart(t, self)
		}
		return
	}
}

// tableStart is the "in table" mode; true means reprocess.
func (s *htmlStream) tableStart(t tag, self bool) bool {
	switch t.a {
	case atom.Caption, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead:
		s.clearTo(atom.Table)
		s.push(t, 0)
	case atom.Col:
		s.clearTo(atom.Table)
		return s.push(tag{a: atom.Colgroup, off: -1}, 0)
	case atom.Td, atom.Th, atom.Tr:
		s.clearTo(atom.Table)
		return s.push(tag{a: atom.Tbody, off: -1}, 0)
	case atom.Table:
		if i := s.inTableScope(atom.Table); i >= 0 {
			s.popTo(i)
			return true
		}
	case atom.Style, atom.Script:
		s.openRaw(t)
	case atom.Template:
		s.push(t, 0)
	case atom.Input:
		if !s.attrIs("type", "hidden") {
			s.fosterStart(t, self) // it may close a fostered <select>
			return false
		}
		s.void(t)
	case atom.Form:
		if s.formOpen || s.templates > 0 {
			return false
		}
		s.void(t) // inserted and closed at once
		s.formOpen, s.form = true, -1
	default:
		s.fosterStart(t, self)
	}
	return false
}

// fosterStart inserts an element where only table structure may stand: the
// DOM moves it in front of the table, and what it holds with it.
func (s *htmlStream) fosterStart(t tag, self bool) {
	s.fosterRec = s.fosterTable()
	s.bodyStart(t, self)
	s.fosterRec = -1
}

// bodyStart is the "in body" mode.
func (s *htmlStream) bodyStart(t tag, self bool) {
	switch t.a {
	case atom.Html, atom.Body, atom.Head, atom.Caption, atom.Col, atom.Colgroup, atom.Frame,
		atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		// ignored
	case atom.Frameset:
		s.needDOM = true
	case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta,
		atom.Area, atom.Br, atom.Embed, atom.Img, atom.Image, atom.Keygen, atom.Wbr,
		atom.Param, atom.Source, atom.Track:
		s.void(t)
	case atom.Noframes, atom.Script, atom.Style, atom.Title, atom.Noembed, atom.Iframe,
		atom.Noscript, atom.Textarea:
		s.openRaw(t)
	case atom.Xmp, atom.Plaintext:
		s.closeP()
		s.openRaw(t)
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Search, atom.Section, atom.Summary, atom.Ul, atom.Pre, atom.Listing:
		s.closeP()
		s.push(t, 0)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		s.closeP()
		if isHeading(s.top().a) && s.top().flags&eForeign == 0 {
			s.pop()
		}
		s.push(t, 0)
	case atom.Form:
		if s.formOpen && s.templates == 0 {
			return
		}
		s.closeP()
		if s.push(t, 0) && s.templates == 0 {
			s.formOpen, s.form = true, int32(len(s.stack)-1)
		}
	case atom.Li:
		if i := s.top().liEnd; i >= 0 {
			s.popTo(int(i))
		}
		s.closeP()
		s.push(t, 0)
	case atom.Dd, atom.Dt:
		if i := s.top().ddEnd; i >= 0 {
			s.popTo(int(i))
		}
		s.closeP()
		s.push(t, 0)
	case atom.Button:
		if s.inScope(atom.Button) {
			s.impliedEnd(0)
			s.popUntil(atom.Button)
		}
		s.push(t, 0)
	case atom.A, atom.Nobr:
		if s.inScope(t.a) {
			s.endFormatting(t)
		}
		s.push(t, 0)
	case atom.Table:
		if !s.quirks {
			s.closeP()
		}
		s.push(t, 0)
	case atom.Input:
		if s.inScope(atom.Select) {
			s.popUntil(atom.Select)
		}
		s.void(t)
	case atom.Hr:
		s.closeP()
		if s.inScope(atom.Select) {
			s.impliedEnd(0)
		}
		s.void(t)
	case atom.Select:
		if s.inScope(atom.Select) {
			s.popUntil(atom.Select)
			return
		}
		s.push(t, 0)
	case atom.Option, atom.Optgroup:
		switch {
		case s.inScope(atom.Select) && t.a == atom.Option:
			s.impliedEnd(atom.Optgroup)
		case s.inScope(atom.Select):
			s.impliedEnd(0)
		case s.top().a == atom.Option:
			s.pop()
		}
		s.push(t, 0)
	case atom.Rb, atom.Rtc, atom.Rp, atom.Rt:
		if s.inScope(atom.Ruby) {
			if t.a == atom.Rp || t.a == atom.Rt {
				s.impliedEnd(atom.Rtc)
			} else {
				s.impliedEnd(0)
			}
		}
		s.push(t, 0)
	case atom.Math, atom.Svg:
		fl := eForeign
		if t.a == atom.Math {
			fl |= eMath
		}
		if s.push(t, fl) && self {
			s.pop()
		}
	default:
		s.push(t, 0)
	}
}

// foreignContent reports whether a tag is read by the rules for SVG and
// MathML content rather than HTML's.
func (s *htmlStream) foreignContent(t tag, start bool) bool {
	top := s.top()
	switch {
	case top.flags&eForeign == 0:
		return false
	case top.flags&eMathText != 0 && start && t.a != atom.Mglyph && t.a != atom.Malignmark:
		return false
	case top.flags&eMath != 0 && top.a == atom.AnnotationXml && start && t.a == atom.Svg:
		return false
	case top.flags&eHTMLPoint != 0 && start:
		return false
	}
	return true
}

func (s *htmlStream) foreignStart(t tag, self bool) {
	if atomInfo(t.a)&aiBreakout != 0 || t.a == atom.Font && s.hasAttr("color", "face", "size") {
		s.breakOut()
		s.htmlStart(t, self)
		return
	}
	fl := s.top().flags & (eForeign | eMath)
	if fl&eMath != 0 {
		switch t.a {
		case atom.Mi, atom.Mo, atom.Mn, atom.Ms, atom.Mtext:
			fl |= eMathText | eSpecial | eScope
		case atom.AnnotationXml:
			fl |= eSpecial | eScope
			if s.attrIs("encoding", "text/html", "application/xhtml+xml") {
				fl |= eHTMLPoint
			}
		}
	} else if t.a == atom.Desc || t.a == atom.Title || t.a == atom.Foreignobject {
		fl |= eHTMLPoint | eSpecial | eScope
	}
	// The tokenizer would read <title> or <style> in SVG as raw text.
	s.z.NextIsNotRawText()
	if s.push(t, fl) && self {
		s.pop()
	}
}

// isCand reports whether an open element is a candidate container (or, for
// one decided at its close, would be by its class or id).
func (s *htmlStream) isCand(e *openElem) bool {
	switch {
	case e.flags&eFmtCand != 0, e.rec >= 0 && s.recs[e.rec].kind&rCand != 0:
		return true
	case e.flags&eMayCand != 0:
		return tagSelectors(s.src[e.off-1:e.off-1+e.tagLen], e.a) != 0
	}
	return false
}

// breakOut closes SVG and MathML elements up to HTML or an integration point.
func (s *htmlStream) breakOut() {
	for len(s.stack) > 2 && s.top().flags&eForeign != 0 && s.top().flags&(eHTMLPoint|eMathText) == 0 {
		s.pop()
	}
}

// End tags.

func (s *htmlStream) endTag(t tag) {
	if s.initial {
		s.initial, s.quirks = false, true
	}
	if !s.inBody && s.headEnd(t) {
		return
	}
	if s.foreignContent(t, false) {
		s.foreignEnd(t)
		return
	}
	s.htmlEnd(t)
}

func (s *htmlStream) headEnd(t tag) bool {
	switch t.a {
	case atom.Body, atom.Html, atom.Br:
		if s.headTmpl > 0 {
			return true
		}
		s.startBody()
		return false
	case atom.Template:
		if s.headTmpl > 0 {
			s.headTmpl--
		}
	}
	return true
}

func (s *htmlStream) foreignEnd(t tag) {
	for i, n := len(s.stack)-1, 0; i >= 2 && n < maxInlineSearch; i, n = i-1, n+1 {
		e := &s.stack[i]
		if s.sameName(e, t) {
			s.popTo(i)
			return
		}
		if s.stack[i-1].flags&eForeign == 0 {
			break
		}
	}
	s.htmlEnd(t)
}

func (s *htmlStream) htmlEnd(t tag) {
	for range 8 {
		switch s.modeAtom() {
		case atom.Td, atom.Th:
			switch t.a {
			case atom.Td, atom.Th:
				if i := s.top().mode; s.stack[i].a == t.a {
					s.popTo(int(i))
				}
			case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html:
			case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
				if s.inTableScope(t.a) >= 0 {
					s.popTo(int(s.top().mode))
					continue
				}
			default:
				s.bodyEnd(t)
			}
		case atom.Tr:
			switch t.a {
			case atom.Tr:
				s.clearTo(atom.Tr)
				s.pop()
			case atom.Table:
				s.clearTo(atom.Tr)
				s.pop()
				continue
			case atom.Tbody, atom.Tfoot, atom.Thead:
				if s.inTableScope(t.a) >= 0 {
					s.clearTo(atom.Tr)
					s.pop()
					continue
				}
			case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th:
			default:
				s.tableEnd(t)
			}
		case atom.Tbody, atom.Thead, atom.Tfoot:
			switch t.a {
			case atom.Tbody, atom.Tfoot, atom.Thead:
				if s.inTableScope(t.a) >= 0 {
					s.clearTo(atom.Tbody)
					s.pop()
				}
			case atom.Table:
				s.clearTo(atom.Tbody)
				s.pop()
				continue
			case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th, atom.Tr:
			default:
				s.tableEnd(t)
			}
		case atom.Table:
			s.tableEnd(t)
		case atom.Caption:
			switch t.a {
			case atom.Caption:
				s.popTo(int(s.top().mode))
			case atom.Table:
				s.popTo(int(s.top().mode))
				continue
			case atom.Body, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			default:
				s.bodyEnd(t)
			}
		case atom.Colgroup:
			switch t.a {
			case atom.Colgroup:
				if s.top().a == atom.Colgroup {
					s.pop()
				}
			case atom.Col:
			case atom.Template:
				s.bodyEnd(t)
			default:
				if s.top().a == atom.Colgroup {
					s.pop()
					continue
				}
			}
		default:
			s.bodyEnd(t)
		}
		return
	}
}

func (s *htmlStream) tableEnd(t tag) {
	switch t.a {
	case atom.Table:
		if i := s.inTableScope(atom.Table); i >= 0 {
			s.popTo(i)
		}
	case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td,
		atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
	default:
		// In body rules, fostered: an implied <p> or a <br> goes in front
		// of the table.
		s.fosterRec = s.fosterTable()
		s.bodyEnd(t)
		s.fosterRec = -1
	}
}

func (s *htmlStream) bodyEnd(t tag) {
	switch t.a {
	case atom.Body, atom.Html:
		// The stack stays as it is: later content still goes into the body.
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Listing, atom.Main, atom.Menu,
		atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select, atom.Summary, atom.Ul,
		atom.Dd, atom.Dt, atom.Applet, atom.Marquee, atom.Object,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if s.inScope(t.a) {
			a := t.a
			if isHeading(a) {
				a = atom.H1
			}
			s.popUntil(a)
		}
	case atom.Form:
		s.endForm()
	case atom.P:
		if i := s.top().p; i >= 0 {
			s.popTo(int(i))
			return
		}
		// An empty <p> is inserted: a start tag, which breaks out of SVG or
		// MathML like any <p>.
		p := tag{a: atom.P, off: -1}
		if s.foreignContent(p, true) {
			s.breakOut()
		}
		s.void(p)
	case atom.Li:
		if i := s.top().li; i >= 0 {
			s.popTo(int(i))
		}
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S,
		atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		if s.inScope(t.a) {
			s.endFormatting(t)
		}
	case atom.Br:
		// </br> is read as <br>, a start tag: it breaks out of SVG or MathML.
		if br := (tag{a: atom.Br, off: -1}); s.foreignContent(br, true) {
			s.breakOut()
		}
		s.void(t)
	case atom.Template:
		if s.templates > 0 {
			s.impliedEnd(0)
			s.popUntil(atom.Template)
		}
	default:
		// Any other end tag closes the nearest element of its name, unless
		// a special element stands in between.
		for i, n := len(s.stack)-1, 0; i >= 2 && n < maxInlineSearch; i, n = i-1, n+1 {
			e := &s.stack[i]
			if e.flags&(eForeign|eZombie) == 0 && s.sameName(e, t) {
				s.popTo(i)
				return
			}
			if e.flags&eSpecial != 0 {
				return
			}
		}
	}
}

// endFormatting stands in for the adoption agency algorithm. With no block
// open inside the element, its end tag closes it. Otherwise the DOM moves
// each block open inside it out of the inline elements around it, leaves
// the element and the inline elements between blocks off the stack (copies
// of formatting ones follow into the blocks), and closes the inline elements
// open inside the last block: the blocks stay open, and so they do here.
// Where a candidate container is among the elements moved or copied, the
// DOM reader takes over.
func (s *htmlStream) endFormatting(t tag) {
	for i, n := len(s.stack)-1, 0; i >= 2 && n < maxInlineSearch; i, n = i-1, n+1 {
		e := &s.stack[i]
		if e.a == t.a && e.flags&(eForeign|eZombie) == 0 {
			if s.top().spec < int32(i) {
				s.fmtTarget = i
				s.popTo(i)
				s.fmtTarget = -1
				return
			}
			last, blocks := i, 0
			for j := i; j < len(s.stack); j++ {
				f := s.stack[j].flags
				if s.isCand(&s.stack[j]) {
					s.needDOM = true
					return
				}
				if f&eSpecial != 0 {
					last, blocks = j, blocks+1
				}
			}
			for j := i; j < last; j++ {
				if f := s.stack[j].flags; f&eSpecial == 0 && (j == i || !isFormatting(s.stack[j].a)) {
					s.stack[j].flags |= eZombie
				}
			}
			if blocks < 8 { // the algorithm gives up after eight rounds
				s.popTo(last + 1)
			}
			return
		}
		if e.flags&eScope != 0 {
			return
		}
	}
}

// endForm closes the form element pointer's form: only that element leaves
// the stack; what is open inside it stays open.
func (s *htmlStream) endForm() {
	i := s.form
	open := s.formOpen
	s.formOpen, s.form = false, -1
	if !open || i < 2 || int(i) >= len(s.stack) || s.stack[i].a != atom.Form || s.stack[i].flags&(eZombie|eForeign) != 0 {
		return
	}
	if s.top().mask&scopeBitOf(atom.Form) == 0 {
		return // not in scope
	}
	s.impliedEnd(0)
	if int(i) == len(s.stack)-1 {
		s.pop()
		return
	}
	s.stack[i].flags |= eZombie
}

// hasAttr reports whether the current start tag has one of the attributes.
func (s *htmlStream) hasAttr(keys ...string) bool {
	for more := true; more; {
		var k []byte
		k, _, more = s.z.TagAttr()
		for _, want := range keys {
			if string(k) == want {
				return true
			}
		}
	}
	return false
}

// attrIs reports whether the current start tag's attribute key has one of
// the values, ASCII case-insensitively.
func (s *htmlStream) attrIs(key string, vals ...string) bool {
	for more := true; more; {
		var k, v []byte
		k, v, more = s.z.TagAttr()
		if string(k) != key {
			continue
		}
		for _, want := range vals {
			if len(v) == len(want) && asciiLowerEq(v, want) {
				return true
			}
		}
		return false
	}
	return false
}
