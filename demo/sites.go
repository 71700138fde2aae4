package demo

import (
	_ "embed"
	"fmt"
	"os"
	"path"
	"strings"

	"disclosure/crawler/platform/platformsim"
	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
)

// The demo's county sites: each serves real bundled reports (samples/) in
// one of the shapes county CMSs publish, so `disclosure demo` shows the
// whole pipeline meeting them. Night 2 is the next nightly run: one report
// is published, one corrected, one taken down.

// demoSite is one simulated county and what it publishes on a given night.
type demoSite struct {
	code, name string
	layout     string // what this site shows of the crawler and parser
	path       string // the registered URL's path
	publish    func(s *sitesim.Site, night int) error
}

// seedPDF is the seed report (伊宁县 2023) as LibreOffice exports it to PDF
// (testdata/attachments): the demo's one PDF, so `disclosure serve` over
// the demo shows a value on an image of its page.
//
//go:embed files/seed_yining_2023.pdf
var seedPDF []byte

const (
	htmlUTF8    = samples.HTMLUTF8
	robotsDelay = "0.2" // Crawl-delay the demo sites ask for, in seconds
)

func demoSites() []demoSite {
	return []demoSite{
		{
			code: "654021", name: "伊宁县", path: "/zwgk/zfxxgk/zfxxgknb/index.html",
			layout: "TRS column of 2 pages (createPageHTML); one <p> per table cell; corrected on night 2",
			publish: func(s *sitesim.Site, night int) error {
				col := "/zwgk/zfxxgk/zfxxgknb/"
				report := col + "202401/t20240126_30918.html"
				s.Put(col+"index.html", htmlUTF8, []byte(sitesim.ListingHTML("伊宁县人民政府", "政府信息公开年报", []sitesim.Link{
					{Href: col + "202401/t20240105_30011.html", Text: "关于做好2023年政府信息公开工作年度报告编制工作的通知", Date: "2024-01-05"},
				}, sitesim.TRSPager(2, 0))))
				s.Put(col+"index_1.html", htmlUTF8, []byte(sitesim.ListingHTML("伊宁县人民政府", "政府信息公开年报", []sitesim.Link{
					{Href: report, Text: "伊宁县政府信息公开工作2023年度报告", Date: "2024-01-26"},
				}, sitesim.TRSPager(2, 1))))
				extra := ""
				if night >= 2 {
					extra = "<p class=\"note\">(2024年2月1日更新:补充了政务服务便民热线数据的说明。)</p>\n"
				}
				return samples.ReportPage(s, "伊宁县人民政府", report, "seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", "2024-01-26", sitesim.Paragraphs, extra)
			},
		},
		{
			code: "350128", name: "平潭综合实验区", path: "/",
			layout: "registered at the site root: 首页 → 政府信息公开 → 年报; Word-export HTML; 2020 published on night 2",
			publish: func(s *sitesim.Site, night int) error {
				col := "/zwgk/zfxxgk/zfxxgknb/"
				s.Put("/", htmlUTF8, []byte(sitesim.HomeHTML("平潭综合实验区管委会", []sitesim.Link{
					{Href: "/xwzx/", Text: "新闻中心"}, {Href: "/zwgk/zfxxgk/", Text: "政府信息公开"},
				})))
				s.Put("/zwgk/zfxxgk/", htmlUTF8, []byte(sitesim.HomeHTML("平潭综合实验区管委会", []sitesim.Link{
					{Href: "/zwgk/zfxxgk/zn/", Text: "政府信息公开指南"}, {Href: col, Text: "政府信息公开年报"},
				})))
				links := []sitesim.Link{
					{Href: col + "202301/t20230130_4.htm", Text: "平潭综合实验区2022年政府信息公开工作年度报告", Date: "2023-01-30"},
					{Href: col + "202001/t20200120_80576.htm", Text: "平潭综合实验区2019年度政府信息公开工作年度报告", Date: "2020-01-20"},
				}
				if night >= 2 {
					links = append(links[:1], append([]sitesim.Link{
						{Href: col + "202101/t20210126_1.htm", Text: "平潭综合实验区2020年度政府信息公开工作年度报告", Date: "2021-01-26"},
					}, links[1:]...)...)
					if err := samples.ReportPage(s, "平潭综合实验区管委会", col+"202101/t20210126_1.htm", "041_pingtan_2020_archive-txt.txt",
						"平潭综合实验区2020年度政府信息公开工作年度报告", "2021-01-26", sitesim.Paragraphs, ""); err != nil {
						return err
					}
				}
				s.Put(col, htmlUTF8, []byte(sitesim.ListingHTML("平潭综合实验区管委会", "政府信息公开年报", links, "")))
				word, err := samples.Text("042_pingtan_2022_archive-html-excerpt.html")
				if err != nil {
					return err
				}
				s.Put(col+"202301/t20230130_4.htm", htmlUTF8, []byte(word)) // the site's own markup
				return samples.ReportPage(s, "平潭综合实验区管委会", col+"202001/t20200120_80576.htm", "039_pingtan_2019_archive-txt.txt",
					"平潭综合实验区2019年度政府信息公开工作年度报告", "2020-01-20", sitesim.Paragraphs, "")
			},
		},
		{
			code: "131126", name: "故城县", path: "/xxgk/zfxxgknb/",
			layout: "GBK pages, charset only in <meta>; real <table> rows",
			publish: func(s *sitesim.Site, night int) error {
				text, err := samples.Text("009_gucheng_jyj_2020.txt")
				if err != nil {
					return err
				}
				title := "故城县教育局2020年政府信息公开工作年度报告"
				report := "/xxgk/zfxxgknb/2021/0120/2770432.html"
				s.Put("/xxgk/zfxxgknb/", "text/html", sitesim.GBK(sitesim.ListingHTML("故城县人民政府", "政府信息公开年报", []sitesim.Link{
					{Href: report, Text: title, Date: "2021-01-20"},
				}, "")))
				s.Put(report, "text/html", sitesim.GBK(sitesim.ReportHTML("故城县教育局", title, "2021-01-20", text, sitesim.Tables, "")))
				return nil
			},
		},
		{
			code: "430922", name: "桃江县", path: "/zwgk/xxgknb/",
			layout: "report page with a Word (.docx) attachment holding the tables",
			publish: func(s *sitesim.Site, night int) error {
				text, err := samples.Text("025_songmutang_zhen_taojiang_2022.txt")
				if err != nil {
					return err
				}
				putAttachmentReport(s, "桃江县人民政府", "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告", "2023-01-10",
					"/zwgk/xxgknb/202301/t20230110_39633.html", "/uploadfiles/202301/P020230110512345678.docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document", sitesim.DOCX(text))
				return nil
			},
		},
		{
			code: "360733", name: "会昌县", path: "/zwgk/nb/list.html",
			layout: "plain pager (下一页): report on page 2 beside an interpretation that is not fetched",
			publish: func(s *sitesim.Site, night int) error {
				report := "/zwgk/nb/202101/t20210115_157a95c3.html"
				s.Put("/zwgk/nb/list.html", htmlUTF8, []byte(sitesim.ListingHTML("会昌县人民政府", "政府信息公开年报", []sitesim.Link{
					{Href: "/zwgk/nb/202101/t20210120_2.html", Text: "图解:会昌县2020年政府信息公开工作年度报告", Date: "2021-01-20"},
				}, sitesim.PagerLinks("/zwgk/nb/list_2.html"))))
				s.Put("/zwgk/nb/list_2.html", htmlUTF8, []byte(sitesim.ListingHTML("会昌县人民政府", "政府信息公开年报", []sitesim.Link{
					{Href: report, Text: "中村乡2020年政府信息公开工作年度报告", Date: "2021-01-15"},
				}, sitesim.PagerLinks(""))))
				return samples.ReportPage(s, "会昌县人民政府", report, "027_zhongcun_xiang_huichang_2020.txt", "中村乡2020年政府信息公开工作年度报告", "2021-01-15", sitesim.Paragraphs, "")
			},
		},
		{
			code: "320902", name: "亭湖区", path: "/col/col32526/index.html",
			layout: "real <table> rows (UTF-8); the report is taken down on night 2",
			publish: func(s *sitesim.Site, night int) error {
				title := "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告"
				report := "/art/2025/1/10/art_32526_4274063.html"
				var links []sitesim.Link
				if night < 2 {
					links = append(links, sitesim.Link{Href: report, Text: title, Date: "2025-01-10"})
					if err := samples.ReportPage(s, "盐城市亭湖区人民政府", report, "013_tinghu_yulong_jd_2024.txt", title, "2025-01-10", sitesim.Tables, ""); err != nil {
						return err
					}
				} else {
					s.Remove(report)
				}
				s.Put("/col/col32526/index.html", htmlUTF8, []byte(sitesim.ListingHTML("盐城市亭湖区人民政府", "政府信息公开年报", links, "")))
				return nil
			},
		},
		{
			code: "610726", name: "宁强县", path: "/col/col1234/index.html",
			layout: "大汉 Hanweb jcms: an empty list filled by script, the record inline as XML, the rest from dataproxy.jsp",
			publish: func(s *sitesim.Site, night int) error {
				r, err := platformReport("029_ningqiang_zrzyj_2021.txt", "宁强县自然资源局关于2021年度政府信息公开情况的报告", sitesim.Paragraphs)
				if err != nil {
					return err
				}
				notice := platformsim.Report{Title: "关于做好2021年度政府信息公开工作年度报告编制工作的通知", Body: []byte("<p>各部门：请于1月31日前报送。</p>")}
				s.Fallback(&platformsim.Hanweb{Name: "宁强县人民政府", SiteCode: "6107260001", PerPage: 1, GroupSize: 1,
					Reports: []platformsim.Report{notice, r}})
				return nil
			},
		},
		{
			code: "500153", name: "荣昌区", path: "/gkmlpt/index",
			layout: "gkmlpt directory (the Guangdong platform): list from the JSON API, article body only in window._CONFIG.DETAIL",
			publish: func(s *sitesim.Site, night int) error {
				r, err := platformReport("049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", sitesim.Paragraphs)
				if err != nil {
					return err
				}
				s.Fallback(&platformsim.Gkmlpt{Name: "重庆市荣昌区人民政府", SiteCode: "5001530001", PageSize: 1,
					Reports: []platformsim.Report{r}})
				return nil
			},
		},
		{
			code: "654000", name: "伊犁哈萨克自治州", path: "/zwgk/xxgknb/",
			layout: "a prefecture portal republishing a county's report as a PDF attachment (a second version of 伊宁县 2023)",
			publish: func(s *sitesim.Site, night int) error {
				putAttachmentReport(s, "伊犁哈萨克自治州人民政府", "伊宁县政府信息公开工作2023年度报告", "2024-01-29",
					"/zwgk/xxgknb/202401/t20240129_1201.html", "/uploadfiles/202401/P020240129301234567.pdf",
					"application/pdf", seedPDF)
				return nil
			},
		},
	}
}

// putAttachmentReport publishes a report the way many portals do: a
// listing at /zwgk/xxgknb/ links a page that only says "see the
// attachment", and the attachment (file, named after the title with its
// extension) holds the tables.
func putAttachmentReport(s *sitesim.Site, portal, title, date, report, file, contentType string, body []byte) {
	s.Put("/zwgk/xxgknb/", htmlUTF8, []byte(sitesim.ListingHTML(portal, "政府信息公开年报", []sitesim.Link{
		{Href: report, Text: title, Date: date},
	}, "")))
	s.Put(report, htmlUTF8, []byte(sitesim.ReportHTML(portal, title, date,
		title+"已编制完成,全文详见附件。", sitesim.Paragraphs,
		`<p>附件: <a href="`+file+`">`+title+path.Ext(file)+`</a></p>`+"\n")))
	s.Put(file, contentType, body)
}

// platformReport is a bundled report as a platform site publishes it.
func platformReport(file, title string, layout sitesim.Layout) (platformsim.Report, error) {
	text, err := samples.Text(file)
	if err != nil {
		return platformsim.Report{}, err
	}
	return platformsim.Report{Title: title, Body: []byte(sitesim.ReportHTML("", title, "2021-01-29", text, layout, ""))}, nil
}

// runningSite is a demo site being served.
type runningSite struct {
	demoSite
	sim *sitesim.Site
}

// startDemoSites serves every demo site on its own loopback port.
func startDemoSites() ([]runningSite, error) {
	var out []runningSite
	for _, d := range demoSites() {
		s := sitesim.New(d.name)
		s.Put("/robots.txt", "text/plain", []byte(sitesim.Robots(robotsDelay)))
		if err := s.Start("127.0.0.1:0"); err != nil {
			stopDemoSites(out)
			return nil, fmt.Errorf("serving the demo sites on loopback: %w", err)
		}
		out = append(out, runningSite{d, s})
	}
	return out, nil
}

// publishNight puts every site's pages of the given night in place.
func publishNight(sites []runningSite, night int) error {
	for _, s := range sites {
		if err := s.publish(s.sim, night); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func stopDemoSites(sites []runningSite) {
	for _, s := range sites {
		s.sim.Close()
	}
}

// writeSitesFile writes the registry of the demo sites.
func writeSitesFile(path string, sites []runningSite) error {
	var b strings.Builder
	b.WriteString("code,name,url,enabled,notes\n")
	for _, s := range sites {
		fmt.Fprintf(&b, "%s,%s,%s,true,\"demo: %s\"\n", s.code, s.name, s.sim.URL(s.path), strings.ReplaceAll(s.layout, `"`, `""`))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
