package parse

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// cellDump writes cells one a line as "row:text", for readable diffs.
func cellDump(cells []Cell) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "%d:%s\n", c.Row, c.Text)
	}
	return b.String()
}

// wantCells compares cells with a "row:text" dump. Row numbers in want are
// relabelled in order of first appearance (1, 2, …) on both sides, so tests
// say which cells share a row without depending on numbering.
func wantCells(t *testing.T, got []Cell, want string) {
	t.Helper()
	g := cellDump(renumberRows(got))
	w := strings.TrimLeft(want, "\n")
	if g != w {
		t.Errorf("cells:\n got:\n%s\nwant:\n%s", g, w)
	}
}

// renumberRows maps non-zero Row numbers to 1, 2, … in order of appearance.
func renumberRows(cells []Cell) []Cell {
	out := make([]Cell, len(cells))
	seen := map[int]int{}
	for i, c := range cells {
		if c.Row != 0 {
			if _, ok := seen[c.Row]; !ok {
				seen[c.Row] = len(seen) + 1
			}
			c.Row = seen[c.Row]
		}
		out[i] = c
	}
	return out
}

func mustReadHTML(t *testing.T, page string, contentType string) document {
	t.Helper()
	doc, err := readHTML([]byte(page), contentType)
	if err != nil {
		t.Fatalf("readHTML: %v", err)
	}
	if doc.form != formHTML {
		t.Errorf("form = %q", doc.form)
	}
	return doc
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A real table: spans in the header rows, colspan on the 3rd header cell
// but on the 2nd data cell (NOTES A.2), <br /> inside header cells.
func TestHTMLSpanTable(t *testing.T) {
	page := `<html><body><p>二、主动公开政府信息情况</p>
<table border="1"><tbody>
<tr><td colspan="5">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>本年新<br />制作数量</td><td colspan="2">本年新<br />公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td colspan="2">1</td><td>2</td></tr>
<tr><td>信息内容</td><td>上一年<br>项目数量</td><td colspan="2">本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="2">3</td><td>增15</td><td>4</td></tr>
<tr><td>行政强制</td><td colspan="2"></td><td>&nbsp;</td><td> 5 </td></tr>
</tbody></table>
<table>
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br/>企业</td><td>科研<br/>机构</td><td><p>社会公益</p><p>组织</p></td><td>法律服务
机构</td><td>其他</td></tr>
<tr><td rowspan="20">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table></body></html>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, `
0:二、主动公开政府信息情况
1:第二十条第（五）项
2:信息内容
2:本年新制作数量
2:本年新公开数量
2:对外公开总数量
3:规章
3:0
3:1
3:2
4:信息内容
4:上一年项目数量
4:本年增/减
4:处理决定数量
5:行政许可
5:3
5:增15
5:4
6:行政强制
6:
6:
6:5
7:（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
7:申请人情况
8:自然人
8:法人或其他组织
8:总计
9:商业企业
9:科研机构
9:社会公益组织
9:法律服务 机构
9:其他
10:三、本年度办理结果
10:（一）予以公开
10:1
10:0
10:0
10:0
10:0
10:0
10:1
`)
	wantLines(t, doc.lines,
		"二、主动公开政府信息情况",
		"第二十条第（五）项",
		"信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
		"规章 | 0 | 1 | 2",
		"信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量",
		"行政许可 | 3 | 增15 | 4",
		"行政强制 |  |  | 5",
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
		"自然人 | 法人或其他组织 | 总计",
		"商业企业 | 科研机构 | 社会公益组织 | 法律服务 机构 | 其他",
		"三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
	)
}

// reportRaw returns the raw text after the "---" line of a corpus report.
func reportRaw(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/corpus/reports/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n---\n")
	if i < 0 {
		t.Fatalf("%s: no --- line", name)
	}
	return s[i+len("\n---\n"):]
}

// 042 is real Word-exported HTML: nested spans, &nbsp; after labels,
// white-space:pre tabs, newlines inside style attributes, &lt;…&gt;.
func TestHTMLWordExport042(t *testing.T) {
	doc := mustReadHTML(t, reportRaw(t, "042_pingtan_2022_archive-html-excerpt.txt"), "")
	var table []Cell
	for i, c := range doc.cells {
		if c.Row != 0 {
			table = doc.cells[i:]
			break
		}
	}
	wantCells(t, table, `
1:第二十条第（一）项
2:信息内容
2:本年制发件数
2:本年废止件数
2:现行有效件数
3:规章
3:0
3:0
3:0
`)
	if doc.cells[0].Row != 0 || !strings.HasPrefix(doc.cells[0].Text, "本报告根据《中华人民共和国政府信息公开条例》") {
		t.Errorf("first cell = %+v, want the report's first paragraph without the tab", doc.cells[0])
	}
	if !strings.Contains(doc.cells[0].Text, "关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知") {
		t.Errorf("entities not decoded: %q", doc.cells[0].Text)
	}
	for _, l := range []string{"一、总体情况", "（五）监督保障方面", "二、主动公开政府信息情况", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 0 | 0 | 0"} {
		if !containsString(doc.lines, l) {
			t.Errorf("lines lack %q", l)
		}
	}
	for _, c := range doc.cells {
		if strings.ContainsAny(c.Text, "\t\n\u00a0\u3000") || c.Text != strings.TrimSpace(c.Text) {
			t.Errorf("unclean cell %q", c.Text)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Sites that publish the table as one <p> per cell: one Row-0 cell each, in
// order; a <br>-separated run and a div's own text are blocks too.
func TestHTMLParagraphCells(t *testing.T) {
	page := `<div class="TRS_Editor">
<p style="text-indent:2em">　　第二十条第（一）项</p>
<p>信息内容</p><p>本年制发件数</p><p><span>本年</span><span>废止件数</span></p><p>现行有效件数</p>
<p>规章</p><p>0</p><p>&nbsp;</p><p>1</p>
<div>行政规范性文件<br>2<br/>0<div>4</div>尾</div>
<ul><li>行政许可</li><li>45</li></ul>
<h3>三、收到和处理政府信息公开申请情况</h3>
</div>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, `
0:第二十条第（一）项
0:信息内容
0:本年制发件数
0:本年废止件数
0:现行有效件数
0:规章
0:0
0:1
0:行政规范性文件
0:2
0:0
0:4
0:尾
0:行政许可
0:45
0:三、收到和处理政府信息公开申请情况
`)
	if len(doc.lines) != len(doc.cells) {
		t.Errorf("%d lines for %d cells", len(doc.lines), len(doc.cells))
	}
}

// A GBK page that declares its charset only in <meta>, in both spellings,
// and with the HTTP header alone.
func TestHTMLCharsetGBKMeta(t *testing.T) {
	body := `<body><h1>某县2022年政府信息公开工作年度报告</h1><table><tr><td>行政规范性文件</td><td>2</td><td>0</td><td>4</td></tr></table></body></html>`
	for _, tc := range []struct{ name, head, contentType string }{
		{"meta charset", `<html><head><meta charset="gbk"><title>年报</title></head>`, ""},
		{"meta http-equiv", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>年报</title></head>`, ""},
		{"content-type", `<html><head><title>年报</title></head>`, "text/html; charset=GBK"},
		{"undeclared", `<html><head><title>年报</title></head>`, ""},
		{"wrong latin-1 header", `<html><head><meta charset="gbk"><title>年报</title></head>`, "text/html; charset=ISO-8859-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gbk, err := simplifiedchinese.GBK.NewEncoder().String(tc.head + body)
			if err != nil {
				t.Fatal(err)
			}
			doc := mustReadHTML(t, gbk, tc.contentType)
			wantLines(t, doc.lines, "年报", "某县2022年政府信息公开工作年度报告", "行政规范性文件 | 2 | 0 | 4")
			wantCells(t, doc.cells, `
0:某县2022年政府信息公开工作年度报告
1:行政规范性文件
1:2
1:0
1:4
`)
		})
	}
}

// A CMS page: chrome (menus naming 行政许可/行政处罚, breadcrumbs, footer)
// around div.TRS_Editor. Cells come from the container; lines keep the title
// block above it, which identity needs.
func TestHTMLArticleContainer(t *testing.T) {
	prose := strings.Repeat("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，", 8)
	page := `<!DOCTYPE html><html><head><title>某县2022年政府信息公开工作年度报告_某县人民政府</title>
<script>var x = "<p>script text</p>";</script><style>p{color:red}</style></head><body>
<header><div>您好，欢迎访问某县人民政府！</div></header>
<nav><ul><li><a href="#">行政许可</a></li><li><a href="#">行政处罚</a></li></ul></nav>
<div class="menu"><a>政务公开</a> <a>行政许可</a> <a>行政强制</a></div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开年报</div>
<div class="article"><h1>某县2022年政府信息公开工作年度报告</h1>
<div class="info"><span>发布时间：2022-01-29 16:33</span> <span>字体：[大 中 小]</span></div>
<table class="meta"><tr><td>发布机构</td><td>县政府办公室</td></tr></table>
<div class="article_content"><div class="TRS_Editor">
<p>一、总体情况</p><p>` + prose + `</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
</div></div></div>
<noscript>请启用脚本</noscript>
<footer>主办单位：某县人民政府办公室 网站标识码 1234567890</footer>
<div class="related"><a>某县2021年政府信息公开工作年度报告</a></div>
</body></html>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, `
0:一、总体情况
0:`+prose+`
0:二、主动公开政府信息情况
1:规章
1:0
1:0
1:0
`)
	wantLines(t, doc.lines,
		"某县2022年政府信息公开工作年度报告_某县人民政府",
		"政务公开 行政许可 行政强制",
		"当前位置：首页 > 政府信息公开年报",
		"某县2022年政府信息公开工作年度报告",
		"发布时间：2022-01-29 16:33 字体：[大 中 小]",
		"发布机构 | 县政府办公室",
		"一、总体情况",
		prose,
		"二、主动公开政府信息情况",
		"规章 | 0 | 0 | 0",
		"某县2021年政府信息公开工作年度报告",
	)
	// The rows of the metadata table outside the container still get a Row
	// number of their own: numbers are unique across the document.
	if got := doc.cells[len(doc.cells)-1].Row; got < 2 {
		t.Errorf("container table row = %d, want a number after the metadata table's", got)
	}
}

// A container that does not hold the report (the statistics table sits
// outside it) is not used: nothing may be lost.
func TestHTMLContainerWithoutTable(t *testing.T) {
	prose := strings.Repeat("本机关认真贯彻落实政府信息公开条例，", 10)
	page := `<body><div class="TRS_Editor"><p>` + prose + `</p></div>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>1</td><td>2</td></tr></table></body>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, `
0:`+prose+`
1:信息内容
1:本年制发件数
1:本年废止件数
1:现行有效件数
2:规章
2:0
2:1
2:2
`)
}

// Sites wrap the whole article in layout tables: cells holding tables or
// prose are descended into; the nested data table comes out row by row.
func TestHTMLLayoutTables(t *testing.T) {
	p1 := strings.Repeat("一是加强组织领导，", 10)
	p2 := strings.Repeat("二是完善工作机制，", 10)
	page := `<body><table width="100%"><tr><td><a>首页</a></td><td>
<table><tr><td><div>某县2022年政府信息公开工作年度报告</div></td></tr>
<tr><td><p>` + p1 + `</p><p>` + p2 + `</p></td></tr>
<tr><td><p>二、主动公开政府信息情况</p>
<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>规章</td><td>0</td><td></td><td>0</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p></td></tr></table>
</td></tr>
<tr><td>来源：</td><td>作者：</td><td>时间：2023-01-31</td></tr></table></body>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, `
0:首页
1:某县2022年政府信息公开工作年度报告
0:`+p1+`
0:`+p2+`
0:二、主动公开政府信息情况
2:第二十条第（一）项
3:规章
3:0
3:
3:0
0:三、收到和处理政府信息公开申请情况
4:来源：
4:作者：
4:时间：2023-01-31
`)
	wantLines(t, doc.lines,
		"首页",
		"某县2022年政府信息公开工作年度报告",
		p1, p2,
		"二、主动公开政府信息情况",
		"第二十条第（一）项",
		"规章 | 0 |  | 0",
		"三、收到和处理政府信息公开申请情况",
		"来源： | 作者： | 时间：2023-01-31",
	)
}

// Hostile pages complete with bounded work and never panic.
func TestHTMLHostile(t *testing.T) {
	t.Run("million nested divs", func(t *testing.T) {
		page := strings.Repeat("<div>", 1_000_000) + "规章<br>0" + strings.Repeat("</div>", 1_000_000)
		doc := mustReadHTML(t, page, "")
		wantCells(t, doc.cells, "0:规章\n0:0\n")
	})
	t.Run("nested tables", func(t *testing.T) {
		page := strings.Repeat("<table><tr><td>x", 100_000)
		doc := mustReadHTML(t, page, "")
		if len(doc.cells) == 0 {
			t.Error("no cells")
		}
	})
	t.Run("ten thousand columns", func(t *testing.T) {
		page := "<table><tr>" + strings.Repeat("<td>1</td>", 10_000) + "</tr></table>"
		doc := mustReadHTML(t, page, "")
		if len(doc.cells) != 10_000 || doc.cells[0].Row == 0 || doc.cells[9_999].Row != doc.cells[0].Row {
			t.Errorf("got %d cells, want 10000 in one row", len(doc.cells))
		}
		if len(doc.lines) != 1 {
			t.Errorf("got %d lines, want 1", len(doc.lines))
		}
	})
	t.Run("invalid utf-8", func(t *testing.T) {
		page := "<html><body><p>规章\xff\xfe</p><p>行政许可</p><table><tr><td>\xe4\xb8</td><td>0</td></tr></table><p>" + strings.Repeat("正文", 100) + "</p></body></html>"
		doc := mustReadHTML(t, page, "")
		if doc.cells[0].Text != "规章\uFFFD" || doc.cells[1].Text != "行政许可" {
			t.Errorf("cells = %q", cellDump(doc.cells[:2]))
		}
	})
	t.Run("binary junk", func(t *testing.T) {
		junk := make([]byte, 1<<16)
		rand.New(rand.NewSource(1)).Read(junk)
		if _, err := readHTML(append([]byte("<html><body>"), junk...), ""); err == nil {
			t.Error("junk read without error")
		}
		if _, err := Parse(append([]byte("<!DOCTYPE html><html>"), junk...), Options{Name: "junk.html"}); err == nil {
			t.Error("Parse accepted junk")
		}
	})
	t.Run("no text", func(t *testing.T) {
		if _, err := readHTML([]byte("<html><head><title></title></head><body><script>x()</script></body></html>"), ""); err == nil {
			t.Error("empty page read without error")
		}
	})
}

// The article container may be a <td> whose text is short enough to pass
// for a data cell: it is read as flow, so its text is not lost.
func TestHTMLContainerIsCell(t *testing.T) {
	text := strings.Repeat("本机关依申请公开政府信息", 10)
	page := `<body><div>首页</div><table><tr><td id="zoom">` + text + `</td></tr></table></body>`
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, "0:"+text+"\n")
}

// Nesting deeper than x/net/html's 512 elements (unclosed inline elements
// pile up on some CMS pages) no longer costs the tables their rows.
func TestHTMLDeepNesting(t *testing.T) {
	page := "<body>" + strings.Repeat("<span>", 600) +
		`<table><tr><td>规章</td><td>0</td><td>1</td></tr></table>` + strings.Repeat("</span>", 600)
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, "1:规章\n1:0\n1:1\n")
	wantLines(t, doc.lines, "规章 | 0 | 1")
}

// The token fallback keeps the rows of the innermost tables: a layout row
// around a table gives its own text as flow, the inner rows as rows.
func TestHTMLDeepNestingLayoutTable(t *testing.T) {
	page := "<body>" + strings.Repeat("<span>", 600) +
		`<p>标题</p><table><tr><td>导航</td><td><table><tr><td>规章</td><td>0</td><td>1</td></tr>` +
		`<tr><th>行政许可</th><td>5<br>6</td></tr></table></td></tr></table><p>尾</p>` + strings.Repeat("</span>", 600)
	doc := mustReadHTML(t, page, "")
	wantCells(t, doc.cells, "0:标题\n0:导航\n1:规章\n1:0\n1:1\n2:行政许可\n2:56\n0:尾\n")
	wantLines(t, doc.lines, "标题\n导航\n规章 | 0 | 1\n行政许可 | 56\n尾")
}

// sloppyPages are pages whose markup is sloppy the ways real pages are
// (they once checked the streaming reader against the DOM): seeds of
// FuzzParseHTML.
var sloppyPages = map[string]string{
	"unclosed p li td tr": `<p>一、总体情况<p>本机关认真贯彻落实条例<ul><li>规章<li>行政许可</ul>
<table><tr><td>信息内容<td>本年制发件数<td>本年废止件数<tr><td>规章<td>0<td>1</table>`,
	"text in a table row":       `<table><tr><td>规章</td>注：<td>0</td><td>1</td></tr></table><p>正文</p>`,
	"block in a table":          `<table><div>单位：件</div><tr><td>规章</td><td>0</td><td>1</td></tr>&nbsp;</table>`,
	"span in a table":           `<p>前言<table><span>说明</span> <span>二</span><tr><td>规章</td><td>0</td><td>1</td></tr><br>尾</table>后记</p>`,
	"form in a table":           `<table><tr><td>a</td></tr><form><tr><td>b</td><td>1</td><td>2</td></tr></form></table>`,
	"misnested formatting":      `<p><b>规章</p>0</b><b><div>行政许可</b>45</div><font face="仿宋"><p>一</font>二</p>`,
	"svg icon":                  `<div><svg viewBox="0 0 1 1"><title>打印</title><style>.a{fill:red}</style><path d="M0"/></svg>正文<svg><p>跳出</p></svg></div>`,
	"mathml":                    `<p>前<math><mi>x</mi><mtext><b>文</b></mtext></math>后</p>`,
	"select and controls":       `<p>选择<select><option>2021<option selected>2022</select>年度<input value=x><button>查询</button><textarea>备注</textarea>报告</p>`,
	"header footer":             `<header>网站头部</header><article><header><h1>某县2022年报告</h1></header><p>正文</p><footer>发布时间：2023-01-31</footer></article><footer>版权所有</footer>`,
	"scripts and frames":        `<p>一<script>document.write("<p>行政许可</p>")</script>二<noscript>请启用脚本</noscript><iframe src=x>框架</iframe>三</p>`,
	"title in the body":         `<html><head><title>年报</title></head><body><title>第二个标题</title><p>正文</p></body></html>`,
	"quirks p table":            `<p>说明<table><tr><td>规章</td><td>0</td><td>1</td></tr></table>续</p>`,
	"standards p table":         `<!DOCTYPE html><p>说明<table><tr><td>规章</td><td>0</td><td>1</td></tr></table>续</p>`,
	"entities and newlines":     "<p>关于印发&lt;格式&gt;的通知&#x3000;&nbsp;\r\n第二行&amp;</p><p>\u200b零宽\u3000</p><table><tr><td>&#49;&#50;</td><td>3\r\n</td><td> 4 </td></tr></table>",
	"class with an entity":      `<div class="TRS&#95;Editor"><p>` + strings.Repeat("本机关认真贯彻落实政府信息公开条例。", 10) + `</p></div><div class=nav>首页</div>`,
	"template in the body":      `<p>前</p><template><table><tr><td>1</td><td>2</td><td>3</td></tr></table><p>模板</p></template><p>后</p>`,
	"word conditional comments": `<p class=MsoNormal><![if !supportLists]><span>1.</span><![endif]>规章<o:p></o:p></p><!--[if gte mso 9]><xml>x</xml><![endif]--><p>行政许可<o:p>&nbsp;</o:p></p>`,
	"layout cell with a table":  `<table><tr><td>导航</td><td><p>标题</p><table><tr><td>规章</td><td>0</td><td>1</td></tr></table></td></tr></table>`,
	"nested candidates":         `<div class="article_content"><div class="TRS_Editor"><p>` + strings.Repeat("本报告根据条例编制。", 12) + `</p><table><tr><td>规章</td><td>0</td><td>1</td></tr></table></div></div><div class=content>相关链接</div>`,
	"inline container":          `<p>发布时间：2023-01-31 <span id="zoom">` + strings.Repeat("本机关认真贯彻落实条例。", 12) + `</span> 打印</p>`,
	"stray end tags":            `</div></p></td></tr></table><p>正文</span></font></b>续</p></li></ul><br></br>尾`,
	"caption and colgroup":      `<table><caption>表一</caption><colgroup><col><col></colgroup> x <tr><th>信息内容</th><th>数量</th><th>备注</th></tr><tr><td>规章</td><td>3</td><td>-</td></tr></table>`,
}

// A cell's text is what the page shows: hidden runs (display:none, the
// hidden attribute, Word's mso-hide:all), struck-out text (Word's tracked
// deletions as <del>, <s>, <strike>) and footnote marks (<sup>, <sub>,
// vertical-align, Word's footnote links) are not
// read into its number; numbers a line break parts are several numbers
// (202 from "2<br>0<br>2" was wrong), while a word a break parts stays one
// word. A hidden block is kept: it may be a tab the page's script opens.
func TestHTMLCellShownText(t *testing.T) {
	page := `<table>
<tr><td>本年<br>制发件数</td><td>x</td></tr>
<tr><td>a</td><td>37<span style="display: none">9</span>1</td></tr>
<tr><td>b</td><td>37<span hidden>9</span>1</td></tr>
<tr><td>c</td><td>371<span style='mso-hide:all'>0</span></td></tr>
<tr><td>d</td><td>371<sup>1</sup></td></tr>
<tr><td>e</td><td><del>370</del><ins>371</ins></td></tr>
<tr><td>f</td><td><s>370</s><strike>9</strike>371</td></tr>
<tr><td>g</td><td>2<br>0<br>2</td></tr>
<tr><td>h</td><td><p>3</p><p>５</p></td></tr>
<tr><td>i</td><td><div style="display:none">5</div></td></tr>
<tr><td>j</td><td><s>47</s></td></tr>
<tr><td>k</td><td><sup>4</sup> </td></tr>
<tr><td>l</td><td><span style="display:none">4</span></td></tr>
<tr><td>p</td><td>37<span style="font-size: 0px">9</span>1<span style="font-size:0.5em"></span></td></tr>
<tr><td>m</td><td><img src="n.png"></td></tr>
<tr><td>n</td><td><input value="1268"></td></tr>
<tr><td>o</td><td><svg><text>3</text></svg></td></tr>
<tr><td>q</td><td>12<span style="vertical-align: super">1</span></td></tr>
<tr><td>r</td><td>1.5<sub>1</sub></td></tr>
<tr><td>s</td><td>12<a href="#_ftn1" name="_ftnref1">[1]</a></td></tr>
<tr><td>t</td><td>12<a style="mso-footnote-id:ftn2" href="x.htm#_ftn2">2</a></td></tr>
<tr><td>u</td><td><a href="detail.html">12</a></td></tr>
</table>`
	doc := mustReadHTML(t, page, "")
	// A cell whose only text is struck or superscript shows a number the
	// reader does not take: no blank (j, k); a hidden one shows nothing (l).
	want := []string{"本年制发件数", "x", "a", "371", "b", "371", "c", "371", "d", "371", "e", "371", "f", "371", "g", "2 0 2", "h", "3 ５", "i", "5",
		"j", markedOnlyCell, "k", markedOnlyCell, "l", "",
		// A picture, a form control or a drawing shows what the reader
		// cannot read: no blank either.
		"p", "371",
		"m", drawnCell, "n", drawnCell, "o", drawnCell,
		// Footnote marks raised or lowered by style or <sub>, or linked
		// as Word links them, had been read into the number (121); an
		// ordinary link's text is the cell's.
		"q", "12", "r", "1.5", "s", "12", "t", "12", "u", "12"}
	var got []string
	for _, c := range doc.cells {
		got = append(got, c.Text)
	}
	if !slices.Equal(got, want) {
		t.Errorf("cells\n%q\nwant\n%q", got, want)
	}
}

// The page's link lists (相关文章, 一图读懂…, a sidebar) link to other
// reports: a list item or block whose only text is its links is not read,
// so another report's title cannot become this one's. A heading that is a
// link, and a block with text beside its link, are read.
func TestHTMLLinkListsAreNotRead(t *testing.T) {
	page := `<html><body>
<div class="left"><h3>相关文章</h3><ul><li><a href="/a">某县统计局2022年政府信息公开工作年度报告</a></li></ul></div>
<h1><a href="/self">某县人民政府2023年政府信息公开工作年度报告</a></h1>
<p>2023年，某县人民政府认真贯彻落实《条例》。</p>
<div class="pn"><a href="/b">一图读懂某县2023年政府信息公开工作年度报告</a></div>
<div class="pn">下一篇 <a href="/c">某镇2023年政府信息公开工作年度报告</a></div>
<ul><li>行政许可</li><li>45</li></ul>
</body></html>`
	doc := mustReadHTML(t, page, "")
	got := strings.Join(doc.lines, "\n")
	for _, gone := range []string{"某县统计局2022年", "一图读懂"} {
		if strings.Contains(got, gone) {
			t.Errorf("link list %q read:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"某县人民政府2023年政府信息公开工作年度报告", "下一篇", "行政许可", "45"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q not read:\n%s", kept, got)
		}
	}
	r, err := Parse([]byte(page), Options{Name: "page.html"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2023 || r.Jurisdiction != "某县人民政府" {
		t.Errorf("year %d, jurisdiction %q; want 2023, 某县人民政府", r.Year, r.Jurisdiction)
	}
}

// Table 四 printed with two rows of values (last year's above this year's,
// or a hidden row of Excel's): the second is a second reading, its cells
// that differ from the first are left out; a hidden row is not read.
func TestHTMLTable4TwoRows(t *testing.T) {
	head := `<p>四、政府信息公开行政复议、行政诉讼情况</p><table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>`
	row := func(attr string, vals ...string) string {
		return "<tr" + attr + "><td>" + strings.Join(vals, "</td><td>") + "</td></tr>"
	}
	this := []string{"2", "1", "0", "1", "4", "3", "0", "1", "2", "6", "1", "0", "0", "0", "1"}
	last := []string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}
	r, err := Parse([]byte(head+row("", last...)+row("", this...)+"</table><p>五、存在的主要问题及改进情况</p><p>无。</p>"), Options{Name: "t4.html"})
	if err != nil {
		t.Fatal(err)
	}
	wantAbsent(t, r, "review/reconsideration/upheld", "review/reconsideration/total")
	wantValues(t, r, "review/reconsideration/other = 0")
	wantWarning(t, r, "review row reconsideration is printed twice")
	r, err = Parse([]byte(head+row(` style="display:none"`, last...)+row("", this...)+"</table><p>五、存在的主要问题及改进情况</p><p>无。</p>"), Options{Name: "t4.html"})
	if err != nil {
		t.Fatal(err)
	}
	wantValues(t, r, "review/reconsideration/upheld = 2", "review/reconsideration/total = 4", "review/litigation_after_reconsideration/total = 1")
}

func TestZeroFontSize(t *testing.T) {
	for style, want := range map[string]bool{
		"font-size:0": true, "font-size: 0px": true, "color:red;font-size:00pt": true,
		"font-size:0.5em": false, "font-size:10.5pt": false, "font-size: 05pt": false, "mso-bidi-font-size:12pt": false, "": false,
	} {
		if got := zeroFontSize(style); got != want {
			t.Errorf("zeroFontSize(%q) = %v, want %v", style, got, want)
		}
	}
}

// A number printed across columns or rows where tables 三 and 四 print a
// cell a column, or in a table-二 row that also prints an empty cell, with
// an extra column (a blank, a 备注) making up the row's count: the row was
// read one place off (予以公开's 总计 stored blank, the 备注 stored as
// 总计, 规章's 现行有效 12 as 本年废止). Such rows are left out; their
// neighbours, and table 二's own colspans (TestQuirk02SpanMismatch), are
// read.
func TestNumberAcrossColumnsOrRows(t *testing.T) {
	for _, tc := range []struct {
		file, row string
		absent    []string
		kept      []string
	}{
		{"r1_trailing_col_colspan_value.html", "予以公开", []string{"requests/granted/natural_person", "requests/granted/total"},
			[]string{"requests/new/natural_person = 3", "requests/new/total = 33"}},
		{"r2_remark_col_colspan_value.html", "予以公开", []string{"requests/granted/natural_person", "requests/granted/total"},
			[]string{"requests/new/natural_person = 3", "requests/new/total = 33"}},
		{"r3_t2_trailing_col_colspan_value.html", "规章", []string{"proactive/regulations/issued", "proactive/regulations/in_force"},
			[]string{"proactive/normative_documents/issued = 3", "proactive/normative_documents/in_force = 20"}},
		{"r4_trailing_col_rowspan_value.html", "禁止公开", []string{"requests/denied_prohibited_by_law/natural_person", "requests/denied_prohibited_by_law/total"},
			[]string{"requests/denied_state_secret/natural_person = 0", "requests/denied_state_secret/total = 15"}},
		{"r7_t4_remark_col_colspan_value.html", "table 四", []string{"review/reconsideration/upheld", "review/litigation_after_reconsideration/total"}, nil},
		// Table 二's own spans (NOTES A.2), a blank among the cells: the
		// header is no wider than the template, so nothing is in doubt.
		{"a2_colspan_blank_decisions.html", "", nil,
			[]string{"proactive/licensing/prior_items = 7", "proactive/licensing/change = 8", "proactive/licensing/decisions = NULL",
				"proactive/punishment/prior_items = 12", "proactive/punishment/decisions = 14"}},
		// The same in piped text, where the store wrote a colspan as
		// filler after the number ("0 ||").
		{"pipe_rows_filler.txt", "予以公开", []string{"requests/granted/natural_person", "requests/granted/total"},
			[]string{"requests/new/natural_person = 3", "requests/new/total = 4", "requests/partially_granted/natural_person = 1"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "spans", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			rep := parseString(t, string(data))
			wantAbsent(t, rep, tc.absent...)
			if tc.row != "" {
				wantWarning(t, rep, tc.row, "across")
			}
			wantValues(t, rep, tc.kept...)
		})
	}
}
