package places

import "testing"

// BenchmarkResolve is the resolver's share of the load path: a county
// department's report with a title and a first paragraph, resolved from
// the text (first) and from the cache (its other years' reports).
func BenchmarkResolve(b *testing.B) {
	r, err := NewResolver()
	if err != nil {
		b.Fatal(err)
	}
	ev := Evidence{Jurisdiction: "故城县", Agency: "故城县教育局", Title: "故城县教育局2020年政府信息公开工作年度报告",
		Body: "一、总体情况\n县教育局严格按照《政府信息公开条例》要求开展信息公开工作,把做好政府信息公开工作列入重要的工作内容,形成“主要领导亲自抓,分管领导具体抓,职能科室抓落实”的工作机制。"}
	for _, cached := range []bool{false, true} {
		b.Run(map[bool]string{false: "first", true: "cached"}[cached], func(b *testing.B) {
			r.noCache = !cached
			for b.Loop() {
				if r.Resolve(ev).Code() != "131126" {
					b.Fatal("wrong code")
				}
			}
		})
	}
}
