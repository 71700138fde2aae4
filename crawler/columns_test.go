package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/crawler/platform"
	"disclosure/crawler/platform/platformsim"
)

func platformReports(n int) []platformsim.Report {
	out := make([]platformsim.Report, n)
	for i := range out {
		out[i] = platformsim.Report{
			Title: fmt.Sprintf("某县第%d部门2023年政府信息公开工作年度报告", i+1),
			Body:  []byte(fmt.Sprintf("<html><body><p>报告 %d</p></body></html>", i+1)),
		}
	}
	return out
}

// TestPlatformColumnsCrawled: a Hanweb column (records in an inline
// datastore, then the dataproxy) and a gkmlpt directory (a JSON API) list
// nothing in their links; the crawler walks them through crawler/platform,
// paced, and fetches every report exactly once. A second crawl asks again
// conditionally and marks nothing gone.
func TestPlatformColumnsCrawled(t *testing.T) {
	const n = 25
	hw := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6211020001", PerPage: 5, GroupSize: 2, Reports: platformReports(n)} // 10 inline, 15 by the proxy
	gk := &platformsim.Gkmlpt{Name: "某区人民政府", SiteCode: "4403040001", Reports: platformReports(n)}
	sites := []struct {
		name    string
		handler http.Handler
		column  string
		article func(int) string
		code    string // registered division code
		owner   string // how the site's 网站标识码 relates to it
	}{
		{"hanweb", hw, hw.ColumnPath(), hw.ArticlePath, "621102", "county"},
		// Registered under another county: the site code says it is not.
		{"gkmlpt", gk, gk.ColumnPath(), gk.ArticlePath, "110101", ""},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			var mu sync.Mutex
			hits := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				hits++
				mu.Unlock()
				s.handler.ServeHTTP(w, r)
			}))
			defer srv.Close()
			const interval = 10 * time.Millisecond
			e := newEnv(t, Options{Delay: interval, Parallel: 1})
			reg := site(s.code, s.name, srv.URL+s.column)
			st := e.run(t, reg)

			got := map[string]int{}
			for _, f := range e.sink.docs(KindReport) {
				got[strings.TrimPrefix(f.URL, srv.URL)]++
			}
			for i := 0; i < n; i++ {
				if got[s.article(i)] != 1 {
					t.Errorf("report %d (%s) fetched %d times", i, s.article(i), got[s.article(i)])
				}
			}
			if len(got) != n {
				t.Errorf("%d distinct reports fetched, want %d", len(got), n)
			}
			walked := 0
			for _, f := range e.sink.all() {
				if f.LinkText == "platform list request" && f.Err == nil {
					walked++
				}
			}
			if walked < 2 {
				t.Errorf("%d list requests beyond the column page: the platform's list API was not walked", walked)
			}
			r := st.PerSite[0]
			if r.Platform != s.name || r.Blocked != nil || r.Incomplete {
				t.Errorf("site result: %+v", r)
			}
			if r.SiteID == "" || r.SiteIDOwner != s.owner || r.SiteIDMismatch != (s.owner == "") {
				t.Errorf("site code %q owner %q mismatch %v, want owner %q", r.SiteID, r.SiteIDOwner, r.SiteIDMismatch, s.owner)
			}
			// The walk's requests were paced like any: the crawler's own
			// start times are at least the interval apart.
			var fs []*Fetch
			for _, f := range e.sink.all() {
				if f.Duration > 0 {
					fs = append(fs, f)
				}
			}
			checkSpacing(t, s.name, nil, fs, interval)

			mu.Lock()
			before := hits
			mu.Unlock()
			st2 := e.run(t, reg)
			if st2.Gone != 0 || st2.PerSite[0].Incomplete {
				t.Errorf("second crawl: gone %d, result %+v", st2.Gone, st2.PerSite[0])
			}
			mu.Lock()
			defer mu.Unlock()
			if hits-before != before {
				t.Errorf("second crawl sent %d requests, the first %d", hits-before, before)
			}
		})
	}
}

// TestBlockedColumn: a column behind a JS challenge (瑞数: 412 with $_ts),
// or a shell page with an empty list, is recorded as blocked with its
// evidence, in the Fetch, the URL's state and the site's result; it is
// not a site with no reports, and the reports known from an earlier crawl
// are not marked gone.
func TestBlockedColumn(t *testing.T) {
	ruishu, err := os.ReadFile(filepath.Join("platform", "testdata", "sites", "blocked-ruishu", "rs.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestSite(t)
	links := [][2]string{{"/nb/1.html", "河包镇2020年政府信息公开工作年度报告"}}
	s.html("/nb/", listingHTML("年报", links, ""))
	s.html("/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", links[0][1], ""))
	e := newEnv(t, Options{Delay: 5 * time.Millisecond})
	reg := site("", "blocked", s.URL("/nb/"))
	e.run(t, reg)

	for _, c := range []struct {
		name, kind string
		serve      http.HandlerFunc
	}{
		{"ruishu 412", platform.BlockedChallenge, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(412)
			w.Write(ruishu)
		}},
		{"empty shell", platform.BlockedShell, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><script src="/list.js"></script></head><body><ul id="list"></ul></body></html>`))
		}},
	} {
		s.Handle("/nb/", c.serve)
		st := e.run(t, reg)
		r := st.PerSite[0]
		if r.Blocked == nil || r.Blocked.Kind != c.kind || r.Blocked.URL != s.URL("/nb/") || st.Blocked != 1 {
			t.Errorf("%s: result %+v (blocked %+v)", c.name, r, r.Blocked)
			continue
		}
		if !r.Incomplete || st.Gone != 0 {
			t.Errorf("%s: a blocked column marked %d reports gone", c.name, st.Gone)
		}
		fs := e.sink.byURL(s.URL("/nb/"))
		if len(fs) != 1 || fs[0].Err == nil || !strings.Contains(fs[0].Err.Error(), "blocked ("+c.kind) {
			t.Errorf("%s: fetch %+v", c.name, fs)
		}
		state, _, _ := e.state.Get(context.Background(), s.URL("/nb/"))
		if !strings.Contains(state.LastError, "blocked ("+c.kind) {
			t.Errorf("%s: URL state last_error %q", c.name, state.LastError)
		}
		if !strings.Contains(strings.Join(r.Notes(), "; "), "blocked") {
			t.Errorf("%s: notes %q", c.name, r.Notes())
		}
	}
	// A challenge is not retried: one request per crawl.
	if n := s.count("/nb/"); n != 3 {
		t.Errorf("column requested %d times in 3 crawls", n)
	}
}

// TestWalkWaitFreesSlot: with one request slot (Parallel 1) and two
// platform hosts, a walk's wait for its host's interval lets the other
// host's requests go out (the walk gives its slot back while it waits),
// and still no two requests are ever in flight at once.
func TestWalkWaitFreesSlot(t *testing.T) {
	const n = 4
	hw := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6211020001", PerPage: 1, GroupSize: 1, Reports: platformReports(n)}
	gk := &platformsim.Gkmlpt{Name: "某区人民政府", SiteCode: "4403040001", Reports: platformReports(n)}
	var mu sync.Mutex
	var log []string // "host path", in the order the servers got them
	inFlight, maxInFlight := 0, 0
	serve := func(name string, h http.Handler) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			log = append(log, name+" "+r.URL.Path)
			inFlight++
			maxInFlight = max(maxInFlight, inFlight)
			mu.Unlock()
			h.ServeHTTP(w, r)
			mu.Lock()
			inFlight--
			mu.Unlock()
		}))
	}
	a, b := serve("hanweb", hw), serve("gkmlpt", gk)
	defer a.Close()
	defer b.Close()
	e := newEnv(t, Options{Delay: 50 * time.Millisecond, Parallel: 1})
	st := e.run(t, site("621102", "hanweb", a.URL+hw.ColumnPath()), site("440304", "gkmlpt", b.URL+gk.ColumnPath()))
	for _, r := range st.PerSite {
		if r.Platform == "" || r.Incomplete {
			t.Errorf("site result: %+v", r)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if maxInFlight != 1 {
		t.Errorf("%d requests in flight at once, want 1 (Parallel 1)", maxInFlight)
	}
	// Between a host's column page and its walk's first request (its next
	// one), the other host was asked something: the wait held no slot.
	columns := map[string]string{"hanweb": hw.ColumnPath(), "gkmlpt": gk.ColumnPath()}
	interleaved := false
	for host, col := range columns {
		at := -1
		for i, l := range log {
			if l == host+" "+col {
				at = i
				break
			}
		}
		for i := at + 1; at >= 0 && i < len(log); i++ {
			if strings.HasPrefix(log[i], host+" ") {
				break
			}
			interleaved = true
		}
	}
	if !interleaved {
		t.Errorf("no request of one host went out while the other's walk waited:\n%s", strings.Join(log, "\n"))
	}
}

// TestPlatformWalkObeysRobots: a Hanweb column whose record proxy
// robots.txt disallows: the walk asks nothing of it, and the refusal is a
// Fetch (the fetch log's row) and counts for the site, as any refused
// request does; the records the column page holds inline are still
// fetched, and the column is not taken for complete.
func TestPlatformWalkObeysRobots(t *testing.T) {
	hw := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6211020001", PerPage: 5, GroupSize: 2, Reports: platformReports(25)}
	var mu sync.Mutex
	proxyHits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /module/\n")
			return
		case strings.HasPrefix(r.URL.Path, "/module/"):
			mu.Lock()
			proxyHits++
			mu.Unlock()
		}
		hw.ServeHTTP(w, r)
	}))
	defer srv.Close()
	e := newEnv(t, Options{Delay: time.Millisecond, Parallel: 1})
	st := e.run(t, site("621102", "hanweb", srv.URL+hw.ColumnPath()))

	mu.Lock()
	defer mu.Unlock()
	if proxyHits != 0 {
		t.Errorf("the disallowed record proxy was asked %d times", proxyHits)
	}
	refused := 0
	for _, f := range e.sink.all() {
		if strings.Contains(f.URL, "/module/") {
			if f.Err == nil || !strings.Contains(f.Err.Error(), "disallowed by robots.txt") {
				t.Errorf("proxy request %s: err %v, want a robots.txt refusal", f.URL, f.Err)
			}
			refused++
		}
	}
	if refused == 0 {
		t.Error("the refused proxy request left no Fetch (no fetch log row)")
	}
	r := st.PerSite[0]
	if r.Disallowed == 0 || !r.Incomplete {
		t.Errorf("site result: disallowed %d, incomplete %v; want the refusal counted and the column incomplete", r.Disallowed, r.Incomplete)
	}
	if got := len(e.sink.docs(KindReport)); got == 0 || got >= 25 {
		t.Errorf("%d reports fetched: want the inline ones only", got)
	}
}
