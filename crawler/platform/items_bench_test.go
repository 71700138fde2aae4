package platform

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// BenchmarkExtractItems reads list pages of 200 and 2,000 entries and
// reports the time against parsing the same page with goquery alone,
// measured in the same run (x_parse): a ratio that stays flat from 200 to
// 2,000 entries shows item extraction is linear in the page, not quadratic.
func BenchmarkExtractItems(b *testing.B) {
	base, _ := url.Parse("http://x.gov.cn/zwgk/nb/index.html")
	for _, n := range []int{200, 2000} {
		var sb strings.Builder
		sb.WriteString("<html><body><div class=list><ul>")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, `<li><a href="./2024%02d/t2024%02d%02d_%d.html" title="某县第%d部门2023年政府信息公开工作年度报告">某县第%d部门…</a><span>%02d-%02d</span></li>`,
				i%12+1, i%12+1, i%28+1, 80000+i, i, i, i%12+1, i%28+1)
		}
		// a flat list too: every link in one <div>, dates between them
		sb.WriteString("</ul></div><div class=flat>")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, `<a href="./2023%02d/t2023%02d01_%d.html">通知%d</a> 2023-%02d-01 `, i%12+1, i%12+1, 90000+i, i, i%12+1)
		}
		sb.WriteString("</div></body></html>")
		page := sb.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			// baseline and subject alternate, so a busy machine slows both alike
			var parse, extract time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				parseFragment(page)
				t1 := time.Now()
				if got := extractItems(parseFragment(page), base, IsArticleURL); len(got) != 2*n {
					b.Fatalf("%d items, want %d", len(got), 2*n)
				}
				parse += t1.Sub(t0)
				extract += time.Since(t1)
			}
			b.ReportMetric(float64(extract)/float64(parse), "x_parse")
		})
	}
}
