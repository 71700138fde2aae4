package parse

import (
	"strings"
	"testing"
)

// One test per issue-10 class that the template decides (classes 2, 3, 4, 6
// and 11): the smallest input that shows it. The synthetic reports of
// testdata/corpus/synthetic cover the same classes in whole documents.

// Class 2: a row label with a bracketed qualifier or filling instruction is
// the row its head names; an extra row with no canonical key is left out
// with a warning that names it.
func TestClass2BracketedRowLabels(t *testing.T) {
	rep := parseString(t, pipeRows(
		row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
		row("规章(制度)", "1", "1", "4"),
		row("规范性文件(指本机关依照法定权限和程序制定、涉及公民法人和其他组织权利义务、在一定期限内反复适用的公文)", "12", "3", "28"),
		row("其他主动公开文件(指以本机关名义印发且不属于前两类的主动公开公文)", "5", "5", "19"),
	))
	wantValues(t, rep, "proactive/regulations/made = 1", "proactive/regulations/total_published = 4",
		"proactive/normative_documents/made = 12", "proactive/normative_documents/total_published = 28")
	wantCount(t, rep, SectionProactive, 6)
	wantWarning(t, rep, `"5 5 19"`, "其他主动公开文件", "no template row")
}

// Class 3: units inside value cells are read off the number; a money unit
// in a count column is left out rather than read as a count.
func TestClass3UnitsInCells(t *testing.T) {
	rep := parseString(t, pipeRows(
		row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
		row("行政许可", "27", "+3", "9527(件)"),
		row("其他对外管理服务事项", "6（项）", "-1", "140（条）"),
		row("行政处罚", "5", "增3", "1.2万"),
		row("信息内容", "采购项目数量", "采购总金额"),
		row("政府集中采购", "38", "96.42万"),
	))
	wantTemplate(t, rep, Template2019)
	wantValues(t, rep, "proactive/licensing/prior_items = 27", "proactive/licensing/change = 3", "proactive/licensing/decisions = 9527",
		"proactive/other_services/prior_items = 6", "proactive/other_services/change = -1", "proactive/other_services/decisions = 140",
		"proactive/punishment/change = 3", "proactive/procurement/items = 38", "proactive/procurement/amount_10k_yuan = 96.42")
	wantAbsent(t, rep, "proactive/punishment/decisions")
	wantWarning(t, rep, "1.2万", "count column")
	for _, tc := range []struct {
		cell string
		want float64
		unit string
	}{{"1.2万元", 1.2, "万元"}, {"96.42万", 96.42, "万元"}, {"3（条）", 3, ""}, {"9527(件)", 9527, ""}, {"12(万元)", 12, "万元"},
		{"增加3", 3, ""}, {"减少1", -1, ""}, {"3家", 3, ""}, {"￥96.42万", 96.42, "万元"}} {
		v, ok := readValue(tc.cell)
		if !ok || v.number == nil || *v.number != tc.want || v.unit != tc.unit {
			t.Errorf("readValue(%q) = %v %v unit %q, want %v %q", tc.cell, ok, v.number, v.unit, tc.want, tc.unit)
		}
	}
	if _, ok := readValue("3(其中)"); ok {
		t.Errorf("readValue(3(其中)) read as a number")
	}
}

// Money in 元 stated outside its cell and header — in the row's label, in
// the next cell, or in a line above the sub-table — is the amount's unit:
// 15000 had been stored as 15000 万元 under the 2021 header. A unit line
// and a header that disagree leave the amount out.
func TestClass3UnitsBesideAmounts(t *testing.T) {
	const head = "第二十条第（八）项"
	fees := func(lines ...[]string) string {
		return pipeRows(append([][]string{row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), row("规章", "0", "0", "3")}, lines...)...)
	}
	for _, tc := range []struct {
		name, doc string
		want      string // "" for left out
	}{
		{"label", fees(row(head), row("信息内容", "本年收费金额（单位：万元）"), row("行政事业性收费（元）", "15000")), "1.5"},
		{"next cell", fees(row(head), row("信息内容", "本年收费金额（单位：万元）"), row("行政事业性收费", "15000", "元")), "1.5"},
		{"next cell bracketed", fees(row(head), row("信息内容", "本年收费金额"), row("行政事业性收费", "15000", "（单位：元）")), "1.5"},
		{"heading, header without unit", fees(row(head+"（单位：元）"), row("信息内容", "本年收费金额"), row("行政事业性收费", "15000")), "1.5"},
		{"heading against header", fees(row(head+"（单位：元）"), row("信息内容", "本年收费金额（单位：万元）"), row("行政事业性收费", "15000")), ""},
		{"cell against next cell", fees(row(head), row("信息内容", "本年收费金额（单位：万元）"), row("行政事业性收费", "15000元", "万元")), ""},
		{"a publisher whose name holds 元", "发布单位：广元市利州区人民政府\n" + fees(row(head), row("信息内容", "本年收费金额"), row("行政事业性收费", "12.5")), "12.5"},
		{"traditional unit line", fees(row(head+"（單位：元）"), row("信息内容", "本年收费金额"), row("行政事业性收费", "15000")), "1.5"},
		{"prose naming units", "各单位共收取费用5万元。\n" + fees(row(head), row("信息内容", "本年收费金额（单位：元）"), row("行政事业性收费", "15000")), "1.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			wantValues(t, rep, "proactive/regulations/in_force = 3")
			if tc.want == "" {
				wantAbsent(t, rep, "proactive/fees/amount_10k_yuan")
				return
			}
			wantValues(t, rep, "proactive/fees/amount_10k_yuan = "+tc.want)
		})
	}
}

// A count is whole, and a number grouped with dots is no number to trust:
// "1.000" had been stored as 1, "2.500" as 2.5, "1.500,50" as 1.5005. A
// currency sign says money but not its unit: "¥15000" under the 万元
// header had been 15000 万元.
func TestClass3CountsAndCurrencySigns(t *testing.T) {
	rep := parseString(t, pipeRows(
		row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		row("规章", "1.000", "31.5", "12.0"),
		row("行政规范性文件", "2.500", "0", "3"),
		row("第二十条第（八）项"),
		row("信息内容", "本年收费金额（单位：万元）"),
		row("行政事业性收费", "¥15000"),
	))
	wantAbsent(t, rep, "proactive/regulations/issued", "proactive/regulations/repealed", "proactive/normative_documents/issued", "proactive/fees/amount_10k_yuan")
	wantValues(t, rep, "proactive/regulations/in_force = 12", "proactive/normative_documents/repealed = 0")
	wantWarning(t, rep, `"1.000"`, "whole count")
	wantWarning(t, rep, `"¥15000"`, "no unit")
	for cell, want := range map[string]float64{"¥0": 0, "￥1.5万": 1.5, "15000元": 15000, "1,500.5": 1500.5} {
		if v, ok := readValue(cell); !ok || v.number == nil || *v.number != want || v.unit == "?" {
			t.Errorf("readValue(%q) = %+v %v, want %v", cell, v, ok, want)
		}
	}
	if v, ok := readValue("1.500,50"); ok && v.number != nil {
		t.Errorf("readValue(1.500,50) = %v, want no number", *v.number)
	}
}

// Class 4: a cell of several numbers is never read as one number. It fills
// the row when the numbers match the row's width (and its sum rule, where
// the template has one); otherwise the row is left out with a warning.
func TestClass4SeveralNumbersInOneCell(t *testing.T) {
	rep := parseString(t, pipeRows(
		row("信息内容", "本年处理决定数量"),
		row("行政处罚", "2 0 2"),
		row("行政强制", "0"),
	))
	wantTemplate(t, rep, Template2021)
	wantAbsent(t, rep, "proactive/punishment/decisions")
	wantValues(t, rep, "proactive/enforcement/decisions = 0")
	wantWarning(t, rep, "行政处罚", `"2 0 2"`, "left out")

	rep = parseString(t, pipeRows(
		row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
		row("行政许可", "4 0 6"),
	))
	wantValues(t, rep, "proactive/licensing/prior_items = 4", "proactive/licensing/change = 0", "proactive/licensing/decisions = 6")

	rep = parseString(t, "三、收到和处理政府信息公开申请情况\n"+pipeRows(
		row("一、本年新收政府信息公开申请数量", "2 1 0 0 0 0 3"),
		row("二、上年结转政府信息公开申请数量", "2 1 0 0 0 0 4"),
	))
	wantValues(t, rep, "requests/new/natural_person = 2", "requests/new/commercial = 1", "requests/new/total = 3")
	wantAbsent(t, rep, "requests/carried_over/natural_person", "requests/carried_over/total")
	wantWarning(t, rep, "上年结转", "sum rule")

	// Beside an empty cell, the numbers' count cannot place them: "1 2 | 3 |
	// (empty)" had been read as 1 | 2 | 3, and a table 四 whose first cell
	// is empty one place off.
	rep = parseString(t, pipeRows(
		row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		row("行政规范性文件", "1 2", "3", ""),
		row("规章", "0", "0", "5"),
	))
	wantAbsent(t, rep, "proactive/normative_documents/issued", "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
	wantValues(t, rep, "proactive/regulations/in_force = 5")
	wantWarning(t, rep, "行政规范性文件", `"1 2"`, "empty cell")
	heads := strings.Repeat("<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>", 3)
	cells := strings.Repeat("<td>0</td>", 4) + "<td>1 0</td>" + strings.Repeat("<td>0</td>", 3) + "<td>10</td>" + strings.Repeat("<td>0</td>", 5)
	rep = parseString(t, "<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"+
		`<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>`+
		`<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>`+
		"<tr>"+heads+"</tr><tr><td></td>"+cells+"</tr></table></body></html>")
	wantAbsent(t, rep, "review/reconsideration/upheld", "review/litigation_after_reconsideration/total")
	wantWarning(t, rep, "table 四", `"1 0"`, "empty cell")

	if _, ok := readValue("12 月 31"); ok {
		t.Errorf(`readValue("12 月 31") read as a value`)
	}
	for _, cell := range []string{"2 0 2", "0、0、0", "1；2", "0,0,0", "3 1,300", "2 0 2件"} {
		if v, ok := readValue(cell); !ok || !v.several || v.number != nil {
			t.Errorf(`readValue(%q) = %+v, %v; want several numbers, no number`, cell, v, ok)
		}
	}
	if v, ok := readValue("1,300"); !ok || v.several || v.number == nil || *v.number != 1300 {
		t.Errorf(`readValue("1,300") = %+v, %v; want 1300`, v, ok)
	}
	if got := severalValues(cellValue{raw: "3 1,300", several: true}); len(got) != 2 || *got[1].number != 1300 {
		t.Errorf("severalValues(3 1,300) = %+v", got)
	}
}

// Class 6: the layout is decided by all the evidence — every header word,
// the row set, the rows' widths, table 三's (六)其他处理 — not by the first
// header word; "本年制作数量" fits both layouts and decides nothing.
func TestClass6LayoutByAllEvidence(t *testing.T) {
	t.Run("ambiguous first header word, then 2021 words", func(t *testing.T) {
		rep := parseString(t, "二、主动公开政府信息情况\n信息内容 | 本年制作数量 | 本年废止件数 | 现行有效件数 |\n")
		wantTemplate(t, rep, Template2021)
		wantNoWarning(t, rep, "conflicts")
	})
	t.Run("ambiguous header word, rows decide", func(t *testing.T) {
		rep := parseString(t, pipeRows(row("信息内容", "本年制作数量"), row("规章", "1", "0", "2"), row("行政许可", "5"), row("行政处罚", "0")))
		wantTemplate(t, rep, Template2021)
		wantValues(t, rep, "proactive/regulations/issued = 1", "proactive/regulations/in_force = 2", "proactive/licensing/decisions = 5")
		wantAbsent(t, rep, "proactive/regulations/made")
	})
	t.Run("rows outweigh one stray header word, with a warning", func(t *testing.T) {
		rep := parseString(t, pipeRows(row("信息内容", "本年新制作数量"), row("规章", "1", "0", "2"),
			row("行政许可", "5"), row("行政处罚", "0"), row("行政强制", "0")))
		wantTemplate(t, rep, Template2021)
		wantValues(t, rep, "proactive/licensing/decisions = 5", "proactive/regulations/issued = 1")
		wantWarning(t, rep, "layout evidence conflicts", "本年新制作数量", "行政许可")
	})
	t.Run("2019's (六)其他处理 row of seven values", func(t *testing.T) {
		rep := parseString(t, "三、收到和处理政府信息公开申请情况\n"+pipeRows(
			row("（六）其他处理", "2", "0", "0", "0", "0", "0", "2"),
			row("（七）总计", "2", "0", "0", "0", "0", "0", "2")))
		wantTemplate(t, rep, Template2019)
		wantValues(t, rep, "requests/other/total = 2", "requests/handled_total/total = 2")
	})
}

// Class 11: a row printed with its label and blank cells only is a row of
// NULLs; a row split into sub-rows is stored only where the sub-rows decide
// it (all blank or zero, or summed where the template says the row is their
// sum), and warned about elsewhere.
func TestClass11BlankAndSplitRows(t *testing.T) {
	head := row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
	t.Run("blank row", func(t *testing.T) {
		rep := parseString(t, pipeRows(head, row("行政强制", "0", "0", "1"),
			row("信息内容", "采购项目数量", "采购总金额(万元)"))+"政府集中采购 | ||||\n三、收到和处理政府信息公开申请情况\n")
		wantValues(t, rep, "proactive/procurement/items = NULL", "proactive/procurement/amount_10k_yuan = NULL")
		// The same row ending the document may be cut after its blanks.
		rep = parseString(t, pipeRows(head, row("行政强制", "0", "0", "1"),
			row("信息内容", "采购项目数量", "采购总金额(万元)"))+"政府集中采购 | ||||\n")
		wantAbsent(t, rep, "proactive/procurement/items", "proactive/procurement/amount_10k_yuan")
		wantWarning(t, rep, "政府集中采购", "no label of the template follows")
		// Blank cells with the row's values pushed onto the next line: not
		// a blank row.
		rep = parseString(t, pipeRows(head, row("行政强制", "0", "0", "1"),
			row("信息内容", "采购项目数量", "采购总金额(万元)"))+"政府集中采购 |  |\n | 9.5 |\n")
		wantAbsent(t, rep, "proactive/procurement/items", "proactive/procurement/amount_10k_yuan")
		wantWarning(t, rep, "政府集中采购", "later line")
	})
	t.Run("sub-rows summed", func(t *testing.T) {
		rep := parseString(t, pipeRows(head)+"其他对外管理服务事项 | ||||\n"+pipeRows(
			row("行政检查", "1", "0", "5"), row("行政确认", "2", "0", "3"), row("行政处罚", "0", "0", "0")))
		wantValues(t, rep, "proactive/other_services/prior_items = 3", "proactive/other_services/change = 0",
			"proactive/other_services/decisions = 8", "proactive/punishment/decisions = 0")
		wantNoWarning(t, rep, "no template row")
	})
	t.Run("sub-rows in flattened cells, all zero", func(t *testing.T) {
		rep := parseString(t, flat(cat(head, []string{"其他对外管理服务事项", "行政检查", "0", "0", "0", "行政确认", "0", "0", "0", "行政处罚", "1", "0", "2"})...))
		wantValues(t, rep, "proactive/other_services/prior_items = 0", "proactive/other_services/decisions = 0", "proactive/punishment/decisions = 2")
	})
	t.Run("sub-rows that do not decide", func(t *testing.T) {
		rep := parseString(t, pipeRows(head)+"其他对外管理服务事项 | ||||\n"+pipeRows(
			row("行政检查", "2", "0", "5"), row("行政确认", "2", "0", "3")))
		wantAbsent(t, rep, "proactive/other_services/prior_items")
		wantValues(t, rep, "proactive/other_services/change = 0", "proactive/other_services/decisions = 8")
		wantWarning(t, rep, "其他对外管理服务事项", "行政检查, 行政确认", "prior_items")
		rep = parseString(t, pipeRows(head)+"其他对外管理服务事项 | ||||\n"+pipeRows(
			row("行政检查", "2", "0"), row("行政确认", "2", "0", "3")))
		wantAbsent(t, rep, "proactive/other_services/prior_items", "proactive/other_services/change", "proactive/other_services/decisions")
		wantWarning(t, rep, "其他对外管理服务事项", "行政检查", "left out")
	})
}

// Class 2, continued: a qualifier in a numbered label, two bracketed
// groups, and an instruction broken over lines (its bracket closes in a
// later cell, which does not end the row).
func TestClass2BracketVariants(t *testing.T) {
	rep := parseString(t, flat("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
		"（一）规章（制度）（试行）", "1", "2", "3",
		"规范性文件（指本机关依照法定权限和程序制定、涉及公民法人和其他", "组织权利义务、在一定期限内反复适用的公文）", "4", "5", "6",
		"第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
		"行政许可", "（仅限本机关实施的行政许可事项填写）", "7", "8", "9"))
	wantValues(t, rep, "proactive/regulations/made = 1", "proactive/regulations/total_published = 3",
		"proactive/normative_documents/made = 4", "proactive/normative_documents/total_published = 6",
		"proactive/licensing/prior_items = 7", "proactive/licensing/decisions = 9")
}
