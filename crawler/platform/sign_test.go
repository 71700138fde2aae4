package platform

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHasFold(t *testing.T) {
	for _, c := range []struct {
		b, lower string
		want     bool
	}{
		{"<script type='text/xml'><DataStore>", "<data", true},
		{"$('#u').JPAGE({", "jpage", true},
		{"<<<<da<dat<datA", "<data", true},
		{"<dat", "<data", false},
		{"", "jpage", false},
		{"jpag", "jpage", false},
		{"某县jpagé", "jpage", false},
		{"x", "", true},
	} {
		if got := hasFold([]byte(c.b), c.lower); got != c.want {
			t.Errorf("hasFold(%q, %q) = %v", c.b, c.lower, got)
		}
	}
}

// recognizeAgrees fails when a pre-checked Recognize differs from the
// regex-only one it replaced (legacyAdapters) on a page.
func recognizeAgrees(t *testing.T, p *Page) {
	t.Helper()
	for i, a := range adapters {
		if got, want := a.Recognize(p), legacyAdapters[i].Recognize(p); got != want {
			t.Fatalf("%s.Recognize(%s, %.200q) = %v, before the pre-check %v", a.Name(), p.URL, p.Body, got, want)
		}
	}
}

var recognizeURLs = []string{
	"http://x.gov.cn/col/col1234/index.html", "http://x.gov.cn/public/column/123?type=3&timeFrame=2021",
	"http://x.gov.cn/gkmlpt/annualreport#2629", "http://x.gov.cn/gkmlpt/content/0/963/post_963149.html",
	"http://x.gov.cn/zwgk/nb/t20240308_87885.html", "http://x.gov.cn/zwgk/nb/index.shtml",
}

// TestRecognizePrecheckAgrees: on every imitation site's response and on
// the cases the pre-checks single out (other letter cases, literals without
// their regex), each adapter recognises what it did before sign.go.
func TestRecognizePrecheckAgrees(t *testing.T) {
	var bodies [][]byte
	files, _ := filepath.Glob("testdata/sites/*/*")
	more, _ := filepath.Glob("testdata/gkmlpt-article/*")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	for _, s := range []string{
		`<SCRIPT TYPE="TEXT/XML"><DATASTORE><recordset></recordset></DATASTORE></SCRIPT>`,
		`<script type="text/xml"> <datastore>`, `<datastore>`, `$("#x").JPage( {perPage:15})`, `/module/JSLIB/jquery/JPAGE/jpage.js`,
		`document.createElement("div"); var Page = 1;`, `createPageHTML(5, 0, "index", "html")`, `var countPage = 3`, `var  countPage=`,
		`window._CONFIG = {SID: '1'} "/gkmlpt/api"`, `window._CONFIG={}`, `<div ms-controller="x">SiteInfo = {searchId: 12}</div>`,
		`<div ms-controller="x">SiteInfo searchId</div>`, `labelName=publicInfoList`, `/module/xxgk/xxgkAnnualReport.jsp`,
		`/module/xxgk/search.jsp" infotypeId: "a"`,
	} {
		bodies = append(bodies, []byte(s))
	}
	n := 0
	for _, b := range bodies {
		for _, u := range recognizeURLs {
			recognizeAgrees(t, &Page{URL: u, Status: 200, Body: b})
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d pages compared", n)
	}
}
