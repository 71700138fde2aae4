// Package platformsim serves imitation sites of the CMS platforms county
// governments publish on, built from a list of reports, so that demos and
// tests can crawl a 大汉 Hanweb jcms column or a Guangdong gkmlpt directory
// on loopback:
//
//   - Hanweb (hanweb.go): /col/col{id}/index.html whose visible list is
//     empty, the first records in an inline <script type="text/xml">
//     <datastore>, the rest from /module/web/jpage/dataproxy.jsp (record
//     window by POST, pages by GET; 400 without columnid/unitid); article
//     pages /art/Y/M/D/art_{col}_{n}.html;
//   - Gkmlpt (gkmlpt.go): /gkmlpt/index and /gkmlpt/annualreport with
//     window._CONFIG {SID, TREE}, the list API /gkmlpt/api/all/{id}?page=&sid=
//     (404 past the last page), article pages whose body is only in
//     window._CONFIG.DETAIL (JSON), as on the real platform.
//
// The shapes follow crawler/platform's fixed-bytes imitation sites
// (crawler/platform/testdata/sites); a site is an http.Handler.
package platformsim

import (
	"fmt"
	"net/http"
	"regexp"
	"time"
)

// Report is one report a simulated site publishes.
type Report struct {
	Title string
	Body  []byte    // the report's HTML (a fragment or a whole page)
	Date  time.Time // publication date; zero: spread over the year after the report's
}

var bodyRe = regexp.MustCompile(`(?is)<body[^>]*>(.*)</body>`)

// inner returns a page's <body> content, or the fragment itself.
func inner(b []byte) []byte {
	if m := bodyRe.FindSubmatch(b); m != nil {
		return m[1]
	}
	return b
}

// dateOf gives report i its date: its own, else a day of January 2024 on.
func dateOf(r Report, i int) time.Time {
	if !r.Date.IsZero() {
		return r.Date
	}
	return time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3)
}

func metaTags(name, code, column string) string {
	return fmt.Sprintf(`<meta name="SiteName" content="%s"><meta name="SiteIDCode" content="%s"><meta name="ColumnName" content="%s">`, esc(name), esc(code), esc(column))
}

func footer(code string) string {
	return fmt.Sprintf(`<div class="footer">网站标识码：%s <script id="_jiucuo_" sitecode='%s' src='/exposure/jiucuo.js'></script></div>`, esc(code), esc(code))
}

func robots(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprint(w, "User-agent: *\nAllow: /\n")
}

func writeHTML(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, s)
}
