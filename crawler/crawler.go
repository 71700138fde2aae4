package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultUserAgent names the crawler and where to read about it. Operators
// should put their own contact in it (--user-agent); robots.txt groups match
// its first word, "disclosure-crawler".
// The header is ASCII: HTTP header values are bytes, and servers and
// proxies mangle or refuse anything else.
const DefaultUserAgent = "disclosure-crawler/1.0 (research crawler for government information disclosure annual reports; +https://github.com/disclosure-project/disclosure#crawler)"

// Options tune a crawl. Zero values take the defaults in brackets.
type Options struct {
	UserAgent   string        // [DefaultUserAgent]
	Delay       time.Duration // per host, from the end of one response to the next request [2s]
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

	// MaxDocuments bounds the reports and attachments fetched per site in
	// one crawl [2000]: a listing of 100k links would otherwise queue days
	// of requests. SiteTimeout bounds the time from a site's first request
	// to its last [2h]; what is still queued then is dropped. Both are
	// reported in Stats.PerSite when reached, and a site cut short has
	// nothing marked gone.
	MaxDocuments int
	SiteTimeout  time.Duration

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
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 200
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.MaxDocuments <= 0 {
		o.MaxDocuments = 2000
	}
	if o.SiteTimeout <= 0 {
		o.SiteTimeout = 2 * time.Hour
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
	slots *slots // requests in flight (Run's)
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
	Unreachable int64 // URLs not asked for because their host did not answer
	Blocked     int64 // column pages a site keeps from a plain client (a JS challenge, a shell)
	Gone        int64 // URLs newly marked gone
	SinkErrors  int64
	StateErrors int64
	StoreErrors int64 // documents the raw store could not keep
	DiskFull    bool  // one of them because the raw store's disk is full (ENOSPC)
	Queued      int64 // tasks waiting (for progress displays)

	MaxHostRequests int // the most requests any one host received
	Elapsed         time.Duration

	PerSite []SiteResult // one per enabled site, in registry order
}

type counters struct {
	requests, bytes, documents, unchanged, notModified, retries, redirects, errors,
	tooLarge, disallowed, unreachable, blocked, gone, sinkErrors, stateErrors, storeErrors, queued atomic.Int64
	diskFull atomic.Bool
}

// Progress returns the counters of the running (or last) crawl.
func (c *Crawler) Progress() Stats {
	s := &c.stats
	return Stats{
		Requests: s.requests.Load(), Bytes: s.bytes.Load(), Documents: s.documents.Load(),
		Unchanged: s.unchanged.Load(), NotModified: s.notModified.Load(), Retries: s.retries.Load(),
		Redirects: s.redirects.Load(), Errors: s.errors.Load(), TooLarge: s.tooLarge.Load(),
		Disallowed: s.disallowed.Load(), Unreachable: s.unreachable.Load(), Blocked: s.blocked.Load(), Gone: s.gone.Load(),
		SinkErrors: s.sinkErrors.Load(), StateErrors: s.stateErrors.Load(),
		StoreErrors: s.storeErrors.Load(), DiskFull: s.diskFull.Load(), Queued: s.queued.Load(),
	}
}

// Run crawls the enabled sites until every discovered URL is done or ctx
// ends. The error reports what went wrong with State, Sink or the raw store
// (each is also logged); fetch failures are in Stats, Stats.PerSite and the
// Fetches the Sink got.
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
		sr.result.Site = s
		d.sites = append(d.sites, sr)
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
	// Each job runs on its own goroutine, holding one of opt.Parallel
	// request slots (slots.go) that the dispatcher took for it; a platform
	// walk gives its slot back while it waits, so jobs may outnumber slots
	// (at most one per host: the host is busy until its result).
	c.slots = newSlots(opt.Parallel)
	jobs := make(chan job, opt.Parallel)
	results := make(chan result, opt.Parallel)
	var workers sync.WaitGroup
	workers.Add(1)
	go func() {
		defer workers.Done()
		for j := range jobs {
			workers.Add(1)
			go func() {
				defer workers.Done()
				r := c.visit(ctx, f, j)
				c.slots.release()
				results <- r
			}()
		}
	}()
	d.loop(ctx, jobs, results)
	close(jobs)
	workers.Wait()
	close(c.sinkQ)
	sinks.Wait()
	d.finishing.Wait()

	st := c.Progress()
	st.Sites = len(d.sites)
	st.Hosts = len(d.hosts)
	for _, h := range d.hosts {
		st.MaxHostRequests = max(st.MaxHostRequests, h.requests)
	}
	for _, sr := range d.sites {
		st.PerSite = append(st.PerSite, sr.summary())
	}
	st.Elapsed = time.Since(start)
	var err error
	if st.StoreErrors > 0 {
		why := ""
		if st.DiskFull {
			why = ": disk full (no space left on device)"
		}
		err = fmt.Errorf("crawl: raw store: %d documents not stored%s", st.StoreErrors, why)
	}
	if n := st.SinkErrors + st.StateErrors; n > 0 {
		err = errors.Join(err, fmt.Errorf("crawl: %d sink and %d state errors (see log)", st.SinkErrors, st.StateErrors))
	}
	if ctx.Err() != nil {
		err = errors.Join(err, ctx.Err())
	}
	return st, err
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
