package parse

import (
	"slices"
	"strings"
)

// readText reads text as saved or extracted from a page. Four shapes occur,
// often in one file (NOTES.md A.5–A.7):
//
//   - one cell per line, blank lines between cells: a cell per non-blank line;
//   - one row per line, "规章 | 0 | 0 | 0 |": a cell per field, with row
//     boundaries; "||" is span filler, "| |" an empty cell;
//   - one cell per line ending " |": a cell per line, a bare "|" is an empty
//     cell and "||", "|||" are span filler;
//   - "cell then bar": each cell on a line of its own with no pipe, closed by
//     a line holding only "|" (see cellThenBar).
//
// A line whose cells are apart by tabs is a row, like a piped one.
//
// The last cell is marked Open when the text ends inside it (see Cell.Open).
//
// sc, if not nil, lends the lines and cells (scratch.go).
func readText(s string, sc *scratch) document {
	doc := document{form: formText}
	row := 0
	lines := textLines(s, sc)
	shape := shapeOf(lines)
	openedRows := rowsOpenWithPipe(lines)
	bar := shape.cellThenBar
	prevBar := false   // the line before was pipes only (bar mode)
	prevValue := false // the last line with text was a value (bar mode)
	blanks := 0        // empty cells of a run of bare bars still to read (bar mode)
	inRun := false     // reading such a run
	skipBar := false   // the next line is the closing bar of a skipped line
	doc.lines = lines  // every line, as read
	// A line gives a cell, or a cell a field of a piped line: no more
	// cells than lines and pipes. Sized so, the slice never regrows; sized
	// by lines alone, one "登录| 注册" line doubled it (a quarter of a
	// plain-text parse's allocation). A tab can part cells too.
	doc.cells = newCells(sc, len(lines)+strings.Count(s, "|")+strings.Count(s, "\t"))
	for i, line := range lines {
		if skipBar {
			skipBar = false
			if line == "|" {
				continue
			}
		}
		if bar && !strings.Contains(line, "|") && isFurnitureCell(line) {
			// A page footer inside the table, with its bar: skipped whole,
			// so that the bars around it read as one run.
			skipBar = true
			continue
		}
		if strings.IndexByte(line, '\t') >= 0 && !strings.Contains(line, "|") {
			// "规章\t0\t\t3": a row whose cells are apart by tabs, as a
			// page's text (innerText) and Word's table-to-text give it; a
			// field between two tabs is an empty cell.
			prevBar, inRun = false, false
			row++
			for f := range strings.SplitSeq(line, "\t") {
				doc.cells = append(doc.cells, Cell{Text: strings.TrimSpace(f), Row: row})
			}
			continue
		}
		if !strings.Contains(line, "|") {
			prevBar, inRun = false, false
			if bar {
				_, prevValue = readValue(line)
			}
			doc.cells = append(doc.cells, Cell{Text: line})
			continue
		}
		if bar && strings.Trim(line, "|") == "" {
			if line == "|" && prevBar {
				if !inRun {
					blanks, inRun = barBlanks(lines[i:]), true
				}
				if blanks > 0 {
					doc.cells = append(doc.cells, Cell{Text: "", uncertain: prevValue && nextIsValue(lines[i:])})
					blanks--
				}
			} else {
				inRun = false
			}
			prevBar = true
			continue
		}
		prevBar = false
		if line == "|" {
			doc.cells = append(doc.cells, Cell{Text: ""})
			continue
		}
		if strings.Trim(line, "|") == "" {
			continue // span filler
		}
		fields := strings.Split(line, "|")
		// What follows a closing pipe is the line's end, not a cell; a
		// leading pipe opens the row.
		if strings.HasSuffix(line, "|") {
			fields = fields[:len(fields)-1]
		}
		if strings.HasPrefix(line, "|") {
			if openedRows {
				fields = fields[1:]
			} else {
				fields[0] = " " // an empty first cell: the text's rows open with no pipe
			}
		}
		if len(fields) == 1 {
			doc.cells = append(doc.cells, Cell{Text: strings.TrimSpace(fields[0])})
			continue
		}
		row++
		spanned := slices.Contains(fields[1:], "")
		for k, f := range fields {
			if f == "" {
				continue // "||": span filler
			}
			c := Cell{Text: strings.TrimSpace(f), Row: row, spanned: spanned}
			// "0 ||": filler after a number is the number's span over the
			// next column (an HTML colspan as the store wrote it).
			c.wide = k+1 < len(fields) && fields[k+1] == "" && spanNumber(c.Text)
			doc.cells = append(doc.cells, c)
		}
	}
	if n := len(doc.cells); n > 0 {
		doc.cells[n-1].Open = endsOpen(s, lines, shape)
		// No line break after the last line: its row may go on.
		doc.cells[n-1].lineOpen = !strings.HasSuffix(strings.TrimRight(s, " \t\r"), "\n") && len(lines) > 0 && strings.HasSuffix(strings.TrimRight(s, " \t\r"), lines[len(lines)-1])
	}
	if sc != nil {
		sc.cells = doc.cells // grown or not, the pool takes it back
	}
	return doc
}

// rowsOpenWithPipe reports whether the text's piped rows open with a pipe
// ("| 规章 | 0 |", as some stores write every row), as against rows that
// start with their first cell ("规章 | 0 |"), where a row starting with a
// pipe starts with an empty cell that lost its spaces to trimming (a
// table-四 row under a label cell spanning rows). Most rows decide; a tie
// (none either way, too) reads a leading pipe as opening the row.
func rowsOpenWithPipe(lines []string) bool {
	opened, plain := 0, 0
	for _, l := range lines {
		if strings.Count(l, "|") < 2 || strings.Trim(l, "| ") == "" {
			continue
		}
		if l[0] == '|' {
			opened++
		} else {
			plain++
		}
	}
	return opened >= plain
}

// newCells returns an empty cell slice with room for n, sc's if it lends one.
func newCells(sc *scratch, n int) []Cell {
	if sc == nil {
		return make([]Cell, 0, n)
	}
	return reuse(sc.cells, n)
}

// barBlanks returns how many empty cells a run of bare bars after a closed
// cell holds in cell-then-bar text, where an empty cell and a row's end are
// both a bare bar: before a label, a heading or the end, the last bar is
// the row's end and the others are empty cells; between two values, or
// after a label, every bar is an empty cell (between values possibly a
// row's end: those cells are marked uncertain).
func barBlanks(run []string) int {
	r := 0
	for i := 0; i < len(run); i++ {
		switch {
		case run[i] == "|":
			r++
		case isFurnitureCell(run[i]) && i+1 < len(run) && run[i+1] == "|":
			i++ // skipped by readText with its bar
		default:
			i = len(run)
		}
	}
	if nextIsValue(run) {
		return r
	}
	return r - 1
}

// nextIsValue reports whether the next line with text is a value.
func nextIsValue(lines []string) bool {
	for _, l := range lines {
		if strings.Trim(l, "|") != "" && !isFurnitureCell(l) {
			_, ok := readValue(l)
			return ok && !strings.Contains(l, "|")
		}
	}
	return false
}

// textLines returns the trimmed non-blank lines of s, in sc's slice if sc
// is not nil.
func textLines(s string, sc *scratch) []string {
	n := strings.Count(s, "\n") + 1
	var out []string
	if sc != nil {
		out = reuse(sc.lines, n)
	} else {
		out = make([]string, 0, n)
	}
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		// trimSpace drops a trailing \r with the other spaces.
		if line = trimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if sc != nil {
		sc.lines = out
	}
	return out
}

// endsOpen reports whether the text ends inside its last cell: nothing
// closes it, no line break and no closing pipe, or, in a document whose
// cells are closed by pipes (" |" or a bar line), no pipe.
func endsOpen(s string, lines []string, shape textShape) bool {
	if len(lines) == 0 {
		return false
	}
	last := lines[len(lines)-1]
	if strings.HasSuffix(last, "|") {
		return false
	}
	if shape.cellThenBar || shape.pipeClosed {
		return true
	}
	return strings.HasSuffix(strings.TrimRight(s, " \t"), last) // no line break follows
}

// textShape is how a text document closes its cells, decided per document.
type textShape struct {
	// cellThenBar: a line of text followed by a line holding only "|"
	// (the pipe on a line of its own, not at the end of the cell's line).
	cellThenBar bool
	// pipeClosed: most lines with text end in a pipe (pipe-cells or
	// pipe-rows), where a bare "|" is a cell.
	pipeClosed bool
}

// shapeOf decides a document's textShape. Bar-closed lines must outnumber
// lines ending in a pipe for cell-then-bar.
func shapeOf(lines []string) textShape {
	barred, piped, plain := 0, 0, 0
	for i, l := range lines {
		switch {
		case strings.Trim(l, "|") == "":
		case strings.HasSuffix(l, "|"):
			piped++
		case !strings.Contains(l, "|") && i+1 < len(lines) && lines[i+1] == "|":
			barred++
		default:
			plain++
		}
	}
	return textShape{
		cellThenBar: barred >= minBarredCells && barred > piped,
		pipeClosed:  piped > barred+plain,
	}
}

// minBarredCells is how many bar-closed cells make a document cell-then-bar:
// a table row or two, not one stray "|" after a line of prose.
const minBarredCells = 4
