package platformsim_test

import (
	"html"
	"net/http/httptest"
	"strings"
	"testing"

	"disclosure/crawler/platform/platformsim"
	"disclosure/internal/samples"
)

// BenchmarkServeArticle is the simulator's own cost of serving one report
// page (a corpus report of about 50 KB) on each platform: the crawl
// benchmarks' servers share the crawler's process and cores, so this is a
// part of their cpu_s that is not the crawler's.
func BenchmarkServeArticle(b *testing.B) {
	text, err := samples.Text("seed_yining_2023.txt")
	if err != nil {
		b.Fatal(err)
	}
	page := []byte("<html><head><title>t</title></head><body><div>" +
		strings.ReplaceAll(html.EscapeString(text), "\n", "<br>\n") + "</div></body></html>")
	reps := []platformsim.Report{{Title: "伊宁县政府信息公开工作2023年度报告", Body: page}}
	hw := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6211020001", Reports: reps}
	gk := &platformsim.Gkmlpt{Name: "某区人民政府", SiteCode: "4403040001", Reports: reps}
	b.Run("hanweb", func(b *testing.B) {
		for range b.N {
			hw.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", hw.ArticlePath(0), nil))
		}
	})
	b.Run("gkmlpt", func(b *testing.B) {
		for range b.N {
			gk.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", gk.ArticlePath(0), nil))
		}
	})
}
