package crawler

import (
	"net/url"
	"slices"
	"testing"
)

func TestIsReportTitle(t *testing.T) {
	yes := []string{
		"襄阳市统计局2022年度政府信息公开工作报告",
		"龙田镇人民政府2021年政府信息公开工作年度报告",
		"宁强县自然资源局关于2021年度政府信息公开情况的报告",
		"西藏自治区审计厅2025年政务信息公开工作开展年度报告",
		"正蓝旗2021年政府信息公开年报",
		"２０２２年 政府信息公开 工作年度报告",
		"伊宁县政府信息公开工作2023年度报告",
		"襄阳市统计局2022年度政府信息公开工…",
		"桐梓县2022年政府信息公开工作年度报告.pdf",
		"卫生和计划生育局2015年政府信息公开工作年度报告",
		"国家统计局桐梓调查队2022年政府信息公开工作年度报告",
		"县绩效考核办公室2021年度政府信息公开工作报告",
		"XX县2022年政务公开工作年度报告",
		"XX县人民政府关于2020年政府信息公开工作情况的报告",
	}
	no := []string{
		"政府信息公开年报",
		"关于做好2022年政府信息公开工作年度报告编制发布工作的通知",
		"《2022年政府信息公开工作年度报告》解读",
		"图解：2022年政府信息公开工作年度报告",
		"2023年政务公开工作要点",
		"关于2022年度政府信息公开工作年度报告情况的通报",
		"县政府召开2022年工作会议",
		"政府信息公开指南",
		"2022年国民经济和社会发展统计公报",
		"一图读懂XX县2022年政府信息公开工作年度报告",
		"XX县2022年政府信息公开工作年度报告第三方评估报告",
		"我县发布2022年政府信息公开工作年度报告",
	}
	for _, s := range yes {
		if !isReportTitle(s) {
			t.Errorf("isReportTitle(%q) = false", s)
		}
	}
	for _, s := range no {
		if isReportTitle(s) {
			t.Errorf("isReportTitle(%q) = true", s)
		}
	}
}

func TestColumnRank(t *testing.T) {
	for s, want := range map[string]int{
		"政府信息公开年报": 2, "年度报告": 2, "2022年": 2, "2021年度": 2,
		"政府信息公开": 1, "信息公开": 1, "政务公开": 1,
		"政府信息公开指南": 0, "依申请公开": 0, "新闻中心": 0, "首页": 0,
		"2022年政府信息公开工作年度报告": 0,
	} {
		if got := columnRank(s); got != want {
			t.Errorf("columnRank(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestDiscoverListing(t *testing.T) {
	base, _ := url.Parse("http://www.x.gov.cn/zwgk/nb/index.html")
	p := &page{anchors: []anchor{
		{URL: "http://www.x.gov.cn/zwgk/nb/202301/t1.html", Text: "X县2022年政府信息公开工作年度报告"},
		{URL: "http://xxgk.x.gov.cn/nb/t2.html", Title: "X县2021年政府信息公开工作年度报告", Text: "X县2021年政府信..."},
		{URL: "http://www.x.gov.cn/tzgg/t3.html", Text: "关于报送2022年政府信息公开工作年度报告的通知"},
		{URL: "http://www.other.gov.cn/nb/t4.html", Text: "Y县2022年政府信息公开工作年度报告"},
		{URL: "http://www.x.gov.cn/zwgk/nb/index_1.html", Text: "下一页"},
		{URL: "http://www.x.gov.cn/zwgk/nb/index_2.html", Text: "3"},
		{URL: "http://www.x.gov.cn/zwgk/xxgk/", Text: "政府信息公开"},
		{URL: "http://www.x.gov.cn/zwgk/nb/202301/t1.html", Text: "X县2022年政府信息公开工作年度报告"},
	}}
	got := discover(base, KindListing, p, siteOf(base), 100)
	var urls []string
	for _, f := range got {
		urls = append(urls, string(f.Kind)+" "+f.URL)
	}
	want := []string{
		"report http://www.x.gov.cn/zwgk/nb/202301/t1.html",
		"report http://xxgk.x.gov.cn/nb/t2.html",
		"listing http://www.x.gov.cn/zwgk/nb/index_1.html",
		"listing http://www.x.gov.cn/zwgk/nb/index_2.html",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("discover =\n%q\nwant\n%q", urls, want)
	}
}

func TestDiscoverRootAndReport(t *testing.T) {
	base, _ := url.Parse("http://www.x.gov.cn/")
	root := &page{anchors: []anchor{
		{URL: "http://www.x.gov.cn/xwzx/", Text: "新闻中心"},
		{URL: "http://www.x.gov.cn/zwgk/", Text: "政务公开"},
		{URL: "http://www.x.gov.cn/zwgk/nb/", Text: "政府信息公开年报"},
	}}
	got := discover(base, KindListing, root, siteOf(base), 100)
	if len(got) != 1 || got[0].URL != "http://www.x.gov.cn/zwgk/nb/" || got[0].How != "column" {
		t.Errorf("root: %+v", got)
	}
	rep, _ := url.Parse("http://www.x.gov.cn/zwgk/nb/t1.html")
	rp := &page{anchors: []anchor{
		{URL: "http://www.x.gov.cn/files/nb2022.pdf", Text: "附件：年度报告"},
		{URL: "http://www.x.gov.cn/down.jsp?filename=nb.docx", Text: "下载"},
		{URL: "http://www.x.gov.cn/zwgk/nb/t0.html", Text: "上一篇：X县2021年政府信息公开工作年度报告"},
		{URL: "http://www.x.gov.cn/zwgk/", Text: "政务公开"},
	}}
	got = discover(rep, KindReport, rp, siteOf(base), 100)
	if len(got) != 2 || got[0].Kind != KindAttachment || got[1].Kind != KindAttachment {
		t.Errorf("report page: %+v", got)
	}
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP://WWW.X.GOV.CN:80/a/../b/./c.html#top": "http://www.x.gov.cn/b/c.html",
		"https://x.gov.cn":                           "https://x.gov.cn/",
		"http://x.gov.cn/a/?id=1":                    "http://x.gov.cn/a/?id=1",
	} {
		if got, err := NormalizeURL(in); err != nil || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ftp://x/", "javascript:void(0)", "/relative"} {
		if _, err := NormalizeURL(bad); err == nil {
			t.Errorf("NormalizeURL(%q) succeeded", bad)
		}
	}
}

func TestSiteOf(t *testing.T) {
	a, _ := url.Parse("http://www.x.gov.cn/")
	b, _ := url.Parse("https://xxgk.x.gov.cn:8443/")
	c, _ := url.Parse("http://www.y.gov.cn/")
	if siteOf(a) != siteOf(b) || siteOf(a) == siteOf(c) {
		t.Errorf("siteOf: %s %s %s", siteOf(a), siteOf(b), siteOf(c))
	}
	i1, _ := url.Parse("http://127.0.0.1:8080/")
	i2, _ := url.Parse("http://127.0.0.1:8081/")
	if siteOf(i1) == siteOf(i2) {
		t.Error("two ports of one IP are one site")
	}
}

func TestScanLinks(t *testing.T) {
	base, _ := url.Parse("http://www.x.gov.cn/zwgk/nb/t1.html")
	body := []byte(`<html><head><base href="http://www.x.gov.cn/files/"><script>var a='<a href="/js.html">x</a>';</script></head>
<body><a href="nb.pdf" title="年报PDF"><span>附件：</span>2022年报.pdf</a>
<a href="javascript:void(0)">打印</a><a href="#top">顶部</a>
<p><a href="../x.doc">unclosed <p>next</p>
<map><area href="/m.html"></map></body></html>`)
	p := scanLinks(body, base)
	var got []string
	for _, a := range p.anchors {
		got = append(got, a.URL+"|"+normText(a.Text)+"|"+a.Title)
	}
	want := []string{
		"http://www.x.gov.cn/files/nb.pdf|附件:2022年报.pdf|年报PDF",
		"http://www.x.gov.cn/x.doc|unclosednext|",
		"http://www.x.gov.cn/m.html||",
	}
	if !slices.Equal(got, want) {
		t.Errorf("scanLinks =\n%q\nwant\n%q", got, want)
	}
	if len(p.scripts) != 1 {
		t.Errorf("scripts: %q", p.scripts)
	}
}

func TestDiscoverHanwebDatastore(t *testing.T) {
	base, _ := url.Parse("https://www.tinghu.gov.cn/col/col32526/index.html")
	p := &page{scripts: []string{`<datastore><recordset>
<record><![CDATA[<li><a href="/art/2025/1/10/art_32526_4274063.html" title="盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告" target="_blank">盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作…</a></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/12/1/art_32526_1.html">关于做好2024年度政府信息公开工作年度报告编制工作的通知</a></li>]]></record>
</recordset></datastore>`}}
	got := discover(base, KindListing, p, siteOf(base), 100)
	if len(got) != 1 || got[0].URL != "https://www.tinghu.gov.cn/art/2025/1/10/art_32526_4274063.html" || got[0].Kind != KindReport {
		t.Errorf("Hanweb datastore: %+v", got)
	}
}

// A report page's attachment is usually linked by the report's own title
// with the file's extension; it is fetched as an attachment, not lost as a
// "report" link on a report page.
func TestDiscoverAttachmentTitledAsReport(t *testing.T) {
	rep, _ := url.Parse("http://www.x.gov.cn/zwgk/nb/t1.html")
	rp := &page{anchors: []anchor{
		{URL: "http://www.x.gov.cn/uploadfiles/P0201.docx", Text: "X县松木塘镇人民政府2022年政府信息公开工作年度报告.docx"},
		{URL: "http://www.x.gov.cn/zwgk/nb/t0.html", Text: "上一篇：X县2021年政府信息公开工作年度报告"},
	}}
	got := discover(rep, KindReport, rp, siteOf(rep), 100)
	if len(got) != 1 || got[0].Kind != KindAttachment || got[0].URL != "http://www.x.gov.cn/uploadfiles/P0201.docx" {
		t.Errorf("report page: %+v", got)
	}
}
