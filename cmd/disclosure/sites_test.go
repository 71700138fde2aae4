package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"disclosure/crawler/platform/platformsim"
	"disclosure/internal/sitesim"
)

func simReports(n int) []platformsim.Report {
	out := make([]platformsim.Report, n)
	for i := range out {
		out[i] = platformsim.Report{Title: fmt.Sprintf("某县第%d部门2023年政府信息公开工作年度报告", i+1), Body: []byte("<p>报告</p>")}
	}
	return out
}

// TestSitesCheck: one line per registered site, aligned: a Hanweb column
// with its entries and 网站标识码, a gkmlpt directory whose code names another
// division, a JS challenge (blocked, with its evidence), a column moved to
// another host (301), a site whose robots.txt disallows the column, a plain
// list column whose reports a crawl finds on its second page (beside an
// interpretation it never fetches, under URLs of no platform's shape), and
// a portal page that lists no report and only leads on.
func TestSitesCheck(t *testing.T) {
	hanweb := &platformsim.Hanweb{Name: "宁强县人民政府", SiteCode: "6107260001", PerPage: 2, GroupSize: 1, Reports: simReports(5)}
	gk := &platformsim.Gkmlpt{Name: "荣昌区人民政府", SiteCode: "4401000001", PageSize: 2, Reports: simReports(3)}
	hw, gs := httptest.NewServer(hanweb), httptest.NewServer(gk)
	defer hw.Close()
	defer gs.Close()
	var robotsHits int
	blocked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsHits++
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusPreconditionFailed)
		fmt.Fprint(w, `<html><script>var $_ts=window['$_ts'];</script></html>`)
	}))
	defer blocked.Close()
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, hw.URL+hanweb.ColumnPath(), http.StatusMovedPermanently)
	}))
	defer moved.Close()
	plain := sitesim.New("故城县人民政府")
	plain.Put("/robots.txt", "text/plain", []byte("User-agent: *\nAllow: /\n"))
	plain.Put("/xxgk/zfxxgknb/index.html", "text/html; charset=utf-8", []byte(sitesim.ListingHTML("故城县人民政府", "政府信息公开年报", []sitesim.Link{
		{Href: "/xxgk/zcjd/2024/0201/11.html", Text: "图解：故城县2023年政府信息公开工作年度报告", Date: "2024-02-01"},
	}, sitesim.PagerLinks("/xxgk/zfxxgknb/index_2.html"))))
	plain.Put("/xxgk/zfxxgknb/index_2.html", "text/html; charset=utf-8", []byte(sitesim.ListingHTML("故城县人民政府", "政府信息公开年报", []sitesim.Link{
		{Href: "/xxgk/zfxxgknb/2024/0120/2770432.html", Text: "故城县2023年政府信息公开工作年度报告", Date: "2024-01-20"},
		{Href: "/xxgk/zfxxgknb/2023/0120/2770001.html", Text: "故城县2022年政府信息公开工作年度报告", Date: "2023-01-20"},
	}, sitesim.PagerLinks(""))))
	plain.Put("/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("故城县人民政府", []sitesim.Link{
		{Href: "/xwzx/", Text: "新闻中心"}, {Href: "/xxgk/", Text: "政府信息公开"},
	})))
	ps := httptest.NewServer(plain)
	defer ps.Close()
	closed := sitesim.New("closed")
	closed.Put("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /\n"))
	cs := httptest.NewServer(closed)
	defer cs.Close()

	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.csv")
	csv := fmt.Sprintf("code,name,url\n610726,宁强县,%s\n500153,荣昌区,%s\n440105,海珠区,%s\n520322,桐梓县,%s\n640104,兴庆区,%s\n131126,故城县,%s\n131127,景县,%s\n",
		hw.URL+hanweb.ColumnPath(), gs.URL+gk.ColumnPath(), blocked.URL+"/col/col1/index.html", moved.URL+"/nb/", cs.URL+"/nb/",
		ps.URL+"/xxgk/zfxxgknb/index.html", ps.URL+"/")
	if err := os.WriteFile(sites, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCmd(t, "sites", "check", "--sites", sites, "--delay", "5ms")
	if code != 1 {
		t.Errorf("exit %d, want 1 (sites need a look)\n%s", code, stderr)
	}
	t.Log(stdout)
	for name, re := range map[string]string{
		"hanweb":  `610726 宁强县 +hanweb +5 +6107260001 \(county\) +ok`,
		"gkmlpt":  `500153 荣昌区 +gkmlpt +3 +4401000001 \(another division!\) +网站标识码 of another division than 500153`,
		"blocked": `440105 海珠区 .*blocked \(js-challenge\): status 412, \$_ts`,
		"moved":   `520322 桐梓县 .*moved to ` + regexp.QuoteMeta(hw.URL),
		"robots":  `640104 兴庆区 .*disallowed by robots.txt`,
		"plain":   `131126 故城县 +static +2 +— +ok`,
		"portal":  `131127 景县 +static +0 +— +no report listed; leads to [1-9] other columns? \(sites find shows where\)`,
		"summary": `7 sites checked, 5 need a look`,
	} {
		if !regexp.MustCompile(re).MatchString(stdout) {
			t.Errorf("%s: no line matching %s", name, re)
		}
	}
	if robotsHits != 1 {
		t.Errorf("robots.txt of the blocked host read %d times", robotsHits)
	}
	if hits := closed.Hits(); len(hits) != 1 || hits[0].Path != "/robots.txt" {
		t.Errorf("a disallowed column was requested: %+v", hits)
	}
	// Columns line up by display width, Chinese included.
	lines := strings.Split(stdout, "\n")
	col := strings.Index(lines[0], "platform")
	for _, l := range lines[2:9] {
		if w := displayIndex(l, "hanweb", "gkmlpt", "static", "—"); w != displayWidth(lines[0][:col]) {
			t.Errorf("platform column at %d, header at %d: %q", w, displayWidth(lines[0][:col]), l)
		}
	}
}

// TestSitesFind: from a portal's root, 首页 → 政府信息公开 → 年报 reaches the
// Hanweb column, which is proposed as a registry row.
func TestSitesFind(t *testing.T) {
	portal := sitesim.New("宁强县人民政府")
	portal.Put("/robots.txt", "text/plain", []byte("User-agent: *\nAllow: /\n"))
	portal.Put("/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("宁强县人民政府", []sitesim.Link{
		{Href: "/xwzx/", Text: "新闻中心"}, {Href: "/zwgk/", Text: "政府信息公开"},
	})))
	portal.Put("/zwgk/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("宁强县人民政府", []sitesim.Link{
		{Href: "/zwgk/zn/", Text: "政府信息公开指南"}, {Href: "/col/col1234/index.html", Text: "政府信息公开年报"},
	})))
	portal.Fallback(&platformsim.Hanweb{Name: "宁强县人民政府", SiteCode: "6107260001", Reports: simReports(3)})
	srv := httptest.NewServer(portal)
	defer srv.Close()
	stdout, stderr, code := runCmd(t, "sites", "find", srv.URL+"/", "--delay", "5ms")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Log(stdout)
	if !strings.Contains(stdout, "公开 → 政府信息公开年报") || !strings.Contains(stdout, "610726,,"+srv.URL+"/col/col1234/index.html") {
		t.Errorf("find did not propose the Hanweb column:\n%s", stdout)
	}
	if _, _, code := runCmd(t, "sites", "find", "ftp://x/"); code == 0 {
		t.Error("an ftp URL was accepted")
	}
}

func displayWidth(s string) int { return runewidth.StringWidth(s) }

// displayIndex is the display column where the first of the words starts in l (-1: none).
func displayIndex(l string, words ...string) int {
	for _, w := range words {
		if i := strings.Index(l, w); i >= 0 {
			return runewidth.StringWidth(l[:i])
		}
	}
	return -1
}
