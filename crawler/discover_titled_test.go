package crawler

import (
	"net/url"
	"testing"
)

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
