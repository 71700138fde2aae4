package crawler

// The test environment: a crawler with in-memory state, a raw store in a
// temp dir and a recording Sink, and the county sites it crawls
// (internal/sitesim on loopback, pages carrying real report bodies from
// testdata/corpus).

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/crawler/rawstore"
	"disclosure/internal/sitesim"
)

// testSite is a simulated county site (internal/sitesim) served on
// loopback for one test.
type testSite struct{ *sitesim.Site }

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := sitesim.New("测试县人民政府")
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &testSite{s}
}

// html serves a UTF-8 page.
func (s *testSite) html(p, body string) { s.Put(p, "text/html; charset=utf-8", []byte(body)) }

func (s *testSite) count(p string) int {
	n := 0
	for _, h := range s.Hits() {
		if h.Path == p {
			n++
		}
	}
	return n
}

func (s *testSite) paths() []string {
	var out []string
	for _, h := range s.Hits() {
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

// reportHTML is a corpus report as a county CMS article page
// (sitesim.ReportHTML: chrome, then one <p> per line of the report).
func reportHTML(t testing.TB, name, title, extra string) string {
	return sitesim.ReportHTML("测试县人民政府", title, "", corpusBody(t, name), sitesim.Paragraphs, extra)
}

// listingHTML is a column page (sitesim.ListingHTML): links (href → text),
// then tail (a pager).
func listingHTML(title string, links [][2]string, tail string) string {
	var ls []sitesim.Link
	for _, l := range links {
		ls = append(ls, sitesim.Link{Href: l[0], Text: l[1], Date: "2024-01-18"})
	}
	return sitesim.ListingHTML("测试县人民政府", title, ls, tail)
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
func checkSpacing(t *testing.T, name string, hits []sitesim.Hit, fetches []*Fetch, interval time.Duration) {
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
