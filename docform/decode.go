package docform

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Chinese government sites publish in UTF-8 or in the GB family (GB2312,
// GBK, GB18030). GB18030 is a superset of the other two, so every GB label
// is decoded as GB18030: a page declared gb2312 routinely holds GBK-only
// characters (生僻字 in place names).

// Charsets Decode reports.
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// metaLen is how far into a page Decode looks for a <meta> charset: x/net's
// prescan stops at 1 KiB, and county pages put long comment blocks and
// scripts before their <meta>.
const metaLen = 8192

// metaCharset finds <meta charset=…> and <meta http-equiv … content="…;
// charset=…">.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)

// Decode returns a document's text as UTF-8 and the charset it was read in.
// The order:
//
//  1. a byte-order mark (UTF-8, UTF-16);
//  2. bytes that are valid UTF-8 are UTF-8, whatever the labels say: sites
//     migrate files and keep their old gb2312 templates;
//  3. the charset of contentType (the HTTP header), then a <meta>
//     declaration in the first 8 KiB. A GB label is GB18030; a UTF-8 or
//     Latin-1/windows-1252 label (what servers such as Tomcat send by
//     default; no report is written in it) is no evidence, so the bytes
//     decide; any other label (Big5 mirrors, Shift_JIS …) is trusted;
//  4. the bytes: mostly-valid UTF-8 with a few broken bytes (a page cut
//     inside a character, one bad paste) stays UTF-8 with U+FFFD for the
//     broken bytes; anything else is GB18030, whose broken sequences become
//     U+FFFD too, so one bad character never costs the document.
//
// Valid UTF-8 is returned as a slice of b (its BOM dropped), not copied.
// Decode never fails: the result is always valid UTF-8, and a declared
// charset whose decoder fails leaves the choice to the bytes.
func Decode(b []byte, contentType string) (text []byte, charsetName string) {
	switch utf16BOM(b) {
	case UTF16LE:
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			return out, UTF16LE
		}
	case UTF16BE:
		if out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			return out, UTF16BE
		}
	}
	if bytes.HasPrefix(b, utf8BOM) {
		return fromBytes(b[len(utf8BOM):])
	}
	if utf8.Valid(b) {
		return b, UTF8
	}
	label := headerCharset(contentType)
	if !meaningful(label) {
		label = metaCharsetOf(b)
	}
	switch {
	case isGB(label):
		return decodeGB(b), GB18030
	case meaningful(label):
		// An unknown label, or bytes its decoder refuses, are no evidence.
		if enc, name := charset.Lookup(label); enc != nil {
			if out, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
				return out, name
			}
		}
	}
	return fromBytes(b)
}

// fromBytes reads bytes by their content alone: UTF-8 as is, mostly-UTF-8
// repaired, else GB18030 (a UTF-8 BOM in front of GBK text is a save
// accident, not a declaration).
func fromBytes(b []byte) ([]byte, string) {
	switch {
	case utf8.Valid(b):
		return b, UTF8
	case mostlyUTF8(b):
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), UTF8
	}
	return decodeGB(b), GB18030
}

// decodeGB decodes GB18030/GBK/GB2312 bytes; sequences that are not
// GB18030 become U+FFFD.
func decodeGB(b []byte) []byte {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil { // the decoder replaces bad input; this is belt and braces
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

// utf16BOM names the UTF-16 byte order a BOM declares, "" if none.
func utf16BOM(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return UTF16LE
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return UTF16BE
	}
	return ""
}

// headerCharset is the charset parameter of a Content-Type, lower case.
func headerCharset(contentType string) string {
	for _, p := range strings.Split(contentType, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.ToLower(strings.Trim(strings.TrimSpace(v), `"' `))
		}
	}
	return ""
}

// metaCharsetOf is the charset a <meta> declares in the first 8 KiB.
func metaCharsetOf(b []byte) string {
	head := b
	if len(head) > metaLen {
		head = head[:metaLen]
	}
	if bytes.IndexByte(head, '<') < 0 {
		return ""
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// meaningful reports whether a label says anything about non-UTF-8 bytes:
// not empty, not UTF-8 (the bytes already say it is not), not Latin-1.
func meaningful(label string) bool {
	switch label {
	case "", "utf-8", "utf8", "iso-8859-1", "latin1", "windows-1252", "us-ascii", "ascii":
		return false
	}
	return true
}

// isGB reports whether a label names the GB family.
func isGB(label string) bool {
	switch label {
	case "gbk", "gb2312", "gb18030", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "euc-cn", "x-euc-cn", "chinese", "ms936", "windows-936", "hz-gb-2312":
		return true
	}
	return strings.HasPrefix(label, "gb")
}

// mostlyUTF8 reports whether invalid bytes are rare next to valid multi-byte
// UTF-8 characters. GBK text also contains byte pairs that happen to be valid
// UTF-8 (lead C2–DF, trail 80–BF), but for every such pair it has several
// invalid bytes; real UTF-8 with damage has a handful of invalid bytes among
// thousands of characters.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
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
