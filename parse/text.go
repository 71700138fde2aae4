package parse

import "strings"

// readText reads text as saved or extracted from a page. Three shapes occur,
// often in one file (NOTES.md A.5–A.7):
//
//   - one cell per line, blank lines between cells: a cell per non-blank line;
//   - one row per line, "规章 | 0 | 0 | 0 |": a cell per field, with row
//     boundaries; "||" is span filler, "| |" an empty cell;
//   - one cell per line ending " |": a cell per line, a bare "|" is an empty
//     cell and "||", "|||" are span filler.
func readText(s string) document {
	doc := document{form: formText}
	row := 0
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		doc.lines = append(doc.lines, line)
		if !strings.Contains(line, "|") {
			doc.cells = append(doc.cells, Cell{Text: line})
			continue
		}
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
			fields = fields[1:]
		}
		if len(fields) == 1 {
			doc.cells = append(doc.cells, Cell{Text: strings.TrimSpace(fields[0])})
			continue
		}
		row++
		for _, f := range fields {
			if f == "" {
				continue // "||": span filler
			}
			doc.cells = append(doc.cells, Cell{Text: strings.TrimSpace(f), Row: row})
		}
	}
	return doc
}
