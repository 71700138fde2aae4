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
	t.Run("an empty cell is a row's end printed alike", func(t *testing.T) {
		// "0 | | 2": an empty cell, or the row's end and a row whose
		// label was lost. Trailing empty cells are certain.
		rep := parseString(t, barCells(
			row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			row("规章", "0", "", "2"), row("行政规范性文件", "5", "", "")))
		wantAbsent(t, rep, "proactive/regulations/issued", "proactive/regulations/repealed")
		wantWarning(t, rep, "may be an empty cell or the row's end")
		wantValues(t, rep, "proactive/normative_documents/issued = 5", "proactive/normative_documents/repealed = NULL", "proactive/normative_documents/in_force = NULL")
	})
	t.Run("pipe-cells keep bare bars as cells", func(t *testing.T) {
		doc := strings.Join(append(pipeCellLines([]string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章"}), "|", "1 |", "2 |", "行政规范性文件 |", "5 |", "6 |", "7 |"), "\n") + "\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "proactive/regulations/issued = NULL", "proactive/regulations/repealed = 1", "proactive/regulations/in_force = 2")
	})
}

// glue joins each named row label with the single value cell after it, as
// archive text prints a row: "一、本年新收政府信息公开申请数量180017026".
func glue(cells []string, labels ...string) []string {
	var out []string
	for i := 0; i < len(cells); i++ {
		if slicesContains(labels, cells[i]) && i+1 < len(cells) {
			out = append(out, cells[i]+cells[i+1])
			i++
			continue
		}
		out = append(out, cells[i])
	}
	return out
}

func slicesContains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// Class 9: glued rows decided together. "180017026" splits two ways under
// its row total (18/0/0/1/7/0/26 and 1/8/0/0/17/0/26).
func TestGluedRowsDecidedTogether(t *testing.T) {
	const newLabel, totalLabel, grantedLabel = "一、本年新收政府信息公开申请数量", "（七）总计", "（一）予以公开"
	row := []string{"18", "0", "0", "1", "7", "0", "26"}
	t.Run("the column rules leave one split", func(t *testing.T) {
		vals := map[string][]string{"new": {"180017026"}, "granted": row, "handled_total": row}
		rep := parseString(t, flat(glue(cat(table2v2021(), table3(Template2021, vals)), newLabel)...))
		wantValues(t, rep, "requests/new/natural_person = 18", "requests/new/commercial = 0", "requests/new/social_welfare = 1", "requests/new/legal_services = 7", "requests/new/total = 26")
		wantNoWarning(t, rep, "glued")
	})
	t.Run("two splits fit every rule", func(t *testing.T) {
		vals := map[string][]string{"new": {"180017026"}, "granted": {"180017026"}, "handled_total": {"180017026"}}
		rep := parseString(t, flat(glue(cat(table2v2021(), table3(Template2021, vals)), newLabel, totalLabel, grantedLabel)...))
		for _, r := range []string{"new", "granted", "handled_total"} {
			wantAbsent(t, rep, "requests/"+r+"/natural_person", "requests/"+r+"/commercial", "requests/"+r+"/social_welfare", "requests/"+r+"/legal_services")
			wantValues(t, rep, "requests/"+r+"/research = 0", "requests/"+r+"/other_org = 0", "requests/"+r+"/total = 26")
		}
		wantWarning(t, rep, newLabel, "180017026", "natural_person, commercial, social_welfare, legal_services cannot be decided", "2 of them the table's sum rules")
	})
	t.Run("rules the report breaks decide nothing", func(t *testing.T) {
		other := []string{"1", "8", "0", "0", "17", "0", "25"} // total off by one
		vals := map[string][]string{"new": {"180017026"}, "granted": other, "handled_total": other}
		rep := parseString(t, flat(glue(cat(table2v2021(), table3(Template2021, vals)), newLabel)...))
		wantAbsent(t, rep, "requests/new/natural_person")
		wantWarning(t, rep, "no choice of the glued rows' splits satisfies")
	})
}

// Class 9: figures the prose states decide table 二's glued rows, which have
// no sum rule.
func TestGluedRowsProseFigures(t *testing.T) {
	table := "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1212140第二十条第（五）项信息内容本年处理决定数量行政许可2387第二十条第（六）项信息内容本年处理决定数量行政处罚415行政强制12第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0三、收到和处理政府信息公开申请情况"
	t.Run("both ends stated", func(t *testing.T) {
		rep := parseString(t, "一、总体情况本年制发规范性文件12件，现行有效140件。"+table+"\n")
		wantValues(t, rep, "proactive/normative_documents/issued = 12", "proactive/normative_documents/repealed = 12", "proactive/normative_documents/in_force = 140")
	})
	t.Run("one end stated", func(t *testing.T) {
		rep := parseString(t, "一、总体情况本年制发规范性文件12件。"+table+"\n")
		wantValues(t, rep, "proactive/normative_documents/issued = 12")
		wantAbsent(t, rep, "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
		wantWarning(t, rep, "1212140", "repealed, in_force cannot be decided")
	})
	t.Run("no split fits the figure", func(t *testing.T) {
		rep := parseString(t, "一、总体情况本年制发规范性文件99件。"+table+"\n")
		wantAbsent(t, rep, "proactive/normative_documents/issued")
		wantWarning(t, rep, "fit no split")
	})
	t.Run("a figure stated two ways is no figure", func(t *testing.T) {
		rep := parseString(t, "一、总体情况本年制发规范性文件12件，另据统计印发规范性文件13件。"+table+"\n")
		wantAbsent(t, rep, "proactive/normative_documents/issued")
	})
}

// without removes the given cells (labels) from a cell list, each once.
func without(cells []string, drop ...string) []string {
	var out []string
	for _, c := range cells {
		if i := slicesIndexString(drop, c); i >= 0 {
			drop = append(drop[:i:i], drop[i+1:]...)
			continue
		}
		out = append(out, c)
	}
	return out
}

func slicesIndexString(list []string, s string) int {
	for i, l := range list {
		if l == s {
			return i
		}
	}
	return -1
}

// insertAfter inserts cells after the n-th cell equal to at (n from 1),
// plus skip cells.
func insertAfter(cells []string, at string, skip int, ins ...string) []string {
	for i, c := range cells {
		if c == at {
			j := i + 1 + skip
			return append(append(append([]string(nil), cells[:j]...), ins...), cells[j:]...)
		}
	}
	panic("no cell " + at)
}

// Class 8: torn tables.
func TestTornTables(t *testing.T) {
	vals := map[string][]string{
		"new":                {"1", "0", "0", "0", "0", "0", "1"},
		"denied_third_party": {"1", "0", "0", "0", "0", "0", "1"},
		"handled_total":      {"1", "0", "0", "0", "0", "0", "1"},
	}
	full := report2021(vals)
	t.Run("page footer and header inside a row", func(t *testing.T) {
		doc := insertAfter(full, "4.保护第三方合法权益", 3, "— 3 —", "某县2022年政府信息公开工作年度报告", "第 4 页")
		rep := parseString(t, flat(doc...))
		wantValues(t, rep, "requests/denied_third_party/natural_person = 1", "requests/denied_third_party/total = 1")
		wantCount(t, rep, SectionRequests, 25*7)
	})
	t.Run("header words and group labels torn across cells", func(t *testing.T) {
		doc := insertAfter(full, "1.本机关不掌握相关政府信息", 2, "（四）无法", "提供")
		doc = insertAfter(doc, "法律服务机构", -1, "社会公", "益组织")
		rep := parseString(t, flat(doc...))
		wantValues(t, rep, "requests/unable_not_held/natural_person = 0", "requests/unable_not_held/total = 0")
		wantCount(t, rep, SectionRequests, 25*7)
	})
	t.Run("row label reduced to a fragment", func(t *testing.T) {
		doc := full
		for i, c := range doc {
			if strings.HasPrefix(c, "2.申请人逾期未按收费通知") {
				doc = append(append(append([]string(nil), doc[:i]...), "2.申请人逾期未按收费通知要求缴", "纳费用、行政机关不再处理其政府信息公开申请"), doc[i+1:]...)
				break
			}
		}
		rep := parseString(t, flat(doc...))
		wantValues(t, rep, "requests/other_unpaid_fee/natural_person = 0", "requests/other_unpaid_fee/total = 0")
		wantCount(t, rep, SectionRequests, 25*7)
	})
	t.Run("a value row with no label, placed by order and rules", func(t *testing.T) {
		rep := parseString(t, flat(without(full, "4.保护第三方合法权益")...))
		wantValues(t, rep, "requests/denied_third_party/natural_person = 1", "requests/denied_third_party/total = 1", "requests/denied_security_stability/natural_person = 0")
		wantCount(t, rep, SectionRequests, 25*7)
	})
	t.Run("a value row with no label that breaks the rules", func(t *testing.T) {
		bad := map[string][]string{"new": vals["new"], "denied_third_party": {"2", "0", "0", "0", "0", "0", "2"}, "handled_total": vals["handled_total"]}
		rep := parseString(t, flat(without(report2021(bad), "4.保护第三方合法权益")...))
		wantAbsent(t, rep, "requests/denied_third_party/natural_person")
		wantValues(t, rep, "requests/denied_security_stability/natural_person = 0")
		wantWarning(t, rep, "fit no placement", "denied_third_party")
	})
	t.Run("two placements the rules cannot tell apart", func(t *testing.T) {
		// 5.属于三类内部事务信息 is not printed at all and 4.'s label is lost:
		// the label-less row may be 4. or 5.
		doc := without(full, "4.保护第三方合法权益")
		for i, c := range doc {
			if c == "5.属于三类内部事务信息" {
				doc = append(doc[:i:i], doc[i+8:]...)
				break
			}
		}
		rep := parseString(t, flat(doc...))
		wantAbsent(t, rep, "requests/denied_third_party/natural_person", "requests/denied_internal_affairs/natural_person", "requests/denied_third_party/total")
		wantWarning(t, rep, "could be denied_third_party or denied_internal_affairs")
	})
	t.Run("a row's last cells on a line of their own", func(t *testing.T) {
		doc := "三、收到和处理政府信息公开申请情况\n" + pipeRows(row("一、本年新收政府信息公开申请数量", "2", "1", "0", "0", "0"), row("0", "3"),
			row("二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0"), row("1", "2"))
		rep := parseString(t, doc)
		wantValues(t, rep, "requests/new/natural_person = 2", "requests/new/other_org = 0", "requests/new/total = 3")
		wantAbsent(t, rep, "requests/carried_over/natural_person", "requests/carried_over/total") // 0+1 != 2: not its cells
		wantWarning(t, rep, "上年结转", "has 5 values")
	})
	t.Run("a label-less pipe row", func(t *testing.T) {
		rows := [][]string{row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), row("规章", "0", "0", "0"), row("", "5", "6", "7"), row("第二十条第(五)项"), row("信息内容", "本年处理决定数量"), row("行政许可", "3")}
		rep := parseString(t, pipeRows(rows...))
		wantValues(t, rep, "proactive/normative_documents/issued = 5", "proactive/normative_documents/in_force = 7", "proactive/licensing/decisions = 3")
	})
	t.Run("a label-less pipe row with no labelled row after it", func(t *testing.T) {
		rows := [][]string{row("信息内容", "本年处理决定数量"), row("行政许可", "3"), row("", "5")}
		rep := parseString(t, pipeRows(rows...))
		wantAbsent(t, rep, "proactive/punishment/decisions", "proactive/enforcement/decisions")
		wantWarning(t, rep, "no row label")
	})
}

// Class 7: tables split into pieces.
func TestTablesInPieces(t *testing.T) {
	t.Run("table 四 as three titled tables", func(t *testing.T) {
		head := row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
		doc := "四、政府信息公开行政复议、行政诉讼情况\n" + pipeRows(row("行政复议"), head, row("1", "0", "0", "0", "1"),
			row("行政诉讼（未经复议直接起诉）"), head, row("0", "2", "0", "0", "2"),
			row("行政诉讼（复议后起诉）"), head, row("0", "0", "3", "0", "3")) + "五、存在的主要问题及改进情况\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "review/reconsideration/upheld = 1", "review/litigation_direct/corrected = 2", "review/litigation_after_reconsideration/other = 3", "review/litigation_after_reconsideration/total = 3")
		wantCount(t, rep, SectionReview, 15)
	})
	t.Run("the last piece cut by the document's end", func(t *testing.T) {
		head := row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
		doc := "四、政府信息公开行政复议、行政诉讼情况\n" + pipeRows(row("行政复议"), head, row("1", "0", "0", "0", "1"),
			row("行政诉讼（复议后起诉）"), head, row("0", "0"))
		rep := parseString(t, doc)
		wantValues(t, rep, "review/reconsideration/total = 1", "review/litigation_after_reconsideration/upheld = 0", "review/litigation_after_reconsideration/corrected = 0")
		wantAbsent(t, rep, "review/litigation_direct/upheld", "review/litigation_after_reconsideration/other")
		wantNoWarning(t, rep, "of its 15 values")
	})
	t.Run("the whole table's header cut is not a piece", func(t *testing.T) {
		doc := strings.Join(cat(table4Head, []string{"1", "0", "0", "0", "1"}), "\n\n") + "\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "review/reconsideration/upheld = 1", "review/reconsideration/total = 1")
		wantAbsent(t, rep, "review/litigation_after_reconsideration/upheld")
	})
	t.Run("table 三 in small tables under generic headers", func(t *testing.T) {
		generic := row("类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计")
		doc := "三、收到和处理政府信息公开申请情况\n" + pipeRows(generic, row("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"),
			row("二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"),
			generic, row("（一）予以公开", "1", "0", "0", "0", "0", "0", "1"))
		rep := parseString(t, doc)
		wantValues(t, rep, "requests/new/total = 1", "requests/carried_over/total = 0", "requests/granted/natural_person = 1")
		wantCount(t, rep, SectionRequests, 21)
	})
	t.Run("an invented header row of column numbers", func(t *testing.T) {
		doc := "四、政府信息公开行政复议、行政诉讼情况\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 |\n|---|---|---|\n" +
			"| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "review/reconsideration/upheld = 0", "review/litigation_after_reconsideration/total = 0")
		wantCount(t, rep, SectionReview, 15)
	})
	t.Run("table 二 items as plain lines around the (一) table", func(t *testing.T) {
		doc := "二、主动公开政府信息情况\n行政许可 64\n行政处罚 12\n第二十条第(一)项\n" +
			pipeRows(row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), row("规章", "0", "1", "2")) + "行政强制 3\n行政事业性收费 0\n"
		rep := parseString(t, doc)
		wantValues(t, rep, "proactive/licensing/decisions = 64", "proactive/punishment/decisions = 12", "proactive/regulations/in_force = 2", "proactive/enforcement/decisions = 3", "proactive/fees/amount_10k_yuan = 0")
	})
}
