package crawler

import (
	"container/heap"
	"context"
	"disclosure/docform"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultUserAgent names the crawler and where to read about it. Operators
// should put their own contact in it (--user-agent); robots.txt groups match
// its first word, "disclosure-crawler".
const DefaultUserAgent = "disclosure-crawler/1.0 (research crawler for 政府信息公开工作年度报告; +https://github.com/disclosure-project/disclosure#crawler)"

// Options tune a crawl. Zero values take the defaults in brackets.
type Options struct {
	UserAgent   string        // [DefaultUserAgent]
	Delay       time.Duration // per-host interval between request starts [2s]
	Parallel    int           // requests in flight at once, each to a different host [16]
	Timeout     time.Duration // whole request, body included [30s]
	MaxBodySize int64         // larger bodies are refused and reported [32 MiB]

	MaxRetries    int           // retries after a 429, 5xx or network error [3]
	RetryBase     time.Duration // first retry wait, doubled each time [2s]
	RetryMax      time.Duration // longest backoff [2m]
	MaxRetryAfter time.Duration // a longer Retry-After ends the attempts [10m]
	MaxCrawlDelay time.Duration // a host asking for a longer Crawl-delay is skipped [60s]

	MaxDepth     int // column hops from the registered page (root → 政府信息公开 → 年报 → year) [3]
	MaxPages     int // listing pages (columns and their pagination) per site [200]
	MaxRedirects int // redirect hops per URL [5]

	// SinkWorkers is how many goroutines call Sink.Fetched [GOMAXPROCS,
	// at least 2]: parsing is CPU work, so more would only queue.
	SinkWorkers int

	Logger *slog.Logger // [slog.Default()]
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Delay <= 0 {
		o.Delay = 2 * time.Second
	}
	if o.Parallel <= 0 {
		o.Parallel = 16
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = 32 << 20
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	} else if o.MaxRetries == 0 {
		o.MaxRetries = 3
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 2 * time.Second
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 2 * time.Minute
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 10 * time.Minute
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = time.Minute
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 3
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 200
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.SinkWorkers <= 0 {
		o.SinkWorkers = max(2, runtime.GOMAXPROCS(0))
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// NoRetries is the MaxRetries value that disables retries (0 means default).
const NoRetries = -1

// RawStore keeps documents by sha256; *rawstore.Store implements it.
type RawStore interface {
	Put(data []byte) (sum, path string, err error)
	Get(sum string) ([]byte, error)
	Has(sum string) bool
}

// Crawler visits registered sites. Build one with New; Run may be called
// again for another crawl (State carries what the last one learned).
type Crawler struct {
	opt   Options
	state State
	raw   RawStore
	sink  Sink
	log   *slog.Logger
	stats counters
	sinkQ chan *Fetch
}

// New returns a Crawler. state, raw and sink are required; use NewMemState,
// rawstore.Open and Discard where nothing better exists.
func New(opt Options, state State, raw RawStore, sink Sink) (*Crawler, error) {
	if state == nil || raw == nil || sink == nil {
		return nil, errors.New("crawler.New: state, raw store and sink are required")
	}
	opt = opt.withDefaults()
	return &Crawler{opt: opt, state: state, raw: raw, sink: sink, log: opt.Logger}, nil
}

// Stats counts what a crawl did.
type Stats struct {
	Sites       int
	Hosts       int
	Requests    int64 // HTTP requests sent (retries and redirect hops included)
	Bytes       int64 // body bytes received
	Documents   int64 // new or changed documents stored
	Unchanged   int64 // 200 answers with the bytes already known
	NotModified int64 // 304 answers
	Retries     int64
	Redirects   int64
	Errors      int64 // requests that ended without a document (after retries)
	TooLarge    int64
	Disallowed  int64 // URLs robots.txt kept us from
	Gone        int64 // URLs newly marked gone
	SinkErrors  int64
	StateErrors int64
	Queued      int64 // tasks waiting (for progress displays)

	MaxHostRequests int // the most requests any one host received
	Elapsed         time.Duration
}

type counters struct {
	requests, bytes, documents, unchanged, notModified, retries, redirects, errors,
	tooLarge, disallowed, gone, sinkErrors, stateErrors, queued atomic.Int64
}

// Progress returns the counters of the running (or last) crawl.
func (c *Crawler) Progress() Stats {
	s := &c.stats
	return Stats{
		Requests: s.requests.Load(), Bytes: s.bytes.Load(), Documents: s.documents.Load(),
		Unchanged: s.unchanged.Load(), NotModified: s.notModified.Load(), Retries: s.retries.Load(),
		Redirects: s.redirects.Load(), Errors: s.errors.Load(), TooLarge: s.tooLarge.Load(),
		Disallowed: s.disallowed.Load(), Gone: s.gone.Load(), SinkErrors: s.sinkErrors.Load(),
		StateErrors: s.stateErrors.Load(), Queued: s.queued.Load(),
	}
}

// task is one URL to fetch, with why.
type task struct {
	url      string
	u        *url.URL
	kind     Kind
	site     *siteRun
	depth    int      // column hops from the registered page
	referrer string   // page that linked it
	text     string   // link text
	attempt  int      // 1-based, counts retries
	hops     []string // earlier URLs of a redirect chain
}

// siteRun is one registered site during a crawl. Only the dispatcher
// touches pending/pages; found and incomplete are read by finishSite after
// pending reached zero.
type siteRun struct {
	site       Site
	key        string // siteOf(site URL)
	pending    int
	pages      int
	found      map[string]bool // every URL discovered or reached this crawl
	incomplete bool            // discovery may have missed links: do not mark anything gone
}

// job is a task handed to a worker, with what the worker must know of the host.
type job struct {
	t      *task
	robots *robots
}

// result is what a worker hands back to the dispatcher.
type result struct {
	t          *task
	requested  bool
	start, end time.Time // of the request: sent, and its body read
	notBefore  time.Time // earliest next request to this host (backoff, Retry-After)
	retry      bool
	robots     *robots // robots.txt rules (robots tasks only)
	next       []*task // discovered URLs and redirect targets
	incomplete bool    // the site's discovery missed something
	dropped    int     // links not queued because of limits
}

// Run crawls the enabled sites until every discovered URL is done or ctx
// ends. The error reports what went wrong with State or Sink (each is also
// logged); fetch failures are in Stats and in the Fetches the Sink got.
func (c *Crawler) Run(ctx context.Context, sites []Site) (Stats, error) {
	start := time.Now()
	c.stats = counters{}
	opt := c.opt
	f := newFetcher(ctx, opt)

	d := &dispatcher{
		c:     c,
		hosts: map[string]*hostPace{},
		seen:  map[string]bool{},
	}
	var sitesRun int
	for _, s := range sites {
		if !s.Enabled {
			continue
		}
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			c.log.Error("site URL unusable", "site", s.String(), "url", s.URL, "err", err)
			continue
		}
		sr := &siteRun{site: s, key: siteOf(u), found: map[string]bool{}}
		sitesRun++
		d.add(&task{url: u.String(), u: u, kind: KindListing, site: sr, attempt: 1, text: s.Name})
	}

	c.sinkQ = make(chan *Fetch, 4*opt.Parallel)
	var sinks sync.WaitGroup
	for i := 0; i < opt.SinkWorkers; i++ {
		sinks.Add(1)
		go func() {
			defer sinks.Done()
			c.sinkLoop(ctx)
		}()
	}
	jobs := make(chan job, opt.Parallel)
	results := make(chan result, opt.Parallel)
	var workers sync.WaitGroup
	for i := 0; i < opt.Parallel; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				results <- c.process(ctx, f, j)
			}
		}()
	}
	d.loop(ctx, jobs, results, opt.Parallel)
	close(jobs)
	workers.Wait()
	close(c.sinkQ)
	sinks.Wait()
	d.finishing.Wait()

	st := c.Progress()
	st.Sites = sitesRun
	st.Hosts = len(d.hosts)
	for _, h := range d.hosts {
		st.MaxHostRequests = max(st.MaxHostRequests, h.requests)
	}
	st.Elapsed = time.Since(start)
	var err error
	if n := st.SinkErrors + st.StateErrors; n > 0 {
		err = fmt.Errorf("crawl: %d sink and %d state errors (see log)", st.SinkErrors, st.StateErrors)
	}
	if ctx.Err() != nil {
		err = errors.Join(err, ctx.Err())
	}
	return st, err
}

// dispatcher owns the hosts, their queues and clocks, and the set of URLs
// already taken; one goroutine runs it, so none of that needs a lock.
type dispatcher struct {
	c         *Crawler
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

func (d *dispatcher) loop(ctx context.Context, jobs chan<- job, results <-chan result, free int) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		now := time.Now()
		for free > 0 && d.ready.Len() > 0 && !d.ready[0].next.After(now) && ctx.Err() == nil {
			h := heap.Pop(&d.ready).(*hostPace)
			t := h.pop()
			h.busy = true
			free--
			d.inflight++
			d.c.stats.queued.Add(-1)
			jobs <- job{t: t, robots: h.robots}
		}
		if d.inflight == 0 && (d.ready.Len() == 0 || ctx.Err() != nil) {
			return
		}
		var wake <-chan time.Time
		if free > 0 && d.ready.Len() > 0 && ctx.Err() == nil {
			timer.Reset(time.Until(d.ready[0].next))
			wake = timer.C
		}
		var done <-chan struct{}
		if ctx.Err() == nil {
			done = ctx.Done()
		}
		select {
		case r := <-results:
			free++
			d.inflight--
			d.handle(ctx, r)
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

// handle applies a worker's result: the host's clock, retries, new work,
// and the end of a site.
func (d *dispatcher) handle(ctx context.Context, r result) {
	t := r.t
	h := d.hosts[hostKey(t.u)]
	h.busy = false
	if r.requested {
		h.requests++
		if n := r.end.Add(h.interval); n.After(h.next) {
			h.next = n
		}
	}
	if r.robots != nil {
		h.robots = r.robots
		if cd := r.robots.crawlDelay; cd > h.interval {
			if cd > d.c.opt.MaxCrawlDelay {
				d.c.log.Warn("robots.txt Crawl-delay is longer than the crawl allows: host skipped",
					"host", h.key, "crawl_delay", cd, "max", d.c.opt.MaxCrawlDelay)
				h.robots = &robots{disallow: true, note: fmt.Sprintf("Crawl-delay %s exceeds %s", cd, d.c.opt.MaxCrawlDelay)}
			} else {
				h.interval = cd
				h.next = r.end.Add(cd)
			}
		}
	}
	if r.notBefore.After(h.next) {
		h.next = r.notBefore
	}
	if r.incomplete {
		t.site.incomplete = true
	}
	for _, n := range r.next {
		n.site.found[n.url] = true
		if n.kind == KindListing && n.site.pages >= d.c.opt.MaxPages {
			if !d.seen[n.url] {
				n.site.incomplete = true
				r.dropped++
			}
			continue
		}
		if !d.seen[n.url] && n.kind == KindListing {
			n.site.pages++
		}
		d.add(n)
	}
	if r.dropped > 0 {
		d.c.log.Warn("links not followed (page limit)", "site", t.site.site.String(), "dropped", r.dropped)
	}
	if r.retry {
		t.attempt++
		h.pushFront(t)
		d.c.stats.queued.Add(1)
	} else {
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
	d.ready.schedule(h)
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

// process fetches one task and decides what follows from it. It runs on a
// worker; it reads the task and the site's immutable fields only.
func (c *Crawler) process(ctx context.Context, f *fetcher, j job) (res result) {
	t := j.t
	res.t = t
	fe := &Fetch{Site: t.site.site, Kind: t.kind, URL: t.url, FinalURL: t.url, Referrer: t.referrer, LinkText: t.text, Attempt: t.attempt}
	if len(t.hops) > 0 {
		fe.URL = t.hops[0]
	}
	if t.kind != KindRobots && !j.robots.Allowed(t.u) {
		c.stats.disallowed.Add(1)
		fe.Time = time.Now().UTC()
		fe.Err = fmt.Errorf("%s: disallowed by robots.txt", t.url)
		c.log.Info("robots.txt disallows", "url", t.url)
		// What robots.txt hides was not looked at: nothing may be marked gone.
		res.incomplete = t.kind == KindListing || t.kind == KindReport
		c.emit(fe)
		return res
	}

	prev, known, err := c.state.Get(ctx, t.url)
	if err != nil {
		c.stats.stateErrors.Add(1)
		c.log.Error("state: get", "url", t.url, "err", err)
		known = false
	}
	hdr := http.Header{}
	hdr.Set("User-Agent", c.opt.UserAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8")
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if t.referrer != "" {
		hdr.Set("Referer", t.referrer)
	}
	conditional := known && prev.SHA256 != "" && (prev.ETag != "" || prev.LastModified != "") && c.raw.Has(prev.SHA256)
	if conditional {
		if prev.ETag != "" {
			hdr.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			hdr.Set("If-Modified-Since", prev.LastModified)
		}
	}
	ex := &exchange{walk: t.kind == KindListing || t.kind == KindReport, scan: t.kind == KindReport}
	if conditional {
		ex.loadStored = func() ([]byte, string) {
			b, err := c.raw.Get(prev.SHA256)
			if err != nil {
				c.log.Error("raw store: stored body unreadable", "url", t.url, "sha256", prev.SHA256, "err", err)
				return nil, ""
			}
			return b, prev.ContentType
		}
	}

	res.requested = true
	res.start = time.Now()
	fe.Time = res.start.UTC()
	c.stats.requests.Add(1)
	ferr := f.do(t.url, hdr, ex)
	res.end = time.Now()
	fe.Duration = res.end.Sub(res.start)
	fe.Status = ex.status
	if ex.header != nil {
		fe.Header = keepHeaders(ex.header)
		fe.ContentType = ex.contentType
	}
	if ex.finalURL != "" {
		fe.FinalURL = ex.finalURL
	}
	c.stats.bytes.Add(int64(len(ex.body)))

	next := prev
	if !known {
		next = URLState{URL: t.url, FirstSeen: fe.Time}
	}
	next.Site, next.SiteCode, next.Kind = t.site.site.ID(), t.site.site.Code, t.kind
	next.LastFetched, next.LastStatus, next.LastError = fe.Time, ex.status, ""
	listingLike := t.kind == KindListing || t.kind == KindReport

	retry := func(why string) bool {
		if t.attempt > c.opt.MaxRetries {
			return false
		}
		wait := backoff(c.opt.RetryBase, c.opt.RetryMax, t.attempt, rand.Int64N)
		if ex.header != nil {
			if ra, ok := retryAfter(ex.header, time.Now()); ok {
				if ra > c.opt.MaxRetryAfter {
					fe.Err = fmt.Errorf("%s: %s; Retry-After %s is longer than %s: giving up this crawl", t.url, why, ra, c.opt.MaxRetryAfter)
					return false
				}
				wait = max(wait, ra)
			}
		}
		res.retry, res.notBefore = true, time.Now().Add(wait)
		fe.Retrying = true
		c.stats.retries.Add(1)
		c.log.Info("will retry", "url", t.url, "why", why, "attempt", t.attempt, "wait", wait.Round(time.Millisecond))
		return true
	}

	switch {
	case ferr != nil && errors.Is(ferr, ErrTooLarge):
		c.stats.tooLarge.Add(1)
		fe.Err = fmt.Errorf("%s: %w", t.url, ferr)
		fe.Size = ex.announced
		next.LastError = fe.Err.Error()
		res.incomplete = t.kind == KindListing
		c.log.Warn("body over the size cap: not stored", "url", t.url, "err", ferr)

	case ferr != nil:
		fe.Status = 0
		next.LastStatus = 0
		fe.Err = fmt.Errorf("%s: %w", t.url, ferr)
		next.LastError = fe.Err.Error()
		if !(retryable(0, ferr) && retry(ferr.Error())) {
			res.incomplete = listingLike
			if t.kind == KindRobots {
				res.robots = parseRobots(0, nil, agentToken(c.opt.UserAgent))
			}
		}

	case ex.status >= 300 && ex.status < 400 && ex.status != http.StatusNotModified:
		c.stats.redirects.Add(1)
		n, err := c.redirect(t, ex)
		if err != nil {
			fe.Err = err
			next.LastError = err.Error()
			res.incomplete = listingLike
			if t.kind == KindRobots {
				res.robots = &robots{note: "robots.txt redirects off its origin: no rules"}
			}
		} else {
			res.next = append(res.next, n)
		}

	case ex.status == http.StatusNotModified:
		if !conditional {
			fe.Err = fmt.Errorf("%s: 304 to an unconditional request", t.url)
			next.LastError = fe.Err.Error()
			res.incomplete = listingLike
			break
		}
		c.stats.notModified.Add(1)
		fe.NotModified, fe.SHA256 = true, prev.SHA256
		if ex.storedGone {
			// The stored page is unreadable, so its links are unknown: ask
			// unconditionally next time, and mark nothing gone now.
			next.ETag, next.LastModified = "", ""
			res.incomplete = listingLike
			fe.Err = fmt.Errorf("%s: 304, but the stored body %s is unreadable", t.url, prev.SHA256)
			next.LastError = fe.Err.Error()
		}
		if p, ok := c.raw.(interface{ Path(string) string }); ok {
			fe.RawPath = p.Path(prev.SHA256)
		}
		next.Gone, next.GoneReason, next.GoneSince = false, "", time.Time{}
		if t.kind == KindRobots {
			b, err := c.raw.Get(prev.SHA256)
			if err != nil {
				res.robots = allowAllRobots
			} else {
				res.robots = parseRobots(200, b, agentToken(c.opt.UserAgent))
			}
		}
		if ex.page != nil {
			res.next = c.discovered(t, ex)
		}

	case ex.status >= 200 && ex.status < 300:
		body := ex.body
		if body == nil {
			body = []byte{}
		}
		fe.Body = body
		fe.Size = int64(len(body))
		fe.Sniffed = string(docform.Sniff(body, fe.ContentType))
		sum, path, err := c.raw.Put(body)
		if err != nil {
			c.stats.stateErrors.Add(1)
			fe.Err = fmt.Errorf("%s: raw store: %w", t.url, err)
			fe.Body = nil
			next.LastError = fe.Err.Error()
			c.log.Error("raw store", "url", t.url, "err", err)
			break
		}
		fe.SHA256, fe.RawPath = sum, path
		fe.Changed = !known || prev.SHA256 != sum
		if fe.Changed {
			c.stats.documents.Add(1)
			next.LastChanged = fe.Time
		} else {
			c.stats.unchanged.Add(1)
		}
		next.SHA256, next.ContentType = sum, ex.contentType
		next.ETag, next.LastModified = ex.header.Get("ETag"), ex.header.Get("Last-Modified")
		next.Gone, next.GoneReason, next.GoneSince = false, "", time.Time{}
		if t.kind == KindRobots {
			res.robots = parseRobots(ex.status, body, agentToken(c.opt.UserAgent))
			c.log.Debug("robots.txt", "host", t.u.Host, "crawl_delay", res.robots.crawlDelay, "note", res.robots.note)
		}
		if ex.page != nil {
			res.next = c.discovered(t, ex)
		}

	case ex.status == http.StatusNotFound || ex.status == http.StatusGone:
		fe.Err = fmt.Errorf("%s: HTTP %d", t.url, ex.status)
		next.LastError = fe.Err.Error()
		switch t.kind {
		case KindRobots:
			res.robots = allowAllRobots
			fe.Err = nil
			next.LastError = ""
		case KindReport, KindAttachment:
			if known && !prev.Gone {
				next.Gone, next.GoneSince, next.GoneReason = true, fe.Time, fmt.Sprint(ex.status)
				c.stats.gone.Add(1)
				c.log.Info("gone", "url", t.url, "status", ex.status)
			}
		default:
			res.incomplete = true
		}

	default: // 429, 5xx, other 4xx
		fe.Err = fmt.Errorf("%s: HTTP %d", t.url, ex.status)
		next.LastError = fe.Err.Error()
		if retryable(ex.status, nil) && retry(fmt.Sprintf("HTTP %d", ex.status)) {
			break
		}
		res.incomplete = listingLike
		if t.kind == KindRobots {
			res.robots = parseRobots(ex.status, nil, agentToken(c.opt.UserAgent))
			fe.Err = nil
			c.log.Info("robots.txt unavailable", "host", t.u.Host, "status", ex.status, "rules", res.robots.note)
		}
	}
	if fe.Err != nil && !fe.Retrying {
		c.stats.errors.Add(1)
		c.log.Info("fetch failed", "url", t.url, "err", fe.Err)
	}
	if err := c.state.Put(ctx, next); err != nil {
		c.stats.stateErrors.Add(1)
		c.log.Error("state: put", "url", t.url, "err", err)
	}
	c.emit(fe)
	return res
}

// redirect turns a 3xx into the next hop: same site only, bounded, loops
// refused. The hop goes through the pacer like any request.
func (c *Crawler) redirect(t *task, ex *exchange) (*task, error) {
	loc := ex.header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("%s: HTTP %d without Location", t.url, ex.status)
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
	return &task{url: target, u: u, kind: t.kind, site: t.site, depth: t.depth, referrer: t.referrer,
		text: t.text, attempt: 1, hops: chain}, nil
}

// discovered turns the walked page into tasks.
func (c *Crawler) discovered(t *task, ex *exchange) []*task {
	base := t.u
	if ex.finalURL != "" {
		if u, err := url.Parse(ex.finalURL); err == nil {
			base = u
		}
	}
	var out []*task
	for _, fd := range discover(base, t.kind, ex.page, t.site.key, c.opt.MaxPages) {
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
		out = append(out, &task{url: fd.URL, u: u, kind: fd.Kind, site: t.site, depth: depth,
			referrer: t.url, text: fd.Text, attempt: 1})
	}
	return out
}

// emit queues a Fetch for the Sink. The Sink runs on its own goroutines
// (sinkLoop), so that parsing and loading, however slow, never hold a
// host's next request back: a worker is done with a host when its response
// is read. The queue is bounded; a Sink that cannot keep up slows fetching
// down rather than filling memory.
func (c *Crawler) emit(fe *Fetch) {
	c.sinkQ <- fe
}

func (c *Crawler) sinkLoop(ctx context.Context) {
	for fe := range c.sinkQ {
		if err := c.sink.Fetched(ctx, fe); err != nil {
			c.stats.sinkErrors.Add(1)
			c.log.Error("sink", "url", fe.URL, "err", err)
		}
	}
}
