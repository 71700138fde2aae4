package parse

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// Labels are compared after normalisation: full width folded to half width,
// traditional characters turned simplified (mirror sites convert whole
// pages), and everything but letters and digits dropped, so that
// "第二十條第（一）項", "第二十条第(一)项" and "第二十条 第（一）项" are one label.

var (
	t2sOnce sync.Once
	t2sMap  map[rune]rune
)

// traditionalToSimplified returns the per-character traditional → simplified
// map. opencc converts strings by dictionary segmentation, which costs
// microseconds a call; labels need it per rune on the hot path, so the
// character table is asked once for every CJK unified ideograph and kept as a
// map. Phrase-level conversions do not matter for template labels.
func traditionalToSimplified() map[rune]rune {
	t2sOnce.Do(func() {
		t2sMap = make(map[rune]rune, 4096)
		cc, err := opencc.New("t2s")
		if err != nil {
			return // no conversion: labels still match in simplified text
		}
		var buf [utf8.UTFMax]byte
		for r := rune(0x3400); r <= 0x9FFF; r++ {
			n := utf8.EncodeRune(buf[:], r)
			out, err := cc.Convert(string(buf[:n]))
			if err != nil {
				continue
			}
			if s, size := utf8.DecodeRuneInString(out); size == len(out) && s != r && s != utf8.RuneError {
				t2sMap[r] = s
			}
		}
	})
	return t2sMap
}

// foldRune maps full-width forms to half width and traditional characters to
// simplified ones.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 {
		if k := width.LookupRune(r); k.Kind() == width.EastAsianFullwidth {
			if n := k.Narrow(); n != 0 {
				return n
			}
		}
		if r == 0x3000 {
			return ' '
		}
	}
	if r >= 0x3400 && r <= 0x9FFF {
		if s, ok := traditionalToSimplified()[r]; ok {
			return s
		}
	}
	return r
}

// normLabel reduces a label to the letters and digits that identify it,
// folded as foldRune does and lower-cased.
func normLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = foldRune(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// toSimplified folds width and traditional characters but keeps punctuation
// and spaces: for names and titles shown to researchers.
func toSimplified(s string) string {
	changed := false
	for _, r := range s {
		if foldRune(r) != r {
			changed = true
			break
		}
	}
	if !changed {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}
