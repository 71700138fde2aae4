package platform

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fixture_test.go serves the imitation sites of testdata/sites/<name>/:
// fixed response bytes plus a route table (routes.txt) that says which
// request gets which file, and what each site must yield (expect.txt).
// The format is in testdata/sites/README.md.

type route struct {
	method string
	path   string     // path.Match pattern
	query  url.Values // params that must be present with these values ("*": any)
	status int
	file   string // "-" for an empty body
	form   []string
	xhr    bool
	ctype  string
	cookie string
	once   bool
	used   bool
}

type fixtureSite struct {
	t      testing.TB
	dir    string
	routes []*route
	mu     sync.Mutex
	hits   []string // METHOD path?query, in order
}

func loadFixtureSite(t testing.TB, dir string) *fixtureSite {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "routes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := &fixtureSite{t: t, dir: dir}
	for n, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 {
			t.Fatalf("%s/routes.txt:%d: want METHOD PATH STATUS FILE [options]", dir, n+1)
		}
		r := &route{method: f[0], file: f[3]}
		p, q, _ := strings.Cut(f[1], "?")
		r.path = p
		r.query, _ = url.ParseQuery(q)
		if r.status, err = strconv.Atoi(f[2]); err != nil {
			t.Fatalf("%s/routes.txt:%d: status %q", dir, n+1, f[2])
		}
		for _, o := range f[4:] {
			k, v, _ := strings.Cut(o, "=")
			switch k {
			case "form":
				r.form = strings.Split(v, ",")
			case "xhr":
				r.xhr = true
			case "ctype":
				r.ctype = strings.ReplaceAll(v, "+", " ")
			case "cookie":
				r.cookie = v
			case "once":
				r.once = true
			default:
				t.Fatalf("%s/routes.txt:%d: unknown option %q", dir, n+1, o)
			}
		}
		s.routes = append(s.routes, r)
	}
	return s
}

func (s *fixtureSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	s.hits = append(s.hits, r.Method+" "+r.URL.RequestURI())
	refusal := http.StatusNotFound
	var hit *route
	for _, rt := range s.routes {
		if ok, _ := path.Match(rt.path, r.URL.Path); !ok || rt.method != r.Method || rt.once && rt.used {
			continue
		}
		if !queryHas(r.URL.Query(), rt.query) {
			continue
		}
		if rt.xhr && r.Header.Get("X-Requested-With") != "XMLHttpRequest" {
			refusal = http.StatusForbidden
			continue
		}
		missing := false
		for _, k := range rt.form {
			if r.PostForm.Get(k) == "" {
				missing = true
			}
		}
		if missing {
			refusal = http.StatusBadRequest
			continue
		}
		hit = rt
		rt.used = true
		break
	}
	s.mu.Unlock()
	if hit == nil {
		http.Error(w, "not found", refusal)
		return
	}
	var body []byte
	if hit.file != "-" {
		b, err := os.ReadFile(filepath.Join(s.dir, hit.file))
		if err != nil {
			s.t.Errorf("%s: %v", s.dir, err)
		}
		body = bytes.ReplaceAll(b, []byte("{{HOST}}"), []byte("http://"+r.Host))
	}
	ct := hit.ctype
	if ct == "" {
		switch path.Ext(hit.file) {
		case ".json":
			ct = "application/json;charset=UTF-8"
		case ".xml":
			ct = "text/xml;charset=UTF-8"
		default:
			ct = "text/html" // no charset: the page's own declaration decides
		}
	}
	w.Header().Set("Content-Type", ct)
	if hit.cookie != "" {
		w.Header().Add("Set-Cookie", hit.cookie+"; path=/")
	}
	w.WriteHeader(hit.status)
	w.Write(body)
}

func queryHas(got, want url.Values) bool {
	for k, vs := range want {
		for _, v := range vs {
			if !got.Has(k) || v != "*" && got.Get(k) != v {
				return false
			}
		}
	}
	return true
}

// expectation is a site's expect.txt.
type expectation struct {
	column    string
	platform  string
	items     []Item
	blocked   string
	siteID    string
	maxPages  int
	truncated bool
	requests  int // -1: not checked
}

func loadExpect(t testing.TB, dir, host string) expectation {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e := expectation{requests: -1}
	abs := func(s string) string {
		if strings.HasPrefix(s, "/") {
			return host + s
		}
		return s
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		switch k {
		case "column":
			e.column = abs(v)
		case "platform":
			e.platform = v
		case "blocked":
			e.blocked = v
		case "siteid":
			e.siteID = v
		case "maxpages":
			e.maxPages, _ = strconv.Atoi(v)
		case "requests":
			e.requests, _ = strconv.Atoi(v)
		case "truncated":
			e.truncated = true
		case "item":
			p := strings.Split(v, "\t")
			it := Item{URL: abs(p[0])}
			if len(p) > 1 {
				it.Title = p[1]
			}
			if len(p) > 2 {
				it.Date = p[2]
			}
			for _, a := range p[min(3, len(p)):] {
				it.Attachments = append(it.Attachments, abs(a))
			}
			e.items = append(e.items, it)
		case "", "#":
		default:
			t.Fatalf("%s/expect.txt: unknown line %q", dir, sc.Text())
		}
	}
	return e
}

// TestImitationSites walks every imitation site from its column page and
// checks that each report it lists is found exactly once, with its title,
// date and attachments, and nothing else; or that the site is blocked.
func TestImitationSites(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/sites/*")
	if len(dirs) == 0 {
		t.Fatal("no imitation sites in testdata/sites")
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			site := loadFixtureSite(t, dir)
			srv := httptest.NewServer(site)
			defer srv.Close()
			e := loadExpect(t, dir, srv.URL)
			ctx := context.Background()
			f := HTTPFetcher{Client: srv.Client()}
			col, err := f.Fetch(ctx, Request{URL: e.column})
			if err != nil {
				t.Fatal(err)
			}
			l, err := List(ctx, col, f, Options{MaxPages: e.maxPages})
			if err != nil {
				t.Fatalf("List: %v (requests: %q)", err, site.hits)
			}
			if e.siteID != "" {
				if id, ok := SiteIDOf([]byte(Text(col))); !ok || id.Code != e.siteID {
					t.Errorf("site id = %+v, want %s", id, e.siteID)
				}
			}
			if e.blocked != "" {
				if l.Blocked == nil || l.Blocked.Kind != e.blocked {
					t.Fatalf("blocked = %+v, want %s (items %d)", l.Blocked, e.blocked, len(l.Items))
				}
				if l.Blocked.URL == "" || l.Blocked.Marker == "" {
					t.Errorf("blocked without evidence: %+v", l.Blocked)
				}
			} else if l.Blocked != nil {
				t.Fatalf("blocked: %v (requests: %q)", l.Blocked, site.hits)
			}
			if e.platform != "" && l.Platform != e.platform {
				t.Errorf("platform = %q, want %q", l.Platform, e.platform)
			}
			if l.Truncated != e.truncated {
				t.Errorf("truncated = %v, want %v", l.Truncated, e.truncated)
			}
			if e.requests >= 0 && l.Requests != e.requests {
				t.Errorf("requests = %d, want %d: %q", l.Requests, e.requests, site.hits)
			}
			checkItems(t, l.Items, e.items)
		})
	}
}

func checkItems(t *testing.T, got, want []Item) {
	t.Helper()
	count := map[string]int{}
	byURL := map[string]Item{}
	for _, it := range got {
		count[it.URL]++
		byURL[it.URL] = it
	}
	for _, w := range want {
		g, ok := byURL[w.URL]
		switch {
		case !ok:
			t.Errorf("missing %s %s", w.URL, w.Title)
			continue
		case count[w.URL] != 1:
			t.Errorf("%s listed %d times", w.URL, count[w.URL])
		}
		if w.Title != "" && g.Title != w.Title {
			t.Errorf("%s: title %q, want %q", w.URL, g.Title, w.Title)
		}
		if w.Date != "" && g.Date != w.Date {
			t.Errorf("%s: date %q, want %q", w.URL, g.Date, w.Date)
		}
		if len(w.Attachments) > 0 && strings.Join(g.Attachments, " ") != strings.Join(w.Attachments, " ") {
			t.Errorf("%s: attachments %q, want %q", w.URL, g.Attachments, w.Attachments)
		}
		delete(byURL, w.URL)
	}
	for u, it := range byURL {
		t.Errorf("unexpected item %s %q", u, it.Title)
	}
}
