package parse

import "testing"

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
	}{{"1.2万元", 1.2, "万元"}, {"96.42万", 96.42, "万元"}, {"3（条）", 3, ""}, {"9527(件)", 9527, ""}, {"12(万元)", 12, "万元"}} {
		v, ok := readValue(tc.cell)
		if !ok || v.number == nil || *v.number != tc.want || v.unit != tc.unit {
			t.Errorf("readValue(%q) = %v %v unit %q, want %v %q", tc.cell, ok, v.number, v.unit, tc.want, tc.unit)
		}
	}
	if _, ok := readValue("3(其中)"); ok {
		t.Errorf("readValue(3(其中)) read as a number")
	}
}
