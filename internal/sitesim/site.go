// Package sitesim simulates county government websites on loopback: a
// report column with its pagination, report pages in the layouts county CMSs
// publish (real tables, one <p> per cell, GBK pages, Word attachments) and a
// robots.txt. `disclosure demo` crawls sites built with it from the bundled
// reports, and tests use it where a real CMS's behaviour matters.
//
// A Site is an http.Handler with a route table that can change while it is
// served (a report published or taken down between two crawls); every page
// carries an ETag and Last-Modified and answers a matching conditional
// request with 304, as nginx in front of a TRS or Hanweb export does. Handle
// puts a behaviour (an error, a redirect, a slow answer) on a path, and
// Hits and MaxInFlight say what the site saw, for tests of politeness.
package sitesim

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Hit is one request a site received.
type Hit struct {
	Path     string    // path?query
	At       time.Time // when it arrived
	Status   int
	BodySent bool // a body was written (not a 304)
	Cond     bool // If-None-Match or If-Modified-Since was sent
	UA       string
}

type page struct {
	ctype string
	body  []byte
	etag  string
	mod   string
}

// Site is one simulated website.
type Site struct {
	Name string

	mu       sync.Mutex
	pages    map[string]page
	handlers map[string]http.HandlerFunc
	fallback http.Handler // answers the paths no page or handler holds (nil: 404)
	hits     []Hit
	active   int // requests being answered
	maxAct   int // most requests answered at once
	ln       net.Listener
	srv      *http.Server
	served   chan struct{}
}

// New returns a site that serves only the pages its chrome links to (the
// home page and the top columns, nearly empty); Put pages, then Start it
// (or use it as an http.Handler).
func New(name string) *Site {
	s := &Site{Name: name, pages: map[string]page{}, handlers: map[string]http.HandlerFunc{}}
	for _, p := range chromePaths {
		s.Put(p, "text/html; charset=utf-8", []byte(HomeHTML(name, nil)))
	}
	return s
}

// modTime is the Last-Modified of every page: fixed, so a page's validators
// change only with its bytes.
var modTime = time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC).Format(http.TimeFormat)

// Put serves body at path (path?query for a query URL) with the given
// Content-Type, replacing what was there.
func (s *Site) Put(path, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = page{ctype: contentType, body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, mod: modTime}
	delete(s.handlers, path)
}

// Handle answers path with h, replacing what was there: a server error, a
// redirect, a slow or endless body.
func (s *Site) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[path] = h
	delete(s.pages, path)
}

// Fallback answers every path without a page or handler: a whole site
// from another package (crawler/platform/platformsim), with robots.txt
// and the like still Put here.
func (s *Site) Fallback(h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fallback = h
}

// Remove takes a page down: it answers 404 from now on.
func (s *Site) Remove(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pages, path)
	delete(s.handlers, path)
}

// ServeHTTP implements http.Handler.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	p, ok := s.pages[key]
	h := s.handlers[key]
	fb := s.fallback
	s.active++
	s.maxAct = max(s.maxAct, s.active)
	s.mu.Unlock()
	rw := &recorder{ResponseWriter: w}
	switch {
	case h != nil:
		h(rw, r)
	case !ok && fb != nil:
		fb.ServeHTTP(rw, r)
	case !ok:
		http.NotFound(rw, r)
	case r.Header.Get("If-None-Match") == p.etag:
		rw.Header().Set("ETag", p.etag)
		rw.Header().Set("Last-Modified", p.mod)
		rw.WriteHeader(http.StatusNotModified)
	default:
		rw.Header().Set("ETag", p.etag)
		rw.Header().Set("Last-Modified", p.mod)
		rw.Header().Set("Content-Type", p.ctype)
		rw.Header().Set("Content-Length", fmt.Sprint(len(p.body)))
		rw.Write(p.body)
	}
	if rw.status == 0 {
		rw.status = http.StatusOK // a handler that wrote nothing
	}
	cond := r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""
	s.mu.Lock()
	s.active--
	s.hits = append(s.hits, Hit{Path: key, At: at, Status: rw.status, BodySent: rw.wrote, Cond: cond, UA: r.UserAgent()})
	s.mu.Unlock()
}

// recorder notes the status and whether a body was written.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if len(b) > 0 {
		w.wrote = true
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets a handler stream its body (chunked, no Content-Length).
func (w *recorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hits returns the requests answered so far, in the order their answers
// ended.
func (s *Site) Hits() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
}

// MaxInFlight is the most requests the site was answering at once.
func (s *Site) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxAct
}

// Start serves the site on addr ("127.0.0.1:0" picks a free port) until Close.
func (s *Site) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ln = ln
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.served = make(chan struct{})
	srv, done := s.srv, s.served
	s.mu.Unlock()
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	return nil
}

// URL is the absolute URL of path on the started site.
func (s *Site) URL(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return path
	}
	return "http://" + s.ln.Addr().String() + path
}

// Close stops serving.
func (s *Site) Close() error {
	s.mu.Lock()
	srv, done := s.srv, s.served
	s.srv = nil
	s.mu.Unlock()
	if srv == nil {
		return errors.New("sitesim: site not started")
	}
	err := srv.Close()
	<-done
	return err
}
