package parse

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTrimSpace holds trimSpace's shortcut to strings.TrimSpace: over every
// corpus line and field, and over each Unicode space and edge byte placed at
// either end, the two return the same string.
func TestTrimSpace(t *testing.T) {
	texts := []string{"", " ", "a", " a", "a ", "规章", " 规章", "规章 ", "\u3000规章", "规章\u3000", "\u00a00", "0\u00a0",
		"\xe4", "\xe4\xb8", "a\xe4\xb8", "\xe4\xb8a", "\xe9\xbf\xbf", "\xed\xa0\x80", "\x85", "\xc2\x85", "规\xc2\x85"}
	for r := rune(0); r <= 0x3100; r++ {
		if unicode.IsSpace(r) {
			texts = append(texts, string(r)+"规章"+string(r), "规章"+string(r), string(r)+"x")
		}
	}
	texts = append(texts, corpusCells(t)...)
	fast := 0
	for _, s := range texts {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, strings.TrimSpace gives %q", s, got, want)
		}
		if notSpaceStart(s) && notSpaceEnd(s) {
			fast++
			if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
				t.Errorf("%q: its first rune is a space", s)
			}
		}
	}
	if fast < len(texts)/4 {
		t.Errorf("only %d of %d texts took the shortcut", fast, len(texts))
	}
}
