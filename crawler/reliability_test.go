package crawler

// Hostile and broken sites: each test here failed before the fix it guards
// (issue 11, "Reliability").

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bombMember is one gzip member holding 1 MiB of zeros (about 1 KiB).
// Members concatenate: n of them are a valid gzip stream of n MiB.
func bombMember(t *testing.T, level int, wrap func(io.Writer) io.WriteCloser) []byte {
	t.Helper()
	var b bytes.Buffer
	w := wrap(&b)
	if _, err := w.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCompressionBombRefused serves bodies of about 2 MB that expand to
// 2 GiB, in every encoding the crawler meets: the size cap must hold on
// decoded bytes (it held on the compressed stream, and the crawl expanded
// the whole body in memory), with a per-document error and bounded memory.
func TestCompressionBombRefused(t *testing.T) {
	const mib = 2048 // decoded size in MiB
	gz := bombMember(t, gzip.BestCompression, func(w io.Writer) io.WriteCloser {
		z, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		return z
	})
	gzBomb := bytes.Repeat(gz, mib)
	// deflate has no members; but after a sync flush the compressor writes
	// the same bytes for every further MiB of zeros, so a 2 GiB stream is
	// those bytes repeated (zlib header first; the checksum at the end is
	// never reached).
	var zb bytes.Buffer
	fw, _ := flate.NewWriter(&zb, flate.BestCompression)
	zero := make([]byte, 1<<20)
	var chunks [][]byte
	for i := 0; i < 3; i++ {
		fw.Write(zero)
		fw.Flush()
		chunks = append(chunks, bytes.Clone(zb.Bytes()))
		zb.Reset()
	}
	deflateBomb := append([]byte{0x78, 0xda}, chunks[0]...)
	deflateBomb = append(deflateBomb, chunks[1]...)
	deflateBomb = append(deflateBomb, bytes.Repeat(chunks[2], mib-2)...)

	s := newTestSite(t)
	serve := func(enc, ctype string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if enc != "" {
				w.Header().Set("Content-Encoding", enc)
			}
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Write(body)
		}
	}
	paths := map[string]http.HandlerFunc{
		"/bomb/gzip.html":     serve("gzip", "text/html", gzBomb),
		"/bomb/x-gzip.html":   serve("x-gzip", "text/html", gzBomb),
		"/bomb/deflate.html":  serve("deflate", "text/html", deflateBomb),
		"/bomb/report.xml.gz": serve("", "application/x-gzip", gzBomb),
	}
	var links [][2]string
	i := 0
	for p, h := range paths {
		s.Handle(p, h)
		links = append(links, [2]string{p, fmt.Sprintf("%d县2022年政府信息公开工作年度报告", i)})
		i++
	}
	slices.SortFunc(links, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	s.html("/nb/", listingHTML("年报", links, ""))

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := newEnv(t, Options{Delay: 10 * time.Millisecond, MaxBodySize: 4 << 20})
	st := e.run(t, site("", "bombs", s.URL("/nb/")))
	runtime.ReadMemStats(&after)

	for p := range paths {
		fs := e.sink.byURL(s.URL(p))
		if len(fs) != 1 || !errors.Is(fs[0].Err, ErrTooLarge) || fs[0].Body != nil {
			t.Errorf("%s: %+v", p, fs)
			continue
		}
		if msg := fs[0].Err.Error(); !strings.Contains(msg, p) || !strings.Contains(msg, "4194304") {
			t.Errorf("%s: error does not name the URL and the cap: %v", p, msg)
		}
	}
	if st.TooLarge != int64(len(paths)) {
		t.Errorf("TooLarge = %d, want %d", st.TooLarge, len(paths))
	}
	// Four bombs of 2 GiB each: with the cap on decoded bytes, the crawl
	// allocates a few times the 4 MiB cap per document, not gigabytes.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("crawl allocated %d MiB for 4 bombs capped at 4 MiB", alloc>>20)
	}
}

// TestCompressedPagesStillRead: decoding under the cap keeps working pages
// working, in every encoding.
func TestCompressedPagesStillRead(t *testing.T) {
	report := reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", "")
	encode := map[string]func([]byte) []byte{
		"x-gzip": func(b []byte) []byte {
			var o bytes.Buffer
			z := gzip.NewWriter(&o)
			z.Write(b)
			z.Close()
			return o.Bytes()
		},
		"deflate": func(b []byte) []byte { // raw deflate, as some servers send it
			var o bytes.Buffer
			z, _ := flate.NewWriter(&o, flate.DefaultCompression)
			z.Write(b)
			z.Close()
			return o.Bytes()
		},
	}
	s := newTestSite(t)
	var links [][2]string
	for enc, f := range encode {
		body := f([]byte(report))
		p := "/nb/" + enc + ".html"
		s.Handle(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", enc)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
		links = append(links, [2]string{p, enc + "县2020年政府信息公开工作年度报告"})
	}
	s.html("/nb/", listingHTML("年报", links, ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond})
	e.run(t, site("", "enc", s.URL("/nb/")))
	docs := e.sink.docs(KindReport)
	if len(docs) != len(encode) {
		t.Fatalf("%d compressed reports read, want %d", len(docs), len(encode))
	}
	for _, d := range docs {
		if string(d.Body) != report {
			t.Errorf("%s: body not decoded (%d bytes)", d.URL, len(d.Body))
		}
	}
}

// TestSiteLimits: a listing of many reports stops at MaxDocuments, a slow
// site at SiteTimeout; both show in the site's result, and neither marks
// anything gone.
func TestSiteLimits(t *testing.T) {
	if got := (Options{}).withDefaults(); got.MaxDocuments != 2000 || got.SiteTimeout != 2*time.Hour {
		t.Errorf("defaults: MaxDocuments %d, SiteTimeout %s", got.MaxDocuments, got.SiteTimeout)
	}
	many := func() *testSite {
		s := newTestSite(t)
		var links [][2]string
		for j := 0; j < 40; j++ {
			p := fmt.Sprintf("/nb/%d.html", j)
			links = append(links, [2]string{p, fmt.Sprintf("%d年政府信息公开工作年度报告", 1980+j)})
			s.html(p, "<html><body>report</body></html>")
		}
		s.html("/nb/", listingHTML("年报", links, ""))
		return s
	}

	s := many()
	e := newEnv(t, Options{Delay: 5 * time.Millisecond, MaxDocuments: 5})
	st := e.run(t, site("", "many", s.URL("/nb/")))
	if n := len(e.sink.docs(KindReport)); n != 5 {
		t.Errorf("%d reports fetched, MaxDocuments 5", n)
	}
	if len(st.PerSite) != 1 {
		t.Fatalf("PerSite: %+v", st.PerSite)
	}
	r := st.PerSite[0]
	if r.DocumentLimit != 5 || r.Documents != 5 || r.Dropped != 35 || !r.Incomplete ||
		!slices.ContainsFunc(r.Notes(), func(s string) bool { return strings.Contains(s, "document limit (5 per run)") }) {
		t.Errorf("document limit not reported: %+v %q", r, r.Notes())
	}

	s2 := many()
	e2 := newEnv(t, Options{Delay: 50 * time.Millisecond, SiteTimeout: 400 * time.Millisecond})
	start := time.Now()
	st2 := e2.run(t, site("", "slow", s2.URL("/nb/")))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("crawl with a 400ms site deadline took %s", d)
	}
	n := len(e2.sink.docs(KindReport))
	r2 := st2.PerSite[0]
	if n == 0 || n >= 40 || r2.TimedOut != 400*time.Millisecond || r2.Dropped != 40-n || !r2.Incomplete {
		t.Errorf("site deadline: %d reports fetched, result %+v", n, r2)
	}
	for _, u := range e2.state.All() {
		if u.Gone {
			t.Errorf("%s marked gone by a crawl cut short", u.URL)
		}
	}
}

// TestPageLimitInResult: a listing with more pages than MaxPages says so
// in the site's result, not only in the log.
func TestPageLimitInResult(t *testing.T) {
	s := newTestSite(t)
	for i := 0; i < 6; i++ {
		next := ""
		if i < 5 {
			next = fmt.Sprintf(`<a href="/nb/index_%d.html">下一页</a>`, i+1)
		}
		p := "/nb/index.html"
		if i > 0 {
			p = fmt.Sprintf("/nb/index_%d.html", i)
		}
		s.html(p, listingHTML("年报", [][2]string{{fmt.Sprintf("/nb/%d.html", i), fmt.Sprintf("%d年政府信息公开工作年度报告", 2000+i)}}, next))
	}
	e := newEnv(t, Options{Delay: 5 * time.Millisecond, MaxPages: 2})
	st := e.run(t, site("", "pages", s.URL("/nb/index.html")))
	r := st.PerSite[0]
	if r.PageLimit != 2 || r.Pages != 3 || r.Dropped != 1 || len(r.Notes()) == 0 {
		t.Errorf("page limit: %+v %q", r, r.Notes())
	}
}

// TestOversizedRobots: a robots.txt of 40 MB that starts with Disallow: /
// was refused as too large, and the site then crawled as if it allowed
// everything. Its first 500 KiB are read and obeyed.
func TestOversizedRobots(t *testing.T) {
	s := newTestSite(t)
	big := append([]byte("User-agent: *\nDisallow: /\n"), bytes.Repeat([]byte("# padding padding padding\n"), 40<<20/26)...)
	s.Put("/robots.txt", "text/plain", big)
	s.html("/nb/", listingHTML("年报", [][2]string{{"/nb/1.html", "2022年政府信息公开工作年度报告"}}, ""))
	e := newEnv(t, Options{Delay: 5 * time.Millisecond})
	st := e.run(t, site("", "robots", s.URL("/nb/")))
	if got := s.paths(); !slices.Equal(got, []string{"/robots.txt"}) {
		t.Errorf("requests %q: the site was crawled against its robots.txt", got)
	}
	r := st.PerSite[0]
	if st.Disallowed != 1 || r.Disallowed != 1 || !strings.Contains(r.Robots, "500 KiB") {
		t.Errorf("oversized robots.txt: disallowed %d, result %+v", st.Disallowed, r)
	}

	// Rules after the first 500 KiB are not seen; those before are.
	s2 := newTestSite(t)
	late := append(bytes.Repeat([]byte("# padding padding padding\n"), 600<<10/26), "User-agent: *\nDisallow: /\n"...)
	s2.Put("/robots.txt", "text/plain", late)
	s2.html("/nb/", listingHTML("年报", nil, ""))
	e2 := newEnv(t, Options{Delay: 5 * time.Millisecond})
	e2.run(t, site("", "late", s2.URL("/nb/")))
	if s2.count("/nb/") != 1 {
		t.Errorf("requests %q: rules past 500 KiB were applied", s2.paths())
	}
}

// TestUnreachableSite: a host that does not answer is reported as
// unreachable, not as a site whose robots.txt disallows everything.
func TestUnreachableSite(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	e := newEnv(t, Options{Delay: 5 * time.Millisecond, MaxRetries: NoRetries})
	st := e.run(t, site("", "down", "http://"+addr+"/nb/"))
	fs := e.sink.byURL("http://" + addr + "/nb/")
	if len(fs) != 1 || fs[0].Err == nil || strings.Contains(fs[0].Err.Error(), "robots") && !strings.Contains(fs[0].Err.Error(), "unreachable") {
		t.Fatalf("registered page: %+v", fs)
	}
	if !strings.Contains(fs[0].Err.Error(), "unreachable") {
		t.Errorf("registered page error %q does not say unreachable", fs[0].Err)
	}
	r := st.PerSite[0]
	if st.Disallowed != 0 || st.Unreachable != 1 || r.Unreachable == "" || r.Disallowed != 0 || r.Robots != "" {
		t.Errorf("unreachable site: stats %+v, result %+v", st, r)
	}
}

func TestDefaultUserAgentASCII(t *testing.T) {
	for i := 0; i < len(DefaultUserAgent); i++ {
		if c := DefaultUserAgent[i]; c < 0x20 || c > 0x7e {
			t.Fatalf("DefaultUserAgent has byte %#x at %d: %q", c, i, DefaultUserAgent)
		}
	}
	if agentToken(DefaultUserAgent) != "disclosure-crawler" {
		t.Errorf("agent token %q", agentToken(DefaultUserAgent))
	}
}

// fullStore is a raw store on a full disk.
type fullStore struct{ RawStore }

func (fullStore) Put([]byte) (string, string, error) {
	return "", "", fmt.Errorf("rawstore: writing x: %w", &fsPathError{syscall.ENOSPC})
}

type fsPathError struct{ err error }

func (e *fsPathError) Error() string { return "write /data/raw/ab/.tmp-ab: " + e.err.Error() }
func (e *fsPathError) Unwrap() error { return e.err }

// TestDiskFullNamed: a raw store whose disk is full is named as such, not
// counted among "state errors".
func TestDiskFullNamed(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", nil, ""))
	e := newEnv(t, Options{Delay: 5 * time.Millisecond})
	e.c.raw = fullStore{e.raw}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := e.c.Run(ctx, []Site{site("", "full", s.URL("/nb/"))})
	if err == nil || !strings.Contains(err.Error(), "disk full") || strings.Contains(err.Error(), "state errors") {
		t.Errorf("Run error %v", err)
	}
	if !st.DiskFull || st.StoreErrors == 0 || st.StateErrors != 0 {
		t.Errorf("stats %+v", st)
	}
	fs := e.sink.byURL(s.URL("/nb/"))
	if len(fs) != 1 || fs[0].Err == nil || !strings.Contains(fs[0].Err.Error(), "disk full") {
		t.Errorf("listing fetch: %+v", fs)
	}
}
