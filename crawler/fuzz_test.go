package crawler

import (
	"net/url"
	"strings"
	"testing"

	"disclosure/crawler/platform"
	"disclosure/docform"
)

// FuzzDiscover feeds arbitrary pages through both link walkers' shared
// parts (token scan, script links, TRS pager, classification): no panic, and
// every URL it would fetch is absolute http(s) on the page's site.
func FuzzDiscover(f *testing.F) {
	f.Add([]byte(`<a href="nb/1.html">2022年政府信息公开工作年度报告</a><script>createPageHTML(3, 0, "index", "html")</script>`))
	f.Add([]byte(`<base href="//x.gov.cn/a/"><a href="../b.pdf">附件</a><a href="javascript:;">x</a>`))
	f.Add([]byte(`<script><![CDATA[<a href='/art/1.html' title='2021年度政府信息公开工作报告'>…</a>]]></script>`))
	f.Add([]byte("createPageHTML(99999999999, -1, 'a/../../x', '')"))
	base, _ := url.Parse("http://www.x.gov.cn/zwgk/nb/index.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		text, _ := docform.Decode(body, "")
		p := scanLinks(text, base)
		for _, k := range []Kind{KindListing, KindReport} {
			for _, fd := range discover(base, k, p, siteOf(base), 50) {
				u, err := url.Parse(fd.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || siteOf(u) != siteOf(base) {
					t.Fatalf("discovered %q", fd.URL)
				}
				if strings.Contains(fd.URL, "#") {
					t.Fatalf("fragment kept: %q", fd.URL)
				}
			}
		}
		leads, err := ListingLeads("http://www.x.gov.cn/", &platform.Page{URL: base.String(), Status: 200, Body: body}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leads {
			if u, err := url.Parse(l.URL); err != nil || siteOf(u) != siteOf(base) {
				t.Fatalf("lead %q", l.URL)
			}
		}
		parseRobots(200, body, "disclosure-crawler")
	})
}
