package platform

import "bytes"

// sign.go: the substring tests every Recognize makes before any regex.
// List runs every adapter's Recognize on every column page, and nearly all
// of them are plain pages: a literal each signature cannot do without is
// searched first (bytes.Index is vectorised; a regex walks the page byte
// by byte), and the regex runs only on pages that carry it.

// has reports whether b contains the literal s.
func has(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

// hasFold reports whether b contains lower (lowercase ASCII) in any case,
// for signatures whose regex is (?i). lower holds no k or s: Go's (?i)
// also folds those to K (U+212A) and ſ (U+017F), which a byte-for-byte
// window would miss, so such a test would not be the regex's. Written by hand: bytes.ToLower would
// copy the page, and regexp's (?i) literal search is the cost avoided. The
// next candidate of each case of the first byte is kept, so the page is
// scanned once.
func hasFold(b []byte, lower string) bool {
	if lower == "" {
		return true
	}
	c0, c1 := lower[0], lower[0]
	if 'a' <= c0 && c0 <= 'z' {
		c1 = c0 - 'a' + 'A'
	}
	next := func(from int, c byte) int {
		if i := bytes.IndexByte(b[from:], c); i >= 0 {
			return from + i
		}
		return len(b)
	}
	lo, up := next(0, c0), next(0, c1)
	for {
		i := min(lo, up)
		if i+len(lower) > len(b) {
			return false
		}
		if equalFoldASCII(b[i:i+len(lower)], lower) {
			return true
		}
		if i == lo {
			lo = next(i+1, c0)
		}
		if i == up {
			up = next(i+1, c1)
		}
	}
}

// equalFoldASCII compares w with lower, ASCII letters in either case.
func equalFoldASCII(w []byte, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := w[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}
