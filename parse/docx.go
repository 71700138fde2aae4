package parse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Word attachments (.docx) are read from their main part, word/document.xml:
// paragraphs become cells without row boundaries, table rows (<w:tr>) become
// rows of cells. A cell merged into the one above (<w:vMerge/> without
// "restart") is left out, as an HTML rowspan is, so the matcher sees each
// printed cell once. No Go library reads docx tables well; the format's
// table model is small, so archive/zip and encoding/xml suffice.

// maxDocxXML bounds the decompressed document part against zip bombs.
const maxDocxXML = 64 << 20

func readDOCX(data []byte) (document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return document{}, fmt.Errorf("not a readable zip archive: %w", err)
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			part = f
		}
	}
	if part == nil {
		return document{}, errors.New("zip archive without word/document.xml (not a .docx)")
	}
	rc, err := part.Open()
	if err != nil {
		return document{}, fmt.Errorf("word/document.xml: %w", err)
	}
	defer rc.Close()
	doc, err := walkDocx(io.LimitReader(rc, maxDocxXML))
	if err != nil {
		return document{}, fmt.Errorf("word/document.xml: %w", err)
	}
	return doc, nil
}

// walkDocx streams the WordprocessingML body. Only the elements that carry
// text or structure matter: w:t (text), w:tab, w:br, w:p, w:tc, w:tr,
// w:vMerge.
// skippedElement names the elements whose text Word does not print: the
// source of a tracked move (w:moveFrom; its copy is in w:moveTo), and the
// fallback copy of what a newer Word draws (mc:Fallback: every text box is
// written twice, once in mc:Choice), and the properties a tracked change
// replaced. Deleted text is w:delText, never read; a tracked deletion
// (w:del) whose writer kept its text in w:t is skipped too.
var skippedElement = map[string]bool{"moveFrom": true, "Fallback": true, "del": true,
	// The formatting before a tracked change: its w:vanish is no longer
	// the run's.
	"rPrChange": true, "pPrChange": true}

// falseAttr tells a toggle property switched off: <w:vanish w:val="0"/>.
func falseAttr(t xml.StartElement) bool {
	switch attr(t, "val") {
	case "0", "false", "off":
		return true
	}
	return false
}

func walkDocx(r io.Reader) (document, error) {
	doc := document{form: formDOCX}
	dec := xml.NewDecoder(r)
	var (
		para     strings.Builder // the current paragraph's text
		cell     strings.Builder // the current table cell's text
		rowCells []string        // the current row's cells, for its line
		inText   bool
		depth    int // table nesting: cells of nested tables join their outer cell
		merged   bool
		row      int
		// Text Word does not print: skipped is the depth inside an element
		// skipped whole (skippedElement); hidden, a run marked w:vanish.
		skipped    int
		inRun      bool
		inRunProps bool
		hidden     bool
		// marked: a run struck through or superscript (a number struck
		// before its replacement, a footnote mark), left out of the text;
		// cellMarked: the current cell had one (markedOnlyCell).
		marked, cellMarked bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, err
		}
		if skipped > 0 {
			switch tok.(type) {
			case xml.StartElement:
				skipped++
			case xml.EndElement:
				skipped--
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skippedElement[t.Name.Local] {
				skipped = 1
				continue
			}
			switch t.Name.Local {
			case "r":
				inRun, hidden, marked = true, false, false
			case "rPr":
				inRunProps = inRun
			case "vanish":
				if inRunProps && !falseAttr(t) {
					hidden = true
				}
			case "strike", "dstrike":
				marked = marked || inRunProps && !falseAttr(t)
			case "vertAlign":
				marked = marked || inRunProps && attr(t, "val") == "superscript"
			case "t":
				inText = !hidden && !marked
				cellMarked = cellMarked || marked && depth > 0
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				para.WriteByte(' ')
			case "tbl":
				depth++
			case "tr":
				if depth == 1 {
					row++
					rowCells = rowCells[:0]
				}
			case "tc":
				if depth == 1 {
					cell.Reset()
					merged, cellMarked = false, false
				}
			case "vMerge":
				if depth == 1 && attr(t, "val") != "restart" {
					merged = true
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "r":
				inRun, hidden, marked = false, false, false
			case "rPr":
				inRunProps = false
			case "t":
				inText = false
			case "p":
				text := strings.TrimSpace(para.String())
				para.Reset()
				if depth > 0 {
					cell.WriteString(text)
					continue
				}
				if text != "" {
					doc.cells = append(doc.cells, Cell{Text: text})
					doc.lines = append(doc.lines, text)
				}
			case "tc":
				if depth == 1 && !merged {
					text := strings.TrimSpace(cell.String())
					if text == "" && cellMarked {
						text = markedOnlyCell
					}
					doc.cells = append(doc.cells, Cell{Text: text, Row: row})
					rowCells = append(rowCells, text)
				}
			case "tr":
				if depth == 1 && len(rowCells) > 0 {
					doc.lines = append(doc.lines, strings.Join(rowCells, " | "))
				}
			case "tbl":
				depth--
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return doc, nil
}

// attr returns the value of an element's attribute by local name.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
