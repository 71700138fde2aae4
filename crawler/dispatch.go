package crawler

import (
	"container/heap"
	"context"
	"fmt"
	"net/url"
	"sync"
	"time"

	"disclosure/crawler/platform"
)

// dispatch.go hands tasks out, one goroutine each, as request slots
// (slots.go) and their hosts' pacers allow, and
// applies what comes back: new links, retries, the limits of a site, and
// the end of a site (finishSite marks gone what it no longer lists).

// task is one URL to fetch, with why.
type task struct {
	url      string
	u        *url.URL
	kind     Kind
	site     *siteRun
	depth    int      // column hops from the registered page
	how      string   // how discovery found it: "report", "attachment", "page" (pagination), "column"
	referrer string   // page that linked it
	text     string   // link text
	attempt  int      // 1-based, counts retries
	hops     []string // earlier URLs of a redirect chain
}

// siteRun is one registered site during a crawl. Only the dispatcher
// touches it until pending reaches zero; then finishSite reads found and
// incomplete.
type siteRun struct {
	site       Site
	key        string // siteOf(site URL)
	pending    int
	pages      int             // listing pages queued besides the registered one
	docs       int             // reports and attachments queued
	found      map[string]bool // every URL discovered or reached this crawl
	incomplete bool            // discovery may have missed links: do not mark anything gone
	started    time.Time       // first request
	last       time.Time       // last result
	result     SiteResult      // what the report shows; counts filled in by summary
}

// summary is the site's SiteResult.
func (sr *siteRun) summary() SiteResult {
	r := sr.result
	r.Pages, r.Documents, r.Incomplete = sr.pages+1, sr.docs, sr.incomplete
	if !sr.started.IsZero() {
		r.Elapsed = sr.last.Sub(sr.started)
	}
	return r
}

// job is a task handed to a worker, with what the worker must know of the host.
type job struct {
	t        *task
	robots   *robots
	interval time.Duration // the host's: between a platform walk's requests
}

// result is what a worker hands back to the dispatcher.
type result struct {
	t           *task
	requested   bool
	start, end  time.Time // of the request: sent, and its body read
	notBefore   time.Time // earliest next request to this host (backoff, Retry-After)
	retry       bool
	robots      *robots // robots.txt rules (robots tasks only)
	next        []*task // discovered URLs and redirect targets
	incomplete  bool    // the site's discovery missed something
	unreachable string  // the registered page's host did not answer: the error
	disallowed  bool    // robots.txt kept the crawler from the URL

	// A platform's column walk (columns.go).
	platform      string            // the platform recognised
	walked        []string          // the list pages and API calls it read
	extraRequests int               // requests it sent after the column page
	walkTruncated bool              // its page cap stopped it
	blocked       *platform.Blocked // the site keeps its list from a plain client
	siteID        *platform.SiteID  // the registered page's 网站标识码
}

// dispatcher owns the hosts, their queues and clocks, and the set of URLs
// already taken; one goroutine runs it, so none of that needs a lock.
type dispatcher struct {
	c         *Crawler
	sites     []*siteRun
	hosts     map[string]*hostPace
	ready     readyHeap
	seen      map[string]bool
	inflight  int
	finishing sync.WaitGroup
}

// add queues a task unless its URL was taken already this crawl. The first
// task for a host queues its robots.txt before it.
func (d *dispatcher) add(t *task) {
	if d.seen[t.url] {
		return
	}
	d.seen[t.url] = true
	key := hostKey(t.u)
	h := d.hosts[key]
	if h == nil {
		h = &hostPace{key: key, index: -1, interval: d.c.opt.Delay}
		d.hosts[key] = h
		ru := robotsURL(t.u)
		u, _ := url.Parse(ru)
		rt := &task{url: ru, u: u, kind: KindRobots, site: t.site, attempt: 1}
		d.seen[ru] = true
		t.site.pending++
		h.queue = append(h.queue, rt)
		d.c.stats.queued.Add(1)
	}
	t.site.pending++
	h.queue = append(h.queue, t)
	d.c.stats.queued.Add(1)
	d.ready.schedule(h)
}

// loop hands out ready tasks while a request slot is free (slots.go) and
// applies the results, until no task is left or in flight.
func (d *dispatcher) loop(ctx context.Context, jobs chan<- job, results <-chan result) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		now := time.Now()
		full := false // no slot free: wait for one, not for the next host's time
		for d.ready.Len() > 0 && !d.ready[0].next.After(now) && ctx.Err() == nil {
			if !d.c.slots.tryAcquire() {
				full = true
				break
			}
			h := heap.Pop(&d.ready).(*hostPace)
			t := h.pop()
			d.c.stats.queued.Add(-1)
			if d.expired(ctx, t, now) {
				d.c.slots.release()
				d.ready.schedule(h)
				continue
			}
			if t.site.started.IsZero() {
				t.site.started = now
			}
			h.busy = true
			d.inflight++
			jobs <- job{t: t, robots: h.robots, interval: h.interval}
		}
		if d.inflight == 0 && (d.ready.Len() == 0 || ctx.Err() != nil) {
			return
		}
		var wake <-chan time.Time
		if !full && d.ready.Len() > 0 && ctx.Err() == nil {
			timer.Reset(time.Until(d.ready[0].next))
			wake = timer.C
		}
		var done <-chan struct{}
		if ctx.Err() == nil {
			done = ctx.Done()
		}
		select {
		case r := <-results:
			d.inflight--
			d.handle(ctx, r)
		case <-d.c.slots.freed:
		case <-wake:
		case <-done:
		}
		if wake != nil && !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// expired drops a task whose site has run past Options.SiteTimeout. A
// robots.txt task is never dropped: other sites on the host need its rules.
func (d *dispatcher) expired(ctx context.Context, t *task, now time.Time) bool {
	sr := t.site
	if t.kind == KindRobots || sr.started.IsZero() || now.Sub(sr.started) < d.c.opt.SiteTimeout {
		return false
	}
	if sr.result.TimedOut == 0 {
		d.c.log.Warn("site deadline reached: the rest of its queue is dropped", "site", sr.site.String(), "timeout", d.c.opt.SiteTimeout)
	}
	sr.result.TimedOut = d.c.opt.SiteTimeout
	sr.result.Dropped++
	sr.incomplete = true
	d.done(ctx, t)
	return true
}

// handle applies a worker's result: the host's clock, retries, new work,
// and the end of a site.
func (d *dispatcher) handle(ctx context.Context, r result) {
	t := r.t
	sr := t.site
	h := d.hosts[hostKey(t.u)]
	h.busy = false
	sr.last = time.Now()
	if r.requested {
		h.requests += 1 + r.extraRequests
		if n := r.end.Add(h.interval); n.After(h.next) {
			h.next = n
		}
	}
	if r.robots != nil {
		d.setRobots(h, r)
	}
	if h.robots != nil && h.robots.problem != "" && sr.result.Robots == "" {
		sr.result.Robots = h.robots.problem
	}
	if r.disallowed {
		sr.result.Disallowed++
	}
	if r.unreachable != "" && sr.result.Unreachable == "" {
		sr.result.Unreachable = r.unreachable
	}
	if r.notBefore.After(h.next) {
		h.next = r.notBefore
	}
	if r.incomplete {
		sr.incomplete = true
	}
	if r.platform != "" && sr.result.Platform == "" {
		sr.result.Platform = r.platform
	}
	if r.blocked != nil && sr.result.Blocked == nil {
		sr.result.Blocked = r.blocked
	}
	if r.siteID != nil && sr.result.SiteID == "" {
		sr.result.SiteID = r.siteID.Code
		if r.siteID.Division != "" && sr.site.Code != "" {
			sr.result.SiteIDOwner = platform.Owner(r.siteID.Division, sr.site.Code)
			sr.result.SiteIDMismatch = sr.result.SiteIDOwner == ""
		}
	}
	if r.walkTruncated {
		sr.result.PlatformTruncated = true
	}
	for _, u := range r.walked {
		sr.found[u] = true
		d.seen[u] = true // read by the walk: not asked again as a page
	}
	dropped := 0
	for _, n := range r.next {
		n.site.found[n.url] = true
		if d.seen[n.url] {
			continue
		}
		if !d.withinLimits(n) {
			dropped++
			continue
		}
		d.add(n)
	}
	if dropped > 0 {
		d.c.log.Warn("links not followed (site limits)", "site", sr.site.String(), "dropped", dropped)
	}
	if r.retry {
		t.attempt++
		h.pushFront(t)
		d.c.stats.queued.Add(1)
	} else {
		d.done(ctx, t)
	}
	d.ready.schedule(h)
}

// setRobots installs a host's robots.txt rules and its Crawl-delay.
func (d *dispatcher) setRobots(h *hostPace, r result) {
	h.robots = r.robots
	cd := r.robots.crawlDelay
	if cd <= h.interval {
		return
	}
	if cd > d.c.opt.MaxCrawlDelay {
		d.c.log.Warn("robots.txt Crawl-delay is longer than the crawl allows: host skipped",
			"host", h.key, "crawl_delay", cd, "max", d.c.opt.MaxCrawlDelay)
		why := fmt.Sprintf("Crawl-delay %s exceeds %s: site skipped", cd, d.c.opt.MaxCrawlDelay)
		h.robots = &robots{disallow: true, note: why, problem: why}
		return
	}
	h.interval = cd
	h.next = r.end.Add(cd)
}

// withinLimits counts a discovered task against its site's limits
// (Options.MaxPages for listing pages, MaxDocuments for reports and
// attachments) and reports whether it may be queued. A redirect hop is the
// same URL's request going on: it is not counted again.
func (d *dispatcher) withinLimits(n *task) bool {
	sr := n.site
	if len(n.hops) > 0 && n.kind != KindListing {
		return true
	}
	switch n.kind {
	case KindListing:
		if sr.pages >= d.c.opt.MaxPages {
			sr.result.PageLimit = d.c.opt.MaxPages
			break
		}
		sr.pages++
		return true
	case KindReport, KindAttachment:
		if sr.docs >= d.c.opt.MaxDocuments {
			sr.result.DocumentLimit = d.c.opt.MaxDocuments
			break
		}
		sr.docs++
		return true
	default:
		return true
	}
	sr.incomplete = true
	sr.result.Dropped++
	return false
}

// done ends a task; the site's last one starts finishSite.
func (d *dispatcher) done(ctx context.Context, t *task) {
	t.site.pending--
	if t.site.pending == 0 {
		sr := t.site
		d.finishing.Add(1)
		go func() {
			defer d.finishing.Done()
			d.c.finishSite(ctx, sr)
		}()
	}
}

// finishSite marks gone what the site no longer lists: only after a
// discovery that completed (no listing failed, no limit cut it short), and
// only reports and attachments.
func (c *Crawler) finishSite(ctx context.Context, sr *siteRun) {
	if ctx.Err() != nil {
		return
	}
	if sr.incomplete {
		c.log.Info("site done; discovery incomplete, nothing marked gone", "site", sr.site.String(), "url", sr.site.URL)
		return
	}
	list, err := c.state.Site(ctx, sr.site.ID())
	if err != nil {
		c.stats.stateErrors.Add(1)
		c.log.Error("state: listing site", "site", sr.site.URL, "err", err)
		return
	}
	now := time.Now().UTC()
	for _, st := range list {
		if st.Gone || sr.found[st.URL] || (st.Kind != KindReport && st.Kind != KindAttachment) {
			continue
		}
		st.Gone, st.GoneSince, st.GoneReason = true, now, "unlisted"
		if err := c.state.Put(ctx, st); err != nil {
			c.stats.stateErrors.Add(1)
			c.log.Error("state: marking gone", "url", st.URL, "err", err)
			continue
		}
		c.stats.gone.Add(1)
		c.log.Info("gone: no longer listed", "site", sr.site.String(), "url", st.URL)
	}
	c.log.Info("site done", "site", sr.site.String(), "url", sr.site.URL, "urls", len(sr.found))
}
