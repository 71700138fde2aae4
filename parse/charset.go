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
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// decodeText returns undeclared text as UTF-8, deciding by content: UTF-8 as
// is (a BOM dropped); mostly-valid UTF-8 with a few broken bytes (a page cut
// inside a character, one bad paste) stays UTF-8 with U+FFFD for the broken
// bytes; anything else is GB18030.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return string(data), nil
	}
	if mostlyUTF8(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	}
	return decodeLegacy(data)
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
	if bytes.HasPrefix(data, utf8BOM) || utf8.Valid(data) {
		return decodeText(data)
	}
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	switch {
	case isGBLabel(name):
		return decodeLegacy(data)
	case enc == nil, enc == encoding.Nop, name == "utf-8", name == "windows-1252":
		return decodeText(data)
	}
	// Big5 (Taiwan/Hong Kong mirrors), Shift_JIS, UTF-16 …: trust the label.
	out, err := enc.NewDecoder().Bytes(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return "", errors.New("cannot decode page declared as " + name + ": " + err.Error())
	}
	return string(out), nil
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
// real pages have none.
func looksBinary(s string) bool {
	total, junk := 0, 0
	for _, r := range s {
		total++
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f') || r == 0x7F {
			junk++
		}
	}
	return total > 0 && junk*50 > total
}
