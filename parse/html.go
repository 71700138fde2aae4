package parse

import (
	"errors"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// The HTML reader turns a page into cells and lines and knows nothing of the
// template. Its rules, and why:
//
//   - A data table's <tr> gives one Cell per <td>/<th>, sharing a fresh Row
//     number. Spans are not expanded: sites put colspan on different cells in
//     header and data rows (NOTES A.2), so the matcher maps by label order
//     and cell count, never by grid position.
//   - A cell's text is all its descendant text with <br> and paragraph
//     breaks removed, because header cells are broken for width
//     (本年新<br>制作数量) and Word wraps every cell in <p><span>…
//   - A <td> that holds a table or long prose is page layout, not data: it is
//     read as ordinary flow, so the tables nested in it still come out row by
//     row. One layout cell makes its whole row layout.
//   - Outside tables every block (and every <br>-separated run) is one Row-0
//     cell: sites publish the statistics as one <p> per cell.
//   - lines hold the page title and the whole body, one line per block and
//     one " | "-joined line per table row, so that identity and prose code
//     see the same shapes as text input (title and 发布时间 usually sit
//     outside the article container). cells come only from the article
//     container when one is recognised and safely holds the report, so that
//     navigation menus (行政许可, 行政处罚 …) never reach the matcher.
//
// The page is parsed by golang.org/x/net/html and its tree walked once
// (html_dom.go). Pages the parser refuses (nesting deeper than its 512
// elements) are read by a small token-level fallback that keeps table rows.
// Memory is linear in the page, which Parse bounds (DefaultMaxBytes).

// readHTML reads an HTML page. contentType is the HTTP Content-Type if known.
func readHTML(data []byte, contentType string) (document, error) {
	text := decode(data, contentType)
	if looksBinary(text) {
		return document{form: formHTML}, errors.New("page is binary data, not HTML text")
	}
	doc := readHTMLDOM(text)
	if len(doc.lines) == 0 && len(doc.cells) == 0 {
		return doc, errors.New("HTML page holds no text")
	}
	return doc, nil
}

// Layout-cell limits. Real data cells are a label or a number: one or two
// short runs of text, at most a few dozen characters, in a handful of nodes.
const (
	layoutMaxNodes   = 2000 // a cell with more nodes is layout, whatever it holds
	layoutLongRun    = 300  // one run of text this long is prose
	layoutProseRuns  = 2    // this many runs or more …
	layoutProseRunes = 120  // … totalling more characters than this are prose
	layoutManyRuns   = 6    // more runs than this is a block of links or paragraphs
)

// articleSelectors name the content containers of the CMSs that county sites
// run (TRS WCM, UCAP, Word-paste editors …), most specific first.
var articleSelectors = []string{
	".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", "#zoom", "#Zoom",
	".article_content", ".article-content", ".view", "#content", ".content", "article",
}

// droppedAtoms are elements whose text is never report text.
var droppedAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Head: true,
	atom.Iframe: true, atom.Nav: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Audio: true,
	atom.Video: true,
}

// blockAtoms are the elements that end a run of text.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true,
	atom.Option: true, atom.Title: true,
}

// countText counts the non-space characters of s, runs of ordinary
// characters at a time (textRunOf).
func countText(s string) int {
	k := 0
	for i := 0; i < len(s); {
		j, n := textRunOf(s, i)
		k += n
		if i = j; i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !isSpaceRune(r) {
			k++
		}
	}
	return k
}

// textRunOf returns the end of the run of ordinary characters at b[i:] (valid
// UTF-8, neither space nor zero-width) and how many characters it holds.
// It knows the common cases (ASCII, CJK, CJK and full-width punctuation) by
// their bytes; anything else ends the run for the caller to decode.
func textRunOf[T string | []byte](b T, i int) (end, runes int) {
	for i < len(b) {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			if c == ' ' || c-'\t' <= '\r'-'\t' {
				return i, runes
			}
			i++
		case c < 0xC2:
			return i, runes // a continuation byte or an overlong lead: invalid
		case c < 0xE0:
			if i+1 >= len(b) || b[i+1]&0xC0 != 0x80 || c == 0xC2 && (b[i+1] == 0x85 || b[i+1] == 0xA0) {
				return i, runes
			}
			i += 2
		case c < 0xF0 && c != 0xE0 && c != 0xED:
			if i+2 >= len(b) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80 || special3(c, b[i+1], b[i+2]) {
				return i, runes
			}
			i += 3
		default:
			return i, runes
		}
		runes++
	}
	return i, runes
}

// special3 reports whether a three-byte character is a space or zero-width:
// U+1680, U+2000–U+200D, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000,
// U+FEFF.
func special3(c, b1, b2 byte) bool {
	switch c {
	case 0xE1:
		return b1 == 0x9A && b2 == 0x80
	case 0xE2:
		return b1 == 0x80 && (b2 <= 0x8D || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) ||
			b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)
	case 0xE3:
		return b1 == 0x80 && b2 == 0x80
	case 0xEF:
		return b1 == 0xBB && b2 == 0xBF
	}
	return false
}

// isSpaceRune is unicode.IsSpace spelt out (ASCII space, NBSP, the
// ideographic space U+3000 that Chinese text indents with, and the other
// Unicode spaces): unicode.IsSpace searches a table for every non-ASCII
// character.
func isSpaceRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	case r <= 0x3000:
		return r == 0x1680 || 0x2000 <= r && r <= 0x200A || r == 0x2028 || r == 0x2029 ||
			r == 0x202F || r == 0x205F || r == 0x3000
	}
	return false
}

// isZeroWidth: characters editors leave between CJK characters.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// decodeRune is utf8.DecodeRune with an ASCII fast path; b is not empty.
func decodeRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// cleanText collapses every run of space to one ASCII space and trims, and
// drops zero-width characters that editors leave between CJK characters.
func cleanText(s string) string { return string(appendClean(nil, []byte(s))) }

// appendClean appends cleanText(src) to dst. Invalid UTF-8 becomes U+FFFD.
func appendClean(dst, src []byte) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(src); {
		if j, _ := textRunOf(src, i); j > i {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		r, n := decodeRune(src[i:])
		switch {
		case isZeroWidth(r):
		case isSpaceRune(r):
			space = true
		default:
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, "\uFFFD"...)
			} else {
				dst = append(dst, src[i:i+n]...)
			}
		}
		i += n
	}
	return dst
}
