package crawler

// Fake county CMSs on loopback (httptest): the servers the crawler tests
// run against. Pages carry real report bodies from testdata/corpus.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/crawler/rawstore"
)

// hit is one request a fake site received.
type hit struct {
	Path     string // path?query
	At       time.Time
	Status   int
	BodySent bool // a body was written (not 304, not HEAD)
	Cond     bool // the request carried If-None-Match or If-Modified-Since
	UA       string
}

type fakeSite struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   []hit
	active int // requests in flight
	maxAct int // most requests in flight at once
}

func newFakeSite(t *testing.T) *fakeSite {
	t.Helper()
	s := &fakeSite{t: t, routes: map[string]http.HandlerFunc{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *fakeSite) URL(p string) string { return s.srv.URL + p }

type recWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *recWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}
func (w *recWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	if len(b) > 0 {
		w.wrote = true
	}
	return w.ResponseWriter.Write(b)
}
func (w *recWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	s.active++
	s.maxAct = max(s.maxAct, s.active)
	h := s.routes[key]
	s.mu.Unlock()
	rw := &recWriter{ResponseWriter: w}
	if h == nil {
		http.NotFound(rw, r)
	} else {
		h(rw, r)
	}
	s.mu.Lock()
	s.active--
	s.hits = append(s.hits, hit{Path: key, At: at, Status: rw.status, BodySent: rw.wrote,
		Cond: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "", UA: r.UserAgent()})
	s.mu.Unlock()
}

func (s *fakeSite) handle(p string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[p] = h
}

// page serves body with validators, answering 304 to a matching conditional
// request, like nginx in front of a TRS or Hanweb export.
func (s *fakeSite) page(p, ctype string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	mod := time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	s.handle(p, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", mod)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body)
	})
}

func (s *fakeSite) html(p, body string) { s.page(p, "text/html; charset=utf-8", []byte(body)) }

func (s *fakeSite) allHits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
}

func (s *fakeSite) count(p string) int {
	n := 0
	for _, h := range s.allHits() {
		if h.Path == p {
			n++
		}
	}
	return n
}

func (s *fakeSite) paths() []string {
	var out []string
	for _, h := range s.allHits() {
		out = append(out, h.Path)
	}
	return out
}

// corpusBody returns the report text of a corpus file (after the --- line).
func corpusBody(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(b), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", name)
	}
	return body
}

// reportHTML wraps a corpus report as a county CMS article page: chrome,
// then one <p> per line of the report.
func reportHTML(t testing.TB, name, title, extra string) string {
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title></head><body>\n")
	sb.WriteString("<div class=\"top\">您好,欢迎访问! 简体 | 繁体 <a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div>\n")
	sb.WriteString("<div class=\"content\"><h1>" + html.EscapeString(title) + "</h1>\n")
	for _, line := range strings.Split(corpusBody(t, name), "\n") {
		sb.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
	}
	sb.WriteString(extra)
	sb.WriteString("</div></body></html>\n")
	return sb.String()
}

// listingHTML is a column page: links (href → text) and a pager script.
func listingHTML(title string, links [][2]string, tail string) string {
	var sb strings.Builder
	sb.WriteString("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><title>" + title + "</title></head><body>\n")
	sb.WriteString("<div class=\"nav\"><a href=\"/\">首页</a><a href=\"/xwzx/\">新闻中心</a></div><ul class=\"list\">\n")
	for _, l := range links {
		sb.WriteString(fmt.Sprintf("<li><a href=\"%s\" title=\"%s\">%s</a><span>2024-01-18</span></li>\n", l[0], html.EscapeString(l[1]), html.EscapeString(l[1])))
	}
	sb.WriteString("</ul>" + tail + "</body></html>\n")
	return sb.String()
}

// recSink keeps every Fetch.
type recSink struct {
	mu sync.Mutex
	fs []*Fetch
}

func (s *recSink) Fetched(_ context.Context, f *Fetch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fs = append(s.fs, f)
	return nil
}

func (s *recSink) all() []*Fetch {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.fs)
}

// docs returns the Fetches with a document body of the given kind.
func (s *recSink) docs(k Kind) []*Fetch {
	var out []*Fetch
	for _, f := range s.all() {
		if f.Kind == k && f.Document() {
			out = append(out, f)
		}
	}
	return out
}

func (s *recSink) byURL(u string) []*Fetch {
	var out []*Fetch
	for _, f := range s.all() {
		if f.URL == u || f.FinalURL == u {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b *Fetch) int { return a.Time.Compare(b.Time) })
	return out
}

type testEnv struct {
	c     *Crawler
	state *MemState
	raw   *rawstore.Store
	sink  *recSink
}

func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func newEnv(t testing.TB, opt Options) *testEnv {
	t.Helper()
	raw, err := rawstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if opt.Logger == nil {
		opt.Logger = testLogger(t)
	}
	e := &testEnv{state: NewMemState(), raw: raw, sink: &recSink{}}
	e.c, err = New(opt, e.state, raw, e.sink)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *testEnv) run(t testing.TB, sites ...Site) Stats {
	t.Helper()
	e.sink = &recSink{}
	e.c.sink = e.sink
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := e.c.Run(ctx, sites)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return st
}

func site(code, name, u string) Site {
	n, err := NormalizeURL(u)
	if err != nil {
		panic(err)
	}
	return Site{Code: code, Name: name, URL: n, Enabled: true}
}

// checkSpacing asserts requests to one host at least interval apart, both
// as the server saw them arrive and as the crawler started them
// (Fetch.Time): the interval runs from the end of each response, so both
// hold exactly, whatever the load on the machine.
func checkSpacing(t *testing.T, name string, hits []hit, fetches []*Fetch, interval time.Duration) {
	t.Helper()
	for i := 1; i < len(hits); i++ {
		if gap := hits[i].At.Sub(hits[i-1].At); gap < interval {
			t.Errorf("%s: server saw %s then %s only %s apart (interval %s)", name, hits[i-1].Path, hits[i].Path, gap, interval)
		}
	}
	var times []time.Time
	for _, f := range fetches {
		if f.Duration > 0 { // a request was sent (robots.txt refusals send none)
			times = append(times, f.Time)
		}
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < interval {
			t.Errorf("%s: crawler started requests %s apart (interval %s)", name, gap, interval)
		}
	}
}
