// Package sitesim simulates county government websites on loopback: a
// report column with its pagination, report pages in the layouts county CMSs
// publish (real tables, one <p> per cell, GBK pages, Word attachments) and a
// robots.txt. `disclosure demo` crawls sites built with it from the bundled
// reports, and tests use it where a real CMS's behaviour matters.
//
// A Site is an http.Handler with a route table that can change while it is
// served (a report published or taken down between two crawls); every page
// carries an ETag and Last-Modified and answers a matching conditional
// request with 304, as nginx in front of a TRS or Hanweb export does.
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
	Path   string // path?query
	At     time.Time
	Status int
	Cond   bool // If-None-Match or If-Modified-Since was sent
	UA     string
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

	mu     sync.Mutex
	pages  map[string]page
	hits   []Hit
	ln     net.Listener
	srv    *http.Server
	served chan struct{}
}

// New returns a site that serves only the pages its chrome links to (the
// home page and the top columns, nearly empty); Put pages, then Start it
// (or use it as an http.Handler).
func New(name string) *Site {
	s := &Site{Name: name, pages: map[string]page{}}
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
}

// Remove takes a page down: it answers 404 from now on.
func (s *Site) Remove(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pages, path)
}

// ServeHTTP implements http.Handler.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	p, ok := s.pages[key]
	s.mu.Unlock()
	cond := r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""
	status := http.StatusOK
	switch {
	case !ok:
		status = http.StatusNotFound
		http.NotFound(w, r)
	case r.Header.Get("If-None-Match") == p.etag:
		status = http.StatusNotModified
		w.Header().Set("ETag", p.etag)
		w.Header().Set("Last-Modified", p.mod)
		w.WriteHeader(status)
	default:
		w.Header().Set("ETag", p.etag)
		w.Header().Set("Last-Modified", p.mod)
		w.Header().Set("Content-Type", p.ctype)
		w.Header().Set("Content-Length", fmt.Sprint(len(p.body)))
		w.Write(p.body)
	}
	s.mu.Lock()
	s.hits = append(s.hits, Hit{Path: key, At: time.Now(), Status: status, Cond: cond, UA: r.UserAgent()})
	s.mu.Unlock()
}

// Hits returns the requests received so far, in order.
func (s *Site) Hits() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
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
