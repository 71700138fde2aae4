package platform

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGkmlptArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/gkmlpt-article/post_963149.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := GkmlptArticle(&Page{URL: "http://www.lw.gov.cn/gkmlpt/content/0/963/post_963149.html", Status: 200, Body: b})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "广州市荔湾区2023年政府信息公开工作年度报告" || d.PublishTime != "2024-01-25" {
		t.Errorf("title %q, time %q", d.Title, d.PublishTime)
	}
	if !strings.Contains(d.Content, "<table><tr><td>收到申请数</td><td>12</td>") || !strings.HasPrefix(d.Content, "<p ") {
		t.Errorf("content not decoded to HTML: %q", d.Content)
	}
	if len(d.Attachments) != 1 || d.Attachments[0] != "http://www.lw.gov.cn/attachment/0/88/88389/963149.pdf" {
		t.Errorf("attachments %q", d.Attachments)
	}
	_, err = GkmlptArticle(&Page{URL: "http://x/post_1.html", Body: []byte("<html>window._CONFIG = {DETAIL: null}</html>")})
	if !errors.Is(err, ErrNoDetail) || !strings.Contains(err.Error(), "http://x/post_1.html") {
		t.Errorf("err = %v, want ErrNoDetail naming the URL", err)
	}
}

func TestSiteIDs(t *testing.T) {
	cases := []struct {
		body string
		want []SiteID
	}{
		{`<meta name="SiteIDCode" content="1304000009">`, []SiteID{{"1304000009", "130400", "meta"}}},
		{`<meta content="1101070001" name="SiteIDCode" />`, []SiteID{{"1101070001", "110107", "meta"}}},
		{`<script id="_jiucuo_" sitecode='3609220011' src='http://pucha.kaipuyun.cn/exposure/jiucuo.js'></script>`, []SiteID{{"3609220011", "360922", "jiucuo"}}},
		{`<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5109040003">`, []SiteID{{"5109040003", "510904", "jiucuo"}}},
		{`<p>网站标识码：<span>3590000001</span></p>`, []SiteID{{"3590000001", "359000", "footer"}}},
		{`<meta name="SiteIDCode" content="bm36000001"><p>网站标识码：3609820008</p>`, []SiteID{{"bm36000001", "", "meta"}, {"3609820008", "360982", "footer"}}},
		{`<meta name="SiteIDCode" content="12345">`, nil}, // not a code
	}
	for _, c := range cases {
		got := SiteIDs([]byte(c.body))
		if len(got) != len(c.want) {
			t.Errorf("%s: got %+v, want %+v", c.body, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: got %+v, want %+v", c.body, got[i], c.want[i])
			}
		}
	}
}

func TestOwner(t *testing.T) {
	for _, c := range []struct{ div, county, want string }{
		{"654021", "654021", "county"},
		{"350100", "350128", "prefecture"},
		{"350000", "350128", "province"},
		{"360922", "360982", ""}, // a neighbour's code: alert
		{"", "360982", ""},
	} {
		if got := Owner(c.div, c.county); got != c.want {
			t.Errorf("Owner(%q, %q) = %q, want %q", c.div, c.county, got, c.want)
		}
	}
}

// TestChallengeThenEmpty: 瑞数 answers 412 with $_ts and a cookie; a client
// that retries with the cookie but cannot run the script gets a 200 with an
// empty body. Both answers are blocked, never "a column without reports".
func TestChallengeThenEmpty(t *testing.T) {
	dir := t.TempDir()
	rs, _ := os.ReadFile("testdata/sites/blocked-ruishu/rs.html")
	os.WriteFile(filepath.Join(dir, "rs.html"), rs, 0o644)
	os.WriteFile(filepath.Join(dir, "routes.txt"), []byte("GET /nb/ 412 rs.html cookie=FSSBBIl1UgzbN7N80S=x once\nGET /nb/ 200 -\n"), 0o644)
	srv := httptest.NewServer(loadFixtureSite(t, dir))
	defer srv.Close()
	f := HTTPFetcher{Client: srv.Client()}
	ctx := context.Background()
	for i, want := range []string{BlockedChallenge, BlockedShell} {
		p, err := f.Fetch(ctx, Request{URL: srv.URL + "/nb/"})
		if err != nil {
			t.Fatal(err)
		}
		l, err := List(ctx, p, f, Options{})
		if err != nil || l.Blocked == nil || l.Blocked.Kind != want || len(l.Items) != 0 {
			t.Fatalf("attempt %d (status %d): blocked %+v, err %v; want %s", i+1, p.Status, l.Blocked, err, want)
		}
		if i == 0 && (l.Blocked.Status != http.StatusPreconditionFailed || !strings.Contains(l.Blocked.Marker, "$_ts")) {
			t.Errorf("evidence %+v, want status 412 and the $_ts marker", l.Blocked)
		}
	}
}

// A plain static list is not a platform's: the crawler's own discovery reads it.
func TestPlainListIsNoPlatform(t *testing.T) {
	body := `<html><head><meta charset="utf-8"></head><body><ul>` +
		strings.Repeat(`<li><a href="/nb/2023.html">某县2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>`, 30) +
		`</ul><a href="/">首页</a><a href="/module/xxgk/tree.jsp?area=113708&amp;divid=div1">信息公开</a><p>` + strings.Repeat("政府信息公开", 60) + `</p></body></html>`
	p := &Page{URL: "http://x.gov.cn/nb/", Status: 200, Body: []byte(body)}
	if a := Detect(p); a != nil {
		t.Fatalf("Detect = %s, want none", a.Name())
	}
	if _, err := List(context.Background(), p, HTTPFetcher{}, Options{}); !errors.Is(err, ErrNoPlatform) {
		t.Fatalf("List err = %v, want ErrNoPlatform", err)
	}
	if b := Challenge(p); b != nil {
		t.Fatalf("Challenge = %+v", b)
	}
	// an ordinary page that merely carries a WAF cookie is not blocked
	p.Header = http.Header{"Set-Cookie": {"wzws_cid=abc; path=/", "__jsluid_s=def"}}
	if b := Challenge(p); b != nil {
		t.Fatalf("Challenge with WAF cookies on a full page = %+v", b)
	}
}

// Article pages carry the same scripts as columns; they are not listings.
func TestArticlesAreNotColumns(t *testing.T) {
	gk, _ := os.ReadFile("testdata/gkmlpt-article/post_963149.html")
	for _, p := range []*Page{
		{URL: "http://www.lw.gov.cn/gkmlpt/content/0/963/post_963149.html", Status: 200, Body: gk},
		{URL: "http://www.tj.gov.cn/zwgk/202203/t20190419_6377489.htm", Status: 200,
			Body: []byte(`<div class="TRS_Editor">…</div><script>var currentPage = 0; var countPage = 3 //共多少页</script>`)},
	} {
		if a := Detect(p); a != nil {
			t.Errorf("%s: Detect = %s, want none", p.URL, a.Name())
		}
	}
}

// A column with a single report and a bare template is small, but a list.
func TestTinyListIsNoShell(t *testing.T) {
	p := &Page{URL: "http://x.gov.cn/nb/", Status: 200, Body: []byte(`<html><head><script src="/js/common.js"></script></head><body>` +
		`<a href="/">首页</a><ul><li><a href="/nb/202401/t20240120_1.html">某县2023年政府信息公开工作年度报告</a></li></ul></body></html>`)}
	if b := Shell(p); b != nil {
		t.Fatalf("Shell = %+v", b)
	}
	p.Body = []byte(`<html><head><script src="/js/common.js"></script></head><body><a href="/">首页</a><ul id="list"></ul></body></html>`)
	if b := Shell(p); b == nil || b.Kind != BlockedShell {
		t.Fatalf("Shell on an empty container = %+v", b)
	}
}

func TestMetaRefreshUp(t *testing.T) {
	gone := &Page{URL: "http://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202003/t20200330_1.htm", Status: 200,
		Body: []byte(`<html><head><meta http-equiv="refresh" content="0;url=../"></head></html>`)}
	if to, ok := MetaRefreshUp(gone); !ok || to != "http://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/" {
		t.Errorf("MetaRefreshUp = %q, %v", to, ok)
	}
	elsewhere := &Page{URL: "http://www.pingtan.gov.cn/a/b.htm", Status: 200,
		Body: []byte(`<meta http-equiv="refresh" content="3; URL=http://other.gov.cn/">`)}
	if _, ok := MetaRefreshUp(elsewhere); ok {
		t.Error("a refresh to another host is not a deleted document")
	}
}
