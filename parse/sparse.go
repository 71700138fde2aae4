package parse

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// ---------------------------------------------------------------------------
// Running a pattern only where it can match

// Go's regexp has no fast scan for a pattern that starts with a class or an
// alternation: FindAll tries the whole pattern at every byte of a line, and
// its backtracker clears a bitmap of len(line)×len(program) bits on each
// call. Over a report's head that was most of the parse. A sparseRe
// instead lists the few places where a match can start (where a label or a
// year stands) and runs the pattern anchored there, on a window no longer
// than a match can be. It finds what FindAllStringSubmatch finds: the places
// are every place a match can start, tried in order, each from the end of
// the previous match on.
type sparseRe struct {
	// first and mid are the pattern anchored at its start, for a start at
	// 0 and after 0; in mid ^ never matches, as in the whole line. mid is
	// first itself for a pattern without ^, and compiled on first use for
	// one with: printing a tree to compile it again is slow (String tries
	// unicode.SimpleFold on every rune of a class such as \p{Han} or
	// [^《》]); done for every pattern when the package loaded, it took 13
	// of the 60 ms of `disclosure --help`.
	first *regexp.Regexp
	mid   func() *regexp.Regexp
	// window is the most bytes a match can span, 0 when unbounded.
	window int
	// need are keys every match holds: lines without them are skipped.
	need keySet
	// starts appends every place in l a match can start (more do no
	// harm) to ps.
	starts func(l line, ps []int) []int
}

func newSparse(expr string, starts func(l line, ps []int) []int) *sparseRe {
	re, err := syntax.Parse(expr, syntax.Perl) // as regexp.Compile parses
	if err != nil {
		panic(err)
	}
	startRunes(expr) // panics if a match can be empty, which FindAll treats apart
	sp := &sparseRe{first: regexp.MustCompile(`^(?:` + expr + `)`), need: neededKeys(re), starts: starts}
	if n := maxRunes(re); n >= 0 {
		sp.window = n * utf8.UTFMax
	}
	mid := noBeginText(re) // panics on what a start after 0 cannot see
	sp.mid = func() *regexp.Regexp { return sp.first }
	if hasOp(re, syntax.OpBeginText) {
		sp.mid = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + mid.String() + `)`) })
	}
	return sp
}

// hasOp reports whether op occurs in re.
func hasOp(re *syntax.Regexp, op syntax.Op) bool {
	if re.Op == op {
		return true
	}
	for _, sub := range re.Sub {
		if hasOp(sub, op) {
			return true
		}
	}
	return false
}

// findAll returns what FindAllStringSubmatch(l.s, -1) returns for the
// pattern.
func (sp *sparseRe) findAll(l line) [][]string { return sp.findN(l, -1) }

// find returns what FindStringSubmatch(l.s) returns for the pattern.
func (sp *sparseRe) find(l line) []string {
	if m := sp.findN(l, 1); m != nil {
		return m[0]
	}
	return nil
}

// findN returns the first n matches, all for n < 0.
func (sp *sparseRe) findN(l line, n int) [][]string {
	if !l.has(sp.need) {
		return nil
	}
	ps := sp.starts(l, nil)
	if len(ps) == 0 {
		return nil
	}
	slices.Sort(ps)
	var out [][]string
	end := 0
	for i, p := range ps {
		if p < end || i > 0 && p == ps[i-1] {
			continue
		}
		re, w := sp.first, l.s[p:]
		if p > 0 {
			re = sp.mid()
		}
		if sp.window > 0 && len(w) > sp.window {
			w = w[:sp.window]
		}
		loc := re.FindStringSubmatchIndex(w)
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2)
		for g := range m {
			if loc[2*g] >= 0 {
				m[g] = w[loc[2*g]:loc[2*g+1]]
			}
		}
		out = append(out, m)
		if len(out) == n {
			break
		}
		end = p + loc[1]
	}
	return out
}

// neededKeys returns the keys every match of re holds: those of its
// literal characters and digit classes outside optional parts and
// alternatives (where the keys all branches share count).
func neededKeys(re *syntax.Regexp) keySet {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return 0
		}
		return keysOf(string(re.Rune))
	case syntax.OpCharClass:
		// [0-9] (\d) is one range; a wider class may match without a key.
		if len(re.Rune) == 2 && re.Rune[0] >= '0' && re.Rune[1] <= '9' {
			return kDigit
		}
	case syntax.OpCapture, syntax.OpPlus:
		return neededKeys(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			return neededKeys(re.Sub[0])
		}
	case syntax.OpConcat:
		var k keySet
		for _, sub := range re.Sub {
			k |= neededKeys(sub)
		}
		return k
	case syntax.OpAlternate:
		k := ^keySet(0)
		for _, sub := range re.Sub {
			k &= neededKeys(sub)
		}
		return k
	}
	return 0
}

// maxRunes returns the most runes a match of re spans, or -1 when that is
// unbounded or when re looks past its match ($, \b), which a window would
// fake.
func maxRunes(re *syntax.Regexp) int {
	sum := func(subs []*syntax.Regexp, alt bool) int {
		n := 0
		for _, sub := range subs {
			m := maxRunes(sub)
			if m < 0 {
				return -1
			}
			if alt {
				n = max(n, m)
			} else {
				n += m
			}
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpBeginText, syntax.OpBeginLine:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpConcat:
		return sum(re.Sub, false)
	case syntax.OpAlternate:
		return sum(re.Sub, true)
	case syntax.OpRepeat:
		if n := maxRunes(re.Sub[0]); n >= 0 && re.Max >= 0 {
			return n * re.Max
		}
	}
	return -1 // *, +, {n,}, $, \b
}

// noBeginText returns re with ^ (start of text) made to never match: the
// pattern as it runs at a place after the start of the line. It panics on
// assertions that look at the character before (\b, \B, ^ in (?m)), which
// a pattern run on the rest of a line cannot see.
func noBeginText(re *syntax.Regexp) *syntax.Regexp {
	switch re.Op {
	case syntax.OpBeginText:
		return &syntax.Regexp{Op: syntax.OpNoMatch}
	case syntax.OpBeginLine, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		panic("sparseRe: cannot run " + re.String() + " from a place in a line")
	}
	c := *re
	c.Sub = nil
	for _, sub := range re.Sub {
		c.Sub = append(c.Sub, noBeginText(sub))
	}
	return &c
}

// A wordSet finds a fixed list of words in lines. A word is looked for only
// in lines holding all its keys, and there only at the marks of its first
// key rune, its anchor, where a strings.Index pass per word would cost a
// nanosecond a byte.
type wordSet struct {
	fold    bool // ASCII letters match in either case, as with (?i)
	anchors keySet
	byBit   [64][]setWord // the words by their anchor's key bit
	loose   []setWord     // words without a key rune: looked for whole
}

type setWord struct {
	w    string
	keys keySet
	off  int // bytes from the word's start to its anchor
}

func newWordSet(fold bool, words ...string) *wordSet {
	ws := &wordSet{fold: fold}
	for _, w := range words {
		if fold {
			for _, r := range w {
				// (?i) turns k into K (U+212A) and s into ſ: other
				// lengths than EqualFold on bytes can see.
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					if utf8.RuneLen(f) != utf8.RuneLen(r) {
						panic("wordSet: cannot fold " + w)
					}
				}
			}
		}
		sw := setWord{w: w, keys: keysOf(w)} // kLatin: a letter in either case
		found := false
		for i, r := range w {
			if b := bitOf(r); b != 0 {
				sw.off = i
				ws.byBit[b] = append(ws.byBit[b], sw)
				ws.anchors |= 1 << b
				found = true
				break
			}
		}
		if !found {
			ws.loose = append(ws.loose, sw)
		}
	}
	return ws
}

// starts appends where each word stands in l to ps.
func (ws *wordSet) starts(l line, ps []int) []int {
	if l.keys&ws.anchors != 0 {
		for _, m := range l.marks {
			for _, sw := range ws.byBit[m.bit] {
				if p := int(m.at) - sw.off; p >= 0 && l.has(sw.keys) && ws.at(l.s[p:], sw.w) {
					ps = append(ps, p)
				}
			}
		}
	}
	for _, sw := range ws.loose {
		if l.has(sw.keys) {
			ps = ws.scan(l.s, sw.w, ps)
		}
	}
	return ps
}

// any reports whether l holds one of the words.
func (ws *wordSet) any(l line) bool { return len(ws.starts(l, nil)) > 0 }

// at reports whether s starts with w.
func (ws *wordSet) at(s, w string) bool {
	if ws.fold {
		return len(s) >= len(w) && strings.EqualFold(s[:len(w)], w)
	}
	return strings.HasPrefix(s, w)
}

// scan appends every place where w stands in s to ps.
func (ws *wordSet) scan(s, w string, ps []int) []int {
	if !ws.fold {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				return ps
			}
			ps = append(ps, i+j)
			i += j + 1
		}
	}
	first := lowerASCII(w[0])
	for i := 0; i+len(w) <= len(s); i++ {
		if lowerASCII(s[i]) == first && ws.at(s[i:], w) {
			ps = append(ps, i)
		}
	}
	return ps
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// A year opens a sentence at the start of the text or after the end of a
// sentence, a space or a closing parenthesis.
var (
	nianBit       = bitOf('年')
	sentenceEnd   = `[。;!?\s)]`
	opensSentence = `(?:^|` + sentenceEnd + `)`
	endsSentence  = startRunes(sentenceEnd)
)

// sentenceYearStarts lists the places where opensSentence+"\d{4}年" can
// start: 0 or the sentence end before each "YYYY年".
func sentenceYearStarts(l line, ps []int) []int {
	s := l.s
	for _, m := range l.marks {
		if m.bit != nianBit {
			continue
		}
		j := int(m.at)
		d := j - 4
		if d < 0 || !isDigits(s[d:j]) {
			continue
		}
		if d == 0 {
			ps = append(ps, 0)
		} else if r, size := utf8.DecodeLastRuneInString(s[:d]); endsSentence(r) {
			ps = append(ps, d-size)
		}
	}
	return ps
}

// digitRunStarts lists the places where "(?:^|\D)\d{4}" can start: before
// the character preceding each run of four or more digits, or 0.
func digitRunStarts(l line, ps []int) []int {
	s := l.s
	for i := 0; i < len(s); {
		if !isDigits(s[i : i+1]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isDigits(s[j:j+1]) {
			j++
		}
		if j-i >= 4 {
			_, size := utf8.DecodeLastRuneInString(s[:i])
			ps = append(ps, i-size)
		}
		i = j
	}
	return ps
}

// startRunes returns a test for the characters a match of the pattern expr
// can start with, read from its compiled program, so that a prefilter
// cannot fall out of step with the pattern. It panics on a pattern that
// can match the empty string.
func startRunes(expr string) func(rune) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		panic(err)
	}
	var firsts []*syntax.Inst
	seen := map[uint32]bool{}
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out)
			walk(in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			walk(in.Out)
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			firsts = append(firsts, in)
		case syntax.InstMatch:
			panic("startRunes: " + expr + " matches the empty string")
		}
	}
	walk(uint32(prog.Start))
	return func(r rune) bool {
		for _, in := range firsts {
			if in.MatchRune(r) {
				return true
			}
		}
		return false
	}
}
