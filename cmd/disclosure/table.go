package main

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// writeTable writes rows under a header, columns aligned by display width:
// a Chinese character takes two terminal columns, so byte or rune counts
// would misalign every row that holds one.
func writeTable(w io.Writer, header []string, rows [][]string) error {
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
	var b strings.Builder
	line := func(cells []string) {
		for i := range widths {
			c := ""
			if i < len(cells) {
				c = cells[i]
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
