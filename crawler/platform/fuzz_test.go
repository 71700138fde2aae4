package platform

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The seeds are every response of the imitation sites; `go test` runs them,
// `go test -fuzz` explores from them.
func addSiteSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/sites/*/*")
	more, _ := filepath.Glob("testdata/gkmlpt-article/*")
	for _, p := range append(files, more...) {
		if b := filepath.Base(p); b == "routes.txt" || b == "expect.txt" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<datastore><recordset><table><record><![CDATA[<tr><td><a href='/art/2017/4/24/a.html'>x</a>`))
	f.Add([]byte(`createPageHTML('page_div',99999999999999999999, 1,'list','shtml',1)`))
	f.Add([]byte(`{"classify":{"post_count":"x"},"articles":[{"title":"%u4E2D%uZZ","post_url":"::"}]}`))
}

// echoFetcher answers every request with the same page.
type echoFetcher struct{ p *Page }

func (e echoFetcher) Fetch(_ context.Context, r Request) (*Page, error) {
	c := *e.p
	c.URL = r.URL
	return &c, nil
}

// FuzzList: whatever a site answers, a walk ends within its page budget,
// lists only absolute http(s) URLs, each once, and never panics.
func FuzzList(f *testing.F) {
	addSiteSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, col := range []string{"http://x.gov.cn/col/col1234/index.html", "http://x.gov.cn/public/column/123?type=3&timeFrame=2021", "http://x.gov.cn/gkmlpt/annualreport#2629"} {
			p := &Page{URL: col, Status: 200, Body: body}
			l, err := List(context.Background(), p, echoFetcher{p}, Options{MaxPages: 6})
			if err != nil && err != ErrNoPlatform {
				t.Fatalf("%s: %v", col, err)
			}
			if l.Requests > 5 {
				t.Fatalf("%d requests with a budget of 6 pages", l.Requests)
			}
			seen := map[string]bool{}
			for _, it := range l.Items {
				u, err := url.Parse(it.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || seen[it.URL] || it.Title == "" {
					t.Fatalf("bad item %+v", it)
				}
				seen[it.URL] = true
			}
		}
	})
}

// FuzzResponses feeds one body to each platform answer parser.
func FuzzResponses(f *testing.F) {
	addSiteSeeds(f)
	base, _ := url.Parse("http://x.gov.cn/a/b/index.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		s := string(body)
		w := &walker{base: base}
		for _, u := range readHanwebUnits(s) {
			hanwebItems(u.records, w)
		}
		if a, err := parseGkmlptAnswer(body); err == nil {
			for _, ar := range a.Articles {
				ar.item(base)
			}
			a.count()
		}
		if a, err := parseFujianAnswer(body); err == nil {
			a.items(base)
		}
		if pg, ok := readTRSPager(s, "/a/list_3.shtml"); ok && (pg.count < 0 || pg.current < 1) {
			t.Fatalf("pager %+v", pg)
		}
		GkmlptArticle(&Page{URL: base.String(), Body: body})
		for _, id := range SiteIDs(body) {
			if id.Division != "" && !strings.HasPrefix(id.Code, id.Division) {
				t.Fatalf("site id %+v", id)
			}
		}
		p := &Page{URL: base.String(), Status: 200, Body: body}
		for _, u := range recognizeURLs {
			recognizeAgrees(t, &Page{URL: u, Status: 200, Body: body})
		}
		Challenge(p)
		Shell(p)
		MetaRefreshUp(p)
		publicLabelURL(base, s)
		gkmlptCategory(base, s)
	})
}
