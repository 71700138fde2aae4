package platform

import "disclosure/docform"

// text.go decodes pages for reading by the one rule the crawler and the
// parser use (docform.Decode: BOM → valid UTF-8 → Content-Type → <meta> →
// GB18030).

// Text returns the page body as UTF-8.
func Text(p *Page) string {
	ct := ""
	if p.Header != nil {
		ct = p.Header.Get("Content-Type")
	}
	text, _ := docform.Decode(p.Body, ct)
	return string(text)
}
