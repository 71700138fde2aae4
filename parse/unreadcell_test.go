package parse

import (
	"slices"
	"strings"
	"testing"
)

// A value cell the number reader cannot read is never stored as a blank
// (NULL means "printed empty"): its row is left out, with a warning that
// names the cell. A zero-width character between digits (editors leave
// them; an archive's text has them between glued cells) reads as the space
// it shows as: "4\u200B5" is two numbers, as "4 5" is, kept only where they
// fill a row.

func TestZeroWidthBetweenDigits(t *testing.T) {
	cells := table2v2021()
	for i, c := range cells {
		switch c {
		case "45":
			cells[i] = "4\u200B5"
		case "0":
			if cells[i-1] == "规章" {
				cells[i] = "0\u200B0\u200B0" // the row's three cells, glued
				cells[i+1], cells[i+2] = "", ""
			}
		}
	}
	rep := parseString(t, flat(slices.DeleteFunc(cells, func(c string) bool { return c == "" })...))
	wantAbsent(t, rep, "proactive/licensing/decisions")
	wantWarning(t, rep, "行政许可", "4 5")
	wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/repealed = 0", "proactive/regulations/in_force = 0",
		"proactive/punishment/decisions = 32", "proactive/fees/amount_10k_yuan = 6016")
}

func TestUnreadableValueCellLeavesTheRowOut(t *testing.T) {
	for _, cell := range []string{"约1300", "1300余", "abc", "1300（含续办）"} {
		t.Run(cell, func(t *testing.T) {
			rep := parseString(t, pipeRows(row("二、主动公开政府信息情况"),
				row("第二十条第（五）项", "", "", ""), row("信息内容", "本年处理决定数量", "", ""), row("行政许可", cell, "", ""),
				row("第二十条第（六）项", "", "", ""), row("信息内容", "本年处理决定数量", "", ""), row("行政处罚", "25", "", "")))
			wantAbsent(t, rep, "proactive/licensing/decisions")
			wantValues(t, rep, "proactive/punishment/decisions = 25")
			wantWarning(t, rep, "行政许可", cell)
		})
	}
}

// A label printed over two cells is one label, not a whole label and an
// aside: its row of blank cells is a row of blanks.
func TestLabelOverTwoCellsThenBlanks(t *testing.T) {
	rep := parseString(t, flat(table2v2021()...)+pipeRows(
		row(table3Head[0]), row(table3Head[1:]...),
		row("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"),
		row("（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）", "", "", "", "", "", "", ""),
		row("（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0")))
	wantValues(t, rep, "requests/partially_granted/natural_person = NULL", "requests/partially_granted/total = NULL",
		"requests/denied_state_secret/total = 0")
}

// In a row of several columns, an unreadable cell does not let the cells
// after it slide into its column.
func TestUnreadableCellMidRow(t *testing.T) {
	vals := map[string][]string{"new": {"5", "约3", "1", "0", "0", "0", "9"}}
	for name, doc := range map[string]string{
		"flattened": flat(report2021(vals)...),
		"pipe rows": pipeRowsOf(report2021(vals)),
	} {
		t.Run(name, func(t *testing.T) {
			rep := parseString(t, doc)
			for _, col := range []string{"natural_person", "commercial", "research", "social_welfare", "legal_services", "other", "total"} {
				if v, ok := rep.Lookup("requests", "new", col); ok && (v.Number == nil || col != "natural_person" || *v.Number != 5) {
					t.Errorf("requests/new/%s = %s (raw %q), want it left out", col, fmtNum(v.Number), v.Raw)
				}
			}
			wantValues(t, rep, "requests/carried_over/total = 0")
		})
	}
}

// pipeRowsOf writes flattened cells as pipe rows: a row per label, its
// values after it.
func pipeRowsOf(cells []string) string {
	var rows [][]string
	for _, c := range cells {
		if _, ok := readValue(c); ok || strings.HasPrefix(c, "约") && len(rows) > 0 {
			rows[len(rows)-1] = append(rows[len(rows)-1], c)
			continue
		}
		rows = append(rows, []string{c})
	}
	return pipeRows(rows...)
}

// A bare page number between a row label and its value (text taken from a
// PDF: "行政许可 / 2 / 45") gives a one-column row two values. Only a row
// whose label was lost would make the second one another row's; where no
// row is left for it, which value is the row's own is unknown and the row
// is left out, never read as the page number.
func TestPageNumberInsideARow(t *testing.T) {
	cells := table2v2021()
	i := slices.Index(cells, "行政许可")
	cells = slices.Insert(cells, i+1, "2")
	rep := parseString(t, flat(cells...))
	wantAbsent(t, rep, "proactive/licensing/decisions")
	wantWarning(t, rep, "行政许可", "left out")
	wantValues(t, rep, "proactive/punishment/decisions = 32", "proactive/regulations/in_force = 0")

}

// Digits of a glued run that no split decided are never stored as a blank:
// table 四's pieces are read as numbers or the table is left out, and
// store refuses any that reach it.
func TestGluedPiecesAreNeverBlank(t *testing.T) {
	zero := 0.0
	m := &matcher{seen: make([]bool, len(slotNames)), review: &pendingRow{row: -1}}
	for i := range 15 {
		v := cellValue{raw: "0", number: &zero}
		if i%2 == 0 {
			v = cellValue{raw: "0", glued: true}
		}
		m.review.vals = append(m.review.vals, v)
	}
	m.flushReview(false)
	if len(m.values) != 15 {
		t.Fatalf("table 四 of glued zeros: %d values: %s", len(m.values), dumpValues(m.values))
	}
	for _, v := range m.values {
		if v.Number == nil || *v.Number != 0 {
			t.Errorf("%s = %s, want 0", v.Key(), fmtNum(v.Number))
		}
	}

	m = &matcher{seen: make([]bool, len(slotNames)), review: &pendingRow{row: -1}}
	for i := range 15 {
		v := cellValue{raw: "0", number: &zero}
		if i == 3 {
			v = cellValue{raw: "120", glued: true} // "1 20" or "12 0": not one number of a cell
			v.raw = "1 20"
		}
		m.review.vals = append(m.review.vals, v)
	}
	m.flushReview(false)
	if len(m.values) != 0 || len(m.warnings) == 0 {
		t.Errorf("table 四 with an undecided glued piece: %s, warnings %q", dumpValues(m.values), m.warnings)
	}

	m = &matcher{seen: make([]bool, len(slotNames))}
	m.store(SectionReview, "reconsideration", "upheld", cellValue{raw: "00", glued: true})
	if len(m.values) != 0 || len(m.warnings) != 1 {
		t.Errorf("store of undecided glued digits: %s, warnings %q", dumpValues(m.values), m.warnings)
	}
}
