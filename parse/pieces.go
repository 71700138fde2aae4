package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// reviewOrder is table 四's column order in ColumnOrders, under which a
// header printing its groups out of order is noted.
var reviewOrder = orderOf(SectionReview)

// orderOf is the index in ColumnOrders of section's first column order.
func orderOf(section string) int {
	return slices.IndexFunc(ColumnOrders, func(co ColumnOrder) bool { return co.Section == section })
}

// Tables split into pieces (issue 10 class 7). Table 四 may come as three
// small tables, 行政复议 / 行政诉讼（未经复议直接起诉） / 行政诉讼（复议后起诉）, each
// with its own title and five values; a converter may put an invented
// header row of column numbers ("| 0 | 1 | 2 | 3 |") over a table. Table
// 三 split into one small table per group under generic headers (类别 |
// 数据1 … | 总计) and table 二's items as plain lines ("行政许可 64") need
// nothing here: rows are matched by their labels wherever they stand.

// reviewPieceRows returns the table-四 rows a piece's title names: one
// group, or both litigation groups under a bare 行政诉讼; nil for text that
// names none.
func reviewPieceRows(text string) []string {
	k := normLabel(text)
	switch {
	case len(k) > 64:
		return nil
	case strings.Contains(k, "复议后起诉"):
		return reviewRows[2:3]
	case strings.Contains(k, "未经复议") || strings.Contains(k, "直接起诉"):
		return reviewRows[1:2]
	case strings.Contains(k, "行政诉讼") && !strings.Contains(k, "行政复议"):
		return reviewRows[1:3]
	case strings.Contains(k, "行政复议") && !strings.Contains(k, "行政诉讼"):
		return reviewRows[0:1]
	}
	return nil
}

// noteReviewTitle remembers the last title of a table-四 piece.
func (m *matcher) noteReviewTitle(text string) {
	if m.section != SectionReview {
		return
	}
	rows := reviewPieceRows(text)
	switch {
	case rows == nil:
	case m.reviewTitle == nil:
		m.reviewTitle, m.reviewGroup, m.reviewGroupText = rows, rows[0], text
	case !slicesEqual(m.reviewTitle, rows):
		// The table's 15 values are read in the template's group order
		// (行政复议, then 行政诉讼 未经复议直接起诉, 复议后起诉): a header
		// that prints the groups in another order leaves them out.
		if slices.Index(reviewRows, rows[0]) < slices.Index(reviewRows, m.reviewGroup) {
			m.header.misordered(reviewOrder, fmt.Sprintf("%q after %q", strings.TrimSpace(text), strings.TrimSpace(m.reviewGroupText)))
		}
		m.reviewGroup, m.reviewGroupText = rows[0], text
		// Titles of several groups before any value: the whole table's
		// header, not a piece's title.
		m.reviewTitle = reviewRows
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "/") == strings.Join(b, "/") }

// storeReviewPiece stores a piece of table 四 that holds the values of the
// groups its title names, and reports whether it did; at the end of the
// document, a piece cut short keeps its certain values (cutAtEnd). A run
// under the whole table's header is not a piece.
func (m *matcher) storeReviewPiece(vals []cellValue, atEnd, open bool) bool {
	rows := m.reviewTitle
	m.reviewTitle = nil
	want := len(rows) * len(reviewCols)
	if rows == nil || len(rows) == len(reviewRows) || len(vals) != want && !atEnd {
		return false
	}
	if atEnd {
		if len(vals) > want+1 {
			return false
		}
		vals = m.cutAtEnd("table 四 piece "+strings.Join(rows, "+"), vals, want, open, func(int) bool { return false })
	}
	for i, v := range vals {
		m.store(SectionReview, rows[i/len(reviewCols)], reviewCols[i%len(reviewCols)], v)
	}
	return true
}

// dropIndexRows removes rows a converter invented over a table: a source
// row of nothing but the column numbers 0…n-1 or 1…n (n ≥ 3), and markdown
// separator rows ("|---|---|"). Kept, they would be read as a row of values.
func dropIndexRows(cells []Cell) []Cell {
	var out []Cell
	for i := 0; i < len(cells); {
		j := i + 1
		for j < len(cells) && cells[i].Row != 0 && cells[j].Row == cells[i].Row {
			j++
		}
		if cells[i].Row != 0 && (isIndexRow(cells[i:j]) || isSeparatorRow(cells[i:j])) {
			if out == nil {
				out = append(make([]Cell, 0, len(cells)), cells[:i]...)
			}
		} else if out != nil {
			out = append(out, cells[i:j]...)
		}
		i = j
	}
	if out == nil {
		return cells
	}
	return out
}

// isIndexRow reports whether cells are 0…n-1 or 1…n, n ≥ 3.
func isIndexRow(cells []Cell) bool {
	if len(cells) < 3 {
		return false
	}
	first, err := strconv.Atoi(cells[0].Text)
	if err != nil || first > 1 {
		return false
	}
	for k, c := range cells {
		if n, err := strconv.Atoi(c.Text); err != nil || n != first+k {
			return false
		}
	}
	return true
}

// isSeparatorRow reports whether cells are a markdown separator: dashes
// and colons only.
func isSeparatorRow(cells []Cell) bool {
	for _, c := range cells {
		if strings.Trim(c.Text, "-:") != "" || !strings.Contains(c.Text, "---") {
			return false
		}
	}
	return true
}
