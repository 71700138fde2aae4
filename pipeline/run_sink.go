package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"disclosure/crawler"
	"disclosure/crawler/platform"
	"disclosure/warehouse"
)

// runSink is where a run's fetches meet the ingest stage: it counts, per
// site, what the crawl found, sends every document the warehouse does not
// hold yet through Ingest, and queues the reports for the writer (which,
// with the crawl record, also writes the URL states and fetch log each
// batch allows, as for `crawl`).
//
// "Does not hold yet" is decided by sha256 against the warehouse, not by
// the crawler's changed flag: a run killed after fetching but before
// loading left documents the crawler already knows, and the next run must
// still load them.
type runSink struct {
	state   *trackedState
	rec     *crawlRecord // nil with NoLoad
	w       *writer      // nil with NoLoad
	raw     crawler.RawStore
	handled map[string]bool // sha256 stored or parsed before: not parsed again

	mu      sync.Mutex
	tallies map[string]*siteTally // by Site.ID()
	seen    map[string]bool       // sha256 parsed in this run
	docs    []*warehouse.RunDocument
}

// siteTally is one site's counts during a run (see run_sites in warehouse/runs.go).
type siteTally struct {
	found                                                 map[string]bool // report and attachment URLs seen
	fetched, unchanged, new, changed, failed, parseFailed int
	checksFailed                                          int
	loaded                                                int // written by the writer's goroutine only
	first, last                                           time.Time
	err                                                   string
	robots                                                string // why robots.txt could not be read
}

func newRunSink(state *trackedState, rec *crawlRecord, w *writer, raw crawler.RawStore, handled map[string]bool) *runSink {
	return &runSink{state: state, rec: rec, w: w, raw: raw, handled: handled,
		tallies: map[string]*siteTally{}, seen: map[string]bool{}}
}

func (s *runSink) tally(site crawler.Site) *siteTally {
	t := s.tallies[site.ID()]
	if t == nil {
		t = &siteTally{found: map[string]bool{}}
		s.tallies[site.ID()] = t
	}
	return t
}

// Fetched implements crawler.Sink.
func (s *runSink) Fetched(ctx context.Context, f *crawler.Fetch) error {
	if s.rec != nil {
		s.rec.logFetch(f)
	}
	if f.Retrying {
		return nil // the last attempt counts
	}
	s.mu.Lock()
	t := s.tally(f.Site)
	if t.first.IsZero() || f.Time.Before(t.first) {
		t.first = f.Time
	}
	if end := f.Time.Add(f.Duration); end.After(t.last) {
		t.last = end
	}
	switch f.Kind {
	case crawler.KindReport, crawler.KindAttachment:
	case crawler.KindListing:
		var blocked *platform.Blocked
		if errors.As(f.Err, &blocked) {
			// A result, not a failure: its evidence is the site's (run_sites.blocked_*).
			return s.flushDueLocked()
		}
		if f.Err != nil {
			t.failed++
			if f.Referrer == "" && t.err == "" { // the registered page itself
				t.err = f.Err.Error()
			}
		}
		return s.flushDueLocked()
	default: // robots.txt: unreadable, it keeps the crawler away; say so where the listing fails
		if f.Err != nil {
			t.robots = f.Err.Error()
		} else if f.Status >= 500 {
			t.robots = fmt.Sprintf("%s: HTTP %d", f.FinalURL, f.Status)
		}
		return s.flushDueLocked()
	}
	t.found[f.URL] = true
	switch {
	case f.Err != nil:
		t.failed++
	case f.NotModified:
		t.unchanged++
	case f.Body != nil:
		t.fetched++
		switch prev, _ := s.state.before(f.FinalURL); {
		case !f.Changed:
			t.unchanged++
		case prev.SHA256 == "":
			t.new++
		default:
			t.changed++
		}
	}
	sum := f.SHA256
	if f.Err != nil || sum == "" || s.handled[sum] || s.seen[sum] {
		s.hand(sum)
		return s.flushDueLocked()
	}
	s.seen[sum] = true
	s.mu.Unlock()

	// Parsing is CPU work: outside the lock, on the sink's goroutines.
	p := s.ingest(ctx, f)
	rec := &warehouse.RunDocument{SiteURL: f.Site.ID(), URL: f.FinalURL, Kind: string(f.Kind), SHA256: f.SHA256,
		Outcome: p.Outcome, Detail: p.Detail(), ChecksFailed: p.ChecksFailed()}

	s.mu.Lock()
	defer s.mu.Unlock()
	switch p.Outcome {
	case OutcomeUnsupported, OutcomeParseError:
		t.parseFailed++
	}
	t.checksFailed += rec.ChecksFailed
	s.docs = append(s.docs, rec)
	queued := s.w != nil && s.w.take(p, func(id int64, err error) {
		if err != nil {
			rec.Detail = err.Error()
			return
		}
		rec.Outcome, rec.ReportID = OutcomeLoaded, id
		t.loaded++
	})
	if !queued {
		s.hand(sum) // nothing to load: its URL state may be written
	}
	return s.w.flushDue()
}

// hand tells the crawl record that the sink is done with a document.
func (s *runSink) hand(sum string) {
	if s.rec != nil && sum != "" {
		s.rec.hand(sum)
	}
}

// flushDueLocked has the fetch log written when enough of it waits, and
// unlocks.
func (s *runSink) flushDueLocked() error {
	defer s.mu.Unlock()
	return s.w.flushDue()
}

// ingest parses one document (from the fetch, or from the raw store when
// the server answered 304).
func (s *runSink) ingest(ctx context.Context, f *crawler.Fetch) Parsed {
	src := fetchSource(f)
	if src.Body == nil {
		var err error
		if src.Body, err = s.raw.Get(f.SHA256); err != nil {
			return Parsed{Source: src, Outcome: OutcomeParseError, Err: err}
		}
		if st, ok, err := s.state.Get(ctx, f.FinalURL); err == nil && ok {
			src.ContentType = st.ContentType
		}
	}
	return Ingest(src)
}

// close writes what is left.
func (s *runSink) close() error {
	if s.w == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.w.close()
	return err
}

// release closes the warehouse the writer kept open for the run's report
// (writer.runID); after close. A nil sink holds nothing.
func (s *runSink) release() error {
	if s == nil || s.w == nil {
		return nil
	}
	return s.w.release()
}

// sites returns one run_sites row per site crawled, in registry order,
// with the reports the crawl marked gone since started.
func (s *runSink) sites(ctx context.Context, sites []crawler.Site, started time.Time) []warehouse.RunSite {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []warehouse.RunSite
	for _, site := range sites {
		if !site.Enabled {
			continue
		}
		t := s.tally(site)
		r := warehouse.RunSite{URL: site.ID(), Code: site.Code, Name: site.Name,
			Discovered: len(t.found), Fetched: t.fetched, Unchanged: t.unchanged, New: t.new, Changed: t.changed,
			Failed: t.failed, ParseFailures: t.parseFailed, ChecksFailed: t.checksFailed, Loaded: t.loaded, Error: t.err}
		if t.robots != "" && strings.Contains(t.err, "disallowed by robots.txt") {
			// The crawler stays away from a host whose robots.txt it cannot read.
			r.Error = "robots.txt unreadable, site skipped: " + t.robots
		}
		if !t.first.IsZero() {
			r.Duration = t.last.Sub(t.first)
		}
		if list, err := s.state.Site(ctx, site.ID()); err == nil {
			for _, st := range list {
				if st.Gone && !st.GoneSince.Before(started.UTC().Truncate(time.Second)) {
					r.Gone++
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// documents returns the records of every document parsed.
func (s *runSink) documents() []warehouse.RunDocument {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]warehouse.RunDocument, len(s.docs))
	for i, d := range s.docs {
		out[i] = *d
	}
	return out
}
