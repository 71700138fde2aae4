package platform

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// text.go decodes pages for reading. It repeats the crawler's rule (BOM →
// Content-Type → <meta> in the first 8 KiB → the bytes: UTF-8 if valid,
// else GB18030) because the crawler imports this package, not the reverse.

var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// Text returns the page body as UTF-8.
func Text(p *Page) string {
	ct := ""
	if p.Header != nil {
		ct = p.Header.Get("Content-Type")
	}
	return decodeBody(p.Body, ct)
}

func decodeBody(b []byte, contentType string) string {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	label := ""
	if _, name, certain := charset.DetermineEncoding(b, contentType); certain {
		label = name
	} else {
		head := b
		if len(head) > 8192 {
			head = head[:8192]
		}
		if m := metaCharsetRe.FindSubmatch(head); m != nil {
			label = strings.ToLower(string(m[1]))
		}
	}
	gb := strings.Contains(label, "gb") || label == "cp936"
	if !gb && utf8.Valid(b) {
		return string(b)
	}
	if gb || label == "" || strings.Contains(label, "utf") {
		if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
			return string(out)
		}
	} else if e, _ := charset.Lookup(label); e != nil {
		if out, err := e.NewDecoder().Bytes(b); err == nil {
			return string(out)
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
