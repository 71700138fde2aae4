package web

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"disclosure/pdftext"
)

// pdfReport is the demo's PDF report (the seed, republished by the
// prefecture's portal) and a report that is not a PDF.
func pdfReport(t *testing.T, s *Server) (pdf, other string) {
	t.Helper()
	db, err := s.store.get()
	if err != nil {
		t.Fatal(err)
	}
	err = db.SQL().QueryRowContext(context.Background(), `SELECT
		(SELECT min(report_id) FROM reports WHERE form = 'pdf'), (SELECT min(report_id) FROM reports WHERE form = 'html')`).Scan(&pdf, &other)
	if err != nil {
		t.Fatalf("the demo warehouse has no PDF report: %v", err)
	}
	return pdf, other
}

// /page draws a page of a stored PDF as a PNG of a readable size, with
// headers that let the browser keep it.
func TestPageImage(t *testing.T) {
	s, ts := testServer(t)
	id, _ := pdfReport(t, s)
	code, h, body := get(t, ts.URL+"/page?id="+id+"&p=1")
	if code != 200 || h.Get("Content-Type") != "image/png" {
		t.Fatalf("/page: %d %s %.200s", code, h.Get("Content-Type"), body)
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("/page: not a PNG: %v", err)
	}
	b := img.Bounds()
	// An A4 page drawn at the default size: portrait, its long side the default.
	if b.Dy() != pdftext.DefaultRenderSide || b.Dx() < b.Dy()/2 || b.Dx() > b.Dy() {
		t.Errorf("page image %dx%d, want an A4 page %d px high", b.Dx(), b.Dy(), pdftext.DefaultRenderSide)
	}
	if len(body) > 1<<20 {
		t.Errorf("page image weighs %d bytes", len(body))
	}
	etag := h.Get("ETag")
	if etag == "" || !strings.Contains(h.Get("Cache-Control"), "max-age") {
		t.Errorf("no cache headers: ETag %q, Cache-Control %q", etag, h.Get("Cache-Control"))
	}
	req, _ := http.NewRequest("GET", ts.URL+"/page?id="+id+"&p=1", nil)
	req.Header.Set("If-None-Match", etag)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", resp.StatusCode)
	}
}

// A bad report or page number is a 400 that says what is wrong; a page
// past the document's end, on /page or /source, a 404 that says how many
// it has.
func TestPageImageBadParameters(t *testing.T) {
	s, ts := testServer(t)
	id, html := pdfReport(t, s)
	for path, want := range map[string]string{
		"/page?id=" + id:                     "p=",
		"/page?id=" + id + "&p=0":            "p=",
		"/page?id=" + id + "&p=abc":          "p=",
		"/page?id=" + id + "&p=1%20OR%201=1": "p=",
		"/page?p=1":                          "id",
		"/page?id=abc&p=1":                   "id",
		"/page?id=" + html + "&p=1":          "not a PDF",
		"/page?id=" + id + "&p=1&zoom=9":     "zoom",
		"/page?id=" + id + "&p=1&p=2":        "p given 2 times",
	} {
		code, _, body := get(t, ts.URL+path)
		if code != 400 || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %.300q, want 400 saying %q", path, code, body, want)
		}
	}
	for _, path := range []string{"/page?id=" + id + "&p=99", "/source?id=" + id + "&page=99"} {
		if code, _, body := get(t, ts.URL+path); code != 404 || !regexp.MustCompile(`has \d+ page|the document has \d+`).Match(body) {
			t.Errorf("%s: %d %.300q, want 404 saying how many pages there are", path, code, body)
		}
	}
	if code, _, _ := get(t, ts.URL+"/source?id="+id+"&page=1"); code != 200 {
		t.Errorf("/source of page 1: %d, want 200", code)
	}
	if code, _, body := get(t, ts.URL+"/page?id=999999&p=1"); code != 404 || !strings.Contains(string(body), "no report with id 999999") {
		t.Errorf("an unknown report: %d %.300q, want 404 naming it", code, body)
	}
}

// The source view of a PDF value shows the value's page with its box
// marked at the stored position; the positions endpoint gives the boxes
// inside their pages.
func TestSourceOfPDFValue(t *testing.T) {
	s, ts := testServer(t)
	id, _ := pdfReport(t, s)
	pos := queryRows(t, s, "report_positions", map[string]string{"id": id})
	if len(pos) < 100 {
		t.Fatalf("report %s has %d value positions", id, len(pos))
	}
	for _, p := range pos {
		x0, _ := toFloat(p["x0"])
		x1, _ := toFloat(p["x1"])
		y1, _ := toFloat(p["y1"])
		w, _ := toFloat(p["page_width"])
		h, _ := toFloat(p["page_height"])
		if !(x0 >= 0 && x1 > x0 && x1 <= w && y1 <= h) {
			t.Errorf("position outside its page: %v", p)
		}
	}
	cell := "requests/new/total"
	var at map[string]any
	for _, p := range pos {
		if sprint(p["section"])+"/"+sprint(p["row"])+"/"+sprint(p["col"]) == cell {
			at = p
		}
	}
	if at == nil {
		t.Fatalf("no position for %s", cell)
	}
	code, _, body := get(t, ts.URL+"/source?id="+id+"&cell="+cell)
	if code != 200 {
		t.Fatalf("/source: %d %.300s", code, body)
	}
	page := fmt.Sprintf(`src="/page?id=%s&amp;p=%v"`, id, at["page"])
	x, _ := toFloat(at["x0"])
	if !strings.Contains(string(body), page) || !strings.Contains(string(body), `id="cell-box"`) || !strings.Contains(string(body), fmt.Sprintf(`x="%v"`, x-2)) {
		t.Errorf("/source of %s lacks the page image %s or the box at x %v:\n%s", cell, page, x-2, body)
	}
	// The report page links each PDF value to its page view.
	_, _, body = get(t, ts.URL+"/report?id="+id)
	if !strings.Contains(string(body), "/source?id="+id+"&amp;cell="+strings.ReplaceAll(cell, "/", "%2f")+"#cell-box") {
		t.Errorf("/report?id=%s does not link %s to its page view", id, cell)
	}
	if code, _, body := get(t, ts.URL+"/source?id="+id+"&page=x"); code != 400 || !strings.Contains(string(body), "page=") {
		t.Errorf("/source with page=x: %d", code)
	}
	if code, _, body := get(t, ts.URL+"/source?id="+id+"&cell=requests/new/nobody"); code != 404 || !strings.Contains(string(body), "has no cell requests/new/nobody") {
		t.Errorf("/source of a cell the report does not have: %d %.300s", code, body)
	}
}
