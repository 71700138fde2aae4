package pipeline

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/crawler"
	"disclosure/crawler/platform/platformsim"
	"disclosure/crawler/rawstore"
	"disclosure/internal/sitesim"
)

// findOptions are a find's options for a loopback test.
func findOptions() CrawlOptions {
	o := DefaultCrawlOptions()
	o.Delay = 2 * time.Millisecond
	o.UserAgent = "disclosure-crawler/test (+http://127.0.0.1/)"
	return o
}

// crawledReports crawls the site registered at root and returns the report
// URLs the crawl fetched and the listing pages it read.
func crawledReports(t *testing.T, root string) (reports, listings []string) {
	t.Helper()
	raw, err := rawstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sink := crawler.SinkFunc(func(_ context.Context, f *crawler.Fetch) error {
		mu.Lock()
		defer mu.Unlock()
		if f.Retrying || f.Err != nil {
			return nil
		}
		switch f.Kind {
		case crawler.KindReport:
			reports = append(reports, f.URL)
		case crawler.KindListing:
			listings = append(listings, f.URL)
		}
		return nil
	})
	c, err := crawler.New(crawler.Options{Delay: 2 * time.Millisecond, UserAgent: findOptions().UserAgent,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, crawler.NewMemState(), raw, sink)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), []crawler.Site{{Code: "440105", Name: "test", URL: root, Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(reports)
	return reports, listings
}

func reportTitles(n int, format string) []platformsim.Report {
	out := make([]platformsim.Report, n)
	for i := range out {
		out[i] = platformsim.Report{Title: fmt.Sprintf(format, 2015+i), Body: []byte("<p>报告</p>")}
	}
	return out
}

// TestFindProposesWhatTheCrawlerCrawls: portals where the former walk of
// `sites find` (its own rules: a link named 年报/年度报告/工作报告 is the
// column, one named 信息公开 a way there) and the crawler disagreed. Each
// time find now proposes the column a crawl registered at the root reads,
// and counts the reports that crawl fetches.
func TestFindProposesWhatTheCrawlerCrawls(t *testing.T) {
	// A Guangdong gkmlpt portal: the 政府信息公开 directory builds its
	// column links by script (window._CONFIG.TREE), so no link on it is
	// named 年报; the former walk gave up ("no link to an annual-report
	// column"), the crawler's gkmlpt adapter lists the reports.
	gk := sitesim.New("海珠区人民政府")
	gk.Put("/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("海珠区人民政府", []sitesim.Link{
		{Href: "/xwzx/", Text: "新闻中心"}, {Href: "/gkmlpt/index", Text: "政府信息公开"},
	})))
	gk.Fallback(&platformsim.Gkmlpt{Name: "海珠区人民政府", SiteCode: "4401050001", PageSize: 2,
		Reports: reportTitles(5, "广州市海珠区人民政府%d年政府信息公开工作年度报告")})

	// A static portal whose 政务公开 section lists the reports itself,
	// beside a 政府工作报告 column of ten documents: the former walk took
	// the 政府工作报告 column for the 年报 one (工作报告) and proposed it;
	// a crawl reads the section's reports and never enters that column.
	st := sitesim.New("桐梓县人民政府")
	st.Put("/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("桐梓县人民政府", []sitesim.Link{
		{Href: "/xwzx/", Text: "新闻中心"}, {Href: "/xxgkml/", Text: "信息公开目录"},
	})))
	var secLinks, workLinks []sitesim.Link
	for i := 0; i < 3; i++ {
		y := 2020 + i
		secLinks = append(secLinks, sitesim.Link{Href: fmt.Sprintf("/xxgkml/nb/%d.html", y), Text: fmt.Sprintf("桐梓县%d年政府信息公开工作年度报告", y)})
		st.Put(fmt.Sprintf("/xxgkml/nb/%d.html", y), "text/html; charset=utf-8", []byte(sitesim.ReportHTML("桐梓县人民政府", secLinks[i].Text, "2024-01-20", "报告", sitesim.Layout(0), "")))
	}
	for i := 0; i < 10; i++ {
		workLinks = append(workLinks, sitesim.Link{Href: fmt.Sprintf("/zfgzbg/%d.html", i), Text: fmt.Sprintf("桐梓县第%d次政府工作报告全文", i+1)})
	}
	secLinks = append(secLinks, sitesim.Link{Href: "/zfgzbg/", Text: "政府工作报告"}, sitesim.Link{Href: "/xxgkml/zn/", Text: "政府信息公开指南"})
	st.Put("/xxgkml/", "text/html; charset=utf-8", []byte(sitesim.ListingHTML("桐梓县人民政府", "信息公开目录", secLinks, "")))
	st.Put("/zfgzbg/", "text/html; charset=utf-8", []byte(sitesim.ListingHTML("桐梓县人民政府", "政府工作报告", workLinks, "")))

	for _, tc := range []struct {
		name     string
		site     *sitesim.Site
		column   string // the proposed column's path
		platform string
		reports  int
	}{
		{"gkmlpt", gk, "/gkmlpt/index", "gkmlpt", 5},
		{"static section", st, "/xxgkml/", "static", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.site)
			defer srv.Close()
			cands, err := FindReportColumn(context.Background(), findOptions(), srv.URL+"/")
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := WriteColumnCandidates(&out, cands); err != nil {
				t.Fatal(err)
			}
			t.Log(out.String())
			best := cands[0]
			if best.URL != srv.URL+tc.column || best.Probe.Platform != tc.platform || best.Reports != tc.reports {
				t.Errorf("proposed %s (%s, %d reports), want %s (%s, %d)", best.URL, best.Probe.Platform, best.Reports, srv.URL+tc.column, tc.platform, tc.reports)
			}
			if !strings.Contains(out.String(), ",,"+srv.URL+tc.column+"\n") {
				t.Errorf("no registry row for %s:\n%s", tc.column, out.String())
			}
			// What a crawl registered at the root does: it reads the
			// proposed column and fetches as many reports as find counted.
			reports, listings := crawledReports(t, srv.URL+"/")
			if len(reports) != best.Reports {
				t.Errorf("the crawl fetched %d reports, find counted %d: %v", len(reports), best.Reports, reports)
			}
			read := false
			for _, l := range listings {
				read = read || l == best.URL
			}
			if !read {
				t.Errorf("the crawl never read the proposed column %s: %v", best.URL, listings)
			}
			for _, c := range cands {
				if strings.Contains(c.URL, "/zfgzbg/") {
					t.Errorf("the 政府工作报告 column was proposed as a candidate: %+v", c)
				}
			}
			for _, r := range reports {
				if strings.Contains(r, "/zfgzbg/") {
					t.Errorf("the crawl fetched %s", r)
				}
			}
		})
	}
}

// TestFindYearFolders: a 年报 column split into year folders is proposed
// itself, with the reports of all its years, not one folder.
func TestFindYearFolders(t *testing.T) {
	s := sitesim.New("宁强县人民政府")
	s.Put("/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("宁强县人民政府", []sitesim.Link{{Href: "/zwgk/", Text: "政府信息公开"}})))
	s.Put("/zwgk/", "text/html; charset=utf-8", []byte(sitesim.HomeHTML("宁强县人民政府", []sitesim.Link{{Href: "/zwgk/nb/", Text: "政府信息公开年报"}})))
	var years []sitesim.Link
	for _, y := range []int{2022, 2023} {
		folder := fmt.Sprintf("/zwgk/nb/%d/", y)
		years = append(years, sitesim.Link{Href: folder, Text: fmt.Sprintf("%d年", y)})
		var docs []sitesim.Link
		for _, unit := range []string{"县教育局", "县财政局"} {
			docs = append(docs, sitesim.Link{Href: fmt.Sprintf("%s%s.html", folder, unit), Text: fmt.Sprintf("宁强%s%d年政府信息公开工作年度报告", unit, y)})
		}
		s.Put(folder, "text/html; charset=utf-8", []byte(sitesim.ListingHTML("宁强县人民政府", fmt.Sprintf("%d年", y), docs, "")))
	}
	s.Put("/zwgk/nb/", "text/html; charset=utf-8", []byte(sitesim.ListingHTML("宁强县人民政府", "政府信息公开年报", years, "")))
	srv := httptest.NewServer(s)
	defer srv.Close()
	cands, err := FindReportColumn(context.Background(), findOptions(), srv.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if best := cands[0]; best.URL != srv.URL+"/zwgk/nb/" || best.Reports != 4 || len(cands) != 3 {
		t.Errorf("proposed %s with %d reports among %d candidates, want /zwgk/nb/ with 4 among 3 (the column, its two years)", best.URL, best.Reports, len(cands))
	}
	if _, err := FindReportColumn(context.Background(), findOptions(), "ftp://x/"); err == nil {
		t.Error("an ftp URL was accepted")
	}
}
