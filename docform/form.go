package docform

import (
	"archive/zip"
	"bytes"
	"mime"
	"strings"
)

// Form is what a document is.
type Form string

// The forms Sniff tells apart.
const (
	HTML   Form = "html"
	Text   Form = "text"
	PDF    Form = "pdf"
	DOCX   Form = "docx" // a zip holding word/document.xml
	XLSX   Form = "xlsx" // a zip holding xl/workbook.xml
	ZIP    Form = "zip"  // any other zip archive
	DOC    Form = "doc"  // an OLE2 compound file with a WordDocument stream
	XLS    Form = "xls"  // an OLE2 compound file with a Workbook stream
	OLE    Form = "ole"  // any other OLE2 compound file (wps, et …)
	Binary Form = "binary"
	Empty  Form = "empty"
)

// Magic numbers.
var (
	pdfMagic = []byte("%PDF-")
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	utf8BOM  = []byte("\xEF\xBB\xBF")
)

// sniffLen is how much of a document the text tests look at.
const sniffLen = 4096

// Sniff decides a document's form. The bytes win: county CMSs serve PDFs as
// text/html and HTML as application/octet-stream, so contentType (the HTTP
// Content-Type, "" if unknown) only names the kind of an archive or compound
// file whose inside the bytes do not show (one cut short).
func Sniff(b []byte, contentType string) Form {
	switch {
	case len(b) == 0:
		return Empty
	case isPDF(b):
		return PDF
	case bytes.HasPrefix(b, zipMagic):
		return zipForm(b, contentType)
	case bytes.HasPrefix(b, oleMagic):
		return oleForm(b, contentType)
	}
	head := b
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if utf16BOM(head) != "" {
		return sniffUTF16(b)
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return Binary
	}
	if looksLikeHTML(head) {
		return HTML
	}
	return Text
}

// isPDF reports whether b is a PDF: "%PDF-" at the start, or within the
// first 1024 bytes behind bytes that are not markup (a BOM, blank lines, a
// server's stray header), as PDF readers accept it.
func isPDF(b []byte) bool {
	head := b[:min(len(b), 1024)]
	i := bytes.Index(head, pdfMagic)
	return i == 0 || i > 0 && bytes.IndexByte(head[:i], '<') < 0
}

// zipForm tells Office Open XML documents from other zip archives by their
// parts. A zip whose central directory is unreadable (cut short) is judged
// by the part names in its local headers, then by the Content-Type.
func zipForm(b []byte, contentType string) Form {
	has := func(name string) bool { return bytes.Contains(b, []byte(name)) }
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
		}
		has = func(name string) bool { return names[name] }
	}
	switch {
	case has("word/document.xml"):
		return DOCX
	case has("xl/workbook.xml"):
		return XLSX
	}
	switch mediaType(contentType) {
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return DOCX
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		return XLSX
	}
	return ZIP
}

// oleForm tells Word and Excel binaries apart by the name of their main
// stream, which the compound file's directory holds in UTF-16LE.
func oleForm(b []byte, contentType string) Form {
	switch {
	case bytes.Contains(b, utf16le("WordDocument")):
		return DOC
	case bytes.Contains(b, utf16le("Workbook")), bytes.Contains(b, utf16le("Book")):
		return XLS
	}
	switch mediaType(contentType) {
	case "application/msword":
		return DOC
	case "application/vnd.ms-excel":
		return XLS
	}
	return OLE
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// mediaType is the lower-case media type of a Content-Type, "" if none.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt
}

// sniffUTF16 decides between HTML and text for a UTF-16 document (it has a
// BOM, and zero bytes in every ASCII character).
func sniffUTF16(b []byte) Form {
	text, _ := Decode(b, "")
	if len(text) > sniffLen {
		text = text[:sniffLen]
	}
	if looksLikeHTML(text) {
		return HTML
	}
	return Text
}

// looksLikeHTML reports whether the start of a document holds HTML markup:
// a doctype, an <html> tag, or the tags a page's head or a report body is
// made of.
func looksLikeHTML(head []byte) bool {
	for i := bytes.IndexByte(head, '<'); i >= 0; {
		rest := head[i+1:]
		for _, tag := range htmlMarkers {
			if len(rest) >= len(tag) && bytes.EqualFold(rest[:len(tag)], tag) {
				return true
			}
		}
		j := bytes.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// htmlMarkers are tag openings (after "<") that only markup has.
var htmlMarkers = [][]byte{
	[]byte("!doctype html"), []byte("html"), []byte("head"), []byte("body"), []byte("meta"),
	[]byte("title"), []byte("script"), []byte("div"), []byte("table"), []byte("p>"),
	[]byte("p "), []byte("span"), []byte("td"), []byte("a "),
}
