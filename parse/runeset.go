package parse

import "strings"

// strings.ContainsAny and LastIndexAny with a set that is not all ASCII
// walk the text rune by rune and look each up in the set, a cost that
// showed in profiles on the long lines of prose every cell passes. A few
// substring scans, one per rune of a short set, give the same answers on
// valid UTF-8 (the text here is decoded) several times faster.

// hasAnyRune is strings.ContainsAny(s, set) for a short set.
func hasAnyRune(s, set string) bool {
	for _, r := range set {
		if strings.ContainsRune(s, r) {
			return true
		}
	}
	return false
}

// lastAnyRune is strings.LastIndexAny(s, set) for a short set.
func lastAnyRune(s, set string) int {
	last := -1
	var buf [4]byte
	for _, r := range set {
		n := copy(buf[:], string(r))
		last = max(last, strings.LastIndex(s, string(buf[:n])))
	}
	return last
}

// isAnyDigit is an ASCII or full-width digit.
func isAnyDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }
