// Package texttable writes aligned plain-text tables for terminals, by
// display width (a Chinese character takes two columns).
package texttable

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Write writes rows under a header, columns aligned by display width:
// a Chinese character takes two terminal columns, so byte or rune counts
// would misalign every row that holds one.
func Write(w io.Writer, header []string, rows [][]string) error {
	return WriteFit(w, header, rows, 0)
}

// WriteFit is Write within width display columns (0: no limit): the widest
// columns are narrowed until the table fits, and cells cut with "…", as
// DuckDB's own CLI does.
func WriteFit(w io.Writer, header []string, rows [][]string, width int) error {
	widths := make([]int, len(header))
	measure := func(cells []string) {
		for i, c := range cells {
			if i < len(widths) {
				widths[i] = max(widths[i], runewidth.StringWidth(c))
			}
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	if width > 0 {
		narrow(widths, width)
	}
	var b strings.Builder
	line := func(cells []string) {
		for i := range widths {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			if runewidth.StringWidth(c) > widths[i] {
				c = runewidth.Truncate(c, widths[i], "…")
			}
			if i == len(widths)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(runewidth.FillRight(c, widths[i]))
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	line(header)
	rule := make([]string, len(header))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	line(rule)
	for _, r := range rows {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// minColumn is the narrowest a column is cut to: a few characters and "…".
const minColumn = 6

// narrow takes one column at a time off the widest column until the
// columns and their two-space gaps fit in width, or none can shrink.
func narrow(widths []int, width int) {
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	for total > width {
		widest := 0
		for i, w := range widths {
			if w > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= minColumn {
			return
		}
		widths[widest]--
		total--
	}
}
