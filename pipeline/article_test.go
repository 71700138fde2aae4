package pipeline

import (
	"bufio"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclosure/crawler/platform/platformsim"
	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/parse"
)

// The corpus report the gkmlpt imitation publishes, and its truth.
const (
	gkmlptSample = "seed_yining_2023.txt"
	gkmlptTruth  = "../testdata/corpus/truth/seed_yining_2023.tsv"
	gkmlptTitle  = "伊宁县政府信息公开工作2023年度报告"
)

// gkmlptDate is the article's date in its DETAIL record, a day the report's
// own text does not name: a published date equal to it comes from DETAIL.
var gkmlptDate = time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)

// TestGkmlptArticleLoadedAndCrawled: a gkmlpt article page carries the
// report only as JSON in window._CONFIG.DETAIL. Saved and loaded, and
// crawled from the directory's list API, it gives the corpus report's
// values exactly, with DETAIL's title and date.
func TestGkmlptArticleLoadedAndCrawled(t *testing.T) {
	text, err := samples.Text(gkmlptSample)
	if err != nil {
		t.Fatal(err)
	}
	body := sitesim.ReportHTML("伊宁县人民政府", gkmlptTitle, "", text, sitesim.Tables, "")
	gk := &platformsim.Gkmlpt{Name: "伊宁县人民政府", SiteCode: "6540210001",
		Reports: []platformsim.Report{{Title: gkmlptTitle, Body: []byte(body), Date: gkmlptDate}}}
	srv := httptest.NewServer(gk)
	t.Cleanup(srv.Close)
	want := readTruthValues(t, gkmlptTruth)
	ctx := context.Background()

	// load: the article page as saved from the site.
	resp, err := srv.Client().Get(srv.URL + gk.ArticlePath(0))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(page), "<table") || !strings.Contains(string(page), "_CONFIG.DETAIL") {
		t.Fatal("the imitation article shows its body in markup; it must be only in DETAIL")
	}
	files := t.TempDir()
	if err := os.WriteFile(filepath.Join(files, "post_963140.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	_, store := testRun(t, t.TempDir(), io.Discard)
	if _, err := Load(ctx, []string{files}, LoadOptions{Batch: DefaultBatch}, store); err != nil {
		t.Fatalf("load: %v", err)
	}
	checkGkmlptReport(t, "load", store.DB, want)

	// crawl: the directory page, its list API, the article.
	o, store := testRun(t, t.TempDir(), io.Discard, srv.URL+gk.ColumnPath())
	if _, err := Crawl(ctx, o, store, io.Discard, io.Discard); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	checkGkmlptReport(t, "crawl", store.DB, want)
}

// checkGkmlptReport compares the one report in db with the truth.
func checkGkmlptReport(t *testing.T, cmd, db string, want map[string]string) {
	t.Helper()
	reps := queryDB(t, db, `SELECT title, strftime(published, '%Y-%m-%d'), year, template FROM reports`)
	if wantRep := gkmlptTitle + "\t2024-02-03\t2023\t2021"; len(reps) != 1 || reps[0] != wantRep {
		t.Fatalf("%s: reports %q, want [%q]", cmd, reps, wantRep)
	}
	got := map[string]string{}
	for _, r := range queryDB(t, db, `SELECT section, "row", col, value FROM report_values`) {
		f := strings.Split(r, "\t")
		got[f[0]+"/"+f[1]+"/"+f[2]] = normNumber(t, f[3])
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s: %s = %q, want %q", cmd, k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s = %q, not in the truth", cmd, k, g)
		}
	}
}

// readTruthValues reads a truth file's values (format in
// testdata/corpus/NOTES.md), numbers normalised by normNumber.
func readTruthValues(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || line == "section\trow\tcol\tvalue" {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out[fs[0]+"/"+fs[1]+"/"+fs[2]] = normNumber(t, fs[3])
	}
	if len(out) == 0 {
		t.Fatalf("%s: no values", path)
	}
	return out
}

// normNumber writes a number (or NULL) one way whatever its source.
func normNumber(t *testing.T, s string) string {
	if s == "NULL" || s == "<nil>" {
		return "NULL"
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// A page that is not a gkmlpt article, or whose DETAIL is not an article,
// is parsed as it is.
func TestEmbeddedArticleOnlyForArticles(t *testing.T) {
	for _, page := range []string{
		`<html><body><p>window._CONFIG and DETAIL named in prose</p></body></html>`,
		`<html><body><script>window._CONFIG = {SID: '1'}; window._CONFIG.DETAIL = {"id": 1};</script></body></html>`,
		`<html><body><script>window._CONFIG.DETAIL = {"title": "x", "content": </script></body></html>`,
	} {
		if _, _, ok := embeddedArticle([]byte(page), parse.Options{Name: "p.html"}); ok {
			t.Errorf("read as an article: %s", page)
		}
	}
	page := `<html><body><script>window._CONFIG.DETAIL = {"title": "a\u003c/title\u003e", "display_publish_time": "2024-03-05 10:00:00", "content": "\u003cp\u003e正文\u003c/p\u003e"};</script></body></html>`
	doc, opt, ok := embeddedArticle([]byte(page), parse.Options{Name: "p.html"})
	if !ok || opt.ContentType != articleContentType {
		t.Fatalf("not read as an article (%v, %q)", ok, opt.ContentType)
	}
	for _, want := range []string{`<title>a&lt;/title&gt;</title>`, `<meta name="PubDate" content="2024-03-05">`, `<p>正文</p>`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the article lacks %s:\n%s", want, doc)
		}
	}
}

// FuzzEmbeddedArticle: whatever a page holds, reading it as an embedded
// article never panics, and parse reads the article (an error names the page).
func FuzzEmbeddedArticle(f *testing.F) {
	for _, p := range []string{"../crawler/platform/testdata/gkmlpt-article/post_963149.html"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<script>window._CONFIG = {SID: '1', DETAIL: {"title": "%u4E2D", "content": "<table><tr><td>1</td></tr></table>", "date": 1e300}};</script>`))
	f.Add([]byte(`<script>window._CONFIG.DETAIL = {"content": "</body></html><script>", "display_publish_time": "x"};</script>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, opt, ok := embeddedArticle(body, parse.Options{Name: "http://x.gov.cn/gkmlpt/content/0/1/post_1.html"})
		if !ok {
			return
		}
		if _, err := parse.Parse(doc, opt); err != nil && !strings.HasPrefix(err.Error(), opt.Name+": ") {
			t.Fatalf("an error that does not name the page: %v\n%s", err, doc)
		}
	})
}
