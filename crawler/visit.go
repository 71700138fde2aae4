package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"disclosure/crawler/platform"
	"disclosure/docform"
)

// visit.go is one task's request and what follows from its response: one
// method per kind of response (refused, too large, no answer, redirect,
// not modified, a document, missing, an HTTP error). Each fills in the Fetch
// for the Sink, the URL's next State record and the result for the
// dispatcher; visit then saves the state and emits the Fetch.

// visit is one task on its way through a worker.
type visit struct {
	t           *task
	job         job      // the task with what the worker knows of its host
	f           *fetcher // for a platform walk's further requests
	prev        URLState // the URL's record before this request
	known       bool     // prev exists
	conditional bool     // validators were sent
	fe          *Fetch
	next        URLState
	res         result

	walk    *walkFetcher // set for a platform walk's request: its answer goes back to the adapter
	noState bool         // a POST: no URL state is kept
}

// listingLike: a page whose links discovery reads; if it fails, what it
// would have listed is unknown.
func (v *visit) listingLike() bool { return v.t.kind == KindListing || v.t.kind == KindReport }

// fail records why the request gave no document.
func (v *visit) fail(err error) {
	v.fe.Err = err
	v.next.LastError = err.Error()
}

// visit fetches one task and decides what follows from it. It runs on a
// worker; it reads the task and the site's immutable fields only.
func (c *Crawler) visit(ctx context.Context, f *fetcher, j job) result {
	v := newVisit(j.t, j, f)
	if j.t.kind != KindRobots && !j.robots.Allowed(j.t.u) {
		c.refused(v, j.robots)
		c.emit(v.fe)
		return v.res
	}
	c.request(ctx, v, nil)
	c.record(ctx, v)
	return v.res
}

func newVisit(t *task, j job, f *fetcher) *visit {
	v := &visit{t: t, job: j, f: f, res: result{t: t}}
	v.fe = &Fetch{Site: t.site.site, Kind: t.kind, URL: t.url, FinalURL: t.url, Referrer: t.referrer, LinkText: t.text, Attempt: t.attempt}
	if len(t.hops) > 0 {
		v.fe.URL = t.hops[0]
	}
	return v
}

// request sends the task's request (conditional when the stored body can
// answer a 304) and hands the response to its method. x is a platform
// walk's extras (nil otherwise); its POST is never conditional and keeps
// no URL state (one URL answers many forms).
func (c *Crawler) request(ctx context.Context, v *visit, x *walkRequest) {
	t := v.t
	post := x != nil && x.post
	v.noState = post
	if !post {
		var err error
		v.prev, v.known, err = c.state.Get(ctx, t.url)
		if err != nil {
			c.stats.stateErrors.Add(1)
			c.log.Error("state: get", "url", t.url, "err", err)
			v.known = false
		}
		v.conditional = v.known && v.prev.SHA256 != "" && (v.prev.ETag != "" || v.prev.LastModified != "") && c.raw.Has(v.prev.SHA256)
	}

	v.res.requested = true
	v.res.start = time.Now()
	v.fe.Time = v.res.start.UTC()
	c.stats.requests.Add(1)
	hdr := c.requestHeader(v)
	var resp *response
	var ferr error
	if x != nil {
		for k, vs := range x.header {
			hdr[k] = vs
		}
	}
	if post {
		resp, ferr = v.f.send(t.kind, http.MethodPost, t.url, hdr, strings.NewReader(x.form))
	} else {
		resp, ferr = v.f.do(t.kind, t.url, hdr)
	}
	v.res.end = time.Now()
	v.fe.Duration = v.res.end.Sub(v.res.start)
	v.fe.Status = resp.status
	if resp.header != nil {
		v.fe.Header = keepHeaders(resp.header)
		v.fe.ContentType = resp.contentType
	}
	if resp.finalURL != "" {
		v.fe.FinalURL = resp.finalURL
	}
	c.stats.bytes.Add(int64(len(resp.body)))

	v.next = v.prev
	if !v.known {
		v.next = URLState{URL: t.url, FirstSeen: v.fe.Time}
	}
	v.next.Site, v.next.SiteCode, v.next.Kind = t.site.site.ID(), t.site.site.Code, t.kind
	v.next.LastFetched, v.next.LastStatus, v.next.LastError = v.fe.Time, resp.status, ""

	switch s := resp.status; {
	case ferr != nil && errors.Is(ferr, ErrTooLarge):
		c.tooLarge(v, resp, ferr)
	case ferr != nil:
		c.noAnswer(v, ferr)
	case v.walk != nil && s != http.StatusNotModified && (s < 200 || s > 299):
		v.walk.answer(v, resp) // the adapter reads the status (a 404 may end a column)
	case s >= 300 && s < 400 && s != http.StatusNotModified:
		c.redirected(v, resp)
	case s == http.StatusNotModified:
		c.notModified(ctx, v)
	case s >= 200 && s < 300:
		c.document(ctx, v, resp)
	case s == http.StatusNotFound || s == http.StatusGone:
		c.missing(v, resp)
	default: // 429, 5xx, other 4xx
		c.httpError(v, resp)
	}
}

// record saves the URL's state and hands the Fetch to the Sink.
func (c *Crawler) record(ctx context.Context, v *visit) {
	if v.fe.Err != nil && !v.fe.Retrying {
		c.stats.errors.Add(1)
		c.log.Info("fetch failed", "url", v.t.url, "err", v.fe.Err)
	}
	if !v.noState {
		if err := c.state.Put(ctx, v.next); err != nil {
			c.stats.stateErrors.Add(1)
			c.log.Error("state: put", "url", v.t.url, "err", err)
		}
	}
	c.emit(v.fe)
}

// requestHeader is the request's header: who asks, what it takes, and the
// stored validators when the stored body can answer a 304.
func (c *Crawler) requestHeader(v *visit) http.Header {
	hdr := http.Header{}
	hdr.Set("User-Agent", c.opt.UserAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8")
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if v.t.referrer != "" {
		hdr.Set("Referer", v.t.referrer)
	}
	if v.conditional {
		if v.prev.ETag != "" {
			hdr.Set("If-None-Match", v.prev.ETag)
		}
		if v.prev.LastModified != "" {
			hdr.Set("If-Modified-Since", v.prev.LastModified)
		}
	}
	return hdr
}

// refused: robots.txt keeps the crawler from the URL, or its host did not
// answer at all (RFC 9309: an unreachable robots.txt means stay away).
// No request is sent, and what was not looked at may not be marked gone.
func (c *Crawler) refused(v *visit, r *robots) {
	t := v.t
	v.fe.Time = time.Now().UTC()
	if r.unreachable != "" {
		c.stats.unreachable.Add(1)
		v.fe.Err = fmt.Errorf("%s: not fetched: host unreachable (%s)", t.url, r.unreachable)
		v.res.unreachable = r.unreachable
		c.log.Info("host unreachable", "url", t.url, "err", r.unreachable)
	} else {
		c.stats.disallowed.Add(1)
		v.res.disallowed = true
		v.fe.Err = fmt.Errorf("%s: disallowed by robots.txt", t.url)
		c.log.Info("robots.txt disallows", "url", t.url)
	}
	v.res.incomplete = v.listingLike()
}

// tooLarge: the body was over the cap (announced, or counted while read
// after decoding); nothing is stored.
func (c *Crawler) tooLarge(v *visit, resp *response, err error) {
	c.stats.tooLarge.Add(1)
	v.fail(fmt.Errorf("%s: %w", v.t.url, err))
	v.fe.Size = resp.announced
	v.res.incomplete = v.t.kind == KindListing
	c.log.Warn("body over the size cap: not stored", "url", v.t.url, "err", err)
}

// noAnswer: no response (network error, timeout, a body that broke off):
// retried while attempts remain.
func (c *Crawler) noAnswer(v *visit, err error) {
	v.fe.Status, v.next.LastStatus = 0, 0
	v.fail(fmt.Errorf("%s: %w", v.t.url, err))
	if retryable(0, err) && c.retry(v, nil, err.Error()) {
		return
	}
	v.res.incomplete = v.listingLike()
	if v.t.kind == KindRobots {
		v.res.robots = unreachableRobots(err)
	} else if v.t.referrer == "" && len(v.t.hops) == 0 {
		v.res.unreachable = err.Error()
	}
}

// redirected: a 3xx becomes the next hop, queued through the host's pacer.
func (c *Crawler) redirected(v *visit, resp *response) {
	c.stats.redirects.Add(1)
	n, err := c.redirect(v.t, resp)
	if err != nil {
		v.fail(err)
		v.res.incomplete = v.listingLike()
		if v.t.kind == KindRobots {
			why := "redirects off its origin: no rules applied"
			v.res.robots = &robots{note: "robots.txt " + why, problem: why}
		}
		return
	}
	v.res.next = append(v.res.next, n)
}

// notModified: a 304 to a conditional request; the stored body is the
// document, and its links are read again from it.
func (c *Crawler) notModified(ctx context.Context, v *visit) {
	t := v.t
	if !v.conditional {
		v.fail(fmt.Errorf("%s: 304 to an unconditional request", t.url))
		v.res.incomplete = v.listingLike()
		return
	}
	c.stats.notModified.Add(1)
	v.fe.NotModified, v.fe.SHA256 = true, v.prev.SHA256
	if p, ok := c.raw.(interface{ Path(string) string }); ok {
		v.fe.RawPath = p.Path(v.prev.SHA256)
	}
	v.next.Gone, v.next.GoneReason, v.next.GoneSince = false, "", time.Time{}
	if t.kind != KindRobots && !v.listingLike() {
		return // an attachment: nothing to read in it
	}
	body, err := c.raw.Get(v.prev.SHA256)
	if err != nil {
		c.log.Error("raw store: stored body unreadable", "url", t.url, "sha256", v.prev.SHA256, "err", err)
		if t.kind == KindRobots {
			v.res.robots = allowAllRobots
			return
		}
		// Its links are unknown: ask unconditionally next time, and mark
		// nothing gone now.
		v.next.ETag, v.next.LastModified = "", ""
		v.res.incomplete = true
		v.fail(fmt.Errorf("%s: 304, but the stored body %s is unreadable", t.url, v.prev.SHA256))
		return
	}
	if t.kind == KindRobots {
		v.res.robots = parseRobots(http.StatusOK, body, agentToken(c.opt.UserAgent))
		return
	}
	if v.walk != nil {
		v.walk.page(v, http.StatusOK, nil, body)
		return
	}
	c.follow(ctx, v, http.StatusOK, nil, body, v.prev.ContentType)
}

// document: a 2xx; its bytes go to the raw store and the Sink, and its
// links to discovery.
func (c *Crawler) document(ctx context.Context, v *visit, resp *response) {
	t := v.t
	body := resp.body
	if body == nil {
		body = []byte{}
	}
	v.fe.Body, v.fe.Size, v.fe.Sniffed = body, int64(len(body)), string(docform.Sniff(body, resp.contentType))
	sum, path, err := c.raw.Put(body)
	if err != nil {
		c.stats.storeErrors.Add(1)
		why := "raw store"
		if errors.Is(err, syscall.ENOSPC) {
			c.stats.diskFull.Store(true)
			why = "raw store: disk full"
		}
		v.fe.Body = nil
		v.fail(fmt.Errorf("%s: %s: %w", t.url, why, err))
		c.log.Error(why, "url", t.url, "err", err)
		return
	}
	v.fe.SHA256, v.fe.RawPath = sum, path
	v.fe.Changed = !v.known || v.prev.SHA256 != sum
	if v.fe.Changed {
		c.stats.documents.Add(1)
		v.next.LastChanged = v.fe.Time
	} else {
		c.stats.unchanged.Add(1)
	}
	v.next.SHA256, v.next.ContentType = sum, resp.contentType
	v.next.ETag, v.next.LastModified = resp.header.Get("ETag"), resp.header.Get("Last-Modified")
	v.next.Gone, v.next.GoneReason, v.next.GoneSince = false, "", time.Time{}
	switch {
	case t.kind == KindRobots && resp.truncated:
		// Only the first robotsLimit bytes were read (and stored): parse
		// up to the last whole line, and ask in full next time.
		if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
			body = body[:i+1]
		}
		v.res.robots = parseRobots(resp.status, body, agentToken(c.opt.UserAgent))
		v.res.robots.problem = fmt.Sprintf("larger than %d KiB: its first %d KiB obeyed", robotsLimit>>10, robotsLimit>>10)
		v.next.ETag, v.next.LastModified = "", ""
		c.log.Warn("robots.txt over the limit: its first part obeyed", "host", t.u.Host, "limit", robotsLimit)
	case t.kind == KindRobots:
		v.res.robots = parseRobots(resp.status, body, agentToken(c.opt.UserAgent))
		c.log.Debug("robots.txt", "host", t.u.Host, "crawl_delay", v.res.robots.crawlDelay, "note", v.res.robots.note)
	case v.walk != nil:
		v.walk.page(v, resp.status, resp.header, body)
	case v.listingLike():
		c.follow(ctx, v, resp.status, resp.header, body, resp.contentType)
	}
}

// missing: 404 or 410. A report or attachment known before is gone; a
// listing that is missing leaves the site's discovery incomplete; a missing
// robots.txt means no rules.
func (c *Crawler) missing(v *visit, resp *response) {
	t := v.t
	switch t.kind {
	case KindRobots:
		v.res.robots = allowAllRobots
	case KindReport, KindAttachment:
		v.fail(fmt.Errorf("%s: HTTP %d", t.url, resp.status))
		if v.known && !v.prev.Gone {
			v.next.Gone, v.next.GoneSince, v.next.GoneReason = true, v.fe.Time, fmt.Sprint(resp.status)
			c.stats.gone.Add(1)
			c.log.Info("gone", "url", t.url, "status", resp.status)
		}
	default:
		v.fail(fmt.Errorf("%s: HTTP %d", t.url, resp.status))
		v.res.incomplete = true
	}
}

// httpError: 429, 5xx (retried while attempts remain) and other 4xx.
func (c *Crawler) httpError(v *visit, resp *response) {
	t := v.t
	if t.kind == KindListing {
		// 瑞数 answers 412, 加速乐 521: a challenge, not an error to retry.
		if b := platform.Challenge(&platform.Page{URL: v.fe.FinalURL, Status: resp.status, Header: resp.header, Body: resp.body}); b != nil {
			c.blocked(v, b)
			return
		}
	}
	v.fail(fmt.Errorf("%s: HTTP %d", t.url, resp.status))
	if retryable(resp.status, nil) && c.retry(v, resp.header, fmt.Sprintf("HTTP %d", resp.status)) {
		return
	}
	v.res.incomplete = v.listingLike()
	if t.kind == KindRobots {
		v.res.robots = parseRobots(resp.status, nil, agentToken(c.opt.UserAgent))
		v.fe.Err = nil
		c.log.Info("robots.txt unavailable", "host", t.u.Host, "status", resp.status, "rules", v.res.robots.note)
	}
}

// retry schedules another attempt after the backoff (or a longer
// Retry-After), unless the attempts are spent or the server asks for a
// wait longer than the crawl allows.
func (c *Crawler) retry(v *visit, header http.Header, why string) bool {
	t := v.t
	if t.attempt > c.opt.MaxRetries || v.walk != nil {
		return false
	}
	wait := backoff(c.opt.RetryBase, c.opt.RetryMax, t.attempt, rand.Int64N)
	if header != nil {
		if ra, ok := retryAfter(header, time.Now()); ok {
			if ra > c.opt.MaxRetryAfter {
				v.fail(fmt.Errorf("%s: %s; Retry-After %s is longer than %s: giving up this crawl", t.url, why, ra, c.opt.MaxRetryAfter))
				return false
			}
			wait = max(wait, ra)
		}
	}
	v.res.retry, v.res.notBefore = true, time.Now().Add(wait)
	v.fe.Retrying = true
	c.stats.retries.Add(1)
	c.log.Info("will retry", "url", t.url, "why", why, "attempt", t.attempt, "wait", wait.Round(time.Millisecond))
	return true
}

// redirect turns a 3xx into the next hop: same site only, bounded, loops
// refused. The hop goes through the pacer like any request.
func (c *Crawler) redirect(t *task, resp *response) (*task, error) {
	loc := resp.header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("%s: HTTP %d without Location", t.url, resp.status)
	}
	target := resolve(t.u, loc)
	if target == "" {
		return nil, fmt.Errorf("%s: redirect to unusable Location %q", t.url, loc)
	}
	chain := append(append([]string(nil), t.hops...), t.url)
	for _, h := range chain {
		if h == target {
			return nil, fmt.Errorf("%s: redirect loop: %s → %s", chain[0], strings.Join(chain, " → "), target)
		}
	}
	if len(chain) > c.opt.MaxRedirects {
		return nil, fmt.Errorf("%s: more than %d redirects", chain[0], c.opt.MaxRedirects)
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("%s: redirect to %q: %w", t.url, target, err)
	}
	if t.kind == KindRobots {
		if u.Scheme != t.u.Scheme || u.Host != t.u.Host {
			return nil, fmt.Errorf("%s: robots.txt redirects to another origin (%s)", t.url, target)
		}
	} else if siteOf(u) != t.site.key {
		return nil, fmt.Errorf("%s: redirects off the site to %s", chain[0], target)
	}
	return &task{url: target, u: u, kind: t.kind, site: t.site, depth: t.depth, how: t.how, referrer: t.referrer,
		text: t.text, attempt: 1, hops: chain}, nil
}
