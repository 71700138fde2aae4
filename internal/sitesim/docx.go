package sitesim

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"
)

// DOCX builds a Word document from a report's text, the way an office saves
// the report it then attaches to a page: a paragraph per line and a table
// (<w:tbl>, a <w:tr> per line) for each run of pipe-separated lines. The
// package holds the three parts Word needs to open it.
func DOCX(text string) []byte {
	var body strings.Builder
	para := func(s string) {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&body, []byte(s))
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	for _, bl := range blocks(text, true) {
		if bl.rows == nil {
			para(bl.text)
			continue
		}
		body.WriteString(`<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>`)
		for _, row := range bl.rows {
			body.WriteString("<w:tr>")
			for _, f := range row {
				body.WriteString("<w:tc>")
				para(f)
				body.WriteString("</w:tc>")
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}

	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic("sitesim: docx: " + err.Error()) // writing to memory does not fail
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		panic("sitesim: docx: " + err.Error())
	}
	return buf.Bytes()
}
