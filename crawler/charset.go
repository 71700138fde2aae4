package crawler

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// sniff says what a body is from its bytes, never from the Content-Type:
// county CMSs serve PDFs as text/html and HTML as application/octet-stream.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "zip"
	case bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "ole"
	case len(b) == 0:
		return "empty"
	}
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary"
	}
	if bytes.IndexByte(head, '<') < 0 {
		return "text"
	}
	// Most pages say so in their first bytes; only the rest need the search.
	start := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(start) > 14 {
		start = start[:14]
	}
	ls := bytes.ToLower(start)
	if bytes.HasPrefix(ls, []byte("<!doctype html")) || bytes.HasPrefix(ls, []byte("<html")) {
		return "html"
	}
	lower := bytes.ToLower(head)
	for _, tag := range htmlTags {
		if bytes.Contains(lower, tag) {
			return "html"
		}
	}
	return "text"
}

var htmlTags = [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<meta"),
	[]byte("<div"), []byte("<table"), []byte("<a "), []byte("<p>"), []byte("<script"), []byte("<title")}

// metaCharset finds a charset declared anywhere in the first 8 KiB: x/net's
// prescan stops at 1 KiB, and county pages put long comment blocks and
// scripts before their <meta>.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// toUTF8 decodes an HTML page for link discovery. The order is: BOM, the
// Content-Type charset, a <meta> declaration, then the bytes themselves
// (valid UTF-8 stays UTF-8, anything else is GB18030). Every GB label is read
// as GB18030, its superset, since pages declared gb2312 hold GBK characters.
// The raw bytes are never replaced by this: it only feeds the link walker.
func toUTF8(b []byte, contentType string) []byte {
	label := ""
	if _, name, certain := charset.DetermineEncoding(b, contentType); certain {
		label = name
	} else {
		head := b
		if len(head) > 8192 {
			head = head[:8192]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			label = strings.ToLower(string(m[1]))
		}
	}
	switch {
	case strings.Contains(label, "gb") || label == "cp936" || label == "x-gbk":
		return decodeGB(b)
	case label == "" || strings.Contains(label, "utf"):
		if utf8.Valid(b) {
			return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
		}
		// Not UTF-8 after all: undeclared pages are GB, and servers that
		// stamp "charset=utf-8" on every page often serve GBK pages whose
		// <meta> tells the truth.
		if label == "" || metaSaysGB(b) {
			return decodeGB(b)
		}
		return []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	if e, _ := charset.Lookup(label); e != nil {
		if out, err := e.NewDecoder().Bytes(b); err == nil {
			return out
		}
	}
	return []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
}

func metaSaysGB(b []byte) bool {
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	m := metaCharset.FindSubmatch(head)
	return m != nil && bytes.Contains(bytes.ToLower(m[1]), []byte("gb"))
}

func decodeGB(b []byte) []byte {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return out
}
