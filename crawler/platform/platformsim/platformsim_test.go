package platformsim_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"disclosure/crawler/platform"
	"disclosure/crawler/platform/platformsim"
)

func reports(n int) []platformsim.Report {
	out := make([]platformsim.Report, n)
	for i := range out {
		out[i] = platformsim.Report{
			Title: fmt.Sprintf("某县第%d部门2023年政府信息公开工作年度报告", i+1),
			Body:  []byte(fmt.Sprintf("<html><body><p>报告 %d</p><table><tr><td>收到申请数</td><td>%d</td></tr></table></body></html>", i+1, i)),
		}
	}
	return out
}

func listAll(t *testing.T, srvURL, column string, f platform.Fetcher) platform.Listing {
	t.Helper()
	ctx := context.Background()
	col, err := f.Fetch(ctx, platform.Request{URL: srvURL + column})
	if err != nil {
		t.Fatal(err)
	}
	l, err := platform.List(ctx, col, f, platform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Blocked != nil {
		t.Fatalf("blocked: %v", l.Blocked)
	}
	return l
}

func checkOnce(t *testing.T, l platform.Listing, want map[string]string) {
	t.Helper()
	seen := map[string]int{}
	for _, it := range l.Items {
		seen[it.URL]++
		if want[it.URL] != it.Title {
			t.Errorf("%s: title %q, want %q", it.URL, it.Title, want[it.URL])
		}
	}
	for u := range want {
		if seen[u] != 1 {
			t.Errorf("%s found %d times", u, seen[u])
		}
	}
	if len(l.Items) != len(want) {
		t.Errorf("%d items, want %d", len(l.Items), len(want))
	}
}

func TestHanwebSite(t *testing.T) {
	for _, n := range []int{0, 7, 45, 52, 131} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := &platformsim.Hanweb{Name: "某县人民政府", SiteCode: "6540210001", Reports: reports(n)}
			srv := httptest.NewServer(s)
			defer srv.Close()
			f := platform.HTTPFetcher{Client: srv.Client()}
			l := listAll(t, srv.URL, s.ColumnPath(), f)
			if l.Platform != "hanweb" || l.Declared != n {
				t.Errorf("platform %q declared %d", l.Platform, l.Declared)
			}
			want := map[string]string{}
			for i, r := range s.Reports {
				want[srv.URL+s.ArticlePath(i)] = r.Title
			}
			checkOnce(t, l, want)
			if n > 0 {
				art, err := f.Fetch(context.Background(), platform.Request{URL: srv.URL + s.ArticlePath(n-1)})
				if err != nil || art.Status != 200 || !strings.Contains(string(art.Body), fmt.Sprintf("<td>%d</td>", n-1)) {
					t.Errorf("article page: %v %v", err, art)
				}
			}
		})
	}
}

func TestGkmlptSite(t *testing.T) {
	for _, n := range []int{0, 10, 37} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := &platformsim.Gkmlpt{Name: "某区人民政府", SiteCode: "4401030001", Reports: reports(n)}
			srv := httptest.NewServer(s)
			defer srv.Close()
			f := platform.HTTPFetcher{Client: srv.Client()}
			l := listAll(t, srv.URL, s.ColumnPath(), f)
			want := map[string]string{}
			for i, r := range s.Reports {
				want[srv.URL+s.ArticlePath(i)] = r.Title
			}
			checkOnce(t, l, want)
			if n == 0 {
				return
			}
			p, err := f.Fetch(context.Background(), platform.Request{URL: srv.URL + s.ArticlePath(n-1)})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(p.Body), "<table>") {
				t.Error("the body must be only in the embedded JSON")
			}
			d, err := platform.GkmlptArticle(p)
			if err != nil || d.Title != s.Reports[n-1].Title || d.Content != fmt.Sprintf("<p>报告 %d</p><table><tr><td>收到申请数</td><td>%d</td></tr></table>", n, n-1) {
				t.Errorf("GkmlptArticle = %+v, %v", d, err)
			}
		})
	}
}

// TestInner: the article body is what lies between the first <body…> and
// the last </body>, in any case; a fragment is served whole.
func TestInner(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<html><BODY class=x><p>a</p></body></html>", "<p>a</p>"},
		{"<body><p>a</p></body><p>b</p></Body>", "<p>a</p></body><p>b</p>"},
		{"<p>fragment</p>", "<p>fragment</p>"},
		{"<body><p>unclosed</p>", "<body><p>unclosed</p>"},
		{"<body", "<body"},
	} {
		if got := string(platformsim.Inner([]byte(c.in))); got != c.want {
			t.Errorf("inner(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
