package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"disclosure/crawler/platform"
)

// columns.go hands a fetched column page to crawler/platform: a page that
// keeps its list from a plain client is recorded as blocked (with its
// evidence), a recognised platform's column is walked to its end through a
// paced fetcher, and its report items become tasks. A plain page goes to
// the static link discovery (discover.go) alone.

// listColumn runs platform.List on a listing page. done says nothing more
// is to be read from the page: it was blocked before any item was listed.
func (c *Crawler) listColumn(ctx context.Context, v *visit, page *platform.Page) (done bool) {
	t := v.t
	wf := &walkFetcher{c: c, v: v, last: v.res.end}
	l, err := platform.List(ctx, page, wf, platform.Options{MaxPages: min(c.opt.MaxPages, platform.DefaultMaxPages)})
	v.res.extraRequests += wf.requests
	if wf.requests > 0 {
		v.res.end = wf.last
	}
	if errors.Is(err, platform.ErrNoPlatform) {
		return false
	}
	v.res.platform = l.Platform
	v.res.walked = append(v.res.walked, l.Pages...)
	if err != nil {
		// A request of the walk failed: what it would have listed is unknown.
		v.res.incomplete = true
		c.log.Info("platform walk failed", "url", t.url, "platform", l.Platform, "err", err)
	}
	if l.Truncated || (l.Declared >= 0 && len(l.Items) < l.Declared) {
		v.res.incomplete = true
	}
	if l.Truncated {
		v.res.walkTruncated = true
	}
	for _, it := range l.Items {
		v.res.next = append(v.res.next, c.itemTasks(t, it)...)
	}
	if l.Blocked != nil {
		c.blocked(v, l.Blocked)
		return len(l.Items) == 0
	}
	return false
}

// blocked records a listing the site keeps from a plain client: the Fetch
// and the URL's state carry the evidence, the site's result names it, and
// nothing is marked gone.
func (c *Crawler) blocked(v *visit, b *platform.Blocked) {
	v.fail(fmt.Errorf("%s: %w", v.t.url, b))
	v.res.blocked = b
	v.res.incomplete = true
	c.stats.blocked.Add(1)
	c.log.Warn("blocked: the site keeps its list from a plain client", "url", v.t.url, "kind", b.Kind, "marker", b.Marker, "status", b.Status)
}

// itemTasks turns a platform listing's item into tasks: a report (when its
// title names one, as for links) and the files listed with it.
func (c *Crawler) itemTasks(t *task, it platform.Item) []*task {
	if !isReportTitle(it.Title) {
		return nil
	}
	var out []*task
	add := func(raw string, kind Kind) {
		n, err := NormalizeURL(raw)
		if err != nil {
			return
		}
		u, err := url.Parse(n)
		if err != nil || siteOf(u) != t.site.key {
			return
		}
		out = append(out, &task{url: n, u: u, kind: kind, site: t.site, depth: t.depth, how: "report",
			referrer: t.url, text: normText(it.Title), attempt: 1})
	}
	add(it.URL, KindReport)
	for _, a := range it.Attachments {
		add(a, KindAttachment)
	}
	return out
}

// walkFetcher is the Fetcher a platform walk gets: it runs on the worker
// that holds the host (no other request to it is in flight), waits the
// host's interval between its requests (without holding a request slot), obeys robots.txt and stays on the
// column's host. Each request is a visit like any other (conditional, its
// body capped and stored, its state kept and its Fetch logged) whose answer
// goes back to the adapter instead of to discovery; it is not retried.
type walkFetcher struct {
	c        *Crawler
	v        *visit    // the column page's
	last     time.Time // end of the previous response from the host
	requests int

	got *platform.Page // the answer of the request in progress
}

// walkRequest is what a walk's request adds to a GET: another method (a
// POST of a form), headers the page's own script sends (X-Requested-With).
type walkRequest struct {
	post   bool
	form   string // encoded, for a POST
	header http.Header
}

// Fetch implements platform.Fetcher.
func (w *walkFetcher) Fetch(ctx context.Context, r platform.Request) (*platform.Page, error) {
	col := w.v.t
	n, err := NormalizeURL(r.URL)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(n)
	if err != nil {
		return nil, err
	}
	if hostKey(u) != hostKey(col.u) || u.Scheme != col.u.Scheme {
		return nil, fmt.Errorf("%s: not on the column's host %s: not paced, not asked", r.URL, col.u.Host)
	}
	t := &task{url: n, u: u, kind: KindListing, site: col.site, depth: col.depth, how: "page",
		referrer: col.url, text: "platform list request", attempt: 1}
	v := newVisit(t, w.v.job, w.v.f)
	if !w.v.job.robots.Allowed(u) {
		// Refused as any request is (Crawler.visit): in the fetch log, and
		// counted for the site.
		w.c.refused(v, w.v.job.robots)
		w.c.emit(v.fe)
		w.v.res.disallowed = true
		return nil, v.fe.Err
	}
	if wait := time.Until(w.last.Add(w.v.job.interval)); wait > 0 {
		// The host is still ours (busy), but the wait is no request: the
		// slot goes to another host meanwhile (slots.go).
		w.c.slots.release()
		err := sleep(ctx, wait)
		w.c.slots.acquire()
		if err != nil {
			return nil, err
		}
	}
	v.walk = w
	w.got = nil
	x := &walkRequest{post: r.Method == http.MethodPost, header: http.Header{}}
	for k, vs := range r.Header {
		x.header[k] = append([]string(nil), vs...)
	}
	if x.post {
		x.form = r.Form.Encode()
		x.header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	}
	w.c.request(ctx, v, x)
	w.c.record(ctx, v)
	w.requests++
	w.last = v.res.end
	if w.got == nil {
		if v.fe.Err != nil {
			return nil, v.fe.Err
		}
		return nil, fmt.Errorf("%s: no answer", r.URL)
	}
	return w.got, nil
}

// page hands a 2xx (or a 304's stored body) back to the adapter.
func (w *walkFetcher) page(v *visit, status int, header http.Header, body []byte) {
	if header == nil {
		header = http.Header{}
	}
	w.got = &platform.Page{URL: v.fe.FinalURL, Status: status, Header: header, Body: body}
}

// answer hands any other status back to the adapter: for it, a 404 after
// the first page may be the end of the column, not an error.
func (w *walkFetcher) answer(v *visit, resp *response) {
	w.page(v, resp.status, resp.header, resp.body)
}
