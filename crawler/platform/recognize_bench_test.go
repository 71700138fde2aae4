package platform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// legacyAdapters are the adapters with Recognize as it was before the
// substring pre-checks (sign.go): the benchmark's baseline, and what
// TestRecognizePrecheckAgrees holds the pre-checked Recognize to.
var legacyAdapters = []Adapter{
	legacy{Hanweb{}, func(p *Page) bool { return hanwebSignRe.Match(p.Body) }},
	legacy{Gkmlpt{}, func(p *Page) bool {
		if IsArticleURL(p.URL) {
			return false
		}
		return gkmlptConfigRe.Match(p.Body) && (strings.Contains(p.URL, "/gkmlpt") || strings.Contains(string(p.Body), "/gkmlpt/"))
	}},
	legacy{Fujian{}, func(p *Page) bool {
		b := string(p.Body)
		return strings.Contains(b, "ms-controller") && (strings.Contains(b, "/fjdzapp/search") || (strings.Contains(b, "SiteInfo") && fjSearchIDRe.MatchString(b)))
	}},
	legacy{PublicColumn{}, func(p *Page) bool {
		return pcOrganRe.MatchString(p.URL) || strings.Contains(string(p.Body), "labelName=publicInfoList")
	}},
	legacy{TRS{}, func(p *Page) bool {
		if IsArticleURL(p.URL) {
			return false
		}
		b := p.Body
		return trs6Re.Match(b) || trs4Re.Match(b) || countPageRe.Match(b)
	}},
	legacy{HanwebXxgk{}, func(p *Page) bool {
		if !xxgkSignRe.Match(p.Body) {
			return false
		}
		return xxgkReportRe.Match(p.Body) || xxgkSearchRe.Match(p.Body) && xxgkFieldRe.Match(p.Body)
	}},
}

type legacy struct {
	Adapter
	recognize func(*Page) bool
}

func (l legacy) Recognize(p *Page) bool { return l.recognize(p) }

// plainColumnPage is a county column page no platform claims, as most are:
// a static list of n entries inside the usual chrome (navigation, scripts
// that create elements, a footer), about 60 KB at n = 20.
func plainColumnPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报 - 某县人民政府</title>` +
		`<meta name="SiteIDCode" content="6540210001"><script src="/js/jquery.min.js"></script>` +
		`<script>function nav(){var d=document.createElement("div");d.className="menu";document.body.appendChild(d);}</script></head><body>`)
	for i := 0; i < 300; i++ { // navigation
		fmt.Fprintf(&b, `<li class="nav-item"><a href="/zwgk/col%d/index.html" target="_blank">政务公开栏目%d</a></li>`, 1000+i, i)
	}
	b.WriteString(`<div class="list"><ul>`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<li><a href="./2024%02d/t2024%02d15_%d.html" title="某县第%d部门2023年政府信息公开工作年度报告">某县第%d部门2023年政府信息公开工作年度报告</a><span>2024-%02d-15</span></li>`,
			i%12+1, i%12+1, 80000+i, i, i, i%12+1)
	}
	b.WriteString(`</ul></div><div class="footer">主办：某县人民政府办公室 网站标识码：6540210001 ` + strings.Repeat("地址：某县某路1号 联系电话：0999-1234567 ", 40) + `</div></body></html>`)
	return []byte(b.String())
}

// BenchmarkRecognize: Detect over every adapter, and List (challenge check,
// Detect, shell check) on a plain column page, with the substring
// pre-checks against the regex-only Recognize of before (x_before: now ÷
// then), measured alternately in the same run. "fixtures" are the column
// pages of the imitation sites, which the adapters do claim.
func BenchmarkRecognize(b *testing.B) {
	plain := &Page{URL: "http://x.gov.cn/zwgk/nb/index.html", Status: 200, Body: plainColumnPage(20)}
	var fixtures []*Page
	files, _ := filepath.Glob("testdata/sites/*/*.*html")
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		fixtures = append(fixtures, &Page{URL: "http://x.gov.cn/col/col1234/" + filepath.Base(f), Status: 200, Body: body})
	}
	detect := func(as []Adapter, pages []*Page) {
		for _, p := range pages {
			for _, a := range as {
				if a.Recognize(p) {
					break
				}
			}
		}
	}
	list := func(as []Adapter, pages []*Page) {
		saved := adapters
		adapters = as
		defer func() { adapters = saved }()
		for _, p := range pages {
			List(context.Background(), p, nil, Options{})
		}
	}
	for _, c := range []struct {
		name  string
		run   func([]Adapter, []*Page)
		pages []*Page
	}{
		{"detect/plain", detect, []*Page{plain}},
		{"detect/fixtures", detect, fixtures},
		{"list/plain", list, []*Page{plain}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var before, now time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				c.run(legacyAdapters, c.pages)
				t1 := time.Now()
				c.run(adapters, c.pages)
				before += t1.Sub(t0)
				now += time.Since(t1)
			}
			b.ReportMetric(float64(now)/float64(before), "x_before")
			b.ReportMetric(float64(now.Nanoseconds())/float64(b.N), "ns_now/op")
			b.ReportMetric(float64(before.Nanoseconds())/float64(b.N), "ns_before/op")
		})
	}
}
