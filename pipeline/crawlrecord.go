package pipeline

import (
	"context"
	"sync"
	"time"

	"disclosure/crawler"
	"disclosure/warehouse"
)

// crawlRecord is the crawler's State and fetch log when a crawl writes to
// the warehouse (tables url_state and fetch_log).
//
// DuckDB lets one process write, and a crawl lasts hours, so the database
// is not held for the crawl: url_state is read once at the start into a
// MemState, which answers every Get and Site; Puts and fetches are kept
// here and taken by the writer (writer.go) with each load batch, when the
// fetch log is due, and at the end.
//
// A URL's new state says "this body is known"; written before the body's
// report is loaded, a crash between the two would leave a report the next
// crawl never loads (it would get a 304). So a report or attachment whose
// sha256 is new is held back until it is handed: by the writer once its
// report is in the warehouse, or by the sink when there is nothing to load.
type crawlRecord struct {
	mem *crawler.MemState

	mu     sync.Mutex
	stored map[string]string // url → sha256 as the warehouse holds it
	dirty  map[string]bool   // URLs Put since they were last written
	handed map[string]bool   // sha256s the sink has dealt with (batched, or nothing to load)
	log    []warehouse.FetchLogEntry
	last   time.Time // last flush
}

// newCrawlRecord starts from the given url_state rows.
func newCrawlRecord(rows []warehouse.URLState) *crawlRecord {
	r := &crawlRecord{mem: crawler.NewMemState(), stored: make(map[string]string, len(rows)),
		dirty: map[string]bool{}, handed: map[string]bool{}, last: time.Now()}
	for _, w := range rows {
		r.mem.Put(context.Background(), fromWarehouse(w))
		r.stored[w.URL] = w.SHA256
	}
	return r
}

// Get implements crawler.State.
func (r *crawlRecord) Get(ctx context.Context, url string) (crawler.URLState, bool, error) {
	return r.mem.Get(ctx, url)
}

// Site implements crawler.State.
func (r *crawlRecord) Site(ctx context.Context, site string) ([]crawler.URLState, error) {
	return r.mem.Site(ctx, site)
}

// Put implements crawler.State.
func (r *crawlRecord) Put(ctx context.Context, st crawler.URLState) error {
	if err := r.mem.Put(ctx, st); err != nil {
		return err
	}
	r.mu.Lock()
	r.dirty[st.URL] = true
	r.mu.Unlock()
	return nil
}

// logFetch keeps one request for fetch_log.
func (r *crawlRecord) logFetch(f *crawler.Fetch) {
	e := fetchLogEntry(f)
	r.mu.Lock()
	r.log = append(r.log, e)
	r.mu.Unlock()
}

// hand says the sink has taken the body with this sha256 in hand: its URL's
// state may be written with the next batch.
func (r *crawlRecord) hand(sum string) {
	r.mu.Lock()
	r.handed[sum] = true
	r.mu.Unlock()
}

// due says whether enough waits to be worth opening the database for,
// without a load batch: a crawl of unchanged sites still records its
// requests every few thousand fetches or minutes.
func (r *crawlRecord) due() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.log) >= fetchLogBatch || (len(r.log) > 0 && time.Since(r.last) >= flushEvery)
}

// logged is how many fetches wait for fetch_log.
func (r *crawlRecord) logged() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.log)
}

const (
	fetchLogBatch = 5000
	flushEvery    = 2 * time.Minute
)

// take removes what is ready to be written: the fetch log, and the dirty
// states except those held back (see crawlRecord). final takes them all:
// the crawl is over and the sink has seen every fetch.
func (r *crawlRecord) take(final bool) ([]warehouse.URLState, []warehouse.FetchLogEntry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var states []warehouse.URLState
	for url := range r.dirty {
		st, ok, _ := r.mem.Get(context.Background(), url)
		if !ok {
			delete(r.dirty, url)
			continue
		}
		document := st.Kind == crawler.KindReport || st.Kind == crawler.KindAttachment
		if !final && document && st.SHA256 != "" && st.SHA256 != r.stored[url] && !r.handed[st.SHA256] {
			continue
		}
		delete(r.dirty, url)
		states = append(states, toWarehouse(st))
	}
	log := r.log
	r.log = nil
	r.last = time.Now()
	return states, log
}

// written records that states reached the warehouse.
func (r *crawlRecord) written(states []warehouse.URLState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, st := range states {
		r.stored[st.URL] = st.SHA256
	}
}

// untake puts back what a failed write took, so that a later flush (the
// final one) tries again.
func (r *crawlRecord) untake(states []warehouse.URLState, log []warehouse.FetchLogEntry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, st := range states {
		r.dirty[st.URL] = true
	}
	r.log = append(log, r.log...)
}

func toWarehouse(s crawler.URLState) warehouse.URLState {
	return warehouse.URLState{URL: s.URL, Site: s.Site, SiteCode: s.SiteCode, Kind: string(s.Kind),
		ETag: s.ETag, LastModified: s.LastModified, SHA256: s.SHA256, ContentType: s.ContentType,
		FirstSeen: s.FirstSeen, LastChanged: s.LastChanged, LastFetched: s.LastFetched,
		LastStatus: s.LastStatus, LastError: s.LastError, Gone: s.Gone, GoneSince: s.GoneSince, GoneReason: s.GoneReason}
}

func fromWarehouse(s warehouse.URLState) crawler.URLState {
	return crawler.URLState{URL: s.URL, Site: s.Site, SiteCode: s.SiteCode, Kind: crawler.Kind(s.Kind),
		ETag: s.ETag, LastModified: s.LastModified, SHA256: s.SHA256, ContentType: s.ContentType,
		FirstSeen: s.FirstSeen, LastChanged: s.LastChanged, LastFetched: s.LastFetched,
		LastStatus: s.LastStatus, LastError: s.LastError, Gone: s.Gone, GoneSince: s.GoneSince, GoneReason: s.GoneReason}
}

// fetchLogEntry is a Fetch as fetch_log keeps it (the body stays in the raw store).
func fetchLogEntry(f *crawler.Fetch) warehouse.FetchLogEntry {
	e := warehouse.FetchLogEntry{Time: f.Time, Site: f.Site.ID(), SiteCode: f.Site.Code, Kind: string(f.Kind),
		URL: f.URL, FinalURL: f.FinalURL, Referrer: f.Referrer, LinkText: f.LinkText, Status: f.Status,
		ContentType: f.ContentType, Sniffed: f.Sniffed, Headers: f.Header, Bytes: f.Size, SHA256: f.SHA256,
		RawPath: f.RawPath, Changed: f.Changed, NotModified: f.NotModified, Attempt: f.Attempt,
		Retrying: f.Retrying, Duration: f.Duration}
	if f.Header != nil {
		e.ETag, e.LastModified = f.Header.Get("ETag"), f.Header.Get("Last-Modified")
	}
	if f.Err != nil {
		e.Error = f.Err.Error()
	}
	return e
}
