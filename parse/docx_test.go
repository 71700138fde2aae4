package parse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// docxFromText builds a .docx the way Word saves a report: a paragraph per
// prose line and a table row (<w:tr>) per pipe-separated line.
func docxFromText(t testing.TB, text string, merge bool) []byte {
	t.Helper()
	return zipDocx(t, docxBody(text, merge))
}

// docxBody is the <w:body> content docxFromText writes.
func docxBody(text string, merge bool) string {
	var body strings.Builder
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	para := func(s string) string {
		return `<w:p><w:r><w:t xml:space="preserve">` + esc(s) + `</w:t></w:r></w:p>`
	}
	inTable := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.Contains(line, "|") && strings.Trim(line, "| ") != "" {
			if !inTable {
				body.WriteString("<w:tbl>")
				inTable = true
			}
			body.WriteString("<w:tr>")
			fields := strings.Split(strings.Trim(line, "|"), "|")
			for _, f := range fields {
				body.WriteString("<w:tc>" + para(strings.TrimSpace(f)) + "</w:tc>")
			}
			if merge {
				// A cell merged into the one above prints nothing.
				body.WriteString(`<w:tc><w:tcPr><w:vMerge/></w:tcPr>` + para("") + `</w:tc>`)
			}
			body.WriteString("</w:tr>")
			continue
		}
		if inTable {
			body.WriteString("</w:tbl>")
			inTable = false
		}
		if line != "" {
			body.WriteString(para(line))
		}
	}
	if inTable {
		body.WriteString("</w:tbl>")
	}
	return body.String()
}

// zipDocx packs a <w:body> content as a .docx.
func zipDocx(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	w, _ = zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenDOCX: the pipe-row corpus reports, saved as Word documents,
// parse to their truth files; merged cells are not read as blanks.
func TestGoldenDOCX(t *testing.T) {
	ran := 0
	defer func() {
		if ran < 3 {
			t.Errorf("only %d corpus reports rendered as docx", ran)
		}
	}()
	for _, c := range loadCorpus(t) {
		if !strings.Contains(c.raw, " | 0 |") || strings.HasPrefix(c.name, "03") {
			continue // only the one-row-per-line reports make natural Word tables
		}
		ran++
		for _, merge := range []bool{false, true} {
			rep, err := Parse(docxFromText(t, c.raw, merge), Options{Name: c.name + ".docx"})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if rep.Form != formDOCX {
				t.Errorf("%s: form %q", c.name, rep.Form)
			}
			compareValues(t, c.name+".docx", rep.Values, c.truth.values)
		}
	}
}

func TestDOCXErrors(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()
	_, err := Parse(buf.Bytes(), Options{Name: "book.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "book.xlsx") || !strings.Contains(err.Error(), "word/document.xml") {
		t.Errorf("xlsx: err = %v", err)
	}
	_, err = Parse([]byte("PK\x03\x04garbage"), Options{Name: "broken.docx"})
	if err == nil || !strings.Contains(err.Error(), "broken.docx") {
		t.Errorf("broken zip: err = %v", err)
	}
}

// Text Word does not print is not read into a cell: the source of a
// tracked move, a run marked hidden, the fallback copy of a text box
// (Word writes every text box twice). Each was read as extra digits: 19
// became 319, 419, 1919.
func TestDOCXUnprintedText(t *testing.T) {
	text := "四、政府信息公开行政复议、行政诉讼情况\n" + pipeRows(
		row("行政复议", "行政诉讼"),
		row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
		row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
		row("12", "MARK", "12", "12", "55", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"))
	cell := `<w:t xml:space="preserve">MARK</w:t>`
	run := func(props, text string) string { return `<w:r>` + props + `<w:t>` + text + `</w:t></w:r>` }
	for name, replace := range map[string]string{
		"moved":  `<w:moveFrom w:id="1">` + run("", "3") + `</w:moveFrom><w:moveTo w:id="2">` + run("", "19") + `</w:moveTo>`,
		"hidden": `</w:r>` + run(`<w:rPr><w:vanish/></w:rPr>`, "4") + run(`<w:rPr><w:vanish w:val="0"/></w:rPr>`, "19") + `<w:r>`,
		// Shown again with revisions on: the hidden mark is the old formatting's.
		"unhidden": `</w:r>` + run(`<w:rPr><w:rPrChange w:id="3"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>`, "19") + `<w:r>`,
		"text box": `</w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:txbxContent><w:p>` +
			run("", "19") + `</w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p>` + run("", "19") + `</w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r>`,
	} {
		t.Run(name, func(t *testing.T) {
			body := docxBody(text, false)
			if !strings.Contains(body, cell) {
				t.Fatal("no marked cell")
			}
			rep, err := Parse(zipDocx(t, strings.Replace(body, cell, replace, 1)), Options{Name: name + ".docx"})
			if err != nil {
				t.Fatal(err)
			}
			wantValues(t, rep, "review/reconsideration/upheld = 12", "review/reconsideration/corrected = 19", "review/reconsideration/total = 55")
		})
	}
}

// A table inside text Word does not print (a text box's mc:Fallback copy,
// a tracked deletion) is no table of the document's: the frame around the
// page after it is still found by its own index, and its tables read row
// by row ("规章 | 5", not the frame's one cell "规章5").
func TestDOCXFrameAfterUnprintedTable(t *testing.T) {
	tc := func(s string) string { return `<w:tc><w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:tc>` }
	inner := `<w:tbl><w:tr>` + tc("规章") + tc("5") + `</w:tr></w:tbl>`
	frame := `<w:tbl><w:tr><w:tc>` + inner + `<w:p/></w:tc></w:tr></w:tbl>`
	fallback := `<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Fallback>` +
		`<w:tbl><w:tr>` + tc("A") + `</w:tr></w:tbl></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	for name, body := range map[string]string{"frame alone": frame, "after a fallback table": fallback + frame} {
		doc, err := readDOCX(zipDocx(t, body))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range doc.cells {
			got = append(got, c.Text)
		}
		if !slices.Contains(got, "规章") || !slices.Contains(got, "5") {
			t.Errorf("%s: cells %q, want 规章 and 5 apart", name, got)
		}
	}
}
