package web

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"disclosure/demo"
)

// The tests read the warehouse `disclosure demo` builds: the bundled real
// reports crawled from county sites served on loopback, two nightly runs.
var demoOnce struct {
	sync.Once
	dir string
	err error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoOnce.dir != "" {
		os.RemoveAll(demoOnce.dir)
	}
	if benchServer.s != nil {
		benchServer.ts.Close()
		benchServer.s.Close()
		os.RemoveAll(benchServer.dir)
	}
	os.Exit(code)
}

// demoDir builds the demo warehouse once per test binary.
func demoDir(t testing.TB) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "web-demo-")
		if err != nil {
			demoOnce.err = err
			return
		}
		demoOnce.dir = dir
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		demoOnce.err = demo.Run(ctx, demo.Options{Out: dir, Delay: 10 * time.Millisecond}, io.Discard, io.Discard)
	})
	if demoOnce.err != nil {
		t.Fatalf("building the demo warehouse: %v", demoOnce.err)
	}
	return demoOnce.dir
}

// testServer serves the pages over the demo warehouse.
func testServer(t testing.TB) (*Server, *httptest.Server) {
	t.Helper()
	dir := demoDir(t)
	return serveWith(t, Options{DB: dir + "/demo.duckdb", Data: dir + "/demo-data"})
}

// serveWith serves the pages with opt, closed when the test ends.
func serveWith(t testing.TB, opt Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts
}

// queryRows runs an endpoint's named query directly: what a page must show.
func queryRows(t testing.TB, s *Server, name string, params map[string]string) []map[string]any {
	t.Helper()
	res, err := s.run(context.Background(), name, params)
	if err != nil {
		t.Fatalf("%s %v: %v", name, params, err)
	}
	return res.Rows
}

func sprint(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
