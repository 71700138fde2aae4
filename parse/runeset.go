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
		last = max(last, lastIndexShort(s, string(buf[:n])))
	}
	return last
}

// lastIndexShort is strings.LastIndex(s, sub) for a sub of a rune or two:
// the last byte found with LastIndexByte, then the rest compared, where
// LastIndex hashes its way through s (the row labels' brackets are looked
// for in every label, and the hashing was most of the cost).
func lastIndexShort(s, sub string) int {
	if sub == "" {
		return len(s)
	}
	end := sub[len(sub)-1]
	for i := len(s); ; {
		j := strings.LastIndexByte(s[:i], end)
		if j < 0 {
			return -1
		}
		if from := j + 1 - len(sub); from >= 0 && s[from:j+1] == sub {
			return from
		}
		i = j
	}
}
