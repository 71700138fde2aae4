package parse

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Labels are compared after normalisation: full width folded to half width,
// traditional characters turned simplified (mirror sites convert whole
// pages), and everything but letters and digits dropped, so that
// "第二十條第（一）項", "第二十条第(一)项" and "第二十条 第（一）项" are one label.

// cjkFirst and cjkLast bound the ideographs the traditional → simplified
// table covers (CJK Extension A and the Unified block).
const cjkFirst, cjkLast = 0x3400, 0x9FFF

var (
	t2sOnce  sync.Once
	t2sTable []rune // indexed by r-cjkFirst; 0 where the character stays
)

// traditionalToSimplified returns the per-character traditional → simplified
// table. opencc converts strings by dictionary segmentation, which costs
// microseconds a call; labels need it per rune on the hot path, so the
// character table is asked once for every CJK ideograph and kept as a dense
// slice. Phrase-level conversions do not matter for template labels.
func traditionalToSimplified() []rune {
	t2sOnce.Do(func() {
		t2sTable = make([]rune, cjkLast-cjkFirst+1)
		cc, err := opencc.New("t2s")
		if err != nil {
			return // no conversion: labels still match in simplified text
		}
		var buf [utf8.UTFMax]byte
		for r := rune(cjkFirst); r <= cjkLast; r++ {
			n := utf8.EncodeRune(buf[:], r)
			out, err := cc.Convert(string(buf[:n]))
			if err != nil {
				continue
			}
			if s, size := utf8.DecodeRuneInString(out); size == len(out) && s != r && s != utf8.RuneError {
				t2sTable[r-cjkFirst] = s
			}
		}
	})
	return t2sTable
}

// foldRune maps full-width forms to half width and traditional characters to
// simplified ones.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	if r >= cjkFirst && r <= cjkLast {
		if s := traditionalToSimplified()[r-cjkFirst]; s != 0 {
			return s
		}
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		// The full-width ASCII block maps one to one onto ASCII, as
		// golang.org/x/text/width.Fold does; inline here because labels
		// fold every rune.
		return r - 0xFF01 + '!'
	}
	if r == 0x3000 || r == 0xA0 {
		return ' '
	}
	return r
}

// normLabel reduces a label to the letters and digits that identify it,
// folded as foldRune does and lower-cased.
func normLabel(s string) string {
	// Most labels are normal already (Chinese characters and digits):
	// those are returned as they are, with no copy, as labelKey runs on
	// every cell that is not a value.
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if n, keep := normRune(r); !keep || n != r || r == utf8.RuneError {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if n, keep := normRune(r); keep {
			b.WriteRune(n)
		}
	}
	return b.String()
}

// normRune is normLabel's rule for one rune: folded and lower-cased, and
// whether a label keeps it.
func normRune(r rune) (rune, bool) {
	r = foldRune(r)
	switch {
	case r >= cjkFirst && r <= cjkLast, r >= '0' && r <= '9', r >= 'a' && r <= 'z':
		return r, true
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A', true
	case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return unicode.ToLower(r), true
	}
	return r, false
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
