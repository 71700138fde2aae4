package parse

import (
	"strings"
	"unicode"
)

// trimSpace is strings.TrimSpace for the common case of text that needs no
// trimming: a line or cell of a report starts and ends with a Chinese
// character or an ASCII letter, digit or sign. strings.TrimSpace decodes a
// non-ASCII rune at each end and looks it up in the Unicode space table
// (some 30 ns a line, on every line and cell); here a byte test at each end
// settles it, and anything else goes to strings.TrimSpace.
func trimSpace(s string) string {
	if notSpaceStart(s) && notSpaceEnd(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// trimLeftSpace and trimRightSpace are trimSpace's two halves, for a caller
// that needs to know how much the left one dropped (foldLines).
func trimLeftSpace(s string) string {
	if notSpaceStart(s) {
		return s
	}
	return strings.TrimLeftFunc(s, unicode.IsSpace)
}

func trimRightSpace(s string) string {
	if notSpaceEnd(s) {
		return s
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}

// notSpaceStart reports whether s starts with a rune that is surely not a
// space: ASCII other than the six ASCII spaces, or a three-byte rune led by
// E4–E9 (U+4000–U+9FFF: ideographs; every Unicode space is below U+3001).
func notSpaceStart(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c < 0x80 && !isASCIISpace(c) || c >= 0xE4 && c <= 0xE9
}

// notSpaceEnd reports whether s ends with a rune that is surely not a
// space, as notSpaceStart tests its first: an ASCII byte, or a lead byte of
// E4–E9 three bytes from the end followed by two continuation bytes.
func notSpaceEnd(s string) bool {
	n := len(s)
	if n == 0 {
		return false
	}
	if c := s[n-1]; c < 0x80 {
		return !isASCIISpace(c)
	}
	return n >= 3 && s[n-3] >= 0xE4 && s[n-3] <= 0xE9 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80
}

// isASCIISpace reports whether c is one of the ASCII bytes unicode.IsSpace
// takes for a space.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
