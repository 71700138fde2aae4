package parse

import (
	"slices"
	"testing"
)

// pageBuilder lays out text and tables on a page for ParseLayout tests.
type pageBuilder struct {
	p Page
	y float64
}

// text puts one line of 10-point glyphs at x.
func (b *pageBuilder) text(x float64, s string) {
	for _, r := range s {
		w := 10.0
		if r < 0x80 {
			w = 5
		}
		b.p.Glyphs = append(b.p.Glyphs, Glyph{R: r, X0: x, Y0: b.y, X1: x + w, Y1: b.y + 12})
		x += w
	}
	b.y += 16
}

// table draws rows of cells of the given widths; each cell's borders are
// thin filled rectangles (two edges 0.5 pt apart), as Word exports them.
func (b *pageBuilder) table(widths []float64, rows [][]string) { b.tableRuled(widths, rows, 0.5) }

// tableRuled is table with borders th points thick.
func (b *pageBuilder) tableRuled(widths []float64, rows [][]string, th float64) {
	const h = 20.0
	rect := func(x0, y0, x1, y1 float64) {
		b.p.Rules = append(b.p.Rules,
			Rule{x0, y0, x1, y0}, Rule{x1, y0, x1, y1}, Rule{x0, y1, x1, y1}, Rule{x0, y0, x0, y1})
	}
	for _, row := range rows {
		x := 50.0
		for i, cell := range row {
			rect(x, b.y, x+widths[i], b.y+th)     // top
			rect(x, b.y+h, x+widths[i], b.y+h+th) // bottom
			rect(x, b.y, x+th, b.y+h)             // left
			rect(x+widths[i], b.y, x+widths[i]+th, b.y+h)
			y := b.y
			b.y += 4
			b.text(x+3, cell)
			b.y = y
			x += widths[i]
		}
		b.y += h
	}
	b.y += 10
}

// table2Page lays out a report's title, table 二's heading and rows in
// cells of widths 150, 100, 100, 100.
func table2Page(rows [][]string) *pageBuilder {
	b := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 60}
	b.text(50, "某县人民政府2023年政府信息公开工作年度报告")
	b.text(50, "二、主动公开政府信息情况")
	b.table([]float64{150, 100, 100, 100}, rows)
	return b
}

// parseBare parses the page with its rules taken away.
func parseBare(t *testing.T, b *pageBuilder) *Report {
	t.Helper()
	b.p.Rules = nil
	r, err := ParseLayout([]Page{b.p}, Options{Name: "bare.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Borders drawn as thin rectangles, cell by cell, make one grid; the
// values land under their columns, blanks stay NULL.
func TestLayoutRectangleBorders(t *testing.T) {
	b := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 60}
	b.text(50, "某县人民政府2023年政府信息公开工作年度报告")
	b.text(50, "二、主动公开政府信息情况")
	w := []float64{150, 100, 100, 100}
	b.table(w, [][]string{
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "1", "", "3"},
		{"行政规范性文件", "4", "5", "6"},
	})
	r, err := ParseLayout([]Page{b.p}, Options{Name: "rects.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"proactive/regulations/issued": "1", "proactive/regulations/repealed": "NULL", "proactive/regulations/in_force": "3",
		"proactive/normative_documents/issued": "4", "proactive/normative_documents/repealed": "5", "proactive/normative_documents/in_force": "6",
	}
	got := map[string]string{}
	for _, v := range r.Values {
		got[v.Key()] = fmtNum(v.Number)
		if v.Page != 1 {
			t.Errorf("%s: page %d", v.Key(), v.Page)
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q (all: %v; warnings %v)", k, got[k], w, got, r.Warnings)
		}
	}
	// "4" is drawn at x 203 (column two starts at 200, text 3 pt in) on
	// the third row's line (y 136, 12 pt high): its box is its glyph's.
	v, _ := r.Lookup(SectionProactive, "normative_documents", "issued")
	if want := (Box{203, 136, 208, 148}); v.Box != want {
		t.Errorf("normative_documents/issued box %+v, want %+v", v.Box, want)
	}
	if v, _ := r.Lookup(SectionProactive, "regulations", "repealed"); !v.Box.IsZero() {
		t.Errorf("a blank cell has box %+v", v.Box)
	}
	if want := []PageSize{{1, 595, 842}}; len(r.Pages) != 1 || r.Pages[0] != want[0] {
		t.Errorf("page sizes %+v, want %+v", r.Pages, want)
	}
}

// A table whose header row is repeated at the top of the next page (Word's
// "repeat as header row") reads each value once.
func TestLayoutRepeatedHeaderRow(t *testing.T) {
	w := []float64{150, 100, 100, 100}
	head := []string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}
	b1 := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 700}
	b1.text(50, "二、主动公开政府信息情况")
	b1.table(w, [][]string{head, {"规章", "1", "2", "3"}})
	b1.text(280, "— 1 —")
	b2 := &pageBuilder{p: Page{Number: 2, Width: 595, Height: 842}, y: 60}
	b2.table(w, [][]string{head, {"行政规范性文件", "4", "5", "6"}})
	r, err := ParseLayout([]Page{b1.p, b2.p}, Options{Name: "pages.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range r.Values {
		if v.Section == SectionProactive {
			n++
			if v.Row == "normative_documents" && v.Page != 2 {
				t.Errorf("%s on page %d, printed on 2", v.Key(), v.Page)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d proactive values, want 6: %+v", n, r.Values)
	}
}

// No glyphs at all but pictures: a scan. Glyphs that do not decode: no
// text layer.
func TestLayoutUnreadable(t *testing.T) {
	scan := []Page{{Number: 1, Width: 595, Height: 842, Images: 1}}
	if _, err := ParseLayout(scan, Options{Name: "scan.pdf"}); UnreadableReason(err) != ReasonImageOnly {
		t.Errorf("scan: %v", err)
	}
	garbled := Page{Number: 1, Width: 595, Height: 842}
	for i := 0; i < 100; i++ {
		r := rune(0xE000 + i) // private use: a CID passed through
		if i%10 == 0 {
			r = '0'
		}
		garbled.Glyphs = append(garbled.Glyphs, Glyph{R: r, X0: float64(i%40) * 10, Y0: float64(i/40) * 20, X1: float64(i%40)*10 + 10, Y1: float64(i/40)*20 + 12})
	}
	if _, err := ParseLayout([]Page{garbled}, Options{Name: "cid.pdf"}); UnreadableReason(err) != ReasonNoTextLayer {
		t.Errorf("garbled: %v", err)
	}
}

// A table printed without any ruling lines, its sub-tables each with a
// title and a header line (第二十条第（五）项 / 信息内容 本年处理决定数量),
// reads from the header words and the columns the numbers stand in.
func TestLayoutSubTablesWithoutRules(t *testing.T) {
	r := parseBare(t, table2Page([][]string{
		{"第二十条第（一）项"},
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "1", "", "3"},
		{"行政规范性文件", "4", "5", "6"},
		{"第二十条第（五）项"},
		{"信息内容", "本年处理决定数量"},
		{"行政许可", "17"},
	}))
	want := map[string]string{
		"proactive/regulations/issued": "1", "proactive/regulations/repealed": "NULL", "proactive/regulations/in_force": "3",
		"proactive/normative_documents/issued": "4", "proactive/normative_documents/repealed": "5", "proactive/normative_documents/in_force": "6",
		"proactive/licensing/decisions": "17",
	}
	got := map[string]string{}
	for _, v := range r.Values {
		got[v.Key()] = fmtNum(v.Number)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d values, want %d: %v", len(got), len(want), got)
	}
}

// A table wider than the paper is cut at the page's edge, rules and all:
// the edge looks like its right border and the digits past it fall out of
// their cells. Such a table is left out with a warning, never read as
// "2" for "2261" or as blanks.
func TestLayoutTableCutByPageEdge(t *testing.T) {
	b := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 60}
	b.text(50, "二、主动公开政府信息情况")
	// Columns from x 50: the last one starts at 580 and would end at 830,
	// the page at 595; "2261" is drawn from 583 to 603.
	b.table([]float64{150, 100, 280, 250}, [][]string{
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "1", "2", "2261"},
	})
	// Clip what lies past the edge, as a viewer and PDFium do: the rules
	// stop at it and the glyphs beyond it stay where they were drawn.
	var rules []Rule
	for _, r := range b.p.Rules {
		if r.X0 > b.p.Width {
			continue
		}
		r.X1 = min(r.X1, b.p.Width)
		rules = append(rules, r)
	}
	b.p.Rules = append(rules, Rule{b.p.Width, 60 + 16, b.p.Width, 60 + 16 + 40})
	r, err := ParseLayout([]Page{b.p}, Options{Name: "wide.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range r.Values {
		t.Errorf("%s = %s (raw %q) read from a table cut by the page's edge", v.Key(), fmtNum(v.Number), v.Raw)
	}
	wantWarning(t, r, "page 1", "past the page's edge")
}

// In a table without rules, a line of numbers with no label beside it next
// to a labelled one is that row's numbers wrapped in their cells: both
// lines are left out, not read as two rows with blanks.
func TestWrappedRowsWithoutRules(t *testing.T) {
	row := func(label string, values ...string) *headerRow {
		r := &headerRow{values: values}
		if label != "" {
			r.inner = []string{label}
		}
		return r
	}
	body := []*headerRow{
		row("一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "0", "0", "6"),
		row("1.属于国家秘密", "24", "18", "", "27", "", "26", "１１"),
		row("", "", "", "23", "", "2", "", "８"),
		row("2.其他法律行政法规禁止公开", "1", "0", "0", "0", "0", "0", "1"),
	}
	got := wrappedRows(body)
	// Which labelled neighbour it belongs to, the one above or, for a label
	// centred on a two-line cell, the one below, is not known: both go.
	if want := []bool{false, true, true, true}; !slices.Equal(got, want) {
		t.Errorf("wrapped %v, want %v", got, want)
	}
	// Table 四: one line of numbers and no labels at all.
	if got := wrappedRows([]*headerRow{row("", "0", "0"), row("", "1", "1")}); slices.Contains(got, true) {
		t.Errorf("rows of a table without labels marked wrapped: %v", got)
	}
}

// A row the page break cut inside a number ("1" on one page, "4" of 14
// under it on the next) is left out: which digits are whose is not
// certain. The rows around it are read.
func TestLayoutNumberCutByPageBreak(t *testing.T) {
	w := []float64{150, 100, 100, 100}
	head := []string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}
	b1 := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 700}
	b1.text(50, "二、主动公开政府信息情况")
	b1.table(w, [][]string{head, {"规章", "1", "2", "1"}})
	b2 := &pageBuilder{p: Page{Number: 2, Width: 595, Height: 842}, y: 60}
	b2.table(w, [][]string{{"", "", "", "4"}, {"行政规范性文件", "4", "5", "6"}})
	r, err := ParseLayout([]Page{b1.p, b2.p}, Options{Name: "cut.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	wantAbsent(t, r, "proactive/regulations/issued", "proactive/regulations/in_force")
	wantValues(t, r, "proactive/normative_documents/issued = 4", "proactive/normative_documents/in_force = 6")
	wantWarning(t, r, "page 2", "cut by the page break")
}

// Without rules nothing shows where a row ends: the empty cells after a
// row's last number may be blanks or cells whose numbers were printed off
// the row's line. The printed numbers are kept and those cells left out;
// an empty cell between two numbers is a blank (NULL).
func TestLayoutTrailingBlanksWithoutRules(t *testing.T) {
	b := table2Page([][]string{
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "1", "", ""},
		{"行政规范性文件", "4", "", "6"},
	})
	ruled, err := ParseLayout([]Page{b.p}, Options{Name: "ruled.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	// With its rules drawn, the same blanks are cells.
	wantValues(t, ruled, "proactive/regulations/issued = 1", "proactive/regulations/repealed = NULL", "proactive/regulations/in_force = NULL")
	r := parseBare(t, b)
	wantValues(t, r, "proactive/regulations/issued = 1",
		"proactive/normative_documents/issued = 4", "proactive/normative_documents/repealed = NULL", "proactive/normative_documents/in_force = 6")
	wantAbsent(t, r, "proactive/regulations/repealed", "proactive/regulations/in_force")
	wantWarning(t, r, "规章", "printed off their line")
}

// A column no row of a table without rules prints a number in has no
// extent of numbers; its header word still places it, so the numbers on
// either side stay in their own columns.
func TestLayoutEmptyColumnWithoutRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows [][]string
		want []string
	}{
		{"first", [][]string{{"规章", "", "2", "3"}, {"行政规范性文件", "", "5", "6"}},
			[]string{"proactive/regulations/issued = NULL", "proactive/regulations/repealed = 2", "proactive/normative_documents/in_force = 6"}},
		{"middle", [][]string{{"规章", "1", "", "3"}, {"行政规范性文件", "4", "", "6"}},
			[]string{"proactive/regulations/repealed = NULL", "proactive/regulations/in_force = 3", "proactive/normative_documents/in_force = 6"}},
		{"last", [][]string{{"规章", "1", "2", ""}, {"行政规范性文件", "4", "5", ""}},
			[]string{"proactive/regulations/issued = 1", "proactive/regulations/repealed = 2", "proactive/normative_documents/repealed = 5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := parseBare(t, table2Page(append([][]string{{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}}, tc.rows...)))
			wantValues(t, r, tc.want...)
		})
	}
}

// In a table without rules, a line with a row's label and no number under
// the value columns (text there instead: another table set beside this
// one, a note) gives no blanks: the row is left out, not read as NULLs.
func TestLayoutLabelLineWithoutNumbers(t *testing.T) {
	r := parseBare(t, table2Page([][]string{
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "1", "2", "3"},
		{"行政规范性文件", "", "见附表说明", ""},
		{"第二十条第（五）项"},
		{"信息内容", "本年处理决定数量"},
		{"行政许可", "17"},
	}))
	wantValues(t, r, "proactive/regulations/issued = 1", "proactive/regulations/in_force = 3", "proactive/licensing/decisions = 17")
	wantAbsent(t, r, "proactive/normative_documents/issued", "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
}

func TestSureBlanks(t *testing.T) {
	got := sureBlanks([]string{"", "1", "", "2", "", "其他", "", "3", ""})
	want := []bool{true, false, true, false, false, false, true, false, false}
	if !slices.Equal(got, want) {
		t.Errorf("sureBlanks = %v, want %v", got, want)
	}
}

// Borders drawn as filled rectangles up to 3 pt thick (Word's thick
// borders; a double border 3 pt apart) are one rule each, not two with a
// thin column of blank cells between them.
func TestLayoutThickBorders(t *testing.T) {
	for _, th := range []float64{0.5, 2.5, 3} {
		b := &pageBuilder{p: Page{Number: 1, Width: 595, Height: 842}, y: 60}
		b.text(50, "某县人民政府2023年政府信息公开工作年度报告")
		b.text(50, "二、主动公开政府信息情况")
		b.tableRuled([]float64{150, 100, 100, 100}, [][]string{
			{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
			{"规章", "1", "", "3"},
			{"行政规范性文件", "4", "5", "6"},
		}, th)
		r, err := ParseLayout([]Page{b.p}, Options{Name: "thick.pdf"})
		if err != nil {
			t.Fatal(err)
		}
		wantValues(t, r, "proactive/regulations/issued = 1", "proactive/regulations/repealed = NULL", "proactive/normative_documents/in_force = 6")
	}
}

// gcell is a cell of pageBuilder.spannedTable: its text and how many
// columns and rows it spans (0 counts as 1).
type gcell struct {
	text       string
	cols, rows int
}

// spannedTable draws a ruled table whose cells span columns and rows, laid
// out as an HTML table's colspan and rowspan are (rows list the cells each
// row starts), each cell's borders thin rectangles.
func (b *pageBuilder) spannedTable(widths []float64, rows [][]gcell) {
	const h, th = 20.0, 0.5
	rect := func(x0, y0, x1, y1 float64) {
		b.p.Rules = append(b.p.Rules,
			Rule{x0, y0, x1, y0}, Rule{x1, y0, x1, y1}, Rule{x0, y1, x1, y1}, Rule{x0, y0, x0, y1})
	}
	xs := []float64{50}
	for _, w := range widths {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	top := b.y
	taken := map[[2]int]bool{}
	for r, row := range rows {
		col := 0
		for _, c := range row {
			for taken[[2]int{r, col}] {
				col++
			}
			nc, nr := max(c.cols, 1), max(c.rows, 1)
			for i := r; i < r+nr; i++ {
				for j := col; j < col+nc; j++ {
					taken[[2]int{i, j}] = true
				}
			}
			x0, x1, y0, y1 := xs[col], xs[col+nc], top+float64(r)*h, top+float64(r+nr)*h
			rect(x0, y0, x1, y0+th)
			rect(x0, y1, x1, y1+th)
			rect(x0, y0, x0+th, y1)
			rect(x1, y0, x1+th, y1)
			b.y = y0 + 4
			b.text(x0+3, c.text)
			col += nc
		}
	}
	b.y = top + float64(len(rows))*h + 10
}

// A number printed across columns or rows of a ruled PDF table, in a table
// that an extra column (here an empty trailing one) makes up to its count:
// the grid knows the cell spans, the matcher reading the row's cells in
// order does not, and would read the row one place off. The row is left
// out with a warning; the others are read (testdata/spans has the same
// tables in HTML; testdata/attachments/made/span_*.pdf are Word tables so
// exported).
func TestLayoutNumberAcrossColumnsOrRows(t *testing.T) {
	vals := func(row []gcell, texts ...string) []gcell {
		for _, s := range texts {
			row = append(row, gcell{text: s})
		}
		return row
	}
	head3 := [][]gcell{
		{{"", 3, 3}, {"申请人情况", 7, 1}, {"", 1, 3}},
		{{"自然人", 1, 2}, {"法人或其他组织", 5, 1}, {"总计", 1, 2}},
		vals(nil, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
	}
	w3 := []float64{100, 110, 150, 62, 62, 62, 62, 62, 62, 62, 40}
	for _, tc := range []struct {
		name, heading, row string
		widths             []float64
		rows               [][]gcell
		absent, kept       []string
	}{
		{"colspan in table 三", "三、收到和处理政府信息公开申请情况", "予以公开", w3, append(head3[:3:3],
			vals([]gcell{{"一、本年新收政府信息公开申请数量", 3, 1}}, "3", "5", "8", "7", "6", "4", "33", ""),
			vals([]gcell{{"三、本年度办理结果", 1, 2}, {"（一）予以公开", 2, 1}, {"0", 2, 1}}, "5", "8", "7", "6", "26", ""),
			vals([]gcell{{"（七）总计", 2, 1}}, "0", "0", "5", "8", "7", "6", "26", "")),
			[]string{"requests/granted/natural_person", "requests/granted/total"},
			[]string{"requests/new/natural_person = 3", "requests/new/total = 33", "requests/handled_total/total = 26"}},
		{"rowspan in table 三", "三、收到和处理政府信息公开申请情况", "禁止公开", w3, append(head3[:3:3],
			vals([]gcell{{"三、本年度办理结果", 1, 2}, {"（三）不予公开", 1, 2}, {"1.属于国家秘密", 1, 1}, {"0", 1, 2}}, "1", "2", "3", "4", "5", "15", ""),
			vals([]gcell{{"2.其他法律行政法规禁止公开", 1, 1}}, "6", "7", "8", "9", "1", "31", "")),
			[]string{"requests/denied_prohibited_by_law/natural_person", "requests/denied_prohibited_by_law/total"},
			[]string{"requests/denied_state_secret/natural_person = 0", "requests/denied_state_secret/total = 15"}},
		{"colspan in table 二", "二、主动公开政府信息情况", "规章", []float64{150, 100, 100, 100, 40}, [][]gcell{
			{{"第二十条第（一）项", 5, 1}},
			vals(nil, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", ""),
			vals([]gcell{{"规章", 1, 1}, {"0", 2, 1}}, "12", ""),
			vals(nil, "行政规范性文件", "3", "1", "20", "")},
			[]string{"proactive/regulations/issued", "proactive/regulations/in_force"},
			[]string{"proactive/normative_documents/issued = 3", "proactive/normative_documents/in_force = 20"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &pageBuilder{p: Page{Number: 1, Width: 1000, Height: 842}, y: 60}
			b.text(50, "某县人民政府2023年政府信息公开工作年度报告")
			b.text(50, tc.heading)
			b.spannedTable(tc.widths, tc.rows)
			r, err := ParseLayout([]Page{b.p}, Options{Name: "spans.pdf"})
			if err != nil {
				t.Fatal(err)
			}
			wantAbsent(t, r, tc.absent...)
			wantWarning(t, r, tc.row, "across")
			wantValues(t, r, tc.kept...)
		})
	}
}

// A number printed across rows that a page break cuts: on the new page the
// rest of its cell is an empty box over the rows it still reaches, which
// is dropped as the rest of a rowspan is; those rows lack the cell, and a
// 备注 column (its 1s) makes up their count. They are left out, never read
// one place off.
func TestLayoutNumberAcrossRowsCutByPageBreak(t *testing.T) {
	w := []float64{100, 110, 150, 62, 62, 62, 62, 62, 62, 62, 40}
	vals := func(row []gcell, texts ...string) []gcell {
		for _, s := range texts {
			row = append(row, gcell{text: s})
		}
		return row
	}
	b1 := &pageBuilder{p: Page{Number: 1, Width: 1000, Height: 842}, y: 640}
	b1.text(50, "某县人民政府2023年政府信息公开工作年度报告")
	b1.text(50, "三、收到和处理政府信息公开申请情况")
	b1.spannedTable(w, [][]gcell{
		{{"", 3, 3}, {"申请人情况", 7, 1}, {"", 1, 3}},
		{{"自然人", 1, 2}, {"法人或其他组织", 5, 1}, {"总计", 1, 2}},
		vals(nil, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
		vals([]gcell{{"三、本年度办理结果", 1, 1}, {"（三）不予公开", 1, 1}, {"1.属于国家秘密", 1, 1}}, "0", "1", "2", "3", "4", "0", "10", ""),
	})
	b1.text(480, "— 1 —")
	b2 := &pageBuilder{p: Page{Number: 2, Width: 1000, Height: 842}, y: 60}
	b2.spannedTable(w, [][]gcell{
		vals([]gcell{{"", 1, 3}, {"", 1, 3}, {"2.其他法律行政法规禁止公开", 1, 1}, {"", 1, 2}}, "6", "7", "8", "9", "1", "31", "1"),
		vals([]gcell{{"3.危及“三安全一稳定”", 1, 1}}, "2", "3", "4", "5", "6", "20", "1"),
		vals([]gcell{{"4.保护第三方合法权益", 1, 1}}, "1", "1", "1", "1", "1", "1", "6", ""),
	})
	r, err := ParseLayout([]Page{b1.p, b2.p}, Options{Name: "cut.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	wantAbsent(t, r, "requests/denied_prohibited_by_law/natural_person", "requests/denied_prohibited_by_law/total",
		"requests/denied_security_stability/natural_person", "requests/denied_security_stability/total")
	wantWarning(t, r, "禁止公开", "across rows")
	wantValues(t, r, "requests/denied_state_secret/natural_person = 0", "requests/denied_state_secret/total = 10",
		"requests/denied_third_party/natural_person = 1", "requests/denied_third_party/total = 6")
}
