package parse

import (
	"slices"
	"strings"
)

// readDOC reads a Word 97–2003 .doc or a WPS .wps file (see doc_binary.go)
// into paragraphs and table rows, like readDOCX: a paragraph outside a
// table is a cell without a row; each table row's cells share a Row, and a
// cell merged into its neighbour is left out, as a rowspan is in HTML; and
// as in HTML, a number printed across columns is marked Cell.wide, and the
// cells of a row that a number merged down from above reaches into,
// Cell.underSpan (noteDocSpans).
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
		marked  bool   // the current cell had text struck through, raised or lowered (markedRune)
		// rows are the table rows read, for noteDocSpans; table counts the
		// paragraphs outside tables, so rows with the same count are one
		// table.
		rows  []docRow
		table int
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
			table++
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
				r := docRow{table: table, texts: slices.Clone(cells), at: make([]int, len(cells)), pap: pap}
				for k, c := range cells {
					r.at[k] = -1
					if k < len(pap.skip) && pap.skip[k] {
						continue
					}
					r.at[k] = len(doc.cells)
					doc.cells = append(doc.cells, Cell{Text: c, Row: row})
					printed = append(printed, c)
				}
				if len(pap.edges) == len(cells)+1 {
					rows = append(rows, r)
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
		case markedRune: // struck through, raised or lowered (dropUnprinted)
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
	noteDocSpans(doc.cells, rows)
	return doc
}

// docRow is a table row as the text stream gives it, with its grid.
type docRow struct {
	table int      // rows with the same number are one table
	texts []string // every cell's text, merged ones too
	at    []int    // per cell: its index in the document's cells, -1 if left out
	pap   papRun   // the row's properties: edges, merges (len(edges) is len(texts)+1)
}

// docEdgeSlack is how far apart, in twips, two cell edges may be and be
// one (writers round widths; 30 twips is half a millimetre).
const docEdgeSlack = 30

// noteDocSpans marks, as html_dom.go noteSpans does, the number cells
// printed across columns (Cell.wide) and the cells of rows that a number
// merged down from above reaches into (Cell.underSpan). A Word binary
// table has no grid of its own: each row lists its cells' edges, and a
// cell spans columns when a row of the table divides it, that is has edges
// at both its ends and one inside (the cells merged into it, horzMerge,
// are its own row's). Writers, LibreOffice among them, save a colspan as a
// wider cell. Rows whose columns are a little off one another (tables
// drawn by hand) divide no cell so. Spans of labels and blanks are the
// template's own and say nothing of places.
func noteDocSpans(cells []Cell, rows []docRow) {
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].table == rows[start].table {
			end++
		}
		table := rows[start:end]
		start = end
		for i, r := range table {
			under := false
			for k, at := range r.at {
				if k < len(r.pap.vert) && r.pap.vert[k] {
					under = under || numberAbove(table[:i], r.pap.edges[k])
				}
				if at < 0 || !spanNumber(r.texts[k]) {
					continue
				}
				right := k + 1
				for right < len(r.texts) && right < len(r.pap.horz) && r.pap.horz[right] {
					right++
				}
				l, rt := r.pap.edges[k], r.pap.edges[right]
				cells[at].wide = slices.ContainsFunc(table, func(o docRow) bool { return dividedBy(o.pap.edges, l, rt, docEdgeSlack) })
			}
			if under {
				for _, at := range r.at {
					if at >= 0 {
						cells[at].underSpan = true
					}
				}
			}
		}
	}
}

// numberAbove reports whether the cell that a vertically merged cell at
// left edge left continues, in the rows above (the nearest first), prints
// a number.
func numberAbove(above []docRow, left int) bool {
	for j := len(above) - 1; j >= 0; j-- {
		r := above[j]
		k := slices.IndexFunc(r.pap.edges[:len(r.texts)], func(e int) bool { return near(e, left, docEdgeSlack) })
		switch {
		case k < 0:
			return false // the grid changed: no cell above to follow
		case k < len(r.pap.vert) && r.pap.vert[k]:
			continue // merged too: its cell is further up
		}
		return r.at[k] >= 0 && spanNumber(r.texts[k])
	}
	return false
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
