package parse

import (
	"slices"
	"strings"
)

// readDOC reads a Word 97–2003 .doc or a WPS .wps file (see doc_binary.go)
// into paragraphs and table rows, like readDOCX: a paragraph outside a
// table is a cell without a row; each table row's cells share a Row, and a
// cell merged into its neighbour is left out, as a rowspan is in HTML.
func readDOC(data []byte) (document, error) {
	t, err := readWordBinary(data)
	if err != nil {
		return document{}, err
	}
	return t.document(), nil
}

// In the text stream a paragraph ends in \r; a table cell's last paragraph
// ends in \x07 instead, and a row ends with one more \x07 paragraph (the
// TTP). Fields are \x13 code \x14 result \x15: only the result is printed.
func (t *wordText) document() document {
	doc := document{form: formDOC}
	var (
		para    strings.Builder // the current paragraph
		cell    strings.Builder // the current cell's paragraphs so far
		cells   []string        // the current row's cells
		row     int
		fields  []bool // per open field: showing its result yet?
		lastBel bool   // the previous paragraph mark was a cell end (no PAPX fallback)
		drawn   bool   // the current cell anchors a drawing or a picture
		marked  bool   // the current cell had text struck through or superscript (markedRune)
	)
	// Text is hidden while any open field is in its instruction: a nested
	// field's result inside another's instruction ({ = { REF x } + 1 })
	// is not printed.
	hidden := func() bool { return slices.Contains(fields, false) }
	for i, r := range t.chars {
		switch r {
		case 0x13:
			fields = append(fields, false)
			continue
		case 0x14:
			if len(fields) > 0 {
				fields[len(fields)-1] = true
			}
			continue
		case 0x15:
			if len(fields) > 0 {
				fields = fields[:len(fields)-1]
			}
			continue
		}
		if hidden() && r != '\r' && r != 0x07 {
			continue
		}
		pap, known := t.para(t.fcs[i])
		switch r {
		case '\r', 0x0C: // paragraph end (0x0C: page or section break)
			text := cleanDocText(para.String())
			para.Reset()
			lastBel = false
			if pap.inTable {
				cell.WriteString(text)
				continue
			}
			if text != "" {
				doc.cells = append(doc.cells, Cell{Text: text})
				doc.lines = append(doc.lines, text)
			}
		case 0x07:
			if pap.nested {
				// A table inside a cell: its cells are text of the outer cell.
				cell.WriteString(cleanDocText(para.String()))
				para.Reset()
				continue
			}
			rowEnd := pap.rowEnd
			if !known { // no paragraph properties: a mark right after a cell end ends the row
				rowEnd = lastBel && para.Len() == 0 && cell.Len() == 0
			}
			if rowEnd {
				row++
				var printed []string
				for k, c := range cells {
					if k < len(pap.skip) && pap.skip[k] {
						continue
					}
					doc.cells = append(doc.cells, Cell{Text: c, Row: row})
					printed = append(printed, c)
				}
				if len(printed) > 0 {
					doc.lines = append(doc.lines, strings.Join(printed, " | "))
				}
				cells = cells[:0]
				para.Reset()
				cell.Reset()
				lastBel = false
				continue
			}
			cell.WriteString(cleanDocText(para.String()))
			text := strings.TrimSpace(cell.String())
			switch {
			case text == "" && drawn:
				// Its text is in a text box or a picture, outside the
				// main text: not a blank cell.
				text = drawnCell
			case text == "" && marked:
				text = markedOnlyCell
			}
			cells = append(cells, text)
			para.Reset()
			cell.Reset()
			lastBel, drawn, marked = true, false, false
		case 0x0B: // line break inside a paragraph
			para.WriteByte(' ')
		case '\t':
			para.WriteByte(' ')
		case 0x1E: // non-breaking hyphen
			para.WriteByte('-')
		case 0x01, 0x08: // a picture, a drawn object (a text box)
			drawn = drawn || pap.inTable
		case markedRune: // struck through or superscript (dropUnprinted)
			marked = marked || pap.inTable
		default:
			if r < 0x20 || r == 0x1F { // soft hyphens, annotation marks
				continue
			}
			para.WriteRune(r)
		}
	}
	if text := cleanDocText(para.String()); text != "" {
		doc.cells = append(doc.cells, Cell{Text: text})
		doc.lines = append(doc.lines, text)
	}
	return doc
}

// drawnCell stands for a cell whose only content is a text box or a picture:
// text the reader does not see, so neither blank (NULL) nor a number.
const drawnCell = "〔图形〕"

// cleanDocText trims a paragraph; a cell holding only non-breaking spaces
// (how some writers keep a blank cell open) is blank.
func cleanDocText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
}

// formDOC is the Report.Form of a Word binary (.doc or .wps) document.
const formDOC = "doc"
