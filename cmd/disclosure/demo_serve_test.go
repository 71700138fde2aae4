package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"disclosure/demo"
	"disclosure/warehouse"
	"disclosure/web"
)

// `demo --serve` serves the snapshot the demo's runs publish, so a
// `disclosure run` by hand (a writer) is not blocked while it serves, and the
// pages show the new run once it has published.
func TestDemoServeLetsAWriterRun(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := demo.Run(ctx, demo.Options{Out: out, Serve: true, Pages: func(ctx context.Context, db, data string) error {
		if _, err := os.Stat(warehouse.SnapshotPath(db)); err != nil {
			t.Errorf("the demo published no snapshot beside %s: %v", db, err)
		}
		sctx, stop := context.WithCancel(ctx)
		served := make(chan error, 1)
		var pagesOut, pagesErr lockedBuffer
		go func() {
			served <- servePages(sctx, web.Options{DB: db, Data: data, Addr: "127.0.0.1:0"}, &pagesOut, &pagesErr)
		}()
		defer func() { stop(); <-served }()
		url := ""
		for i := 0; i < 200 && url == ""; i++ {
			if m := regexp.MustCompile(`Pages over (\S+) at (http://\S+)/compare`).FindStringSubmatch(pagesOut.String()); m != nil {
				if m[1] != warehouse.SnapshotPath(db) {
					t.Errorf("serve reads %s, want the snapshot %s", m[1], warehouse.SnapshotPath(db))
				}
				url = m[2]
			}
			time.Sleep(50 * time.Millisecond)
		}
		if url == "" {
			t.Fatalf("serve printed no URL: %s %s", pagesOut.String(), pagesErr.String())
		}
		page := func() {
			t.Helper()
			resp, err := http.Get(url + "/compare?year=2019")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(body, []byte("平潭")) {
				t.Errorf("compare page: %d %.300s", resp.StatusCode, body)
			}
		}
		page()
		// The run the demo suggests, by hand, while the pages are up.
		sites := filepath.Join(filepath.Dir(db), "demo-sites.csv")
		o, e, code := runCmd(t, "run", "--sites", sites, "--db", db, "--data", data, "--delay", "0s")
		if code != 0 {
			t.Errorf("disclosure run while serving: exit %d\n%s\n%s", code, o, e)
		}
		page()
		return nil
	}}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("demo: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
}
