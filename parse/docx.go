package parse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Word attachments (.docx) are read from their main part, word/document.xml:
// paragraphs become cells without row boundaries, table rows (<w:tr>) become
// rows of cells. A cell merged into the one above (<w:vMerge/> without
// "restart") is left out, as an HTML rowspan is, so the matcher sees each
// printed cell once; and as in HTML (html_dom.go noteSpans), a number
// printed across columns (w:gridSpan) is marked Cell.wide, and the cells
// of a row that a number merged down from above reaches into,
// Cell.underSpan. No Go library reads docx tables well; the format's table
// model is small, so archive/zip and encoding/xml suffice.

// maxDocxXML bounds the decompressed document part against zip bombs.
const maxDocxXML = 64 << 20

func readDOCX(data []byte) (document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return document{}, fmt.Errorf("not a readable zip archive: %w", err)
	}
	var part, styles *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			part = f
		case "word/styles.xml":
			styles = f
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
	hidden := map[string]bool{}
	if styles != nil {
		// A style that hides its text (w:vanish): unreadable styles hide
		// nothing, as Word then shows the text.
		if sr, err := styles.Open(); err == nil {
			hidden = hiddenStyles(io.LimitReader(sr, maxDocxXML))
			sr.Close()
		}
	}
	doc, err := walkDocx(io.LimitReader(rc, maxDocxXML), hidden)
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

// xmlElements calls start and end for the element tags of r, in order,
// up to its end or its first error: what was read before counts.
func xmlElements(r io.Reader, start func(xml.StartElement), end func(xml.EndElement)) {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			start(t)
		case xml.EndElement:
			end(t)
		}
	}
}

// hiddenStyles returns the IDs of the paragraph and character styles of
// word/styles.xml whose run properties hide their text (w:vanish), also
// through the style they are based on.
func hiddenStyles(r io.Reader) map[string]bool {
	vanish, basedOn := map[string]bool{}, map[string]string{}
	var id string
	inRPr := false
	xmlElements(r, func(t xml.StartElement) {
		switch t.Name.Local {
		case "style":
			id = attr(t, "styleId")
		case "basedOn":
			if id != "" {
				basedOn[id] = attr(t, "val")
			}
		case "rPr":
			inRPr = id != ""
		case "vanish":
			if inRPr {
				vanish[id] = !falseAttr(t)
			}
		}
	}, func(t xml.EndElement) {
		switch t.Name.Local {
		case "style":
			id = ""
		case "rPr":
			inRPr = false
		}
	})
	var isHidden func(id string, depth int) bool
	isHidden = func(id string, depth int) bool {
		if v, ok := vanish[id]; ok {
			return v
		}
		if b := basedOn[id]; b != "" && depth < 16 { // 16: against cycles
			return isHidden(b, depth+1)
		}
		return false
	}
	hidden := map[string]bool{}
	// A style is hidden by its own w:vanish or through basedOn: one of the
	// two maps names it.
	for id := range vanish {
		hidden[id] = isHidden(id, 0)
	}
	for id := range basedOn {
		hidden[id] = isHidden(id, 0)
	}
	return hidden
}

// frameTables reads which tables of a document part, by the order they
// start in, are frames: every row one cell, and a table inside. A report
// laid out in a one-cell table (a border around the page) has its tables
// inside it; they, not the frame, are the rows to read.
func frameTables(part []byte) []bool {
	var nested, wide []bool
	var stack []int
	cells, skipped := 0, 0 // skipped: depth inside text Word does not print, whose tables walkDocx does not count either
	xmlElements(bytes.NewReader(part), func(t xml.StartElement) {
		if skipped > 0 || skippedElement[t.Name.Local] {
			skipped++
			return
		}
		switch t.Name.Local {
		case "tbl":
			if len(stack) > 0 {
				nested[stack[len(stack)-1]] = true
			}
			stack = append(stack, len(nested))
			nested, wide = append(nested, false), append(wide, false)
		case "tr":
			cells = 0
		case "tc":
			if cells++; cells > 1 && len(stack) > 0 {
				wide[stack[len(stack)-1]] = true
			}
		}
	}, func(t xml.EndElement) {
		if skipped > 0 {
			skipped--
			return
		}
		if t.Name.Local == "tbl" && len(stack) > 0 {
			stack = stack[:len(stack)-1]
		}
	})
	frame := make([]bool, len(nested))
	for i := range frame {
		frame[i] = nested[i] && !wide[i]
	}
	return frame
}

// nestsTables reports whether a table starts inside another in the part's
// text (<w:tbl> before the open one's </w:tbl>). It reads the bytes, not the
// XML: the w: prefix is what every writer seen uses; a part written with
// another is read as one without frames.
func nestsTables(part []byte) bool {
	open, closeTag := []byte("<w:tbl"), []byte("</w:tbl>")
	depth := 0
	for len(part) > 0 {
		i, j := bytes.Index(part, open), bytes.Index(part, closeTag)
		switch {
		case i >= 0 && (j < 0 || i < j):
			if rest := part[i+len(open):]; len(rest) > 0 && (rest[0] == '>' || rest[0] == ' ') {
				if depth++; depth > 1 {
					return true
				}
			}
			part = part[i+len(open):]
		case j >= 0:
			depth--
			part = part[j+len(closeTag):]
		default:
			return false
		}
	}
	return false
}

func walkDocx(r io.Reader, hiddenStyle map[string]bool) (document, error) {
	doc := document{form: formDOCX}
	part, err := io.ReadAll(r)
	if err != nil {
		return doc, err
	}
	var frame []bool
	if nestsTables(part) { // most parts do not: no second decode of the XML
		frame = frameTables(part)
	}
	dec := xml.NewDecoder(bytes.NewReader(part))
	var (
		// frames: the enclosing tables that are frames (frameTables);
		// the table at depth frames+1 is the one whose rows are read.
		frames, tables int
		framed         []bool // per open table: counted in frames

		para     strings.Builder // the current paragraph's text
		cell     strings.Builder // the current table cell's text
		rowCells []string        // the current row's cells, for its line
		inText   bool
		depth    int // table nesting: cells of tables nested in the read one join its cell
		merged   bool
		row      int
		// Spans at the read depth (noteDocxSpans): the cell's grid column
		// and its w:gridSpan; rowStart indexes the row's first cell in
		// doc.cells; underSpan: a number merged down from above reaches
		// into the row; downNumbers, the grid columns a number starts a
		// vertical merge in (w:vMerge restart), by column: how many
		// columns wide.
		gridCol, gridSpan, rowStart int
		restart, underSpan          bool
		downNumbers                 = map[int]int{}
		// Text Word does not print: skipped is the depth inside an element
		// skipped whole (skippedElement); hidden, a run marked w:vanish.
		skipped    int
		inRun      bool
		inRunProps bool
		// A run is hidden by its own w:vanish (vanish: -1 unset, 0 off,
		// 1 on), else by its character style or its paragraph's style
		// (hiddenStyle).
		vanish          int
		runStyleHidden  bool
		paraStyleHidden bool
		// fields: the complex fields (w:fldChar) the text is in, true
		// while in a field's instruction; a nested field's result inside
		// another's instruction ({ = { REF x } + 1 }) is not printed.
		fields []bool
		// marked: a run struck through, superscript or subscript (a number struck
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
			case "p":
				paraStyleHidden = false
			case "pStyle":
				paraStyleHidden = hiddenStyle[attr(t, "val")]
			case "r":
				inRun, vanish, runStyleHidden, marked = true, -1, false, false
			case "rPr":
				inRunProps = inRun
			case "rStyle":
				runStyleHidden = inRunProps && hiddenStyle[attr(t, "val")]
			case "vanish":
				if inRunProps {
					vanish = 1
					if falseAttr(t) {
						vanish = 0
					}
				}
			case "fldChar":
				switch attr(t, "fldCharType") {
				case "begin":
					fields = append(fields, true)
				case "separate":
					if len(fields) > 0 {
						fields[len(fields)-1] = false
					}
				case "end":
					if len(fields) > 0 {
						fields = fields[:len(fields)-1]
					}
				}
			case "strike", "dstrike":
				marked = marked || inRunProps && !falseAttr(t)
			case "vertAlign":
				marked = marked || inRunProps && (attr(t, "val") == "superscript" || attr(t, "val") == "subscript")
			case "t":
				hidden := vanish == 1 || vanish < 0 && (runStyleHidden || paraStyleHidden) || slices.Contains(fields, true)
				inText = !hidden && !marked
				cellMarked = cellMarked || marked && depth > frames
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				para.WriteByte(' ')
			case "tbl":
				depth++
				isFrame := depth == frames+1 && tables < len(frame) && frame[tables]
				if isFrame {
					frames++
				}
				framed = append(framed, isFrame)
				tables++
				if depth == frames+1 {
					clear(downNumbers)
				}
			case "tr":
				if depth == frames+1 {
					row++
					rowCells = rowCells[:0]
					gridCol, rowStart, underSpan = 0, len(doc.cells), false
				}
			case "gridBefore": // grid columns the row leaves out before its first cell
				if depth == frames+1 && len(rowCells) == 0 && gridCol == 0 {
					gridCol = gridValue(t)
				}
			case "tc":
				if depth == frames+1 {
					cell.Reset()
					merged, cellMarked = false, false
					gridSpan, restart = 1, false
				}
			case "gridSpan":
				if depth == frames+1 {
					gridSpan = gridValue(t)
				}
			case "vMerge":
				if depth == frames+1 {
					restart = attr(t, "val") == "restart"
					merged = !restart
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "r":
				inRun, marked = false, false
			case "rPr":
				inRunProps = false
			case "t":
				inText = false
			case "p":
				text := strings.TrimSpace(para.String())
				para.Reset()
				if depth > frames {
					cell.WriteString(text)
					continue
				}
				if text != "" {
					doc.cells = append(doc.cells, Cell{Text: text})
					doc.lines = append(doc.lines, text)
				}
			case "tc":
				if depth != frames+1 {
					break
				}
				text := strings.TrimSpace(cell.String())
				if text == "" && cellMarked {
					text = markedOnlyCell
				}
				// Only a number that spans can matter (wide, noteDocxSpans):
				// the other cells are not read as values here.
				number := !merged && (gridSpan > 1 || restart) && spanNumber(text)
				underSpan = noteDocxSpans(downNumbers, gridCol, gridSpan, merged, restart && number) || underSpan
				gridCol += gridSpan
				if !merged {
					doc.cells = append(doc.cells, Cell{Text: text, Row: row, wide: gridSpan > 1 && number})
					rowCells = append(rowCells, text)
				}
			case "tr":
				if depth != frames+1 {
					break
				}
				if underSpan {
					for i := rowStart; i < len(doc.cells); i++ {
						doc.cells[i].underSpan = true
					}
				}
				if len(rowCells) > 0 {
					doc.lines = append(doc.lines, strings.Join(rowCells, " | "))
				}
			case "tbl":
				depth--
				if n := len(framed); n > 0 {
					if framed[n-1] {
						frames--
					}
					framed = framed[:n-1]
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return doc, nil
}

// maxGridSpan bounds a cell's w:gridSpan (and a row's w:gridBefore): Word
// allows 63 columns; a larger value is a typo.
const maxGridSpan = 64

// gridValue reads a w:gridSpan or w:gridBefore: a count of grid columns,
// 1 when unreadable.
func gridValue(t xml.StartElement) int {
	n, err := strconv.Atoi(strings.TrimSpace(attr(t, "val")))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxGridSpan)
}

// noteDocxSpans follows the vertical merges of a table's grid columns for
// one cell at grid column col, span columns wide: merged, a cell that
// continues the one above (w:vMerge); numberDown, one that starts a merge
// (w:vMerge restart) and prints a number. numbers maps the grid columns
// a number starts a merge in to its width. It reports whether the cell
// continues a number's merge: the row lacks that cell (Cell.underSpan).
// Merges of labels and blanks are the template's own and say nothing of
// places.
func noteDocxSpans(numbers map[int]int, col, span int, merged, numberDown bool) bool {
	if merged {
		_, ok := numbers[col]
		return ok
	}
	// Any other cell ends the merges over its columns.
	for c, w := range numbers {
		if c < col+span && col < c+w {
			delete(numbers, c)
		}
	}
	if numberDown {
		numbers[col] = span
	}
	return false
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
