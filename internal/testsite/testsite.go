// Package testsite builds, for tests, county sites on loopback that serve
// the bundled sample reports, and reads what a test run left in the
// warehouse. Tests of the pipeline and of the command line share it.
package testsite

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/warehouse"
)

// Site is a county column on loopback holding real bundled reports, each
// on its own page; a hook, when set, sees every request first (to slow a
// page, or to kill a child process at a chosen moment).
type Site struct {
	Srv   *httptest.Server
	Sim   *sitesim.Site
	Pages []string
	mu    sync.Mutex
	hook  func(r *http.Request)
}

// Samples are the bundled reports with statistics, in the layout they parse in.
var Samples = []struct {
	File, Title string
	Layout      sitesim.Layout
}{
	{"seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", sitesim.Paragraphs},
	{"039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告", sitesim.Paragraphs},
	{"041_pingtan_2020_archive-txt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告", sitesim.Paragraphs},
	{"009_gucheng_jyj_2020.txt", "故城县教育局2020年政府信息公开工作年度报告", sitesim.Tables},
	{"013_tinghu_yulong_jd_2024.txt", "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告", sitesim.Tables},
	{"027_zhongcun_xiang_huichang_2020.txt", "中村乡2020年政府信息公开工作年度报告", sitesim.Paragraphs},
}

// New serves the first n Samples under /nb/, listed on /nb/.
func New(t testing.TB, n int) *Site {
	t.Helper()
	s := &Site{Sim: sitesim.New("某县")}
	var links []sitesim.Link
	for i, smp := range Samples[:n] {
		p := fmt.Sprintf("/nb/%d.html", i)
		if err := samples.ReportPage(s.Sim, "某县人民政府", p, smp.File, smp.Title, "2024-01-20", smp.Layout, ""); err != nil {
			t.Fatal(err)
		}
		links = append(links, sitesim.Link{Href: p, Text: smp.Title, Date: "2024-01-20"})
		s.Pages = append(s.Pages, p)
	}
	s.Sim.Put("/nb/", samples.HTMLUTF8, []byte(sitesim.ListingHTML("某县人民政府", "政府信息公开年报", links, "")))
	s.Srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		hook := s.hook
		s.mu.Unlock()
		if hook != nil {
			hook(r)
		}
		s.Sim.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Srv.Close)
	return s
}

// SetHook sets the function that sees every request first (nil: none).
func (s *Site) SetHook(h func(r *http.Request)) {
	s.mu.Lock()
	s.hook = h
	s.mu.Unlock()
}

// SitesCSV writes a registry of the given site URLs into dir and returns its path.
func SitesCSV(t testing.TB, dir string, urls ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("code,name,url\n")
	for i, u := range urls {
		fmt.Fprintf(&b, ",测试站%d,%s\n", i, u)
	}
	sites := filepath.Join(dir, "sites.csv")
	if err := os.WriteFile(sites, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return sites
}

// Query runs one query on the warehouse, read-only, and returns its rows
// as tab-separated text.
func Query(t testing.TB, db, q string, args ...any) []string {
	t.Helper()
	w, err := warehouse.OpenWith(db, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.SQL().Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			cells = append(cells, fmt.Sprint(v))
		}
		out = append(out, strings.Join(cells, "\t"))
	}
	return out
}
