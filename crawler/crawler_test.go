package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"disclosure/parse"
)

// hostFetches returns the Fetches whose request went to the fake site.
func hostFetches(fs []*Fetch, s *testSite) []*Fetch {
	var out []*Fetch
	for _, f := range fs {
		if strings.HasPrefix(f.FinalURL, s.URL("/")) {
			out = append(out, f)
		}
	}
	return out
}

// pdfBytes is a small PDF with binary bytes that any charset conversion
// would destroy.
var pdfBytes = append([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"), bytes.Repeat([]byte{0x00, 0xb5, 0xc4, 0xff, 0x80}, 200)...)

// trsSite builds a TRS-style column: index.html announces its pages only
// through createPageHTML, index_1.html also has a 下一页 link, one report is
// linked from two pages, one report sits under a path robots.txt forbids,
// and one report carries a PDF attachment served as text/html.
func trsSite(t *testing.T) *testSite {
	s := newTestSite(t)
	s.Put("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n"))
	col := "/zwgk/zfxxgk/zfxxgknb/"
	s.html(col+"index.html", listingHTML("政府信息公开年报", [][2]string{
		{"./2023n/202401/t20240118_1.html", "伊宁县政府信息公开工作2023年度报告"},
		{"./2020n/202103/t20210305_2.html", "平潭综合实验区2020年度政府信息公开工作年度报告"},
		{"/tzgg/202212/t20221201_9.html", "关于做好2022年政府信息公开工作年度报告编制发布工作的通知"},
		{"/private/nb2021.html", "2021年政府信息公开工作年度报告"},
	}, "<div class=\"page\"><script>\nvar countPage = 3//共多少页\nvar currentPage = 0;\ncreatePageHTML(countPage, currentPage, \"index\", \"html\");\n</script></div>"))
	s.html(col+"index_1.html", listingHTML("政府信息公开年报", [][2]string{
		{"./2020n/202103/t20210305_2.html", "平潭综合实验区2020年度政府信息公开工作年度报告"},
		{"./2020n/202101/t20210129_3.html", "河包镇2020年政府信息公开工作年度报告"},
	}, `<a href="index_2.html">下一页</a>`))
	s.html(col+"index_2.html", listingHTML("政府信息公开年报", [][2]string{
		{"./2019n/202001/t20200120_4.html", "平潭综合实验区2019年度政府信息公开工作年度报告"},
	}, ""))
	s.html(col+"2023n/202401/t20240118_1.html", reportHTML(t, "seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", ""))
	s.html(col+"2020n/202103/t20210305_2.html", reportHTML(t, "041_pingtan_2020_archive-txt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告", ""))
	s.html(col+"2020n/202101/t20210129_3.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", ""))
	s.html(col+"2019n/202001/t20200120_4.html", reportHTML(t, "039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告",
		`<p>附件：<a href="/files/nb2019.pdf">平潭综合实验区2019年度报告.pdf</a></p>`))
	s.Put("/files/nb2019.pdf", "text/html; charset=gbk", pdfBytes)
	s.html("/tzgg/202212/t20221201_9.html", "<html><body>通知</body></html>")
	s.html("/private/nb2021.html", "<html><body>private</body></html>")
	return s
}

func TestTRSColumn(t *testing.T) {
	s := trsSite(t)
	col := "/zwgk/zfxxgk/zfxxgknb/"
	e := newEnv(t, Options{Delay: 50 * time.Millisecond, Parallel: 4})
	st := e.run(t, site("654021", "伊宁县", s.URL(col+"index.html")))

	// The column is a TRS platform's: crawler/platform walks its page
	// files (on the same worker, paced) before its reports are fetched.
	want := []string{
		"/robots.txt",
		col + "index.html",
		col + "index_1.html",
		col + "index_2.html",
		col + "2023n/202401/t20240118_1.html",
		col + "2020n/202103/t20210305_2.html",
		col + "2020n/202101/t20210129_3.html",
		col + "2019n/202001/t20200120_4.html",
		"/files/nb2019.pdf",
	}
	if got := s.paths(); !slices.Equal(got, want) {
		t.Fatalf("requests in order:\n%q\nwant\n%q", got, want)
	}
	if s.MaxInFlight() != 1 {
		t.Errorf("%d requests in flight at once to one host", s.MaxInFlight())
	}
	// Crawl-delay 0.1 s is longer than --delay 50 ms: it wins.
	checkSpacing(t, "trs", s.Hits(), hostFetches(e.sink.all(), s), 100*time.Millisecond)

	reports := e.sink.docs(KindReport)
	if len(reports) != 4 {
		t.Fatalf("%d report documents reached the sink, want 4", len(reports))
	}
	for _, f := range reports {
		if f.Site.Code != "654021" || f.Sniffed != "html" || !f.Changed || f.SHA256 == "" || f.RawPath == "" {
			t.Errorf("report fetch %s: %+v", f.URL, f)
		}
		if _, err := os.Stat(f.RawPath); err != nil {
			t.Errorf("raw file: %v", err)
		}
		rep, err := parse.Parse(f.Body, parse.Options{Name: f.FinalURL, ContentType: f.ContentType})
		if err != nil || len(rep.Values) == 0 {
			t.Errorf("%s does not parse to values: %v", f.URL, err)
		}
	}
	// The notice about reports, the news column and the robots-forbidden
	// report were never requested.
	for _, p := range []string{"/tzgg/202212/t20221201_9.html", "/private/nb2021.html", "/xwzx/"} {
		if s.count(p) != 0 {
			t.Errorf("%s was requested", p)
		}
	}
	var refused bool
	for _, f := range e.sink.byURL(s.URL("/private/nb2021.html")) {
		refused = refused || (f.Err != nil && strings.Contains(f.Err.Error(), "robots.txt") && f.Status == 0)
	}
	if !refused || st.Disallowed != 1 {
		t.Errorf("robots.txt refusal not reported (disallowed=%d)", st.Disallowed)
	}
	// Linked from index.html and index_1.html: fetched once.
	if n := s.count(col + "2020n/202103/t20210305_2.html"); n != 1 {
		t.Errorf("report linked twice was fetched %d times", n)
	}
	// The PDF served as text/html; charset=gbk arrives byte for byte.
	atts := e.sink.docs(KindAttachment)
	if len(atts) != 1 || !bytes.Equal(atts[0].Body, pdfBytes) || atts[0].Sniffed != "pdf" || !strings.HasPrefix(atts[0].ContentType, "text/html") {
		t.Fatalf("attachment: %+v", atts)
	}
	if atts[0].Referrer != s.URL(col+"2019n/202001/t20200120_4.html") {
		t.Errorf("attachment referrer %q", atts[0].Referrer)
	}
	if got, _ := e.raw.Get(atts[0].SHA256); !bytes.Equal(got, pdfBytes) {
		t.Error("raw store holds different PDF bytes")
	}

	// Second crawl of the unchanged site: every request conditional, every
	// answer 304, no body downloaded, links found again from stored pages.
	before := len(s.Hits())
	st2 := e.run(t, site("654021", "伊宁县", s.URL(col+"index.html")))
	second := s.Hits()[before:]
	if len(second) != len(want) {
		t.Errorf("second crawl made %d requests, want %d: %q", len(second), len(want), s.paths()[before:])
	}
	for _, h := range second {
		if h.BodySent || !h.Cond || h.Status != http.StatusNotModified {
			t.Errorf("second crawl: %s status %d body=%v conditional=%v", h.Path, h.Status, h.BodySent, h.Cond)
		}
	}
	if st2.NotModified != int64(len(want)) || st2.Documents != 0 || st2.Gone != 0 {
		t.Errorf("second crawl stats: %+v", st2)
	}
	for _, f := range e.sink.all() {
		if f.Document() {
			t.Errorf("second crawl sent a body to the sink: %s", f.URL)
		}
	}
}

func TestGBKMetaOnly(t *testing.T) {
	s := newTestSite(t)
	gbk := func(u string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(u))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Declared gb2312 in <meta> (as such pages are), encoded GB18030.
	gb2312 := func(page string) string {
		if !strings.Contains(page, `<meta http-equiv="Content-Type" content="text/html; charset=utf-8">`) {
			t.Fatal("page has no utf-8 <meta> to replace")
		}
		return strings.Replace(page, "charset=utf-8", "charset=gb2312", 1)
	}
	listing := gb2312(listingHTML("年报", [][2]string{{"/nb/2023.html", "伊宁县政府信息公开工作2023年度报告"}}, ""))
	report := gb2312(reportHTML(t, "seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告", ""))
	// The header names no charset: only <meta> tells.
	s.Put("/nb/index.html", "text/html", gbk(listing))
	s.Put("/nb/2023.html", "text/html", gbk(report))

	e := newEnv(t, Options{Delay: 20 * time.Millisecond})
	e.run(t, site("654021", "伊宁县", s.URL("/nb/index.html")))
	docs := e.sink.docs(KindReport)
	if len(docs) != 1 {
		t.Fatalf("GBK listing: %d reports found (link text not decoded?)", len(docs))
	}
	if !bytes.Equal(docs[0].Body, gbk(report)) {
		t.Error("GBK report body was not kept as served")
	}
	got, err := parse.Parse(docs[0].Body, parse.Options{Name: docs[0].URL, ContentType: docs[0].ContentType})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := parse.Parse([]byte(report), parse.Options{Name: "utf8"})
	if len(got.Values) == 0 || len(got.Values) != len(want.Values) || !strings.Contains(got.Title+got.Jurisdiction, "伊宁县") {
		t.Errorf("GBK page parsed to %d values (%q), UTF-8 to %d", len(got.Values), got.Title, len(want.Values))
	}
}

func TestRetry503ThenOK(t *testing.T) {
	s := newTestSite(t)
	n := 0
	s.Handle("/nb/", func(w http.ResponseWriter, r *http.Request) {
		n++
		switch n {
		case 1:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case 2:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, listingHTML("年报", [][2]string{{"/nb/1.html", "河包镇2020年政府信息公开工作年度报告"}}, ""))
		}
	})
	s.html("/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", ""))
	e := newEnv(t, Options{Delay: 20 * time.Millisecond, RetryBase: 80 * time.Millisecond})
	st := e.run(t, site("500153", "荣昌区", s.URL("/nb/")))

	var times []time.Time
	for _, h := range s.Hits() {
		if h.Path == "/nb/" {
			times = append(times, h.At)
		}
	}
	if len(times) != 3 {
		t.Fatalf("listing requested %d times, want 3", len(times))
	}
	if g := times[1].Sub(times[0]); g < 80*time.Millisecond {
		t.Errorf("first retry after %s, backoff is 80ms", g)
	}
	if g := times[2].Sub(times[1]); g < time.Second {
		t.Errorf("second retry after %s, Retry-After said 1s", g)
	}
	var statuses []string
	for _, f := range e.sink.byURL(s.URL("/nb/")) {
		statuses = append(statuses, fmt.Sprintf("%d/%d/%v", f.Status, f.Attempt, f.Retrying))
	}
	if !slices.Equal(statuses, []string{"503/1/true", "503/2/true", "200/3/false"}) {
		t.Errorf("listing fetches: %v", statuses)
	}
	if len(e.sink.docs(KindReport)) != 1 || st.Retries != 2 || st.Errors != 0 {
		t.Errorf("after retries: %d reports, stats %+v", len(e.sink.docs(KindReport)), st)
	}
}

func TestSlowHostTimesOut(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", [][2]string{{"/nb/slow.html", "河包镇2020年政府信息公开工作年度报告"}}, ""))
	s.Handle("/nb/slow.html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	e := newEnv(t, Options{Delay: 20 * time.Millisecond, Timeout: 200 * time.Millisecond, MaxRetries: 1, RetryBase: 50 * time.Millisecond})
	start := time.Now()
	st := e.run(t, site("", "slow", s.URL("/nb/")))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("crawl with a slow host took %s", d)
	}
	fs := e.sink.byURL(s.URL("/nb/slow.html"))
	if len(fs) != 2 || !fs[0].Retrying || fs[1].Retrying || fs[1].Attempt != 2 {
		t.Fatalf("slow report fetches: %+v", fs)
	}
	for _, f := range fs {
		if f.Err == nil || f.Status != 0 || f.Body != nil || !strings.Contains(f.Err.Error(), "slow.html") {
			t.Errorf("timeout fetch: status %d err %v", f.Status, f.Err)
		}
	}
	if st.Errors != 1 {
		t.Errorf("errors = %d", st.Errors)
	}
}

func TestRedirects(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", [][2]string{
		{"/r/a.html", "河包镇2020年政府信息公开工作年度报告"},
		{"/old.html", "平潭综合实验区2019年度政府信息公开工作年度报告"},
	}, ""))
	s.Handle("/r/a.html", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/r/b.html", http.StatusFound) })
	s.Handle("/r/b.html", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/r/a.html", http.StatusFound) })
	s.Handle("/old.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new/t.html", http.StatusMovedPermanently)
	})
	s.html("/new/t.html", reportHTML(t, "039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告", ""))
	e := newEnv(t, Options{Delay: 40 * time.Millisecond})
	e.run(t, site("350128", "平潭", s.URL("/nb/")))

	if s.count("/r/a.html") != 1 || s.count("/r/b.html") != 1 {
		t.Errorf("redirect loop requests: a=%d b=%d", s.count("/r/a.html"), s.count("/r/b.html"))
	}
	var loop bool
	for _, f := range e.sink.byURL(s.URL("/r/a.html")) {
		loop = loop || (f.Err != nil && strings.Contains(f.Err.Error(), "redirect loop"))
	}
	if !loop {
		t.Error("redirect loop not reported")
	}
	docs := e.sink.docs(KindReport)
	if len(docs) != 1 || docs[0].URL != s.URL("/old.html") || docs[0].FinalURL != s.URL("/new/t.html") {
		t.Fatalf("redirected report: %+v", docs)
	}
	// Each hop waited its turn.
	checkSpacing(t, "redirects", s.Hits(), hostFetches(e.sink.all(), s), 40*time.Millisecond)
}

func TestBodyCap(t *testing.T) {
	s := newTestSite(t)
	const size = 50 << 20
	chunk := bytes.Repeat([]byte("<p>0</p>"), 1<<17) // 1 MiB
	serve := func(announce bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			if announce {
				w.Header().Set("Content-Length", fmt.Sprint(size))
			}
			for sent := 0; sent < size; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return // the crawler hung up
				}
				if f, ok := w.(http.Flusher); ok && !announce {
					f.Flush()
				}
			}
		}
	}
	s.html("/nb/", listingHTML("年报", [][2]string{
		{"/big/announced.html", "A县2022年政府信息公开工作年度报告"},
		{"/big/chunked.html", "B县2022年政府信息公开工作年度报告"},
	}, ""))
	s.Handle("/big/announced.html", serve(true))
	s.Handle("/big/chunked.html", serve(false))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond}) // default cap: 32 MiB
	st := e.run(t, site("", "big", s.URL("/nb/")))

	for _, p := range []string{"/big/announced.html", "/big/chunked.html"} {
		fs := e.sink.byURL(s.URL(p))
		if len(fs) != 1 || !errors.Is(fs[0].Err, ErrTooLarge) || fs[0].Body != nil || fs[0].SHA256 != "" {
			t.Errorf("%s: %+v", p, fs)
		}
	}
	if st.TooLarge != 2 {
		t.Errorf("TooLarge = %d", st.TooLarge)
	}
	// Nothing near the cap was stored.
	e.raw.Walk(func(sum string) error {
		if fi, err := os.Stat(e.raw.Path(sum)); err == nil && fi.Size() > 1<<20 {
			t.Errorf("raw store holds a %d-byte file", fi.Size())
		}
		return nil
	})
}

func TestIncrementalAndGone(t *testing.T) {
	s := newTestSite(t)
	links := [][2]string{
		{"/nb/1.html", "河包镇2020年政府信息公开工作年度报告"},
		{"/nb/2.html", "平潭综合实验区2019年度政府信息公开工作年度报告"},
		{"/nb/3.html", "伊宁县政府信息公开工作2023年度报告"},
	}
	s.html("/nb/", listingHTML("年报", links, ""))
	s.html("/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", links[0][1], ""))
	s.html("/nb/2.html", reportHTML(t, "039_pingtan_2019_archive-txt.txt", links[1][1], ""))
	s.html("/nb/3.html", reportHTML(t, "seed_yining_2023.txt", links[2][1], ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond})
	reg := site("500153", "荣昌区", s.URL("/nb/"))

	st1 := e.run(t, reg)
	if st1.Documents != 4 { // listing + 3 reports; robots.txt answered 404
		t.Errorf("first crawl stored %d documents", st1.Documents)
	}
	first, _, _ := e.state.Get(context.Background(), s.URL("/nb/1.html"))
	if first.FirstSeen.IsZero() || first.LastChanged.IsZero() || first.LastStatus != 200 || first.ETag == "" || first.Kind != KindReport {
		t.Errorf("state after first crawl: %+v", first)
	}

	// The site changes: report 1 is edited, report 2 is deleted (404) but
	// still listed, report 3 is no longer listed.
	time.Sleep(10 * time.Millisecond)
	s.html("/nb/", listingHTML("年报", links[:2], ""))
	s.html("/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", links[0][1], "<p>(修订)</p>"))
	s.Handle("/nb/2.html", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	st2 := e.run(t, reg)

	one, _, _ := e.state.Get(context.Background(), s.URL("/nb/1.html"))
	two, _, _ := e.state.Get(context.Background(), s.URL("/nb/2.html"))
	three, _, _ := e.state.Get(context.Background(), s.URL("/nb/3.html"))
	if one.SHA256 == first.SHA256 || !one.FirstSeen.Equal(first.FirstSeen) || !one.LastChanged.After(first.LastChanged) || one.Gone {
		t.Errorf("edited report: %+v", one)
	}
	if !two.Gone || two.GoneReason != "404" || two.LastStatus != 404 || two.SHA256 == "" {
		t.Errorf("deleted report: %+v", two)
	}
	if !three.Gone || three.GoneReason != "unlisted" || three.SHA256 == "" {
		t.Errorf("unlisted report: %+v", three)
	}
	if st2.Gone != 2 || st2.Documents != 2 { // the new listing and the edited report
		t.Errorf("second crawl: %+v", st2)
	}
	if s.count("/nb/3.html") != 1 {
		t.Errorf("unlisted report requested again")
	}
	// The raw bytes of the gone report are still there.
	if !e.raw.Has(three.SHA256) {
		t.Error("gone report's document was deleted")
	}

	// It comes back.
	s.html("/nb/", listingHTML("年报", links, ""))
	e.run(t, reg)
	three, _, _ = e.state.Get(context.Background(), s.URL("/nb/3.html"))
	if three.Gone || three.LastStatus != http.StatusNotModified {
		t.Errorf("re-listed report: %+v", three)
	}
}

func TestManyHostsInParallel(t *testing.T) {
	const interval = 100 * time.Millisecond
	var sites []*testSite
	var reg []Site
	for i := 0; i < 3; i++ {
		s := newTestSite(t)
		var links [][2]string
		for j := 1; j <= 3; j++ {
			p := fmt.Sprintf("/nb/%d.html", j)
			title := fmt.Sprintf("%d号县%d年政府信息公开工作年度报告", i, 2020+j)
			links = append(links, [2]string{p, title})
			s.html(p, reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", title, ""))
		}
		s.html("/nb/", listingHTML("年报", links, ""))
		sites = append(sites, s)
		reg = append(reg, site("", fmt.Sprint("site", i), s.URL("/nb/")))
	}
	e := newEnv(t, Options{Delay: interval, Parallel: 4})
	e.run(t, reg...)
	for i, s := range sites {
		if n := len(s.Hits()); n != 5 {
			t.Errorf("site %d: %d requests, want 5 (robots, listing, 3 reports)", i, n)
		}
		if s.MaxInFlight() != 1 {
			t.Errorf("site %d: %d requests at once", i, s.MaxInFlight())
		}
		checkSpacing(t, fmt.Sprint("site", i), s.Hits(), hostFetches(e.sink.all(), s), interval)
	}
	// In parallel, every host's first request comes before any host's
	// last: their crawls overlap in time.
	for i, a := range sites {
		for j, b := range sites {
			ha, hb := a.Hits(), b.Hits()
			if i != j && !ha[0].At.Before(hb[len(hb)-1].At) {
				t.Errorf("site %d started after site %d finished: not crawled in parallel", i, j)
			}
		}
	}
}

func TestSiteRootFindsColumn(t *testing.T) {
	s := newTestSite(t)
	s.html("/", `<html><body><div class="nav"><a href="/xwzx/">新闻中心</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div></body></html>`)
	s.html("/zwgk/", `<html><body><a href="/zwgk/gkzn/">政府信息公开指南</a><a href="/zwgk/fdzdgk/">法定主动公开内容</a><a href="/zwgk/nb/">政府信息公开年报</a></body></html>`)
	s.html("/zwgk/nb/", listingHTML("年报", [][2]string{{"/zwgk/nb/1.html", "河包镇2020年政府信息公开工作年度报告"}}, ""))
	s.html("/zwgk/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond})
	e.run(t, site("500153", "荣昌区", s.URL("/")))
	want := []string{"/robots.txt", "/", "/zwgk/", "/zwgk/nb/", "/zwgk/nb/1.html"}
	if got := s.paths(); !slices.Equal(got, want) {
		t.Errorf("from the root: %q, want %q", got, want)
	}
}

func TestCrawlDelayTooLongSkipsHost(t *testing.T) {
	s := newTestSite(t)
	s.Put("/robots.txt", "text/plain", []byte("User-agent: *\nCrawl-delay: 3600\n"))
	s.html("/nb/", listingHTML("年报", nil, ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond})
	st := e.run(t, site("", "x", s.URL("/nb/")))
	if got := s.paths(); !slices.Equal(got, []string{"/robots.txt"}) || st.Disallowed != 1 {
		t.Errorf("requests %q, disallowed %d", got, st.Disallowed)
	}
}

func TestUserAgentSent(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", nil, ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond, UserAgent: "disclosure-crawler/1.0 (+https://example.org/contact)"})
	e.run(t, site("", "x", s.URL("/nb/")))
	for _, h := range s.Hits() {
		if h.UA != "disclosure-crawler/1.0 (+https://example.org/contact)" {
			t.Errorf("%s sent User-Agent %q", h.Path, h.UA)
		}
	}
}

func TestCancel(t *testing.T) {
	s := newTestSite(t)
	var links [][2]string
	for j := 0; j < 50; j++ {
		links = append(links, [2]string{fmt.Sprintf("/nb/%d.html", j), fmt.Sprintf("%d年政府信息公开工作年度报告", 1970+j)})
	}
	s.html("/nb/", listingHTML("年报", links, ""))
	e := newEnv(t, Options{Delay: 50 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := e.c.Run(ctx, []Site{site("", "x", s.URL("/nb/"))})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("cancelled crawl: %v after %s", err, time.Since(start))
	}
	// Nothing was marked gone by an interrupted crawl.
	for _, st := range e.state.All() {
		if st.Gone {
			t.Errorf("%s marked gone", st.URL)
		}
	}
}

func TestRetryAfterTooLongAndRobots503(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", [][2]string{{"/nb/1.html", "河包镇2020年政府信息公开工作年度报告"}}, ""))
	s.Handle("/nb/1.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "86400")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	e := newEnv(t, Options{Delay: 10 * time.Millisecond, MaxRetryAfter: time.Minute})
	st := e.run(t, site("", "x", s.URL("/nb/")))
	fs := e.sink.byURL(s.URL("/nb/1.html"))
	if s.count("/nb/1.html") != 1 || len(fs) != 1 || fs[0].Retrying || !strings.Contains(fmt.Sprint(fs[0].Err), "Retry-After") || st.Errors != 1 {
		t.Errorf("429 with a day's Retry-After: %d requests, fetches %+v", s.count("/nb/1.html"), fs)
	}

	// robots.txt answering 503 (after its retries) keeps the crawler off the host.
	r := newTestSite(t)
	r.Handle("/robots.txt", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	r.html("/nb/", listingHTML("年报", nil, ""))
	e2 := newEnv(t, Options{Delay: 10 * time.Millisecond, MaxRetries: 1, RetryBase: 10 * time.Millisecond})
	st2 := e2.run(t, site("", "y", r.URL("/nb/")))
	if got := r.paths(); !slices.Equal(got, []string{"/robots.txt", "/robots.txt"}) || st2.Disallowed != 1 {
		t.Errorf("robots.txt 503: requests %q, disallowed %d", got, st2.Disallowed)
	}
}
