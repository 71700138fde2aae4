package parse

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// One focused test per quirk of testdata/corpus/NOTES.md (§A–§D) that the
// parser must survive, named after the item. Every input is built here from
// the quirk's quoted text, small enough to read; the corpus itself is
// covered by golden_test.go.

// ---------------------------------------------------------------------------
// Helpers

// parseString parses a document given as a string and fails on error.
func parseString(t *testing.T, doc string) *Report {
	t.Helper()
	rep, err := Parse([]byte(doc), Options{Name: t.Name()})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return rep
}

// flat writes cells as flattened lines: one cell per paragraph, a blank
// line between (NOTES A.7).
func flat(cells ...string) string { return strings.Join(cells, "\n\n") + "\n" }

// pipeRows writes rows as the store serialised them: "a | b | c |" (A.5).
func pipeRows(rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | "))
		b.WriteString(" |\n")
	}
	return b.String()
}

func row(cells ...string) []string { return cells }

// cat joins cell lists.
func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// rep7 returns n copies of s.
func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// wantValues asserts values given as "section/row/col = N" or
// "section/row/col = NULL", optionally followed by the raw text in
// brackets: "proactive/licensing/change = 15 [增15]".
func wantValues(t *testing.T, rep *Report, specs ...string) {
	t.Helper()
	for _, s := range specs {
		key, val, ok := strings.Cut(s, " = ")
		if !ok {
			t.Fatalf("bad spec %q", s)
		}
		raw, hasRaw := "", false
		if i := strings.Index(val, " ["); i >= 0 && strings.HasSuffix(val, "]") {
			raw, hasRaw = val[i+2:len(val)-1], true
			val = val[:i]
		}
		parts := strings.Split(key, "/")
		got, found := rep.Lookup(parts[0], parts[1], parts[2])
		if !found {
			t.Errorf("%s missing, want %s", key, val)
			continue
		}
		switch {
		case val == "NULL" && got.Number != nil:
			t.Errorf("%s = %v (raw %q), want NULL", key, *got.Number, got.Raw)
		case val != "NULL" && got.Number == nil:
			t.Errorf("%s = NULL (raw %q), want %s", key, got.Raw, val)
		case val != "NULL":
			want, err := strconv.ParseFloat(val, 64)
			if err != nil {
				t.Fatalf("bad spec %q", s)
			}
			if *got.Number != want {
				t.Errorf("%s = %v (raw %q), want %s", key, *got.Number, got.Raw, val)
			}
		}
		if hasRaw && got.Raw != raw {
			t.Errorf("%s raw = %q, want %q", key, got.Raw, raw)
		}
	}
}

// wantAbsent asserts that no value is stored under the keys.
func wantAbsent(t *testing.T, rep *Report, keys ...string) {
	t.Helper()
	for _, k := range keys {
		p := strings.Split(k, "/")
		if v, ok := rep.Lookup(p[0], p[1], p[2]); ok {
			t.Errorf("%s = %s (raw %q), want it left out", k, fmtNum(v.Number), v.Raw)
		}
	}
}

// wantCount asserts how many values a section holds ("" counts all).
func wantCount(t *testing.T, rep *Report, section string, n int) {
	t.Helper()
	got := 0
	for _, v := range rep.Values {
		if section == "" || v.Section == section {
			got++
		}
	}
	if got != n {
		t.Errorf("%d %s values, want %d: %s", got, section, n, dumpValues(rep.Values))
	}
}

func dumpValues(vs []Value) string {
	var b strings.Builder
	for i, v := range vs {
		if i == 40 {
			b.WriteString("\n  …")
			break
		}
		b.WriteString("\n  " + v.Key() + " = " + fmtNum(v.Number) + " [" + v.Raw + "]")
	}
	return b.String()
}

// wantWarning asserts that one warning contains every fragment.
func wantWarning(t *testing.T, rep *Report, fragments ...string) {
	t.Helper()
	for _, w := range rep.Warnings {
		all := true
		for _, f := range fragments {
			if !strings.Contains(w, f) {
				all = false
				break
			}
		}
		if all {
			return
		}
	}
	t.Errorf("no warning containing %q; warnings: %q", fragments, rep.Warnings)
}

// wantNoWarning asserts that no warning contains the fragment.
func wantNoWarning(t *testing.T, rep *Report, fragment string) {
	t.Helper()
	for _, w := range rep.Warnings {
		if strings.Contains(w, fragment) {
			t.Errorf("unexpected warning %q", w)
		}
	}
}

// wantTemplate asserts the layout the report was read as.
func wantTemplate(t *testing.T, rep *Report, want string) {
	t.Helper()
	if rep.Template != want {
		t.Errorf("template = %q, want %q", rep.Template, want)
	}
}

// wantCheck finds a check by name and key and asserts its outcome; the
// detail must contain every fragment.
func wantCheck(t *testing.T, rep *Report, name, key string, ok bool, fragments ...string) {
	t.Helper()
	for _, c := range rep.Checks {
		if c.Name != name || c.Key != key {
			continue
		}
		if c.OK != ok {
			t.Errorf("check %s %s ok = %v, want %v (%s)", name, key, c.OK, ok, c.Detail)
		}
		for _, f := range fragments {
			if !strings.Contains(c.Detail, f) {
				t.Errorf("check %s %s detail %q lacks %q", name, key, c.Detail, f)
			}
		}
		return
	}
	t.Errorf("check %s %s did not run; checks: %+v", name, key, rep.Checks)
}

// ---------------------------------------------------------------------------
// Table builders: the national tables as cells, with every value "0" unless
// given. They keep the tests' inputs short where a whole table is needed.

// table2v2021 is table 二 of the 2021 template.
func table2v2021() []string {
	return []string{
		"二、主动公开政府信息情况",
		"第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
		"规章", "0", "0", "0",
		"行政规范性文件", "2", "0", "4",
		"第二十条第（五）项", "信息内容", "本年处理决定数量",
		"行政许可", "45",
		"第二十条第（六）项", "信息内容", "本年处理决定数量",
		"行政处罚", "32",
		"行政强制", "0",
		"第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）",
		"行政事业性收费", "6016",
	}
}

// table2v2019 is table 二 of the 2019 template.
func table2v2019() []string {
	return []string{
		"二、主动公开政府信息情况",
		"第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
		"规章", "0", "0", "0",
		"规范性文件", "1", "1", "9",
		"第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
		"行政许可", "30", "增15", "40",
		"其他对外管理服务事项", "5", "减4", "3",
		"第二十条第（六）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
		"行政处罚", "26", "-185", "430",
		"行政强制", "0", "0", "0",
		"第二十条第（八）项", "信息内容", "上一年项目数量", "本年增/减",
		"行政事业性收费", "3", "0",
		"第二十条第（九）项", "信息内容", "采购项目数量", "采购总金额（万元）",
		"政府集中采购", "2", "9116.36",
	}
}

// t3row is one printed line of table 三: a label and, for data rows, the
// canonical key.
type t3row struct{ label, key string }

// table3Rows lists table 三 as printed under each template.
func table3Rows(template string) []t3row {
	rows := []t3row{
		{"一、本年新收政府信息公开申请数量", "new"},
		{"二、上年结转政府信息公开申请数量", "carried_over"},
		{"三、本年度办理结果", ""},
		{"（一）予以公开", "granted"},
		{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"},
		{"（三）不予公开", ""},
		{"1.属于国家秘密", "denied_state_secret"},
		{"2.其他法律行政法规禁止公开", "denied_prohibited_by_law"},
		{"3.危及“三安全一稳定”", "denied_security_stability"},
		{"4.保护第三方合法权益", "denied_third_party"},
		{"5.属于三类内部事务信息", "denied_internal_affairs"},
		{"6.属于四类过程性信息", "denied_process_info"},
		{"7.属于行政执法案卷", "denied_enforcement_file"},
		{"8.属于行政查询事项", "denied_admin_query"},
		{"（四）无法提供", ""},
		{"1.本机关不掌握相关政府信息", "unable_not_held"},
		{"2.没有现成信息需要另行制作", "unable_needs_creation"},
		{"3.补正后申请内容仍不明确", "unable_unclear"},
		{"（五）不予处理", ""},
		{"1.信访举报投诉类申请", "not_processed_complaint"},
		{"2.重复申请", "not_processed_duplicate"},
		{"3.要求提供公开出版物", "not_processed_publication"},
		{"4.无正当理由大量反复申请", "not_processed_excessive"},
		{"5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"},
	}
	if template == Template2019 {
		rows = append(rows, t3row{"（六）其他处理", "other"})
	} else {
		rows = append(rows,
			t3row{"（六）其他处理", ""},
			t3row{"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_overdue_correction"},
			t3row{"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_unpaid_fee"},
			t3row{"3.其他", "other"})
	}
	return append(rows, t3row{"（七）总计", "handled_total"}, t3row{"四、结转下年度继续办理", "carried_forward"})
}

// table3Head is table 三's title and column headers.
var table3Head = []string{
	"三、收到和处理政府信息公开申请情况",
	"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
	"自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
}

// table3 is table 三 as flattened cells; vals overrides a row's seven cells.
func table3(template string, vals map[string][]string) []string {
	out := append([]string(nil), table3Head...)
	for _, r := range table3Rows(template) {
		out = append(out, r.label)
		if r.key == "" {
			continue
		}
		if v, ok := vals[r.key]; ok {
			out = append(out, v...)
		} else {
			out = append(out, repeat("0", 7)...)
		}
	}
	return out
}

// table4Head is table 四's title and headers, as printed before its 15 values.
var table4Head = []string{
	"四、政府信息公开行政复议、行政诉讼情况",
	"行政复议", "行政诉讼",
	"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
	"未经复议直接起诉", "复议后起诉",
	"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
	"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
}

// table4 is table 四 with its 15 values, then the next part's heading.
func table4(vals ...string) []string {
	if len(vals) == 0 {
		vals = repeat("0", 15)
	}
	return cat(table4Head, vals, []string{"五、存在的主要问题及改进情况", "一是公开意识有待加强。"})
}

// report2021 is a whole 2021 report as flattened cells.
func report2021(vals map[string][]string) []string {
	return cat([]string{"某县2022年政府信息公开工作年度报告", "一、总体情况", "2022年，某县坚持公开。"},
		table2v2021(), table3(Template2021, vals), table4())
}

// ---------------------------------------------------------------------------
// §A How the tables arrive

// NOTES A.1: real HTML tables with rowspan/colspan headers — the 勾稽 note
// spans 3×3, 申请人情况 spans 7 columns, 三、本年度办理结果 spans the outcome
// rows and （三）（四）（五）（六） span 8/3/5/3 rows, so their first data row
// carries one or two label cells more than the others.
func TestQuirk01HTMLSpans(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><p>三、收到和处理政府信息公开申请情况</p><table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br/>企业</td><td>科研<br/>机构</td><td>社会公益<br/>组织</td><td>法律服务<br/>机构</td><td>其他</td></tr>
`)
	spans := map[string]string{
		"三、本年度办理结果": `<td rowspan="22">三、本年度办理结果</td>`,
		"（三）不予公开":   `<td rowspan="8">（三）不予公开</td>`,
		"（四）无法提供":   `<td rowspan="3">（四）无法提供</td>`,
		"（五）不予处理":   `<td rowspan="5">（五）不予处理</td>`,
		"（六）其他处理":   `<td rowspan="3">（六）其他处理</td>`,
	}
	n := 0
	var prefix string
	for _, r := range table3Rows(Template2021) {
		if r.key == "" {
			prefix += spans[r.label]
			continue
		}
		n++
		span := ` colspan="2"`
		if strings.HasPrefix(r.label, "一") || strings.HasPrefix(r.label, "二") || strings.HasPrefix(r.label, "四") {
			span = ` colspan="3"`
		} else if r.label[0] >= '1' && r.label[0] <= '9' {
			span = ""
		}
		b.WriteString("<tr>" + prefix + "<td" + span + ">" + r.label + "</td>")
		prefix = ""
		// Row n holds n, 0, 0, 0, 0, 1, n+1: every row distinct, totals right.
		for _, v := range []int{n, 0, 0, 0, 0, 1, n + 1} {
			b.WriteString("<td>" + strconv.Itoa(v) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table></body></html>")
	rep := parseString(t, b.String())
	wantCount(t, rep, SectionRequests, 25*7)
	n = 0
	for _, r := range table3Rows(Template2021) {
		if r.key == "" {
			continue
		}
		n++
		k := "requests/" + r.key + "/"
		wantValues(t, rep, k+"natural_person = "+strconv.Itoa(n), k+"commercial = 0", k+"other_org = 1", k+"total = "+strconv.Itoa(n+1))
	}
	for _, c := range rep.Checks {
		if c.Name == "requests_row_total" && !c.OK {
			t.Errorf("row total %s failed: %s", c.Key, c.Detail)
		}
	}
}

// NOTES A.2: table 二's header row puts colspan="2" on its 3rd cell
// (本年新<br />公开数量), the 第二十条第（五）/（六）项 data rows put it on the 2nd
// (<td colspan="2">0</td>): columns follow the cell order, not the grid.
func TestQuirk02SpanMismatch(t *testing.T) {
	page := `<html><body><p>二、主动公开政府信息情况</p><table border="1"><tbody>
<tr><td colspan="5">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新<br />制作数量</td><td colspan="2">本年新<br />公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>1</td><td colspan="2">2</td><td>3</td></tr>
<tr><td>规范性文件</td><td>4</td><td colspan="2">5</td><td>6</td></tr>
<tr><td colspan="5">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年<br />项目数量</td><td colspan="2">本年<br />增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="2">7</td><td>增8</td><td>9</td></tr>
<tr><td>其他对外管理服务事项</td><td colspan="2">10</td><td>0</td><td>11</td></tr>
<tr><td colspan="5">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td>上一年<br />项目数量</td><td colspan="2">本年<br />增/减</td><td>处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="2">12</td><td>减13</td><td>14</td></tr>
<tr><td>行政强制</td><td colspan="2">0</td><td>0</td><td>0</td></tr>
</tbody></table></body></html>`
	rep := parseString(t, page)
	wantTemplate(t, rep, Template2019)
	wantValues(t, rep,
		"proactive/regulations/made = 1", "proactive/regulations/published = 2", "proactive/regulations/total_published = 3",
		"proactive/normative_documents/made = 4", "proactive/normative_documents/published = 5", "proactive/normative_documents/total_published = 6",
		"proactive/licensing/prior_items = 7", "proactive/licensing/change = 8 [增8]", "proactive/licensing/decisions = 9",
		"proactive/other_services/prior_items = 10", "proactive/other_services/change = 0", "proactive/other_services/decisions = 11",
		"proactive/punishment/prior_items = 12", "proactive/punishment/change = -13 [减13]", "proactive/punishment/decisions = 14",
		"proactive/enforcement/decisions = 0")
	wantCount(t, rep, SectionProactive, 18)
}

// NOTES A.3: header cells broken for width — <br /> inside an HTML cell,
// "本年新\n制作数量" on two lines of one flattened cell [011], and one header
// cell split into two paragraphs "本年新\n\n制作数量" [005, 027]: the extra
// "cells" are headers, never values, and still decide the layout.
func TestQuirk03BrokenHeaderCells(t *testing.T) {
	values := []string{"规章", "1", "2", "3", "规范性文件", "4", "5", "6"}
	for _, tc := range []struct{ name, doc string }{
		{"br in html cell", `<table><tr><td>信息内容</td><td>本年新<br />制作数量</td><td>本年新<br/>公开数量</td><td>对外公开<br>总数量</td></tr>
<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr><tr><td>规范性文件</td><td>4</td><td>5</td><td>6</td></tr></table>`},
		{"line break inside a flattened cell", "信息内容\n\n本年新\n制作数量\n\n本年新\n公开数量\n\n对外公开总数量\n\n" + flat(values...)},
		{"header split into two paragraphs", flat(cat([]string{"信息内容", "本年新", "制作数量", "本年新", "公开数量", "对外公开", "总数量"}, values)...)},
		{"one paragraph per cell in html", "<div>" + "<p>信息内容</p><p>本年新</p><p>制作数量</p><p>本年新公开数量</p><p>对外公开总数量</p>" +
			"<p>规章</p><p>1</p><p>2</p><p>3</p><p>规范性文件</p><p>4</p><p>5</p><p>6</p></div>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			wantTemplate(t, rep, Template2019)
			wantValues(t, rep,
				"proactive/regulations/made = 1", "proactive/regulations/published = 2", "proactive/regulations/total_published = 3",
				"proactive/normative_documents/made = 4", "proactive/normative_documents/published = 5", "proactive/normative_documents/total_published = 6")
			wantCount(t, rep, "", 6)
		})
	}
}

// NOTES A.4: Word-exported HTML (MsoNormalTable) [042] — every cell is
// <td style="…\n…"><p class="p"><span><span>label</span><span>&nbsp;</span></span></p></td>,
// tabs in <span style="white-space:pre">, entities in the text, and the body
// in div.TRS_Editor inside div.article_content after site chrome whose menus
// name 行政许可/行政处罚 beside numbers.
func TestQuirk04WordExportHTML(t *testing.T) {
	td := func(s string) string {
		return `<td width="142" valign="center" style="padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;border-left:0.5000pt solid rgb(0,0,0);
mso-border-left-alt:0.5000pt solid rgb(0,0,0);"><p class="p" align="center" style="margin-left:0.0000pt;text-align:center;
"><span style="font-family:仿宋_GB2312;mso-spacerun:'yes';font-size:12.0000pt;"><span style="font-family:仿宋_GB2312">` + s +
			`</span><span style="font-family:仿宋_GB2312">&nbsp;</span></span><o:p></o:p></p></td>`
	}
	tr := func(cells ...string) string {
		var b strings.Builder
		b.WriteString("<tr style=\"height:20.0pt\">")
		for _, c := range cells {
			b.WriteString(td(c))
		}
		b.WriteString("</tr>\n")
		return b.String()
	}
	chrome := strings.Repeat(`<li class="menu-item"><a href="/zwgk/xzxk/" target="_blank" title="行政许可">行政许可</a><span class="count">12</span></li>`+"\n", 60) +
		strings.Repeat(`<li><a href="/zwgk/xzcf/">行政处罚</a> 3</li>`, 40)
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>平潭综合实验区2022年政府信息公开工作年度报告</title></head><body>
<div class="nav"><ul>` + chrome + `</ul></div>
<div class="article_content"><div class="TRS_Editor">
<p class="p"><span style="white-space:pre">	</span><span>本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发&lt;中华人民共和国政府信息公开工作年度报告格式&gt;的通知》要求编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。</span></p>
<p class="p"><span style="white-space:pre">	</span><span>二、主动公开政府信息情况</span></p>
<table class="MsoNormalTable" border="1" cellspacing="0" style="border-collapse:collapse;
width:426.1000pt;mso-table-layout-alt:fixed;">` +
		tr("第二十条第（一）项") +
		tr("信息内容", "本年制发件数", "本年废止件数", "现行有效件数") +
		tr("规章", "0", "0", "0") +
		tr("行政规范性文件", "3", "1", "12") +
		tr("第二十条第（五）项") +
		tr("信息内容", "本年处理决定数量") +
		tr("行政许可", "10690") +
		tr("第二十条第（六）项") +
		tr("信息内容", "本年处理决定数量") +
		tr("行政处罚", "4529") +
		tr("行政强制", "&nbsp;") +
		`</table></div></div>
<div class="footer">主办单位：平潭综合实验区管委会办公室</div></body></html>`
	rep := parseString(t, page)
	wantTemplate(t, rep, Template2021)
	wantValues(t, rep,
		"proactive/regulations/issued = 0", "proactive/regulations/repealed = 0", "proactive/regulations/in_force = 0",
		"proactive/normative_documents/issued = 3", "proactive/normative_documents/repealed = 1", "proactive/normative_documents/in_force = 12",
		"proactive/licensing/decisions = 10690 [10690]", "proactive/punishment/decisions = 4529",
		"proactive/enforcement/decisions = NULL []")
	wantCount(t, rep, "", 9)
	wantWarning(t, rep, "rows missing", "fees")
}

// NOTES A.5: pipe rows "规章 | 0 | 0 | 0 |" [009, 013, 025, 053] — colspan
// filler "第二十条第(一)项 | ||||" and "行政许可 | 0 | ||", an empty trailing
// column "规章 | 0 | 0 | 0 | |", a leading "| " and a trailing space
// "| 规章 | 2 | 0 | 2 | ", and "| 规章 | 0 | 0 | |" whose last cell is blank
// (NULL in_force, raw "").
func TestQuirk05PipeRows(t *testing.T) {
	header := "第二十条第(一)项 | ||||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
	tail := "第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 7 | ||\n"
	for _, tc := range []struct {
		name, doc string
		want      []string
	}{
		{"plain", header + "规章 | 2 | 0 | 2 |\n行政规范性文件 | 1 | 0 | 5 |\n" + tail,
			[]string{"proactive/regulations/issued = 2", "proactive/regulations/in_force = 2", "proactive/normative_documents/in_force = 5", "proactive/licensing/decisions = 7"}},
		{"empty trailing column", header + "规章 | 0 | 0 | 0 | |\n行政规范性文件 | 1 | 0 | 5 | |\n" + tail,
			[]string{"proactive/regulations/in_force = 0", "proactive/normative_documents/issued = 1", "proactive/normative_documents/in_force = 5", "proactive/licensing/decisions = 7"}},
		{"leading pipe and trailing space", "| 第二十条第(一)项 | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n| 规章 | 2 | 0 | 2 | \n| 行政规范性文件 | 2 | 0 | 2 | \n| 第二十条第(五)项 | |||\n| 信息内容 | 本年处理决定数量 | ||\n| 行政许可 | 7 | ||\n",
			[]string{"proactive/regulations/issued = 2 [2]", "proactive/regulations/repealed = 0", "proactive/regulations/in_force = 2", "proactive/normative_documents/in_force = 2", "proactive/licensing/decisions = 7"}},
		{"blank last cell is NULL", "| 第二十条第(一)项 | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | |\n| 行政规范性文件 | 0 | 0 | |\n| 第二十条第(五)项 | |||\n| 信息内容 | 本年处理决定数量 | ||\n| 行政许可 | 1300 | ||\n",
			[]string{"proactive/regulations/issued = 0", "proactive/regulations/in_force = NULL []", "proactive/normative_documents/in_force = NULL []", "proactive/licensing/decisions = 1300"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			wantTemplate(t, rep, Template2021)
			wantValues(t, rep, tc.want...)
			wantCount(t, rep, "", 7)
			wantNoWarning(t, rep, "left out")
		})
	}
}

// NOTES A.6: pipe cells [003, 037] — one cell per line ending " |", span
// filler lines "|||", "||", "||||||||", a bare "|" line for an empty cell
// (003: "一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |") and "/ |".
func TestQuirk06PipeCells(t *testing.T) {
	doc := strings.Join([]string{
		"二、主动公开政府信息情况",
		"第二十条第(一)项 |", "|||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |",
		"规章 |", "/ |", "/ |", "/ |",
		"行政规范性文件 |", "0 |", "1 |", "3 |",
		"第二十条第(五)项 |", "|||", "信息内容 |", "本年处理决定数量 |", "||",
		"行政许可 |", "0 |", "||",
		"三、收到和处理政府信息公开申请情况",
		"(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "申请人情况 |", "||||||||",
		"自然人 |", "法人或其他组织 |", "总计 |", "|||||||",
		"商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "|||||",
		"一、本年新收政府信息公开申请数量 |", "|", "|", "|", "|", "|", "|", "0 |", "||",
		"二、上年结转政府信息公开申请数量 |", "|", "2 |", "|", "|", "|", "|", "2 |", "||",
	}, "\n") + "\n"
	rep := parseString(t, doc)
	wantTemplate(t, rep, Template2021)
	wantValues(t, rep,
		"proactive/regulations/issued = NULL [/]", "proactive/regulations/repealed = NULL [/]", "proactive/regulations/in_force = NULL [/]",
		"proactive/normative_documents/issued = 0", "proactive/normative_documents/repealed = 1", "proactive/normative_documents/in_force = 3",
		"proactive/licensing/decisions = 0",
		"requests/new/natural_person = NULL []", "requests/new/other_org = NULL []", "requests/new/total = 0 [0]",
		"requests/carried_over/natural_person = NULL []", "requests/carried_over/commercial = 2", "requests/carried_over/total = 2")
	wantCount(t, rep, "", 7+14)
	// A row total with NULL cells is not checked: NULL is not 0.
	for _, c := range rep.Checks {
		if c.Name == "requests_row_total" {
			t.Errorf("row total checked over NULL cells: %+v", c)
		}
	}
}

// NOTES A.7: flattened lines — every cell its own paragraph, rows rebuilt
// from labels and the layout's column counts (3 for 20(1); 3 (2019) or 1
// (2021) for 20(5)/(6); 2 or 1 for 20(8); 2 for 20(9); 7 for table 三; 15
// for table 四 after its header).
func TestQuirk07FlattenedLines(t *testing.T) {
	t.Run("2021", func(t *testing.T) {
		vals := map[string][]string{
			"new":            {"3", "1", "0", "0", "0", "0", "4"},
			"granted":        {"2", "1", "0", "0", "0", "0", "3"},
			"unable_unclear": {"1", "0", "0", "0", "0", "0", "1"},
			"handled_total":  {"3", "1", "0", "0", "0", "0", "4"},
		}
		doc := report2021(vals)
		// Table 四's 15 values follow its header.
		doc = cat(doc[:len(doc)-17], []string{"1", "0", "0", "0", "1", "0", "0", "0", "2", "2", "0", "0", "0", "0", "0"}, doc[len(doc)-2:])
		rep := parseString(t, flat(doc...))
		wantTemplate(t, rep, Template2021)
		wantCount(t, rep, SectionProactive, 10)
		wantCount(t, rep, SectionRequests, 25*7)
		wantCount(t, rep, SectionReview, 15)
		wantValues(t, rep,
			"proactive/normative_documents/issued = 2", "proactive/normative_documents/in_force = 4",
			"proactive/licensing/decisions = 45", "proactive/punishment/decisions = 32", "proactive/enforcement/decisions = 0",
			"proactive/fees/amount_10k_yuan = 6016",
			"requests/new/natural_person = 3", "requests/new/commercial = 1", "requests/new/total = 4",
			"requests/granted/total = 3", "requests/unable_unclear/natural_person = 1", "requests/handled_total/total = 4",
			"requests/other_overdue_correction/total = 0", "requests/other/total = 0", "requests/carried_forward/total = 0",
			"review/reconsideration/upheld = 1", "review/reconsideration/total = 1",
			"review/litigation_direct/pending = 2", "review/litigation_direct/total = 2",
			"review/litigation_after_reconsideration/total = 0")
		if rep.ChecksFailed() != 0 {
			t.Errorf("%d checks failed: %+v", rep.ChecksFailed(), rep.Checks)
		}
		if len(rep.Warnings) != 0 {
			t.Errorf("warnings: %q", rep.Warnings)
		}
	})
	// Sites publish the same shape as one <p> per cell.
	t.Run("html paragraph per cell", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`<html><body><div class="TRS_Editor">`)
		for _, c := range report2021(nil) {
			b.WriteString(`<p style="text-align:center"><span>` + c + "</span></p>\n")
		}
		b.WriteString("</div></body></html>")
		rep := parseString(t, b.String())
		wantTemplate(t, rep, Template2021)
		wantCount(t, rep, "", 10+25*7+15)
		wantValues(t, rep, "proactive/normative_documents/in_force = 4", "proactive/fees/amount_10k_yuan = 6016", "requests/carried_forward/total = 0")
		if rep.ChecksFailed() != 0 || len(rep.Warnings) != 0 {
			t.Errorf("%d checks failed, warnings %q", rep.ChecksFailed(), rep.Warnings)
		}
	})
	t.Run("2019", func(t *testing.T) {
		rep := parseString(t, flat(cat(table2v2019(), table3(Template2019, nil), table4())...))
		wantTemplate(t, rep, Template2019)
		wantCount(t, rep, SectionProactive, 22)
		wantCount(t, rep, SectionRequests, 23*7)
		wantCount(t, rep, SectionReview, 15)
		wantValues(t, rep,
			"proactive/licensing/prior_items = 30", "proactive/licensing/change = 15 [增15]", "proactive/licensing/decisions = 40",
			"proactive/other_services/change = -4 [减4]", "proactive/punishment/change = -185 [-185]",
			"proactive/fees/prior_items = 3", "proactive/fees/change = 0",
			"proactive/procurement/items = 2", "proactive/procurement/amount_10k_yuan = 9116.36",
			"requests/other/total = 0")
	})
	// A row whose value count does not fit its layout is left out with a
	// warning that names it; its neighbours are not shifted.
	t.Run("count does not fit", func(t *testing.T) {
		doc := table2v2021()
		for i, c := range doc {
			if c == "行政规范性文件" {
				doc = cat(doc[:i+1], []string{"2", "0"}, doc[i+4:]) // one value lost
				break
			}
		}
		rep := parseString(t, flat(doc...))
		wantAbsent(t, rep, "proactive/normative_documents/issued", "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
		wantWarning(t, rep, "行政规范性文件", "2 values", "3 columns", "left out")
		wantValues(t, rep, "proactive/regulations/in_force = 0", "proactive/licensing/decisions = 45")
	})
	// Table 四's 15 values: one too many is left out whole, never cut to
	// fit (the values would be shifted); a blank cell after them is filler.
	t.Run("table 四 count", func(t *testing.T) {
		vals := []string{"1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "2", "0", "1", "3"}
		rep := parseString(t, flat(table4(append([]string{"9"}, vals...)...)...))
		wantCount(t, rep, SectionReview, 0)
		wantWarning(t, rep, "table 四", "16 values", "left out")
		rep = parseString(t, flat(table4(vals[:14]...)...))
		wantCount(t, rep, SectionReview, 0)
		wantWarning(t, rep, "table 四", "14 values", "left out")
		rep = parseString(t, strings.Join(cat(table4Head, vals), " |\n")+" |\n|\n|\n五、存在的主要问题及改进情况\n")
		wantCount(t, rep, SectionReview, 15)
		wantValues(t, rep, "review/reconsideration/upheld = 1", "review/litigation_after_reconsideration/total = 3")
	})
	// A table-三 row with eight values is too long: left out, not truncated.
	t.Run("too many values", func(t *testing.T) {
		rep := parseString(t, flat(table3(Template2021, map[string][]string{"granted": {"1", "2", "3", "4", "5", "6", "7", "8"}})...))
		wantAbsent(t, rep, "requests/granted/natural_person", "requests/granted/total")
		wantWarning(t, rep, "予以公开", "8 values", "left out")
		wantValues(t, rep, "requests/partially_granted/total = 0")
	})
}

// A report cut short (most corpus texts stop inside the report): the values
// present are kept, the row it ends in up to its last closed cell (issue 10
// class 1), and the warnings list what is missing.
func TestCutDocumentPartial(t *testing.T) {
	doc := cat(table2v2021(), table3(Template2021, nil))
	for i, c := range doc {
		if c == "（三）不予公开" {
			doc = doc[:i+4] // cut inside 1.属于国家秘密
			break
		}
	}
	rep := parseString(t, flat(doc...))
	wantTemplate(t, rep, Template2021)
	wantCount(t, rep, SectionProactive, 10)
	wantValues(t, rep, "requests/new/total = 0", "requests/partially_granted/total = 0")
	wantValues(t, rep, "requests/denied_state_secret/natural_person = 0", "requests/denied_state_secret/commercial = 0")
	wantAbsent(t, rep, "requests/denied_state_secret/research", "requests/denied_state_secret/total")
	wantWarning(t, rep, "ends after 2 of its 7 values")
	wantWarning(t, rep, "requests: rows missing", "denied_state_secret", "handled_total", "carried_forward")
	wantWarning(t, rep, "review: table 四 not found")
	wantNoWarning(t, rep, "proactive")
}

// NOTES A.8: glued text [039, 041] — no separator between cells. Only values
// the sum rules decide are kept: "行政规范性文件8855698" has many splits and no
// rule (left out, warned); "一、本年新收政府信息公开申请数量 713000074" is 71/3/0/0/0/0/74
// by the row-total rule; in "1.本机关不掌握相关政府信息 3700000372.没有现成信息…" the
// total 37 runs into the next row's list number "2."; table 四
// "21317000001324019" is 2,1,3,1,7 | 0,0,0,0,0 | 13,2,4,0,19.
func TestQuirk08Glued(t *testing.T) {
	t.Run("row label then digits", func(t *testing.T) {
		doc := flat("信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
			"行政规范性文件8855698",
			"规章 0 0 0",
			"三、收到和处理政府信息公开申请情况",
			"一、本年新收政府信息公开申请数量 713000074")
		rep := parseString(t, doc)
		wantTemplate(t, rep, Template2021)
		wantAbsent(t, rep, "proactive/normative_documents/issued", "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
		wantWarning(t, rep, "行政规范性文件", "8855698", "issued, repealed, in_force cannot be decided")
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/in_force = 0",
			"requests/new/natural_person = 71", "requests/new/commercial = 3", "requests/new/research = 0",
			"requests/new/social_welfare = 0", "requests/new/legal_services = 0", "requests/new/other_org = 0", "requests/new/total = 74")
		wantNoWarning(t, rep, "本年新收")
	})
	// One row per line with partial spaces — "（七）总计23 0 00 0 023",
	// "四、结转下年度继续办理 0 0 00 00 0 " [039] — and list-numbered labels
	// "1.属于国家秘密 2 0 0 0 0 0 2", whose list number is part of the label.
	t.Run("row per line with spaces", func(t *testing.T) {
		doc := "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 230 000023\n(三)不予公开\n" +
			"1.属于国家秘密 2 0 0 0 0 0 2\n2、其他法律行政法规禁止公开 3 0 0 0 0 0 3\n" +
			"（七）总计23 0 00 0 023\n四、结转下年度继续办理 0 0 00 00 0 \n"
		rep := parseString(t, doc)
		wantValues(t, rep, "requests/new/natural_person = 23", "requests/new/commercial = 0", "requests/new/total = 23",
			"requests/denied_state_secret/natural_person = 2", "requests/denied_state_secret/total = 2",
			"requests/denied_prohibited_by_law/natural_person = 3", "requests/denied_prohibited_by_law/total = 3",
			"requests/handled_total/natural_person = 23", "requests/handled_total/other_org = 0", "requests/handled_total/total = 23",
			"requests/carried_forward/natural_person = 0", "requests/carried_forward/total = 0")
		wantCount(t, rep, "", 5*7)
		wantNoWarning(t, rep, "cannot be decided")
	})
	t.Run("whole table on one line", func(t *testing.T) {
		line := "二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章007规范性文件898989" +
			"第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可3960181其他对外管理服务事项100153" +
			"第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚2648-18538行政强制126025" +
			"第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35-15" +
			"第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购39573802895.90元" +
			"三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他" +
			"一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开3000003" +
			"（三）不予公开1.属于国家秘密00000008.属于行政查询事项0000000三、本年度办理结果（四）无法提供" +
			"1.本机关不掌握相关政府信息 3700000372.没有现成信息需要另行制作00000003.补正后申请内容仍不明确3100004" +
			"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" +
			"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计21317000001324019 五、存在的主要问题及改进情况一是…"
		rep := parseString(t, "平潭综合实验区2020年政府信息公开工作年度报告\n"+line+"\n")
		wantTemplate(t, rep, Template2019)
		wantValues(t, rep,
			"proactive/regulations/made = 0", "proactive/regulations/published = 0", "proactive/regulations/total_published = 7",
			"proactive/punishment/prior_items = 2648",
			"proactive/fees/prior_items = 35", "proactive/fees/change = -15",
			"requests/new/natural_person = 71", "requests/new/commercial = 3", "requests/new/total = 74",
			"requests/carried_over/total = 0", "requests/granted/natural_person = 3", "requests/granted/total = 3",
			"requests/denied_state_secret/total = 0", "requests/denied_admin_query/total = 0",
			"requests/unable_not_held/natural_person = 37", "requests/unable_not_held/commercial = 0", "requests/unable_not_held/total = 37",
			"requests/unable_needs_creation/natural_person = 0", "requests/unable_needs_creation/total = 0",
			"requests/unable_unclear/natural_person = 3", "requests/unable_unclear/commercial = 1", "requests/unable_unclear/total = 4",
			"review/reconsideration/upheld = 2", "review/reconsideration/corrected = 1", "review/reconsideration/other = 3",
			"review/reconsideration/pending = 1", "review/reconsideration/total = 7",
			"review/litigation_direct/total = 0",
			"review/litigation_after_reconsideration/upheld = 13", "review/litigation_after_reconsideration/corrected = 2",
			"review/litigation_after_reconsideration/other = 4", "review/litigation_after_reconsideration/pending = 0",
			"review/litigation_after_reconsideration/total = 19")
		wantAbsent(t, rep, "proactive/normative_documents/made", "proactive/punishment/change", "proactive/punishment/decisions",
			"proactive/procurement/items", "proactive/procurement/amount_10k_yuan")
		wantWarning(t, rep, "规范性文件", "898989", "cannot be decided")
		wantWarning(t, rep, "行政处罚", "2648-18538", "change, decisions cannot be decided")
		wantWarning(t, rep, "政府集中采购", "39573802895.90元", "cannot be decided")
	})
}

// NOTES A.9: no tables at all — headings only [014], tables replaced by
// prose [038], the 2008-era counters [055]: no values, no guesses from the
// prose's figures, and the warning "no statistics tables found".
func TestQuirk09NoTables(t *testing.T) {
	for _, tc := range []struct{ name, doc string }{
		{"headings only", "某县2022年政府信息公开工作年度报告\n一、总体情况\n2022年，我县坚持公开。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"},
		{"prose instead of tables", "四、政府信息公开行政复议、行政诉讼情况\n2021年涉及政府信息公开行政复议0件。其中结果维持0件;结果纠正0件;其他结果0件;尚未审结0件;涉及政府信息公开行政诉讼0件。\n"},
		{"old six-part outline", "一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n五、因政府信息公开申请行政复议及提起行政诉讼情况\n行政复议\n0\n行政诉讼\n0\n"},
		{"2008-era counters", "依申请公开信息数59条,占比52.68%;不予公开信息数46条\n行政许可事项12项,行政处罚3件\n"},
		{"html prose only", "<html><body><h1>某县2022年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p><p>本年制发规章0件，行政规范性文件2件。</p><p>行政许可</p><p>本年处理决定45件。</p></body></html>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			wantCount(t, rep, "", 0)
			wantWarning(t, rep, "no statistics tables found")
			if len(rep.Checks) != 0 {
				t.Errorf("checks without values: %+v", rep.Checks)
			}
		})
	}
}

// NOTES A.10: page-layout pipe lines [017] — hundreds of "|" around
// "来源: 作者: 时间:2023-01-31 点击率:【 打印 】【 关闭 】 |" — and metadata tables
// [033] "索引号 : | 11500000009275780L/2020-11304 | 主题分类 : | 电子政务 | ||||"
// yield no values and do not disturb the table that follows.
func TestQuirk10LayoutAndMetadataTables(t *testing.T) {
	bars := strings.Repeat("|", 300)
	chrome := bars + "\n" + "来源: 作者: 时间:2023-01-31 点击率:【 打印 】【 关闭 】 | ||||\n" + bars + "\n" +
		"索引号 : | 11500000009275780L/2020-11304 | 主题分类 : | 电子政务 | ||||\n" +
		"发布机构 : | 成文日期 : | 2020-03-31 | 发布日期 : | 2020-03-31 | |||\n" +
		"标题 : | 重庆市2019年政府信息公开工作年度报告 | ||||||\n" +
		"发文字号 : | 有 效 性 : |\n" +
		"| 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n"
	t.Run("alone", func(t *testing.T) {
		rep := parseString(t, chrome)
		wantCount(t, rep, "", 0)
		wantWarning(t, rep, "no statistics tables found")
	})
	t.Run("before a table", func(t *testing.T) {
		rep := parseString(t, chrome+pipeRows(
			row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			row("规章", "0", "1", "2"))+bars+"\n")
		wantCount(t, rep, "", 3)
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/repealed = 1", "proactive/regulations/in_force = 2")
	})
	t.Run("html metadata table", func(t *testing.T) {
		rep := parseString(t, `<html><body><table class="meta"><tr><td>索引号</td><td>11500000009275780L/2020-11304</td><td>主题分类</td><td>电子政务</td></tr>
<tr><td>发布机构</td><td></td><td>成文日期</td><td>2020-03-31</td></tr><tr><td>文号</td><td>12</td><td>有效性</td><td>1</td></tr></table>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr><tr><td>规章</td><td>0</td><td>1</td><td>2</td></tr></table></body></html>`)
		wantCount(t, rep, "", 3)
		wantValues(t, rep, "proactive/regulations/in_force = 2")
	})
}

// ---------------------------------------------------------------------------
// §B Template / label variants

// NOTES B.11: two national layouts, and the 2019 layout still used in
// 2021–2023 reports [005, 007, 015]: the table-二 header words decide, not the
// year. Also 2021's （六）其他处理 heads three rows where 2019's is one row.
func TestQuirk11LayoutByHeaderNotYear(t *testing.T) {
	t.Run("2019 layout in a 2021 report", func(t *testing.T) {
		doc := cat([]string{"某镇2021年度政府信息公开工作年度报告", "本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。"},
			table2v2019(), table3(Template2019, map[string][]string{"other": {"1", "0", "0", "0", "0", "0", "1"}}))
		rep := parseString(t, flat(doc...))
		wantTemplate(t, rep, Template2019)
		if rep.Year != 2021 {
			t.Errorf("year = %d, want 2021", rep.Year)
		}
		wantValues(t, rep, "proactive/regulations/made = 0", "proactive/normative_documents/total_published = 9",
			"requests/other/natural_person = 1", "requests/other/total = 1")
		wantAbsent(t, rep, "proactive/regulations/issued", "requests/other_overdue_correction/total", "requests/other_unpaid_fee/total")
	})
	t.Run("2021 layout in a 2020 report", func(t *testing.T) {
		doc := cat([]string{"某县2020年政府信息公开工作年度报告"}, table2v2021(),
			table3(Template2021, map[string][]string{
				"other_overdue_correction": {"1", "0", "0", "0", "0", "0", "1"},
				"other_unpaid_fee":         {"0", "2", "0", "0", "0", "0", "2"},
				"other":                    {"0", "0", "3", "0", "0", "0", "3"},
			}))
		rep := parseString(t, flat(doc...))
		wantTemplate(t, rep, Template2021)
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/fees/amount_10k_yuan = 6016",
			"requests/other_overdue_correction/total = 1", "requests/other_unpaid_fee/commercial = 2",
			"requests/other/research = 3", "requests/other/total = 3")
		wantAbsent(t, rep, "proactive/regulations/made")
	})
	// With no table-二 header a row's value count decides the layout only
	// where one layout alone fits: "行政许可 3 4 5" is 2019's three columns,
	// "行政许可 345" could be 2021's one or 2019's three, and is left out,
	// as is "行政许可 45" in text that shows no blank cells.
	t.Run("no header", func(t *testing.T) {
		rep := parseString(t, "行政许可 3 4 5\n规章 1 2 3\n")
		wantTemplate(t, rep, Template2019)
		wantValues(t, rep, "proactive/licensing/prior_items = 3", "proactive/licensing/change = 4", "proactive/licensing/decisions = 5",
			"proactive/regulations/made = 1", "proactive/regulations/total_published = 3")
		rep = parseString(t, "行政许可 345\n规章 1 2 3\n")
		wantTemplate(t, rep, "")
		wantCount(t, rep, "", 0)
		wantWarning(t, rep, "行政许可", "layout unknown", "345")
		wantWarning(t, rep, "规章", "layout unknown")
		// A cell a line: "行政许可 45" may be 2021's one column or 2019's
		// three with two blanks that left no trace, so it is no evidence;
		// "行政许可 3 4 5" still is (values are not invented).
		rep = parseString(t, flat("行政许可", "45", "规章", "1", "2", "3"))
		wantTemplate(t, rep, "")
		wantCount(t, rep, "", 0)
		rep = parseString(t, flat("行政许可", "3", "4", "5", "规章", "1", "2", "3"))
		wantTemplate(t, rep, Template2019)
		wantValues(t, rep, "proactive/licensing/decisions = 5", "proactive/regulations/total_published = 3")
	})
	t.Run("2019 single other row in pipe rows", func(t *testing.T) {
		doc := pipeRows(row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
			row("（六）其他处理", "2", "0", "0", "0", "0", "0", "2"),
			row("（七）总计", "2", "0", "0", "0", "0", "0", "2"))
		rep := parseString(t, "三、收到和处理政府信息公开申请情况\n"+doc)
		wantTemplate(t, rep, Template2019)
		wantValues(t, rep, "requests/other/natural_person = 2", "requests/other/total = 2", "requests/handled_total/total = 2")
	})
}

// A page's menu above the report, a category and its count a line each
// ("行政许可" / "56"), is no table-二 row: rows read before table 二's own
// heading, item or header are left out. The menu's 56 had been stored as
// 行政许可's decisions (or had collided with the table's 1300), and its
// 行政处罚 12 stored with no table printing it.
func TestMenuCountsBeforeTheReport(t *testing.T) {
	rep := parseString(t, flat("政务公开目录", "行政许可", "56", "行政处罚", "12",
		"某县2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
		"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "3",
		"第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "1300"))
	wantTemplate(t, rep, Template2021)
	wantValues(t, rep, "proactive/licensing/decisions = 1300", "proactive/regulations/in_force = 3")
	wantAbsent(t, rep, "proactive/punishment/decisions")
	wantWarning(t, rep, "行政处罚", "before any table")
	// Table 二 opened by a heading and items spaced out (as PDFs print
	// them), with 主动公开政府信息 in a sentence further on: its rows are
	// the table's.
	rep = parseString(t, flat("某县2023年政府信息公开工作年度报告", "二、主动公开 政府信息情况", "第 二 十 条第（一）项",
		"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "3",
		"五、存在的主要问题及改进情况", "主动公开政府信息的质量有待提高。"))
	wantValues(t, rep, "proactive/regulations/in_force = 3")
	// The same menu after the report's last part (五、…): no table row
	// either, where its 行政处罚 had been stored.
	rep = parseString(t, flat("某县2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
		"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "3",
		"五、存在的主要问题及改进情况", "无。", "政务公开目录", "行政许可", "56", "行政处罚", "12"))
	wantValues(t, rep, "proactive/regulations/in_force = 3")
	wantAbsent(t, rep, "proactive/licensing/decisions", "proactive/punishment/decisions")
	wantWarning(t, rep, "行政处罚", "after the report's tables")
	// A menu line naming a row only 2019 prints, with no values, says
	// nothing of the layout of a report without tables.
	rep = parseString(t, flat("政务公开目录", "政府集中采购 (8)", "某县2023年政府信息公开工作年度报告", "一、总体情况", "本机关认真贯彻落实条例。"))
	wantTemplate(t, rep, "")
}

// In piped text whose rows start with their first cell ("规章 | 0 |"), a
// row starting with a pipe starts with an empty cell that lost its spaces
// to trimming: "| | | | | | 0" is six blanks and a total, not five
// blanks and other_org 0. Where the rows open with a pipe ("| 规章 | 0 |")
// the first pipe only opens the row.
func TestPipedRowWithEmptyFirstCell(t *testing.T) {
	doc := "三、收到和处理政府信息公开申请情况\n" + pipeRows(
		row("自然人", "法人或其他组织", "总计"),
		row("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
		row("一、本年新收政府信息公开申请数量"),
	) + "  |   |   |   |   |   | 0 |\n" + pipeRows(row("二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"))
	rep := parseString(t, doc)
	wantValues(t, rep, "requests/new/natural_person = NULL", "requests/new/other_org = NULL", "requests/new/total = 0",
		"requests/carried_over/total = 1")
	opened := strings.ReplaceAll("\n"+doc, "\n", "\n| ")
	rep = parseString(t, strings.Replace(opened, "|   |   |   |   |   |   | 0 |", "|   |   |   |   |   | 0 |", 1))
	wantValues(t, rep, "requests/carried_over/natural_person = 1", "requests/carried_over/total = 1")
}

// A page holding two years' reports, one after the other: the second's
// cells are not the first's. Its table 三 had been stored under the 2023
// report. The matching stops at another year's title that follows values;
// its own year comes from the report's identity, so a sidebar's titles
// (here a 2021 one, before the tables) neither stop it nor change it.
func TestAnotherYearsReportAfterTheTables(t *testing.T) {
	doc := "伊宁县2023年政府信息公开工作年度报告\n发布时间：2024-01-15\n相关文章\n伊宁县2021年政府信息公开工作年度报告\n一、总体情况\n2023年，我县深入贯彻条例。\n二、主动公开政府信息情况\n" + pipeRows(
		row("第二十条第(一)项"),
		row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		row("规章", "0", "0", "0"),
		row("行政规范性文件", "2", "0", "4"),
	) + "伊宁县2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + pipeRows(
		row("一、本年新收政府信息公开申请数量", "3", "1", "0", "0", "0", "0", "4"),
	)
	rep := parseString(t, doc)
	wantValues(t, rep, "proactive/normative_documents/issued = 2", "proactive/normative_documents/in_force = 4")
	wantAbsent(t, rep, "requests/new/natural_person", "requests/new/total")
	wantWarning(t, rep, "伊宁县2022年", "another year's report")
	// The same year's title again (a footer, the page's heading) goes on.
	rep = parseString(t, strings.Replace(doc, "伊宁县2022年政府", "伊宁县2023年政府", 1))
	wantValues(t, rep, "requests/new/natural_person = 3", "requests/new/total = 4")
	// A sidebar of another year after the title does not make the
	// report's own title, repeated at a page break, another report's.
	sidebar := strings.Replace(strings.Replace(doc, "伊宁县2022年政府", "伊宁县2023年政府", 1), "伊宁县2021年", "伊宁县2024年", 1)
	rep = parseString(t, sidebar)
	wantValues(t, rep, "requests/new/natural_person = 3", "requests/new/total = 4")
}

// NOTES B.12: row label 规范性文件 (2019 layout) vs 行政规范性文件 (2021).
func TestQuirk12NormativeDocumentLabels(t *testing.T) {
	for _, tc := range []struct{ header, label, template, col string }{
		{"本年制发件数", "行政规范性文件", Template2021, "issued"},
		{"本年制发件数", "规范性文件", Template2021, "issued"},
		{"本年新制作数量", "规范性文件", Template2019, "made"},
		{"本年新制作数量", "行政规范性文件", Template2019, "made"},
	} {
		t.Run(tc.label+"/"+tc.template, func(t *testing.T) {
			rep := parseString(t, pipeRows(row("信息内容", tc.header), row(tc.label, "8", "0", "9")))
			wantTemplate(t, rep, tc.template)
			wantValues(t, rep, "proactive/normative_documents/"+tc.col+" = 8")
			wantCount(t, rep, "", 3)
		})
	}
}

// NOTES B.13: header typos and truncations — 本年制作数量, 本年发件 [029],
// 现行有效件 [001, 029, 045], "本年新 | 本年新 |" (second word lost), 本年增/,
// "本年新 制作数量" with spaces [009], "商业 企业 | 科研 机构 …" [009], row label
// 本年度办 理结果, "第二十条(一)项" without 第 [009], the section title
// 四、政府信息公开行政法复议、行政诉讼情况 and 二、主动公开政府政府情况.
func TestQuirk13HeaderTypos(t *testing.T) {
	for _, tc := range []struct {
		name, header, template string
	}{
		{"本年制作数量", "信息内容 | 本年制作数量 | 本年新公开数量 | 对外公开总数量 |", Template2019},
		{"本年发件", "信息内容 | 本年发件 | 本年废止件数 | 现行有效件数 |", Template2021},
		{"现行有效件", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件 |", Template2021},
		{"本年发件 and 现行有效件", "信息内容 | 本年发件 | 本年废止件数 | 现行有效件 |", Template2021},
		{"本年新 | 本年新", "信息内容 | 本年新 | 本年新 | 对外公开总 |", Template2019},
		{"本年增/", "信息内容 | 上一年项目数量 | 本年增/ | 处理决定数量 |", Template2019},
		{"spaces inside headers", "信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |", Template2019},
		{"第二十条(一)项 without 第", "第二十条(一)项 |\n信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |", Template2019},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, "二、主动公开政府政府情况\n"+tc.header+"\n规章 | 1 | 2 | 3 |\n行政许可 | 4 | 增5 | 6 |\n")
			wantTemplate(t, rep, tc.template)
			if tc.template == Template2019 {
				wantValues(t, rep, "proactive/regulations/made = 1", "proactive/regulations/total_published = 3",
					"proactive/licensing/prior_items = 4", "proactive/licensing/change = 5 [增5]", "proactive/licensing/decisions = 6")
			} else {
				wantValues(t, rep, "proactive/regulations/issued = 1", "proactive/regulations/repealed = 2", "proactive/regulations/in_force = 3")
				wantAbsent(t, rep, "proactive/licensing/decisions") // 3 values for 1 column
				wantWarning(t, rep, "行政许可", "3 values", "left out")
			}
		})
	}
	t.Run("applicant headers with spaces, 本年度办 理结果", func(t *testing.T) {
		doc := "三、收到和处理政府信息公开申请情况\n" + pipeRows(
			row("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"),
			row("自然人", "法人或其他组织", "总计"),
			row("商业 企业", "科研 机构", "社会 公益 组织", "法律 服务 机构", "其他"),
			row("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"),
			row("三、本年度办 理结果", "(一)予以公开", "1", "0", "0", "0", "0", "0", "1"),
			row("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "0", "0", "0", "0", "0", "0", "0"))
		rep := parseString(t, doc)
		wantValues(t, rep, "requests/new/total = 1", "requests/granted/natural_person = 1", "requests/granted/total = 1",
			"requests/partially_granted/total = 0")
		wantCount(t, rep, "", 21)
	})
	t.Run("四、政府信息公开行政法复议、行政诉讼情况", func(t *testing.T) {
		doc := cat(table3(Template2021, nil), table4("0", "0", "0", "0", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"))
		for i, c := range doc {
			if c == "四、政府信息公开行政复议、行政诉讼情况" {
				doc[i] = "四、政府信息公开行政法复议、行政诉讼情况"
			}
		}
		rep := parseString(t, flat(doc...))
		wantValues(t, rep, "review/litigation_direct/upheld = 1", "review/litigation_direct/total = 1", "review/reconsideration/total = 0")
		wantCount(t, rep, SectionReview, 15)
	})
}

// NOTES B.14: a table-三 label printed twice across a page break or a split
// rowspan: "…8.属于行政查询事项0000000三、本年度办理结果（四）无法提供…" [039, 041]. The
// repeated group label carries no values and the rows after it are read.
func TestQuirk14LabelPrintedTwice(t *testing.T) {
	doc := table3(Template2021, map[string][]string{"unable_not_held": {"5", "0", "0", "0", "0", "0", "5"}})
	for i, c := range doc {
		if c == "（四）无法提供" {
			doc = cat(doc[:i], []string{"三、本年度办理结果"}, doc[i:])
			break
		}
	}
	rep := parseString(t, flat(doc...))
	wantCount(t, rep, SectionRequests, 25*7)
	wantValues(t, rep, "requests/denied_admin_query/total = 0", "requests/unable_not_held/natural_person = 5", "requests/unable_not_held/total = 5")
	if len(rep.Warnings) != 2 { // table 二 and table 四 not found
		t.Errorf("warnings: %q", rep.Warnings)
	}
	// A row printed twice the same way is read once; printed twice with
	// other numbers, which reading is right cannot be told: left out.
	rep = parseString(t, pipeRows(row("信息内容", "本年制发件数"), row("规章", "1", "2", "3"), row("规章", "1", "2", "3")))
	wantValues(t, rep, "proactive/regulations/issued = 1", "proactive/regulations/in_force = 3")
	wantCount(t, rep, "", 3)
	rep = parseString(t, pipeRows(row("信息内容", "本年制发件数"), row("规章", "1", "2", "3"), row("规章", "7", "2", "9")))
	wantValues(t, rep, "proactive/regulations/repealed = 2")
	wantAbsent(t, rep, "proactive/regulations/issued", "proactive/regulations/in_force")
	wantWarning(t, rep, "proactive row regulations is printed twice", `issued ("1", then "7")`)
}

// NOTES B.15: heading punctuation and numbering — "(三)、", "1、", "(1)",
// "1." and headings run into the table text
// "二、主动公开政府信息情况第二十条第（一）项" [039].
func TestQuirk15Numbering(t *testing.T) {
	doc := flat("二、主动公开政府信息情况第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
		"规章", "0", "0", "1",
		"三、收到和处理政府信息公开申请情况",
		"(三)、不予公开",
		"1、属于国家秘密", "1", "0", "0", "0", "0", "0", "1",
		"(2)其他法律行政法规禁止公开", "2", "0", "0", "0", "0", "0", "2",
		"3．危及“三安全一稳定”", "3", "0", "0", "0", "0", "0", "3",
		"（四）、无法提供",
		"1.本机关不掌握相关政府信息", "4", "0", "0", "0", "0", "0", "4")
	rep := parseString(t, doc)
	wantValues(t, rep, "proactive/regulations/in_force = 1",
		"requests/denied_state_secret/total = 1", "requests/denied_prohibited_by_law/total = 2",
		"requests/denied_security_stability/total = 3", "requests/unable_not_held/total = 4")
	wantCount(t, rep, "", 3+4*7)
}

// ---------------------------------------------------------------------------
// §C Cell values

// NOTES C.17: empty cells are NULL with raw "" (never 0): empty pipe cells
// [003], &nbsp; cells in HTML, the blank column "| 规章 | 0 | 0 | |" [053].
func TestQuirk17EmptyCells(t *testing.T) {
	t.Run("html nbsp", func(t *testing.T) {
		rep := parseString(t, `<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>&nbsp;</td><td>&nbsp;&nbsp;</td><td>0</td></tr><tr><td>行政规范性文件</td><td></td><td>　</td><td>&#160;</td></tr></table>`)
		wantValues(t, rep, "proactive/regulations/issued = NULL []", "proactive/regulations/repealed = NULL []", "proactive/regulations/in_force = 0 [0]",
			"proactive/normative_documents/issued = NULL []", "proactive/normative_documents/repealed = NULL []", "proactive/normative_documents/in_force = NULL []")
	})
	t.Run("pipe blank column", func(t *testing.T) {
		rep := parseString(t, "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | |\n")
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/in_force = NULL []")
	})
	t.Run("pipe cells", func(t *testing.T) {
		rep := parseString(t, "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n|\n0 |\n|\n")
		wantValues(t, rep, "proactive/regulations/issued = NULL []", "proactive/regulations/repealed = 0", "proactive/regulations/in_force = NULL []")
	})
}

// NOTES C.18: "/" as not applicable — "规章 |\n/ |\n/ |\n/ |" [003] — and the
// other marks CONTRACT.md lists (—, -, 无) are NULL with the raw text kept.
func TestQuirk18NotApplicableMarks(t *testing.T) {
	for _, mark := range []string{"/", "—", "-", "无", "／", "——", "–"} {
		t.Run(mark, func(t *testing.T) {
			rep := parseString(t, "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n"+mark+" |\n"+mark+" |\n"+mark+" |\n")
			wantValues(t, rep, "proactive/regulations/issued = NULL ["+mark+"]", "proactive/regulations/repealed = NULL ["+mark+"]",
				"proactive/regulations/in_force = NULL ["+mark+"]")
		})
	}
}

// NOTES C.19: totals missing or inconsistent — （一）予以公开 = 258, 12,
// &nbsp;, &nbsp;, 1, 1 with its 总计 cell &nbsp; (should be 272). Values stay
// as printed: the blank total is NULL, a wrong total is a failed check whose
// detail shows the numbers, and nothing is repaired.
func TestQuirk19InconsistentTotals(t *testing.T) {
	html := func(granted string) string {
		return `<html><body><p>三、收到和处理政府信息公开申请情况</p><table>
<tr><td>一、本年新收政府信息公开申请数量</td><td>859</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>859</td></tr>
<tr><td>二、上年结转政府信息公开申请数量</td><td>18</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>18</td></tr>
<tr><td>三、本年度办理结果</td><td>（一）予以公开</td>` + granted + `</tr>
<tr><td>（七）总计</td><td>767</td><td>35</td><td>&nbsp;</td><td>&nbsp;</td><td>2</td><td>1</td><td>805</td></tr>
<tr><td>四、结转下年度继续办理</td><td>72</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>72</td></tr>
</table></body></html>`
	}
	t.Run("blank total", func(t *testing.T) {
		rep := parseString(t, html(`<td>258</td><td>12</td><td>&nbsp;</td><td>&nbsp;</td><td>1</td><td>1</td><td>&nbsp;</td>`))
		wantValues(t, rep, "requests/granted/natural_person = 258", "requests/granted/commercial = 12",
			"requests/granted/research = NULL []", "requests/granted/total = NULL []",
			"requests/handled_total/research = NULL []", "requests/handled_total/total = 805")
		for _, c := range rep.Checks {
			if c.Key == "granted" || c.Key == "handled_total" {
				t.Errorf("check over NULL cells ran: %+v", c)
			}
		}
		// 859 + 18 = 805 + 72.
		wantCheck(t, rep, "requests_balance", "total", true, "805", "72")
		// Each cell named by its row: the column is the check's key.
		wantCheck(t, rep, "requests_balance", "natural_person", false, "new 859 + carried_over 18 = 877 vs handled_total 767 + carried_forward 72 = 839")
	})
	t.Run("wrong total", func(t *testing.T) {
		rep := parseString(t, html(`<td>258</td><td>12</td><td>0</td><td>0</td><td>1</td><td>1</td><td>270</td>`))
		wantValues(t, rep, "requests/granted/total = 270 [270]", "requests/granted/natural_person = 258")
		// A row total's parts named by their columns.
		wantCheck(t, rep, "requests_row_total", "granted", false, "granted 270 vs natural_person 258 + commercial 12 + research 0 + ", "= 272")
		wantCheck(t, rep, "requests_row_total", "new", true)
		if rep.ChecksFailed() == 0 {
			t.Error("ChecksFailed() = 0")
		}
	})
}

// NOTES C.20: text inside numeric cells — 增15 is 15, 减4 is -4, -185 is
// -185 — and negative 本年增/减 glued into the row, "行政事业性收费35-15" [041].
func TestQuirk20SignedChange(t *testing.T) {
	for _, tc := range []struct{ cell, want string }{
		{"增15", "15"}, {"减4", "-4"}, {"-185", "-185"}, {"－4", "-4"}, {"+3", "3"}, {"增 15", "15"}, {"0", "0"},
	} {
		t.Run(tc.cell, func(t *testing.T) {
			rep := parseString(t, pipeRows(row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), row("行政许可", "1", tc.cell, "2")))
			wantValues(t, rep, "proactive/licensing/change = "+tc.want+" ["+tc.cell+"]", "proactive/licensing/decisions = 2")
		})
	}
	t.Run("glued negative", func(t *testing.T) {
		rep := parseString(t, flat("信息内容", "上一年项目数量", "本年增/减", "行政事业性收费35-15"))
		wantValues(t, rep, "proactive/fees/prior_items = 35", "proactive/fees/change = -15")
	})
}

// NOTES C.21: units and money — 万元 with decimals (9116.36, 18651.06),
// "251000元" stored as 25.1 万元 in amount_10k_yuan, a procurement amount with
// no unit "1\n\n8040" [027] (left out with a warning: 元 or 万元?), while a
// bare 0 is the same in both units and kept.
func TestQuirk21Money(t *testing.T) {
	fees2021 := func(cell string) string {
		return flat("信息内容", "本年收费金额（单位：万元）", "行政事业性收费", cell)
	}
	feesHeader := func(header, cell string) string {
		return flat("第二十条第（八）项", "信息内容", header, "行政事业性收费", cell)
	}
	procurement := func(header, items, amount string) string {
		return flat("信息内容", "上一年项目数量", "本年增/减", "第二十条第（九）项", "信息内容", "采购项目数量", header, "政府集中采购", items, amount)
	}
	for _, tc := range []struct {
		name, doc string
		want      []string
		warn      []string
		absent    bool
	}{
		{"万元 with decimals", fees2021("9116.36"), []string{"proactive/fees/amount_10k_yuan = 9116.36 [9116.36]"}, nil, false},
		{"万元 printed", fees2021("18651.06万元"), []string{"proactive/fees/amount_10k_yuan = 18651.06 [18651.06万元]"}, nil, false},
		{"元 converted", fees2021("251000元"), []string{"proactive/fees/amount_10k_yuan = 25.1 [251000元]"}, nil, false},
		// A header that prints 元 where the template has 万元 is believed.
		{"fees in a 元 header", feesHeader("本年收费金额（单位：元）", "8600"), []string{"proactive/fees/amount_10k_yuan = 0.86 [8600]"}, nil, false},
		{"fees in a 元 header, short", feesHeader("本年收费金额（元）", "8600"), []string{"proactive/fees/amount_10k_yuan = 0.86 [8600]"}, nil, false},
		{"fees in a header without unit", feesHeader("本年收费金额", "0.35"), []string{"proactive/fees/amount_10k_yuan = 0.35 [0.35]"}, nil, false},
		{"procurement in 元 header", procurement("采购总金额（元）", "3", "251000"), []string{"proactive/procurement/items = 3", "proactive/procurement/amount_10k_yuan = 25.1 [251000]"}, nil, false},
		{"procurement in 万元 header", procurement("采购总金额（万元）", "3", "9116.36"), []string{"proactive/procurement/amount_10k_yuan = 9116.36"}, nil, false},
		{"procurement unit in cell", procurement("采购总金额", "3", "251000元"), []string{"proactive/procurement/amount_10k_yuan = 25.1 [251000元]"}, nil, false},
		{"procurement without unit", procurement("采购总金额", "1", "8040"), []string{"proactive/procurement/items = 1"}, []string{"procurement", "8040", "no unit"}, true},
		{"procurement 0 without unit", procurement("采购总金额", "0", "0"), []string{"proactive/procurement/items = 0", "proactive/procurement/amount_10k_yuan = 0 [0]"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			wantValues(t, rep, tc.want...)
			if tc.warn != nil {
				wantWarning(t, rep, tc.warn...)
			} else {
				wantNoWarning(t, rep, "unit")
			}
			if tc.absent {
				wantAbsent(t, rep, "proactive/procurement/amount_10k_yuan")
			}
		})
	}
	t.Run("glued count and amount", func(t *testing.T) {
		rep := parseString(t, flat("信息内容", "采购项目数量", "采购总金额", "政府集中采购39573802895.90元"))
		wantAbsent(t, rep, "proactive/procurement/items", "proactive/procurement/amount_10k_yuan")
		wantWarning(t, rep, "39573802895.90元", "cannot be decided")
	})
}

// NOTES C.22: spaces inside cells — "  0", " 0" [011, 027] — and trailing
// blank or lone-space lines between cells [011].
func TestQuirk22SpacesInCells(t *testing.T) {
	doc := "信息内容\n\n本年新\n公开数量\n\n规章\n\n  0\n\n 1\n\n　2\n\n \n\n规范性文件\n   \n\n 0\n\n0\n\n\t3\n\n  \n\n政府集中采购\n\n 0\n\n0\n\n \n"
	rep := parseString(t, doc)
	wantTemplate(t, rep, Template2019)
	wantValues(t, rep, "proactive/regulations/made = 0 [0]", "proactive/regulations/published = 1 [1]", "proactive/regulations/total_published = 2 [2]",
		"proactive/normative_documents/total_published = 3", "proactive/procurement/items = 0", "proactive/procurement/amount_10k_yuan = 0")
	wantCount(t, rep, "", 8)
	t.Run("html", func(t *testing.T) {
		rep := parseString(t, "<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td> 规章 </td><td>  0</td><td>\n 1 \n</td><td>&nbsp;2&nbsp;</td></tr></table>")
		wantValues(t, rep, "proactive/regulations/issued = 0 [0]", "proactive/regulations/repealed = 1 [1]", "proactive/regulations/in_force = 2 [2]")
	})
}

// NOTES C.23: large or odd values that are still valid — 行政许可 10690,
// 1300 [053], 4529; 规章 0 1 0 (repealed > current) [045]; 规章 2 0 2
// reported by a town [025]: kept as printed, no warning, no check.
func TestQuirk23OddValues(t *testing.T) {
	rep := parseString(t, pipeRows(
		row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		row("规章", "0", "1", "0"),
		row("行政规范性文件", "2", "0", "2"),
		row("信息内容", "本年处理决定数量"),
		row("行政许可", "10690"),
		row("行政处罚", "4529"),
		row("行政强制", "1,300")))
	wantValues(t, rep, "proactive/regulations/repealed = 1", "proactive/regulations/in_force = 0",
		"proactive/normative_documents/in_force = 2", "proactive/licensing/decisions = 10690",
		"proactive/punishment/decisions = 4529", "proactive/enforcement/decisions = 1300 [1,300]")
	for _, w := range rep.Warnings {
		if !strings.Contains(w, "missing") && !strings.Contains(w, "not found") {
			t.Errorf("unexpected warning %q", w)
		}
	}
}

// ---------------------------------------------------------------------------
// §D Text around the tables

// NOTES D.24: the store's NFKC punctuation "(一)" ":" "," vs the originals'
// "（一）：，" [039]: both parse to the same values.
func TestQuirk24FullWidthAndASCII(t *testing.T) {
	full := report2021(map[string][]string{"new": {"1", "0", "0", "0", "0", "0", "1"}, "granted": {"1", "0", "0", "0", "0", "0", "1"}, "handled_total": {"1", "0", "0", "0", "0", "0", "1"}})
	ascii := make([]string, len(full))
	r := strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "；", ";", "、", "、", "“", "\"", "”", "\"")
	for i, c := range full {
		ascii[i] = r.Replace(c)
	}
	fullWidthDigits := make([]string, len(full))
	for i, c := range full {
		fullWidthDigits[i] = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, c)
	}
	a := parseString(t, flat(full...))
	b := parseString(t, flat(ascii...))
	c := parseString(t, flat(fullWidthDigits...))
	if a.ChecksFailed() != 0 || len(a.Values) != 10+25*7+15 {
		t.Fatalf("full-width report: %d values, %d checks failed, warnings %q", len(a.Values), a.ChecksFailed(), a.Warnings)
	}
	for _, other := range []*Report{b, c} {
		if len(other.Values) != len(a.Values) {
			t.Fatalf("%d values, want %d; warnings %q", len(other.Values), len(a.Values), other.Warnings)
		}
		for i, v := range a.Values {
			w := other.Values[i]
			if v.Key() != w.Key() || fmtNum(v.Number) != fmtNum(w.Number) {
				t.Errorf("value %d: %s = %s, want %s = %s", i, w.Key(), fmtNum(w.Number), v.Key(), fmtNum(v.Number))
			}
		}
	}
}

// NOTES D.25: traditional-Chinese mirrors [031] — 第二十條第(一)項,
// 對外公開總數量, 規範性文件, 申請人情況 — with pinyin glosses and "?" for spaces in
// the prose: labels match after traditional → simplified folding.
func TestQuirk25TraditionalMirror(t *testing.T) {
	doc := flat("賀蘭縣2022年政府信息公開工作年度報告",
		"? ? ? 認真落實《條例》,緊密結(jié)合規(guī)劃工作。",
		"二、主動公開政府信息情況",
		"第二十條第(一)項", "信息內容", "本年新製作數量", "本年新公開數量", "對外公開總數量",
		"規章", "0", "0", "1", "規範性文件", "2", "3", "4",
		"第二十條第(五)項", "信息內容", "上一年項目數量", "本年增/減", "處理決定數量",
		"行政許可", "5", "減1", "6",
		"三、收到和處理政府信息公開申請情況", "申請人情況", "自然人", "法人或其他組織", "總計",
		"一、本年新收政府信息公開申請數量", "1", "0", "0", "0", "0", "0", "1",
		"(七)總計", "1", "0", "0", "0", "0", "0", "1",
		"四、結轉下年度繼續辦理", "0", "0", "0", "0", "0", "0", "0")
	rep := parseString(t, doc)
	wantTemplate(t, rep, Template2019)
	wantValues(t, rep, "proactive/regulations/total_published = 1", "proactive/normative_documents/made = 2",
		"proactive/normative_documents/total_published = 4", "proactive/licensing/change = -1 [減1]",
		"requests/new/total = 1", "requests/handled_total/total = 1", "requests/carried_forward/total = 0")
	wantCount(t, rep, "", 6+3+21)

	// Pinyin glosses inside labels ("行政事業(yè)性收費", "規(guī)範性文件") and "?"
	// for the NBSP of a blank cell.
	t.Run("glosses and question marks", func(t *testing.T) {
		rep := parseString(t, pipeRows(
			row("信息內容", "本年制發件數", "本年廢止件數", "現行有效件數"),
			row("規(guī)章", "0", "?", "1"),
			row("行政規(guī)範性文件", "2", "0", "?"),
			row("信息內容", "本年收費金額(單位:萬元)"),
			row("行政事業(yè)性收費", "47.10")))
		wantTemplate(t, rep, Template2021)
		wantValues(t, rep, "proactive/regulations/issued = 0", "proactive/regulations/repealed = NULL [?]", "proactive/regulations/in_force = 1",
			"proactive/normative_documents/issued = 2", "proactive/normative_documents/in_force = NULL [?]",
			"proactive/fees/amount_10k_yuan = 47.1 [47.10]")
		wantCount(t, rep, "", 7)
	})
}

// NOTES D.26: spam/SEO mirrors rewrite words and put banners before the
// body (beat365手机版官方网站 for 政务公开, 免费菠萝视频app下载): the tables still
// parse and the banner gives no values.
func TestQuirk26SpamMirror(t *testing.T) {
	doc := "免费菠萝视频app下载 | 德赢VWIN门户网站 | 1 | 2 | 3 |\nbeat365手机版官方网站\n2022年,某县坚持beat365手机版官方网站工作。\n" +
		flat(table2v2021()...)
	rep := parseString(t, doc)
	wantCount(t, rep, "", 10)
	wantValues(t, rep, "proactive/licensing/decisions = 45")
	if strings.Contains(rep.Jurisdiction, "beat365") || strings.Contains(rep.Jurisdiction, "德赢") {
		t.Errorf("jurisdiction from spam: %q", rep.Jurisdiction)
	}
}

// NOTES D.30: numbers glued to words in prose — "其中概况类信息348条政务要闻415条…",
// "行政处罚1,回复公众诉求件9" [029], "2022依托政府门户网站" — are not table
// values, not even on a row label.
func TestQuirk30NumbersInProse(t *testing.T) {
	doc := "一、总体情况\n其中概况类信息348条政务要闻415条通知公告307不动产公告84条工作动态404条\n" +
		"行政处罚1,回复公众诉求件9\n2022依托政府门户网站发布信息\n行政许可事项办理12件,行政处罚案件3件,行政强制0件。\n"
	rep := parseString(t, doc)
	wantCount(t, rep, "", 0)
	wantWarning(t, rep, "no statistics tables found")
}

// NOTES D.32: page chrome before the body ("您好,欢迎访问襄阳市统计局!",
// "今天是:\n\n简体 | 繁体\n\n当前位置: 网站首页 >  政务公开 > …", "• 字号:\n  • |\n  • 打印",
// "发布时间: 2022-01-29 16:33 字体:[]") and download notes with links
// ("报告电子版可在…下载链接(http://www.gztongzi.gov.cn/…)") give no values.
func TestQuirk32PageChrome(t *testing.T) {
	chrome := "您好,欢迎访问襄阳市统计局!\n今天是:\n\n简体 | 繁体\n\n当前位置: 网站首页 >  政务公开 >  行政许可 > 2022\n" +
		"关怀版 无障碍 无障碍\n  • 字号:\n  • |\n  • 打印\n发布时间: 2022-01-29 16:33 字体:[]\n" +
		"首页/ 政府信息公开 / 政府信息公开年报 / 镇街 / 2021年 / 正文\n" +
		"报告电子版可在桐梓县人民政府网站下载链接(http://www.gztongzi.gov.cn/zwgk/2023/0131/123.html)\n" +
		"政务公开\n行政许可\n行政处罚\n行政强制\n"
	rep := parseString(t, chrome)
	wantCount(t, rep, "", 0)
	rep = parseString(t, chrome+flat(table2v2021()...))
	wantCount(t, rep, "", 10)
	wantValues(t, rep, "proactive/licensing/decisions = 45", "proactive/punishment/decisions = 32")
}

// ---------------------------------------------------------------------------
// Input forms beyond the quirk list

// A GBK page that declares its charset in <meta charset>: decoded before
// reading.
func TestGBKPageMetaCharset(t *testing.T) {
	page := `<html><head><meta charset="gbk"><title>某县2022年政府信息公开工作年度报告</title></head><body>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>1</td><td>2</td></tr><tr><td>行政规范性文件</td><td>增3</td><td>&nbsp;</td><td>/</td></tr></table></body></html>`
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	rep := parseString(t, gbk)
	wantTemplate(t, rep, Template2021)
	wantValues(t, rep, "proactive/regulations/in_force = 2", "proactive/normative_documents/issued = 3 [增3]",
		"proactive/normative_documents/repealed = NULL []", "proactive/normative_documents/in_force = NULL [/]")
	if rep.Title != "某县2022年政府信息公开工作年度报告" {
		t.Errorf("title = %q", rep.Title)
	}
}

// Table 四 in an HTML table with spans: the 15 values sit in one row after
// three header rows.
func TestReviewTableHTML(t *testing.T) {
	page := `<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table>
<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>` + strings.Repeat(`<td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td>`, 3) + `</tr>
<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td><td>0</td><td>1</td><td>2</td></tr>
</table><p>五、存在的主要问题及改进情况</p></body></html>`
	rep := parseString(t, page)
	wantValues(t, rep, "review/reconsideration/upheld = 1", "review/reconsideration/total = 1",
		"review/litigation_direct/total = 0", "review/litigation_after_reconsideration/corrected = 2",
		"review/litigation_after_reconsideration/pending = 1", "review/litigation_after_reconsideration/total = 2")
	wantCheck(t, rep, "review_total", "reconsideration", true)
	wantCheck(t, rep, "review_total", "litigation_after_reconsideration", false, "2", "3")
	wantCount(t, rep, "", 15)
}

// ---------------------------------------------------------------------------
// §B.16, §D Identity quirks, end to end through Parse (identity_test.go
// covers the finder line by line).

// identityCase is a document and the identity Parse must find in it.
type identityCase struct {
	name, doc, title, jurisdiction string
	year                           Year
	warn                           string // a warning fragment, "" for none about identity
}

func runIdentityCases(t *testing.T, cases []identityCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, tc.doc)
			if rep.Title != tc.title || rep.Jurisdiction != tc.jurisdiction || rep.Year != tc.year {
				t.Errorf("title %q, jurisdiction %q, year %d; want %q, %q, %d", rep.Title, rep.Jurisdiction, rep.Year, tc.title, tc.jurisdiction, tc.year)
			}
			if tc.warn != "" {
				wantWarning(t, rep, tc.warn)
			}
		})
	}
}

// NOTES B.16: title variants — …2022年度政府信息公开工作报告 [001],
// …政务信息公开工作开展年度报告 [045], 关于2021年度政府信息公开情况的报告 [029],
// …政府信息公开年度报告, …信息公开报告 — and no title at all [003, 015 …],
// where the body names nobody and the jurisdiction stays empty for the
// crawl context to fill.
func TestQuirk16TitleVariants(t *testing.T) {
	table := flat(table2v2021()...)
	runIdentityCases(t, []identityCase{
		{"年度…工作报告", "襄阳市统计局2022年度政府信息公开工作报告\n" + table, "襄阳市统计局2022年度政府信息公开工作报告", "襄阳市统计局", 2022, ""},
		{"政务信息公开工作开展年度报告", "西藏自治区审计厅2025年政务信息公开工作开展年度报告\n" + table, "西藏自治区审计厅2025年政务信息公开工作开展年度报告", "西藏自治区审计厅", 2025, ""},
		{"关于…情况的报告", "宁强县自然资源局关于2021年度政府信息公开情况的报告\n" + table, "宁强县自然资源局关于2021年度政府信息公开情况的报告", "宁强县自然资源局", 2021, ""},
		{"政府信息公开年度报告", "通榆县2021年政府信息公开年度报告\n" + table, "通榆县2021年政府信息公开年度报告", "通榆县", 2021, ""},
		{"信息公开报告", "某某市水务局2020年信息公开报告\n" + table, "某某市水务局2020年信息公开报告", "某某市水务局", 2020, ""},
		{"no title", "一、总体情况\n2023年,我局以习近平新时代中国特色社会主义思想为指导,认真贯彻落实。\n" + table, "", "", 2023, ""},
	})
}

// NOTES D.27: title 賀蘭縣 but body 靈武市: the title's name stands and the
// conflict is a warning.
func TestQuirk27MixedJurisdiction(t *testing.T) {
	runIdentityCases(t, []identityCase{
		{"title and body disagree", "賀蘭縣2022年政府信息公開工作年度報告\n2022年,靈武市堅持以習近平新時代中國特色社會主義思想為指導,靈武市政府入口網站發布信息4296條。\n" + flat(table2v2021()...),
			"贺兰县2022年政府信息公开工作年度报告", "贺兰县", 2022, "灵武市"},
	})
}

// NOTES D.28: statistics-period typos — 202111日起至20211231日止 [029],
// 2020年1月1日起至202020年12月31日止, 20211月1日至202112月31日 [035] — still
// give the year.
func TestQuirk28PeriodTypos(t *testing.T) {
	table := flat(table2v2021()...)
	runIdentityCases(t, []identityCase{
		{"lost 年 and 月", "报告中所列数据的统计期限自202111日起至20211231日止。\n" + table, "", "", 2021, ""},
		{"202020年", "统计期限自2020年1月1日起至202020年12月31日止。\n" + table, "", "", 2020, ""},
		{"20211月1日", "本报告中所列数据统计期限为20211月1日至202112月31日。\n" + table, "", "", 2021, ""},
	})
}

// NOTES D.31: docx-to-text artefacts — spaces inside the title
// "乌拉特中旗巴音乌兰苏木 2021 年政府信息 公开工作年度报告".
func TestQuirk31DocxArtefacts(t *testing.T) {
	runIdentityCases(t, []identityCase{
		{"spaces in title", "乌拉特中旗巴音乌兰苏木 2021 年政府信息 公开工作年度报告\n(以下简 称《条例》)\n" + flat(table2v2021()...),
			"乌拉特中旗巴音乌兰苏木2021年政府信息公开工作年度报告", "乌拉特中旗巴音乌兰苏木", 2021, ""},
	})
}

// NOTES D.29: a 2020 report filed under a 2025 URL and folder, with its
// 发布时间/信息来源 block printed twice [047]: the year is the report's, the
// publication date the block's, whatever the name says.
func TestQuirk29YearPlacement(t *testing.T) {
	doc := "新蔡县人民政府2020年政府信息公开工作年度报告\n\n发布时间:\n\n2021-02-02 10:20\n\n信息来源:\n\n新蔡县人民政府\n\n分享到:\n\n" +
		"发布时间:\n\n2021-02-02 10:20\n\n\n信息来源:\n\n新蔡县人民政府\n\n" + flat(table2v2019()...)
	rep, err := Parse([]byte(doc), Options{Name: "https://www.zhumadian.gov.cn/zwgk/zfxxgk/zfxxgknb/2020n/gxqrmzf/202501/t20250124_449629.html"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Year != 2020 || rep.Published != "2021-02-02" || rep.Jurisdiction != "新蔡县人民政府" {
		t.Errorf("year %d, published %q, jurisdiction %q; want 2020, 2021-02-02, 新蔡县人民政府", rep.Year, rep.Published, rep.Jurisdiction)
	}
	wantTemplate(t, rep, Template2019)
	wantCount(t, rep, SectionProactive, 22)
}

// NOTES D.33: self-referential links and download notes
// ("报告电子版可在…下载链接(http://www.gztongzi.gov.cn/…)") hold digits but no values.
func TestQuirk33DownloadLinks(t *testing.T) {
	doc := "报告电子版可在桐梓县人民政府门户网站下载链接(http://www.gztongzi.gov.cn/zwgk/zfxxgknb/202301/t20230131_78012345.html)\n" +
		"如对本报告有任何疑问,请联系:0851-27222015。\n电子邮箱:tzxzfb@163.com\n"
	rep := parseString(t, doc)
	wantCount(t, rep, "", 0)
	rep = parseString(t, doc+flat(table2v2021()...)+doc)
	wantCount(t, rep, "", 10)
	wantValues(t, rep, "proactive/fees/amount_10k_yuan = 6016")
}

// NOTES D.34: mirror and IP-only hosts (http://61.150.65.235/… [003]): the
// document's name is never taken for the issuing body.
func TestQuirk34MirrorHostName(t *testing.T) {
	doc := "一、总体情况\n2023年,我局认真梳理,主动在门户网站公开政府信息50条。\n" + flat(table2v2021()...)
	for _, name := range []string{"http://61.150.65.235/zfxxgk/zfxxgknb/bmxxgknb/1906985018193408001.html", "http://btfghg.com/news/2023/xxgk.html"} {
		rep, err := Parse([]byte(doc), Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Jurisdiction != "" || rep.Title != "" {
			t.Errorf("%s: jurisdiction %q, title %q from a body that names nobody", name, rep.Jurisdiction, rep.Title)
		}
		wantCount(t, rep, "", 10)
	}
}

// 2021's "（六）其他处理" heads 1.–3. and is the label of 2019's row other;
// printed as a row of its own above "3.其他", its blank cells yield to
// 3.其他's numbers, and a subtotal printed on it leaves other out (which
// of the two readings is other's cannot be told), never the subtotal.
func TestGroupHeadingPrintedAsRow(t *testing.T) {
	other := []string{"9", "11", "6", "3", "13", "5", "47"}
	text := pipeRowsOf(table3(Template2021, map[string][]string{"other": other}))
	for _, tc := range []struct {
		name, heading string
		want          []string
	}{
		{"blank cells", "（六）其他处理 |  |  |  |  |  |  |  |", []string{"requests/other/natural_person = 9", "requests/other/total = 47"}},
		{"a subtotal", "（六）其他处理 | 9 | 11 | 6 | 3 | 13 | 5 | 47 |", []string{"requests/other/natural_person = 9", "requests/other/total = 47"}},
		{"another subtotal", "（六）其他处理 | 10 | 11 | 6 | 3 | 13 | 5 | 48 |", nil},
		{"blank cells, 3.其他 left out", "（六）其他处理 |  |  |  |  |  |  |  |", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(text, "（六）其他处理 |", tc.heading, 1)
			if in == text {
				t.Fatal("no heading row in the table")
			}
			if strings.HasSuffix(tc.name, "left out") {
				// 3.其他's first cell is no number: its row is left out,
				// and the heading's blanks are no cells of other's.
				in = strings.Replace(in, "3.其他 | 9 |", "3.其他 | 9(注) |", 1)
				rep := parseString(t, in)
				wantAbsent(t, rep, "requests/other/natural_person", "requests/other/total")
				return
			}
			rep := parseString(t, in)
			if tc.want == nil {
				wantAbsent(t, rep, "requests/other/natural_person", "requests/other/total")
				wantValues(t, rep, "requests/other/commercial = 11")
				wantWarning(t, rep, "requests row other is printed twice", `total ("48", then "47")`)
				return
			}
			wantValues(t, rep, tc.want...)
		})
	}
}

// A row printed with blank cells is a row of NULLs only where nothing else
// could be its numbers: in a table that also prints numbers without a label
// (a grid rebuilt from a page turned sideways, a second page set beside the
// first), the row is left out.
func TestBlankRowBesideUnlabelledNumbers(t *testing.T) {
	text := pipeRowsOf(table3(Template2021, nil))
	blank := strings.Replace(text, "（一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "（一）予以公开 |  |", 1)
	if blank == text {
		t.Fatal("no granted row")
	}
	rep := parseString(t, blank)
	wantValues(t, rep, "requests/granted/natural_person = NULL")
	stray := strings.Replace(blank, "三、本年度办理结果 |", "三、本年度办理结果 |\n | 9 | 9 | 9 |", 1)
	rep = parseString(t, stray)
	wantAbsent(t, rep, "requests/granted/natural_person")
	wantWarning(t, rep, "（一）予以公开", "numbers without a label", "9 9 9")
	// A row of as many blank cells as the row has columns, the same.
	full := strings.Replace(stray, "（一）予以公开 |  |", "（一）予以公开 |  |  |  |  |  |  |  |", 1)
	rep = parseString(t, full)
	wantAbsent(t, rep, "requests/granted/natural_person", "requests/granted/total")
	wantWarning(t, rep, "（一）予以公开", "numbers without a label", "9 9 9")
	rep = parseString(t, strings.Replace(full, "\n | 9 | 9 | 9 |", "", 1))
	wantValues(t, rep, "requests/granted/natural_person = NULL", "requests/granted/total = NULL")
}

// A whitespace-collapsed table (a row's cells on one line, apart by
// spaces) is read as glued runs. Where no sum rule checks a row, its
// digits are split only when no cell can have been blank: a blank mark
// before the numbers, fewer numbers than columns, or a single number in a
// text that prints its numbers apart leave the row out (3 41 was read as
// 3 | 4 | 1, 15 as 1 | 5).
func TestSpacedRowsWithoutSumRules(t *testing.T) {
	doc := func(head1, normative, head8, fees string) string {
		return "某县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n" +
			"信息内容 " + head1 + "\n规章 1 2 5\n行政规范性文件 " + normative + "\n" +
			"第二十条第（六）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政处罚 8 9 354\n" +
			"第二十条第（八）项\n信息内容 " + head8 + "\n行政事业性收费 " + fees + "\n五、存在的主要问题及改进情况\n无。\n"
	}
	const (
		head2019 = "本年新制作数量 本年新公开数量 对外公开总数量"
		fees2019 = "上一年项目数量 本年增/减"
	)
	for _, tc := range []struct{ name, normative, fees string }{
		{"a blank mark", "/ 3 41", "15 -16"},
		{"a blank dropped", "3 41", "15 -16"},
		{"a row cut short", "7 3 41", "15"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := parseString(t, doc(head2019, tc.normative, fees2019, tc.fees))
			wantValues(t, rep, "proactive/regulations/made = 1", "proactive/regulations/total_published = 5", "proactive/punishment/decisions = 354")
			if tc.fees == "15" {
				wantValues(t, rep, "proactive/normative_documents/total_published = 41")
				wantAbsent(t, rep, "proactive/fees/prior_items", "proactive/fees/change")
				return
			}
			wantAbsent(t, rep, "proactive/normative_documents/made", "proactive/normative_documents/published", "proactive/normative_documents/total_published")
			wantWarning(t, rep, "行政规范性文件", "left out")
		})
	}
}
