package crawler

import (
	"context"
	"net/http"
	"net/url"

	"disclosure/crawler/platform"
	"disclosure/docform"
)

// follow.go: what a fetched listing or report page leads to.

// follow decides what a listing or report page leads to. A column page
// (a listing not reached as another page's pagination) goes to
// crawler/platform first: blocked, it leads nowhere; a platform's column
// gives its report items. Then the page's own links, when it is HTML; next
// to a platform's reports, the static discovery's detours through other
// columns are not taken.
func (c *Crawler) follow(ctx context.Context, v *visit, status int, header http.Header, body []byte, contentType string) {
	t := v.t
	if header == nil {
		header = http.Header{}
	}
	page := &platform.Page{URL: v.fe.FinalURL, Status: status, Header: header, Body: body}
	if t.kind == KindListing && t.referrer == "" {
		// The registered page says whose site it is.
		if id, ok := platform.SiteIDOf([]byte(platform.Text(page))); ok {
			v.res.siteID = &id
		}
	}
	if t.kind == KindListing && t.how != "page" {
		if c.listColumn(ctx, v, page) {
			return
		}
	}
	if docform.Sniff(body, contentType) != docform.HTML {
		return
	}
	v.res.next = append(v.res.next, c.discovered(t, v.fe.FinalURL, body, contentType, len(v.res.next))...)
}

// discovered reads an HTML page's links and turns what discovery keeps
// into tasks. pageURL is where the page was served from (after redirects);
// listed, the tasks a platform adapter made of the page's items.
func (c *Crawler) discovered(t *task, pageURL string, body []byte, contentType string, listed int) []*task {
	base := t.u
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		base = u
	}
	var out []*task
	for _, fd := range pageFinds(base, t.kind, body, contentType, t.site.key, c.opt.MaxPages, listed) {
		depth := t.depth
		if fd.How == "column" {
			depth++
			if depth > c.opt.MaxDepth {
				continue
			}
		}
		u, err := url.Parse(fd.URL)
		if err != nil {
			continue
		}
		out = append(out, &task{url: fd.URL, u: u, kind: fd.Kind, site: t.site, depth: depth, how: fd.How,
			referrer: t.url, text: fd.Text, attempt: 1})
	}
	return out
}
