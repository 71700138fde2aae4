package parse

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// ---------------------------------------------------------------------------
// Lines and their key characters

// A line is a text line as identity and prose read them (see prepText),
// with the set of key characters it holds and where they stand. Each
// pattern of identity.go and prose.go needs some key characters to match: a title needs 报, 年
// and digits, a glued heading 、 and a numeral. Testing the set is one
// AND, and the marks point at the few places where a match can start,
// where strings.Index over Chinese text costs about a nanosecond a byte
// and an unanchored regexp tens. Keys and marks are noted while the line
// is folded, at no extra pass.
type line struct {
	s     string
	keys  keySet
	marks []mark // the runes of keyRunes in s, in order
}

type mark struct {
	at  int32 // byte offset in s
	bit uint8 // the rune's key bit (keyBit)
}

// sub returns l.s[from:to] as a line. Its keys are those of l: a superset
// is as good to rule lines out.
func (l line) sub(from, to int) line {
	out := line{s: l.s[from:to], keys: l.keys}
	for _, m := range l.marks {
		if int(m.at) >= from && int(m.at) < to {
			out.marks = append(out.marks, mark{m.at - int32(from), m.bit})
		}
	}
	return out
}

// makeLine notes the keys and marks of a string made after folding.
func makeLine(s string) line {
	l := line{s: s}
	for i, r := range s {
		l.keys |= keyOf(r)
		if b := bitOf(r); b != 0 {
			l.marks = append(l.marks, mark{int32(i), b})
		}
	}
	return l
}

// keySet is a set of key characters: a bit for any ASCII digit, one for
// any ASCII letter and one for each rune of keyRunes.
type keySet uint64

const (
	kDigit keySet = 1 << iota
	kLatin
	kFirstRune // the bit of keyRunes' first rune
)

// keyRunes are the characters lines are searched by. Each is rare enough
// in report text for its absence to rule most lines out; a common one
// (开, 公) would rule out nothing.
const keyRunes = "报年现日时间期发布来源截、条统" + numeralChars +
	"赢版萝娱彩棋澳尼葡博云载" // spamWords

// keyBit holds the bit number of each key rune from keyFirst on, and 0 for
// the other runes: one lookup per rune while folding.
const keyFirst, keyLast = 0x3000, 0x9FFF

// (A function, not init, so that the key sets of package variables
// below are computed after it.)
var keyBit = func() *[keyLast - keyFirst + 1]uint8 {
	var t [keyLast - keyFirst + 1]uint8
	b := uint8(bits.TrailingZeros64(uint64(kFirstRune)))
	for _, r := range keyRunes {
		if r < keyFirst || r > keyLast || t[r-keyFirst] != 0 || b >= 64 {
			panic("keyRunes: bad or repeated " + string(r))
		}
		t[r-keyFirst] = b
		b++
	}
	return &t
}()

// asciiKeys holds keyOf of the ASCII characters.
var asciiKeys = func() (t [utf8.RuneSelf]keySet) {
	for c := range t {
		t[c] = keyOf(rune(c))
	}
	return t
}()

// bitOf returns the key bit of a rune of keyRunes, 0 for other runes.
func bitOf(r rune) uint8 {
	if r >= keyFirst && r <= keyLast {
		return keyBit[r-keyFirst]
	}
	return 0
}

// keyOf returns the key of one rune, 0 if it has none.
func keyOf(r rune) keySet {
	switch {
	case r >= '0' && r <= '9':
		return kDigit
	case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		return kLatin
	case r >= keyFirst && r <= keyLast && keyBit[r-keyFirst] != 0:
		return 1 << keyBit[r-keyFirst]
	}
	return 0
}

// keysOf returns the keys of the characters of s.
func keysOf(s string) keySet {
	var k keySet
	for _, r := range s {
		k |= keyOf(r)
	}
	return k
}

// Key sets the patterns below need.
var (
	kBao     = keysOf("报")          // 报告, 年报
	kYear    = keysOf("年") | kDigit // YYYY年
	kTitle   = kBao | kYear
	kNumeral = keysOf(numeralChars)
)

// has reports whether l holds every key in k.
func (l line) has(k keySet) bool { return l.keys&k == k }

// hasAny reports whether l holds some key in k.
func (l line) hasAny(k keySet) bool { return l.keys&k != 0 }

// foldLines folds each line as toSimplified does (NBSP becoming a space),
// trims it and drops it when empty. The lines folding changes share one
// string, the others stay in the document's, and all share one mark array:
// a few allocations per document, not a few per line.
//
// sc, if not nil, lends the slice of lines (scratch.go).
func foldLines(lines []string, sc *scratch) []line {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	var b strings.Builder
	t2s, plain := traditionalToSimplified(), foldPlain()
	marks := make([]mark, 0, size/32) // about one rune in ten is a key
	var out []line
	if sc != nil {
		out = reuse(sc.folded, len(lines))
	} else {
		out = make([]line, 0, len(lines))
	}
	for _, l := range lines {
		start, m0 := b.Len(), len(marks)
		var keys keySet
		var same bool
		keys, marks, same = foldInto(&b, l, t2s, plain, marks, size)
		size -= len(l)
		// A line folding leaves as it is stays where it is, in the
		// document's text, and is not copied (foldInto wrote nothing:
		// its marks are offsets in l). A Builder never changes what it
		// holds, so a folded line may point into it while more is
		// written.
		seg := l
		if !same {
			seg = b.String()[start:]
		}
		t := trimLeftSpace(seg)
		lead := len(seg) - len(t)
		if t = trimRightSpace(t); t == "" {
			continue
		}
		lm := marks[m0:len(marks):len(marks)]
		for j := range lm {
			lm[j].at -= int32(start + lead) // offsets in seg, then in t
		}
		out = append(out, line{t, keys, lm})
	}
	if sc != nil {
		sc.folded = out
	}
	return out
}

// plainSet holds the ideographs (cjkFirst–cjkLast) folding leaves as they
// are and that are no key rune: most of a report's text, passed over with
// one bit test instead of the t2s and keyBit tables (some 110 KB between
// them, and the t2s lookup was a third of folding a line).
type plainSet [(cjkLast - cjkFirst + 64) / 64]uint64

// has reports whether r is in the set.
func (p *plainSet) has(r rune) bool {
	if r < cjkFirst || r > cjkLast {
		return false
	}
	i := r - cjkFirst
	return p[i/64]&(1<<(i%64)) != 0
}

var (
	plainOnce  sync.Once
	plainRunes *plainSet
)

// foldPlain returns the plainSet, built on first use from the t2s table
// and the key runes.
func foldPlain() *plainSet {
	plainOnce.Do(func() {
		t2s := traditionalToSimplified()
		p := new(plainSet)
		for r := rune(cjkFirst); r <= cjkLast; r++ {
			if t2s[r-cjkFirst] == 0 && bitOf(r) == 0 {
				i := r - cjkFirst
				p[i/64] |= 1 << (i % 64)
			}
		}
		plainRunes = p
	})
	return plainRunes
}

// foldInto writes toSimplified(strings.ReplaceAll(s, "\u00a0", " ")) to b
// and returns the keys of the characters written, appending their marks,
// at offsets in b, to marks. Where that is s itself, it writes nothing and
// reports same: the marks are then offsets in s from b.Len(). t2s and plain
// are traditionalToSimplified() and foldPlain(), fetched once per document;
// b grows by reserve bytes on its first write.
func foldInto(b *strings.Builder, s string, t2s []rune, plain *plainSet, marks []mark, reserve int) (keySet, []mark, bool) {
	var keys, cjk keySet // cjk gets bit 0 for every rune without a key
	run := 0             // s[run:i] is unchanged and not yet written
	// toSimplified keeps invalid bytes in a string it leaves alone (NBSP
	// aside) and turns them into U+FFFD in one it changes; which one s is
	// is asked at its first invalid byte, if any.
	changed, invalid, toFFFD := false, false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			keys |= asciiKeys[c]
			i++
			continue
		}
		var r rune
		size := 3
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// The three-byte form of CJK text, decoded inline: E1–EF
			// but ED lead only valid, shortest forms.
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if plain.has(r) {
			i += size // most ideographs: no key, no fold
			continue
		}
		if r == utf8.RuneError && size == 1 {
			if !invalid {
				invalid, toFFFD = true, changed || changes(s[i:])
			}
			if toFFFD {
				if b.Cap() == 0 {
					b.Grow(reserve)
				}
				b.WriteString(s[run:i])
				b.WriteRune(utf8.RuneError)
				run = i + 1
			}
			i++
			continue
		}
		// foldRune, with the table lookup of CJK inline: most runes.
		f := r
		if r >= cjkFirst && r <= cjkLast {
			if t := t2s[r-cjkFirst]; t != 0 {
				f = t
			}
		} else {
			f = foldRune(r)
		}
		if f < utf8.RuneSelf { // a full-width digit or letter folded to ASCII
			keys |= asciiKeys[f]
		} else if f >= keyFirst && f <= keyLast {
			bit := keyBit[f-keyFirst]
			cjk |= 1 << bit
			if bit != 0 {
				at := b.Len() + i - run // where f goes, s[run:i] written first
				marks = append(marks, mark{int32(at), bit})
			}
		}
		if f != r {
			if b.Cap() == 0 {
				b.Grow(reserve)
			}
			b.WriteString(s[run:i])
			b.WriteRune(f)
			run = i + size
			changed = changed || r != 0xA0 // NBSP is replaced before toSimplified looks
		}
		i += size
	}
	if run == 0 {
		return keys | cjk&^1, marks, true // nothing changed, nothing written
	}
	b.WriteString(s[run:])
	return keys | cjk&^1, marks, false
}

// changes reports whether toSimplified changes a rune of s other than NBSP.
func changes(s string) bool {
	for _, r := range s {
		if r != 0xA0 && foldRune(r) != r {
			return true
		}
	}
	return false
}
