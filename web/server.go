package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"disclosure/crawler/rawstore"

	"github.com/klauspost/compress/gzhttp"
)

// Options are the settings of `disclosure serve`.
type Options struct {
	DB   string // the warehouse; its snapshot (warehouse.SnapshotPath) is read when present
	Data string // the data directory whose raw/ holds the stored documents; "" : no raw downloads
	Addr string // listen address; loopback by default
	// QueryTimeout bounds one request's database work; MaxRows caps a result.
	QueryTimeout time.Duration
	MaxRows      int
	Log          *slog.Logger
}

// DefaultAddr is loopback only: the pages are for the researcher at this machine.
const DefaultAddr = "127.0.0.1:8080"

func (o *Options) defaults() {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = 10 * time.Second
	}
	if o.MaxRows == 0 {
		o.MaxRows = 5000
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// Server serves the pages over one read-only warehouse.
type Server struct {
	opt   Options
	store *store
	cache resultCache
	mux   *http.ServeMux

	// The raw store, opened at the first source view and kept: it learns
	// its packs' contents once, then only what they gained since.
	rawMu sync.Mutex
	raw   *rawstore.Store
}

// rawStore is the raw store under Options.Data, opened once it opens.
func (s *Server) rawStore() (*rawstore.Store, error) {
	s.rawMu.Lock()
	defer s.rawMu.Unlock()
	if s.raw == nil {
		st, err := rawstore.Open(s.opt.Data + "/raw")
		if err != nil {
			return nil, err
		}
		s.raw = st
	}
	return s.raw, nil
}

// New opens the warehouse read-only and builds the handlers.
func New(opt Options) (*Server, error) {
	opt.defaults()
	st, err := openStore(opt.DB)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, store: st, mux: http.NewServeMux()}
	s.routes()
	return s, nil
}

// Close closes the database.
func (s *Server) Close() error { return s.store.close() }

// DatabasePath is the file the pages read (the snapshot when there is one).
func (s *Server) DatabasePath() string { return s.store.path() }

func (s *Server) routes() {
	s.mux.Handle("GET /assets/", assetHandler())
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/compare", http.StatusFound)
	})
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/assets/favicon.svg", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("GET /compare", s.comparePage)
	s.mux.HandleFunc("GET /county", s.countyPage)
	s.mux.HandleFunc("GET /report", s.reportPage)
	s.mux.HandleFunc("GET /source", s.sourcePage)
	s.mux.HandleFunc("GET /raw", s.rawDocument)
	s.mux.HandleFunc("GET /page", s.pageImage)
	s.mux.HandleFunc("GET /coverage", s.coveragePage)
	s.mux.HandleFunc("GET /api/{name}", s.api)
	s.mux.HandleFunc("GET /download/{name}", s.download)
}

// Handler is every page with the security headers, a time limit and gzip.
func (s *Server) Handler() http.Handler {
	gz, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.ExceptContentTypes([]string{"application/zip", "application/octet-stream", "application/vnd.apache.parquet", "image/png"}))
	if err != nil {
		panic(err) // only for invalid options, fixed above
	}
	timed := http.TimeoutHandler(s.mux, s.opt.QueryTimeout+5*time.Second, "the request took too long")
	// A page image may wait for the PDF reader to start (renderTimeout).
	drawing := http.TimeoutHandler(s.mux, renderTimeout, "drawing the page took too long")
	return gz(secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			drawing.ServeHTTP(w, r)
			return
		}
		timed.ServeHTTP(w, r)
	})))
}

// csp allows the page's own scripts, styles, images and requests only:
// no inline script, nothing from another origin.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// IsLoopback says whether addr listens on this machine only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen binds the address; a non-loopback one is allowed with a warning
// written to warn.
func Listen(addr string, warn io.Writer) (net.Listener, error) {
	if !IsLoopback(addr) {
		fmt.Fprintf(warn, "disclosure serve: warning: %s is reachable from other machines; the pages have no login (use 127.0.0.1 to keep them on this machine)\n", addr)
	}
	return net.Listen("tcp", addr)
}

// Serve serves on l until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      max(s.opt.QueryTimeout+30*time.Second, renderTimeout+10*time.Second),
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		return err
	}
}
