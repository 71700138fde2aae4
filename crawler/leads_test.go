package crawler

import (
	"net/http"
	"slices"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"disclosure/crawler/platform"
)

// TestListingLeads: a GBK section page read as a crawl reads it — decoded
// by its charset, links off the site dropped, the 年报 column preferred to
// another section, and no detour through columns next to a platform's
// report items (which count only when their title names a report).
func TestListingLeads(t *testing.T) {
	html := `<html><head><meta charset="gbk"></head><body>
<a href="/zwgk/nb/">政府信息公开年报</a> <a href="/zwgk/zn/">政府信息公开指南</a>
<a href="/zwgk/">政务公开</a> <a href="http://www.other.gov.cn/nb/">信息公开年报</a>
<a href="http://xxgk.x.gov.cn/nb/">年度报告</a> <a href="/xwzx/1.html">县长调研</a></body></html>`
	body, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(html))
	if err != nil {
		t.Fatal(err)
	}
	page := &platform.Page{URL: "http://www.x.gov.cn/zwgk/index.html", Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=gbk"}}, Body: body}
	leads, err := ListingLeads("http://www.x.gov.cn/", page, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range leads {
		got = append(got, l.How+" "+l.URL+" "+l.Text)
		if l.How == "column" && l.Rank != 2 {
			t.Errorf("%+v: a 年报 column of rank %d", l, l.Rank)
		}
	}
	want := []string{"column http://www.x.gov.cn/zwgk/nb/ 政府信息公开年报", "column http://xxgk.x.gov.cn/nb/ 年度报告"}
	if !slices.Equal(got, want) {
		t.Errorf("leads\n%q\nwant\n%q", got, want)
	}

	items := []platform.Item{
		{Title: "X县2023年政府信息公开工作年度报告", URL: "http://www.x.gov.cn/art/1.html"},
		{Title: "关于做好2023年政府信息公开工作年度报告编制发布工作的通知", URL: "http://www.x.gov.cn/art/2.html"},
		{Title: "X县2022年政府信息公开工作年度报告", URL: "http://www.other.gov.cn/art/3.html"},
	}
	leads, err = ListingLeads("http://www.x.gov.cn/", page, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(leads) != 1 || leads[0].How != "report" || leads[0].URL != "http://www.x.gov.cn/art/1.html" {
		t.Errorf("next to platform items: %+v, want the one report item and no column", leads)
	}
	if _, err := ListingLeads("/relative", page, nil); err == nil {
		t.Error("a relative site URL was accepted")
	}
}
