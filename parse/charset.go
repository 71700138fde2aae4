package parse

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Chinese government sites publish in UTF-8 or in the GB family (GB2312,
// GBK, GB18030). GB18030 is a superset of the other two, so every GB label
// is decoded as GB18030: a page declared gb2312 routinely holds GBK-only
// characters (生僻字 in place names).

var utf8BOM = []byte("\xEF\xBB\xBF")

// decodeLegacy decodes GB18030/GBK/GB2312 text to UTF-8. Byte sequences that
// are not GB18030 become U+FFFD rather than an error, so that one broken
// character never costs the report.
func decodeLegacy(data []byte) (string, error) {
	out, err := decodeLegacyBytes(data)
	return string(out), err
}

func decodeLegacyBytes(data []byte) ([]byte, error) {
	return simplifiedchinese.GB18030.NewDecoder().Bytes(data)
}

// decodeText returns undeclared text as UTF-8, deciding by content: UTF-8 as
// is (a BOM dropped); mostly-valid UTF-8 with a few broken bytes (a page cut
// inside a character, one bad paste) stays UTF-8 with U+FFFD for the broken
// bytes; anything else is GB18030.
func decodeText(data []byte) (string, error) {
	out, err := decodeTextBytes(data)
	return string(out), err
}

// decodeTextBytes is decodeText; valid UTF-8 is returned as a slice of data.
func decodeTextBytes(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, nil
	}
	if mostlyUTF8(data) {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), nil
	}
	return decodeLegacyBytes(data)
}

// mostlyUTF8 reports whether invalid bytes are rare next to valid multi-byte
// UTF-8 characters. GBK text also contains byte pairs that happen to be valid
// UTF-8 (lead C2–DF, trail 80–BF), but for every such pair it has several
// invalid bytes; real UTF-8 with damage has a handful of invalid bytes among
// thousands of characters.
func mostlyUTF8(data []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			multi++
		}
		i += n
	}
	return multi > 0 && bad*50 <= multi
}

// decodeHTML returns an HTML page as UTF-8. The declared charset (BOM, then
// the HTTP Content-Type, then <meta charset> / <meta http-equiv> within the
// first 1024 bytes, as golang.org/x/net/html/charset reads them) decides
// only where the content does not: bytes that are valid UTF-8 are UTF-8 even
// when the page says gb2312 (sites migrate files and keep old templates),
// and a Latin-1/windows-1252 label, which is what servers such as Tomcat send
// by default, is ignored because no report is written in it.
func decodeHTML(data []byte, contentType string) (string, error) {
	out, err := decodeHTMLBytes(data, contentType)
	return string(out), err
}

// decodeHTMLBytes is decodeHTML; a UTF-8 page is returned as a slice of
// data, not copied.
func decodeHTMLBytes(data []byte, contentType string) ([]byte, error) {
	if utf8.Valid(data) {
		return bytes.TrimPrefix(data, utf8BOM), nil // decodeText without validating twice
	}
	if bytes.HasPrefix(data, utf8BOM) {
		return decodeTextBytes(data)
	}
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	switch {
	case isGBLabel(name):
		return decodeLegacyBytes(data)
	case enc == nil, enc == encoding.Nop, name == "utf-8", name == "windows-1252":
		return decodeTextBytes(data)
	}
	// Big5 (Taiwan/Hong Kong mirrors), Shift_JIS, UTF-16 …: trust the label.
	out, err := enc.NewDecoder().Bytes(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return nil, errors.New("cannot decode page declared as " + name + ": " + err.Error())
	}
	return out, nil
}

// isGBLabel reports whether an encoding name (as charset.DetermineEncoding
// returns it) is one of the GB family.
func isGBLabel(name string) bool {
	switch strings.ToLower(name) {
	case "gbk", "gb2312", "gb18030", "x-gbk":
		return true
	}
	return false
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
