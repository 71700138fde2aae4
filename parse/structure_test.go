package parse

import (
	"strings"
	"testing"
)

// Tests of issue 10's structural classes, each with the smallest input that
// shows it (testdata/corpus/NOTES.md, "Issue 10").

// Class 1: a document that ends inside a table.
func TestCutInsideTable(t *testing.T) {
	head := []string{"第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章"}
	t.Run("closed cells of the last row are kept", func(t *testing.T) {
		rep := parseString(t, pipeRows(row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), row("规章", "3", "1")))
		wantValues(t, rep, "proactive/regulations/issued = 3", "proactive/regulations/repealed = 1")
		wantAbsent(t, rep, "proactive/regulations/in_force")
		wantWarning(t, rep, "ends after 2 of its 3 values")
	})
	t.Run("an open last cell may be cut", func(t *testing.T) {
		rep := parseString(t, strings.Join(append(head, "3", "1"), "\n\n")) // no line break after "1"
		wantValues(t, rep, "proactive/regulations/issued = 3")
		wantAbsent(t, rep, "proactive/regulations/repealed")
		wantWarning(t, rep, `ends inside value 2 ("1")`)
	})
	t.Run("an open 0 is certain", func(t *testing.T) {
		rep := parseString(t, strings.Join(append(head, "3", "0"), "\n\n"))
		wantValues(t, rep, "proactive/regulations/issued = 3", "proactive/regulations/repealed = 0")
	})
	t.Run("an open 0 of an amount is not", func(t *testing.T) {
		doc := strings.Join([]string{"第二十条第(八)项", "信息内容", "本年收费金额(单位:万元)", "行政事业性收费", "0"}, "\n")
		rep := parseString(t, doc)
		wantAbsent(t, rep, "proactive/fees/amount_10k_yuan")
	})
	t.Run("an open cell in pipe-cells text lacks its pipe", func(t *testing.T) {
		doc := strings.Join(append(pipeCellLines(head), "3 |", "7"), "\n") + "\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "proactive/regulations/issued = 3")
		wantAbsent(t, rep, "proactive/regulations/repealed")
	})
	t.Run("one stray number after the last row is a fragment", func(t *testing.T) {
		rep := parseString(t, strings.Join(append(head, "3", "1", "9", "2"), "\n\n"))
		wantValues(t, rep, "proactive/regulations/issued = 3", "proactive/regulations/repealed = 1", "proactive/regulations/in_force = 9")
		wantWarning(t, rep, `"2" after its 3 values`)
	})
	t.Run("two stray numbers are not", func(t *testing.T) {
		rep := parseString(t, flat(append(head, "3", "1", "9", "2", "5")...))
		wantAbsent(t, rep, "proactive/regulations/issued")
	})
	t.Run("a short row in mid-table is not a cut", func(t *testing.T) {
		rep := parseString(t, flat(append(head, "3", "1", "行政规范性文件", "2", "0", "4")...))
		wantAbsent(t, rep, "proactive/regulations/issued", "proactive/regulations/repealed")
		wantValues(t, rep, "proactive/normative_documents/in_force = 4")
	})
	t.Run("table 四 cut", func(t *testing.T) {
		doc := cat([]string{"四、政府信息公开行政复议、行政诉讼情况"}, table4Head, []string{"1", "0", "0", "0", "1", "2"})
		rep := parseString(t, strings.Join(doc, "\n"))
		wantValues(t, rep, "review/reconsideration/upheld = 1", "review/reconsideration/total = 1")
		wantAbsent(t, rep, "review/litigation_direct/upheld")
	})
}

// pipeCellLines writes cells one a line ending " |" (NOTES A.6).
func pipeCellLines(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c + " |"
	}
	return out
}

// barCells writes cells as "cell then bar": each cell on a line of its own,
// then a line holding only "|"; a row ends with one more bar.
func barCells(rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		for _, c := range r {
			b.WriteString(c + "\n|\n")
		}
		b.WriteString("|\n")
	}
	return b.String()
}

// Class 5: "cell then bar" serialisation, told apart from pipe-cells per
// document.
func TestCellThenBar(t *testing.T) {
	t.Run("bars close cells", func(t *testing.T) {
		rep := parseString(t, "第二十条第(一)项\n|\n||||\n"+barCells(
			row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			row("规章", "0", "1", "2"), row("行政规范性文件", "5", "6", "7")))
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/in_force = 2", "proactive/normative_documents/issued = 5", "proactive/normative_documents/in_force = 7")
		wantCount(t, rep, "", 6)
	})
	t.Run("an empty cell keeps its place", func(t *testing.T) {
		rep := parseString(t, barCells(
			row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			row("规章", "0", "", "2"), row("行政规范性文件", "5", "6", "7")))
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/repealed = NULL", "proactive/regulations/in_force = 2")
	})
	t.Run("pipe-cells keep bare bars as cells", func(t *testing.T) {
		doc := strings.Join(append(pipeCellLines([]string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章"}), "|", "1 |", "2 |", "行政规范性文件 |", "5 |", "6 |", "7 |"), "\n") + "\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "proactive/regulations/issued = NULL", "proactive/regulations/repealed = 1", "proactive/regulations/in_force = 2")
	})
}
