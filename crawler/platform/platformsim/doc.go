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
	"bytes"
	"fmt"
	"net/http"
	"time"
)

// Report is one report a simulated site publishes.
type Report struct {
	Title string
	Body  []byte    // the report's HTML (a fragment or a whole page)
	Date  time.Time // publication date; zero: 20 January 2024 plus three days per report (dateOf)
}

// inner returns a page's <body> content (from the first <body…> tag to
// the last </body>, as the regexp (?is)<body[^>]*>(.*)</body> would), or
// the fragment itself. It is a plain scan, not that regexp: the simulated
// servers call it for every article they serve, and the regexp's (.*) over
// a 50 KB report cost the benchmark's servers more CPU than the crawler's
// own fetching of the page (BenchmarkCrawl1000HostsPlatforms); the
// simulator's cost is not the crawler's.
func inner(b []byte) []byte {
	open := indexFold(b, "<body")
	if open < 0 {
		return b
	}
	gt := bytes.IndexByte(b[open:], '>')
	if gt < 0 {
		return b
	}
	from := open + gt + 1
	to := lastIndexFold(b[from:], "</body>")
	if to < 0 {
		return b
	}
	return b[from : from+to]
}

// indexFold is the first index of the ASCII string s in b, ignoring case.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}

// lastIndexFold is the last index of the ASCII string s in b, ignoring case.
func lastIndexFold(b []byte, s string) int {
	for i := len(b) - len(s); i >= 0; i-- {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
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
