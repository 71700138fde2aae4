package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclosure/crawler/platform/platformsim"
	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
)

// platformReports are bundled reports with statistics, as a platform site
// publishes them.
func platformReports(t *testing.T, files map[string]string) []platformsim.Report {
	t.Helper()
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	var out []platformsim.Report
	for _, f := range names {
		text, err := samples.Text(f)
		if err != nil {
			t.Fatal(err)
		}
		layout := sitesim.Paragraphs
		if strings.HasPrefix(f, "009_") || strings.HasPrefix(f, "013_") {
			layout = sitesim.Tables // their bundled text is pipe rows
		}
		out = append(out, platformsim.Report{Title: files[f], Body: []byte(sitesim.ReportHTML("人民政府", files[f], "2024-01-20", text, layout, ""))})
	}
	return out
}

// TestRunPlatformSites: `disclosure run` over a Hanweb jcms column (records
// inline and from the data proxy), a gkmlpt directory (the JSON API over
// two pages, article bodies only in window._CONFIG.DETAIL) and a site
// behind a JS challenge: every report of the platform sites is found once
// and loaded; the blocked site is a blocked line and alert with its
// evidence, not a site without reports; a 网站标识码 of another division is
// an alert.
func TestRunPlatformSites(t *testing.T) {
	hanweb := &platformsim.Hanweb{Name: "银川市兴庆区人民政府", SiteCode: "6401040001", PerPage: 1, GroupSize: 1,
		Reports: platformReports(t, map[string]string{
			"013_tinghu_yulong_jd_2024.txt":    "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告",
			"039_pingtan_2019_archive-txt.txt": "平潭综合实验区2019年度政府信息公开工作年度报告",
			"041_pingtan_2020_archive-txt.txt": "平潭综合实验区2020年度政府信息公开工作年度报告",
		})}
	gk := &platformsim.Gkmlpt{Name: "桐梓县人民政府", SiteCode: "4401000001", PageSize: 2,
		Reports: platformReports(t, map[string]string{
			"seed_yining_2023.txt":                 "伊宁县政府信息公开工作2023年度报告",
			"027_zhongcun_xiang_huichang_2020.txt": "中村乡2020年政府信息公开工作年度报告",
			"009_gucheng_jyj_2020.txt":             "故城县教育局2020年政府信息公开工作年度报告",
		})}
	hw, gs := httptest.NewServer(hanweb), httptest.NewServer(gk)
	defer hw.Close()
	defer gs.Close()
	blocked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusPreconditionFailed)
		fmt.Fprint(w, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=84512;</script></head><body></body></html>`)
	}))
	defer blocked.Close()

	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.csv")
	csv := fmt.Sprintf("code,name,url\n640104,兴庆区,%s\n520322,桐梓县,%s\n440105,海珠区,%s\n",
		hw.URL+hanweb.ColumnPath(), gs.URL+gk.ColumnPath(), blocked.URL+"/gkmlpt/index")
	if err := os.WriteFile(sites, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "w.duckdb")
	stdout, stderr, code := runCmd(t, "run", "--sites", sites, "--db", db, "--data", filepath.Join(dir, "data"),
		"--delay", "5ms", "--user-agent", "disclosure-crawler/test (+http://127.0.0.1/)")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Log(stdout)
	for _, s := range []struct {
		server *httptest.Server
		paths  []string
	}{
		{hw, []string{hanweb.ArticlePath(0), hanweb.ArticlePath(1), hanweb.ArticlePath(2)}},
		{gs, []string{gk.ArticlePath(0), gk.ArticlePath(1), gk.ArticlePath(2)}},
	} {
		for _, p := range s.paths {
			u := s.server.URL + p
			got := queryCol(t, db, fmt.Sprintf(`SELECT count(*) FROM run_documents WHERE url = '%s' AND outcome = 'loaded'`, u))
			if !slices.Equal(got, []string{"1"}) {
				t.Errorf("%s: loaded %v times, want once", u, got)
			}
		}
	}
	if got := queryCol(t, db, `SELECT count(*) FROM reports`); !slices.Equal(got, []string{"6"}) {
		t.Errorf("reports: %v, want 6", got)
	}
	got := queryCol(t, db, `SELECT site_code || ' ' || coalesce(platform, '-') || ' ' || discovered || ' ' || coalesce(blocked_kind, '-') || ' ' || coalesce(site_id, '-') FROM run_sites ORDER BY site_code`)
	want := []string{"440105 - 0 js-challenge -", "520322 gkmlpt 3 - 4401000001", "640104 hanweb 3 - 6401040001"}
	if !slices.Equal(got, want) {
		t.Errorf("run_sites:\n got %q\nwant %q", got, want)
	}
	alerts := queryCol(t, db, `SELECT alert || ' ' || coalesce(jurisdiction_code, '') FROM run_alerts WHERE alert IN ('blocked', 'site_code_mismatch', 'silent_site')`)
	if !slices.Equal(alerts, []string{"blocked 440105", "site_code_mismatch 520322"}) {
		t.Errorf("alerts: %v", alerts)
	}
	for _, s := range []string{"blocked (js-challenge)", "status 412", "$_ts", "网站标识码 4401000001 names another division", "0 of 3 sites failed, 1 blocked"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("run report lacks %q", s)
		}
	}
}

// TestRunShowsDocumentLimit: --max-documents cuts a site's crawl, and the
// run report and run_sites say so.
func TestRunShowsDocumentLimit(t *testing.T) {
	hanweb := &platformsim.Hanweb{Name: "银川市兴庆区人民政府", SiteCode: "6401040001", PerPage: 2,
		Reports: platformReports(t, map[string]string{
			"013_tinghu_yulong_jd_2024.txt":    "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告",
			"039_pingtan_2019_archive-txt.txt": "平潭综合实验区2019年度政府信息公开工作年度报告",
		})}
	hw := httptest.NewServer(hanweb)
	defer hw.Close()
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.csv")
	if err := os.WriteFile(sites, []byte("code,name,url\n640104,兴庆区,"+hw.URL+hanweb.ColumnPath()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "w.duckdb")
	stdout, stderr, code := runCmd(t, "run", "--sites", sites, "--db", db, "--data", filepath.Join(dir, "data"),
		"--delay", "5ms", "--max-documents", "1", "--user-agent", "disclosure-crawler/test (+http://127.0.0.1/)")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "document limit (1 per run) reached") {
		t.Errorf("run report does not say the document limit was reached:\n%s", stdout)
	}
	if got := queryCol(t, db, `SELECT fetched || ' ' || notes FROM run_sites`); len(got) != 1 || !strings.HasPrefix(got[0], "1 document limit") {
		t.Errorf("run_sites: %q", got)
	}
	if _, _, code := runCmd(t, "run", "--sites", sites, "--db", db, "--max-documents", "0"); code == 0 {
		t.Error("--max-documents 0 accepted")
	}
}
