package main

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"disclosure/internal/samples"
	"disclosure/warehouse"
)

// countySite serves a report column with the bundled samples as report
// pages, on loopback; it counts the bodies it sent.
func countySite(t *testing.T) (*httptest.Server, func() int, int) {
	t.Helper()
	names := samples.Names("*")
	if len(names) > 3 {
		names = names[:3]
	}
	mux := http.NewServeMux()
	var mu sync.Mutex
	bodies := 0
	serve := func(body []byte) http.HandlerFunc {
		etag := fmt.Sprintf(`"%x"`, len(body))
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			mu.Lock()
			bodies++
			mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		}
	}
	var list strings.Builder
	list.WriteString("<html><body><ul>")
	for i, n := range names {
		b, _ := samples.Read(n)
		if !bytes.Contains(b, []byte("<")) { // a text sample: wrap it as a page
			b = []byte("<html><body><pre>" + html.EscapeString(string(b)) + "</pre></body></html>")
		}
		p := fmt.Sprintf("/nb/%d.html", i)
		mux.HandleFunc(p, serve(b))
		fmt.Fprintf(&list, `<li><a href="%s">某县%d年政府信息公开工作年度报告</a></li>`, p, 2020+i)
	}
	list.WriteString(`<li><a href="/tz/1.html">关于报送2023年政府信息公开工作年度报告的通知</a></li></ul></body></html>`)
	mux.HandleFunc("/nb/", serve([]byte(list.String())))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return bodies }, len(names)
}

func TestCrawlCommand(t *testing.T) {
	srv, bodies, n := countySite(t)
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.csv")
	os.WriteFile(sites, []byte("code,name,url\n654021,伊宁县,"+srv.URL+"/nb/\n"), 0o644)
	db := filepath.Join(dir, "w.duckdb")
	data := filepath.Join(dir, "data")
	args := []string{"crawl", "--sites", sites, "--delay", "20ms", "--data", data, "--db", db, "--user-agent", "disclosure-crawler/test (+http://127.0.0.1/)"}

	var out, errOut bytes.Buffer
	if code := dispatch(args, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	t.Log(out.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != n+1 {
		t.Fatalf("want %d report lines and a summary:\n%s", n, out.String())
	}
	for _, l := range lines[:n] {
		if !strings.HasPrefix(l, "654021 伊宁县\t") || !strings.Contains(l, srv.URL+"/nb/") {
			t.Errorf("report line: %q", l)
		}
	}
	if !strings.Contains(lines[n], "crawled 1 sites") {
		t.Errorf("summary: %q", lines[n])
	}
	w, err := warehouse.OpenWith(db, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var reports, states int
	var code string
	w.SQL().QueryRow(`SELECT count(*), any_value(source_url) FROM reports`).Scan(&reports, &code)
	w.SQL().QueryRow(`SELECT count(*) FROM url_state`).Scan(&states)
	w.Close()
	if states != n+2 { // robots.txt, the listing, the reports
		t.Errorf("crawl state not saved: %d url_state rows", states)
	}
	if reports == 0 || !strings.HasPrefix(code, srv.URL) {
		t.Errorf("%d reports in the warehouse (source %q)", reports, code)
	}

	// Unchanged site: no body downloaded, no report line.
	sent := bodies()
	out.Reset()
	errOut.Reset()
	if code := dispatch(args, &out, &errOut); code != 0 {
		t.Fatalf("second crawl exit %d: %s", code, errOut.String())
	}
	if bodies() != sent {
		t.Errorf("second crawl downloaded %d bodies again", bodies()-sent)
	}
	if l := strings.Split(strings.TrimSpace(out.String()), "\n"); len(l) != 1 || !strings.Contains(l[0], "0 new or changed") {
		t.Errorf("second crawl printed:\n%s", out.String())
	}

	// reparse rebuilds from the raw store, offline, replacing what the
	// warehouse holds for those documents.
	srv.Close()
	out.Reset()
	if code := dispatch([]string{"reparse", "--data", data, "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("reparse exit %d: %s", code, errOut.String())
	}
	if want := fmt.Sprintf("reparsed %d documents: %d with statistics; in the warehouse %d replaced, 0 new", n, reports, reports); !strings.Contains(out.String(), want) {
		t.Errorf("reparse: want %q in\n%s", want, out.String())
	}
}

func TestCrawlBadSitesFile(t *testing.T) {
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.csv")
	os.WriteFile(sites, []byte("code,name,url\n12345,坏,http://a.gov.cn/\n110101,东城区,notaurl\n"), 0o644)
	var out, errOut bytes.Buffer
	code := dispatch([]string{"crawl", "--sites", sites, "--data", dir}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "line 2:") || !strings.Contains(errOut.String(), "line 3:") {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
}
