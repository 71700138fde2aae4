package parse

import "disclosure/docform"

// decode returns a document's text as UTF-8 by the one rule the crawler
// uses too (docform.Decode: BOM, valid UTF-8, HTTP charset, <meta>,
// GB18030).
func decode(data []byte, contentType string) []byte {
	text, _ := docform.Decode(data, contentType)
	return text
}

// looksBinary reports whether decoded text is mostly not text: C0 control
// characters (other than tab, newline, CR, form feed) and U+FFFD make up more
// than 2% of it. Random bytes decoded as GB18030 are about 10% controls;
// real pages have none. s is valid UTF-8, as the decoders return it.
func looksBinary[T string | []byte](s T) bool {
	// Pages almost never hold a single junk character: look for one first,
	// count characters only if there is one.
	if !hasJunk(s) {
		return false
	}
	total, junk := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0xC0 != 0x80 {
			total++
		}
		if isJunkByte(c) || c == 0xBD && i >= 2 && s[i-1] == 0xBF && s[i-2] == 0xEF {
			junk++
		}
	}
	return total > 0 && junk*50 > total
}

func isJunkByte(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F
}

// hasJunk reports whether s holds a control character or U+FFFD, eight
// bytes at a time.
func hasJunk[T string | []byte](s T) bool {
	const hi, lo7 = 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if below20 := ^((w & lo7) + 0x6060606060606060) &^ w & hi; below20 != 0 {
			if below20&^(byteEq(w, '\t')|byteEq(w, '\n')|byteEq(w, '\f')|byteEq(w, '\r')) != 0 {
				return true
			}
		}
		if byteEq(w, 0x7F)|byteEq(w, 0xBD) != 0 {
			for j := i; j < i+8; j++ {
				if s[j] == 0x7F || s[j] == 0xBD && j >= 2 && s[j-1] == 0xBF && s[j-2] == 0xEF {
					return true
				}
			}
		}
	}
	for ; i < len(s); i++ {
		if isJunkByte(s[i]) || s[i] == 0xBD && i >= 2 && s[i-1] == 0xBF && s[i-2] == 0xEF {
			return true
		}
	}
	return false
}

// byteEq has the high bit set in every byte of w that equals c.
func byteEq(w uint64, c byte) uint64 {
	const lo7 = 0x7F7F7F7F7F7F7F7F
	x := w ^ (uint64(c) * 0x0101010101010101)
	return ^(((x & lo7) + lo7) | x | lo7)
}
