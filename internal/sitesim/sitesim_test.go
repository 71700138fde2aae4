package sitesim

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/parse"
)

// corpus returns the report text of a corpus file (after its --- line).
func corpus(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(b), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", name)
	}
	return body
}

func values(t *testing.T, r *parse.Report) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, v := range r.Values {
		m[v.Key()] = v.Raw
	}
	return m
}

// Every rendering of a report parses to the values of its text: the sites
// change the form, never the numbers.
func TestRenderingsKeepValues(t *testing.T) {
	cases := []struct {
		file   string
		layout Layout
	}{
		{"seed_yining_2023.txt", Paragraphs},
		{"039_pingtan_2019_archive-txt.txt", Paragraphs},
		{"009_gucheng_jyj_2020.txt", Tables},
		{"025_songmutang_zhen_taojiang_2022.txt", Tables},
		{"013_tinghu_yulong_jd_2024.txt", Tables},
	}
	for _, c := range cases {
		text := corpus(t, c.file)
		want, err := parse.Parse([]byte(text), parse.Options{Name: c.file})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Values) == 0 {
			t.Fatalf("%s: no values in the text", c.file)
		}
		page := ReportHTML("某县人民政府", want.Title, "2024-01-26", text, c.layout, "")
		forms := map[string]struct {
			data  []byte
			ctype string
			name  string
		}{
			"utf-8 page": {[]byte(page), "text/html; charset=utf-8", "a.html"},
			"gbk page":   {GBK(page), "text/html", "a.html"},
			"docx":       {DOCX(text), "application/octet-stream", "a.docx"},
		}
		for form, f := range forms {
			got, err := parse.Parse(f.data, parse.Options{Name: f.name, ContentType: f.ctype})
			if err != nil {
				t.Errorf("%s as %s: %v", c.file, form, err)
				continue
			}
			wv, gv := values(t, want), values(t, got)
			if len(gv) != len(wv) {
				t.Errorf("%s as %s (%s): %d values, text has %d", c.file, form, c.layout, len(gv), len(wv))
			}
			for k, raw := range wv {
				if gv[k] != raw {
					t.Errorf("%s as %s: %s = %q, text has %q", c.file, form, k, gv[k], raw)
				}
			}
			if got.Year != want.Year {
				t.Errorf("%s as %s: year %d, text has %d", c.file, form, got.Year, want.Year)
			}
		}
	}
}

func TestGBKDeclaredInMeta(t *testing.T) {
	b := GBK(ReportHTML("故城县", "故城县教育局2020年政府信息公开工作年度报告", "", "规章 | 0 |", Tables, ""))
	if !strings.Contains(string(b), "charset=gbk") {
		t.Error("meta still says utf-8")
	}
	if strings.Contains(string(b), "故城县") { // UTF-8 bytes of it
		t.Error("page is still UTF-8")
	}
}

func TestSiteValidatorsAndRemoval(t *testing.T) {
	s := New("test")
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Put("/a.html", "text/html; charset=utf-8", []byte("<p>a</p>"))

	res, err := http.Get(s.URL("/a.html"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	etag := res.Header.Get("ETag")
	if res.StatusCode != 200 || string(body) != "<p>a</p>" || etag == "" {
		t.Fatalf("GET: %d %q etag %q", res.StatusCode, body, etag)
	}
	req, _ := http.NewRequest("GET", s.URL("/a.html"), nil)
	req.Header.Set("If-None-Match", etag)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", res.StatusCode)
	}
	s.Put("/a.html", "text/html; charset=utf-8", []byte("<p>b</p>"))
	res, _ = http.DefaultClient.Do(req)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("ETag") == etag {
		t.Errorf("changed page: %d etag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	s.Remove("/a.html")
	res, _ = http.Get(s.URL("/a.html"))
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Errorf("removed page: %d", res.StatusCode)
	}
	hits := s.Hits()
	if len(hits) != 4 || !hits[1].Cond || hits[1].Status != 304 || hits[3].Status != 404 {
		t.Errorf("hits: %+v", hits)
	}
}

func TestTRSPagerNamesPageFiles(t *testing.T) {
	p := TRSPager(3, 0)
	if !strings.Contains(p, `createPageHTML(countPage, currentPage, "index", "html")`) || !strings.Contains(p, "countPage = 3") {
		t.Errorf("pager: %s", p)
	}
}
