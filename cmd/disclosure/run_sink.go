package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"disclosure/crawler"
	"disclosure/parse"
	"disclosure/warehouse"
)

// runSink is where a run's fetches meet the warehouse: it counts, per site,
// what the crawl found, parses every document the warehouse does not hold
// yet, and loads the reports in batches of --batch, each its own
// transaction. With rec (the crawl state and fetch log kept in the
// warehouse, crawlstate.go) each batch also writes the URL states and the
// requests it allows, as `crawl` does.
//
// "Does not hold yet" is decided by sha256 against the warehouse, not by
// the crawler's changed flag: a run killed after fetching but before
// loading left documents the crawler already knows, and the next run must
// still load them.
type runSink struct {
	cfg     *runConfig
	state   *trackedState
	rec     *crawlRecord // nil with --no-load
	raw     crawler.RawStore
	handled map[string]bool // sha256 stored or parsed before: not parsed again
	stderr  io.Writer
	log     *slog.Logger

	mu      sync.Mutex
	tallies map[string]*siteTally // by Site.ID()
	seen    map[string]bool       // sha256 parsed in this run
	docs    []warehouse.RunDocument
	batch   []pendingDoc
	loadErr error
}

// pendingDoc is a parsed report waiting for its batch, with its record.
type pendingDoc struct {
	doc  warehouse.Document
	rec  int // index into docs
	site *siteTally
}

// siteTally is one site's counts during a run (see run_sites in warehouse/runs.go).
type siteTally struct {
	found                                                 map[string]bool // report and attachment URLs seen
	fetched, unchanged, new, changed, failed, parseFailed int
	checksFailed, loaded                                  int
	first, last                                           time.Time
	err                                                   string
	robots                                                string // why robots.txt could not be read
}

func newRunSink(cfg *runConfig, state *trackedState, rec *crawlRecord, raw crawler.RawStore, handled map[string]bool, stderr io.Writer) *runSink {
	return &runSink{cfg: cfg, state: state, rec: rec, raw: raw, handled: handled, stderr: stderr, log: cfg.logger,
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
	rec, doc := s.parse(ctx, f)

	s.mu.Lock()
	defer s.mu.Unlock()
	switch rec.Outcome {
	case "unsupported", "parse_error":
		t.parseFailed++
	}
	t.checksFailed += rec.ChecksFailed
	s.docs = append(s.docs, rec)
	if doc != nil && !s.cfg.noLoad {
		s.batch = append(s.batch, pendingDoc{doc: *doc, rec: len(s.docs) - 1, site: t})
	}
	s.hand(sum) // in the batch, or nothing to load: its URL state may be written
	if len(s.batch) >= s.cfg.batch || (s.rec != nil && s.rec.due()) {
		return s.flushLocked(false)
	}
	return nil
}

// hand tells the crawl record that the sink is done with a document.
func (s *runSink) hand(sum string) {
	if s.rec != nil && sum != "" {
		s.rec.hand(sum)
	}
}

// flushDueLocked writes the fetch log when enough of it waits, and
// unlocks.
func (s *runSink) flushDueLocked() error {
	defer s.mu.Unlock()
	if s.rec != nil && s.rec.due() {
		return s.flushLocked(false)
	}
	return nil
}

// parse reads one document (from the fetch, or from the raw store when the
// server answered 304) and says what it is.
func (s *runSink) parse(ctx context.Context, f *crawler.Fetch) (warehouse.RunDocument, *warehouse.Document) {
	rec := warehouse.RunDocument{SiteURL: f.Site.ID(), URL: f.FinalURL, Kind: string(f.Kind), SHA256: f.SHA256}
	body, ctype := f.Body, f.ContentType
	if body == nil {
		var err error
		if body, err = s.raw.Get(f.SHA256); err != nil {
			rec.Outcome, rec.Detail = "parse_error", err.Error()
			return rec, nil
		}
		if st, ok, err := s.state.Get(ctx, f.FinalURL); err == nil && ok {
			ctype = st.ContentType
		}
	}
	rep, err := parse.Parse(body, parse.Options{Name: f.FinalURL, ContentType: ctype})
	switch {
	case errors.Is(err, parse.ErrUnsupported):
		rec.Outcome, rec.Detail = "unsupported", err.Error()
		return rec, nil
	case err != nil:
		rec.Outcome, rec.Detail = "parse_error", err.Error()
		return rec, nil
	case len(rep.Values) == 0:
		rec.Outcome, rec.Detail = "no_statistics", rep.Title
		return rec, nil
	}
	rec.Outcome, rec.ChecksFailed = "not_loaded", rep.ChecksFailed()
	rec.Detail = fmt.Sprintf("%s %d: %s", rep.Jurisdiction, int(rep.Year), rep.Title)
	return rec, &warehouse.Document{Report: rep, SHA256: f.SHA256, SourceURL: f.FinalURL, SiteCode: f.Site.Code}
}

// flushLocked loads the waiting batch, then writes the URL states and
// fetch log it allows (all of them when final), as `crawl` does. After a
// failed write nothing more is written: the raw store keeps the documents
// and the next run, which finds them missing, loads them.
func (s *runSink) flushLocked(final bool) error {
	if s.loadErr != nil {
		return s.loadErr
	}
	docs := make([]warehouse.Document, len(s.batch))
	for i, p := range s.batch {
		docs[i] = p.doc
	}
	// A write is never interrupted half-way: it runs to its COMMIT on its
	// own context, whatever signal stops the crawl.
	res, loaded, err := writeCrawlBatch(*s.cfg.db, docs, warehouse.LoadOptions{}, s.rec, final, s.cfg.wait, s.stderr)
	if loaded {
		for i, p := range s.batch {
			s.docs[p.rec].Outcome = "loaded"
			s.docs[p.rec].ReportID = res.ReportIDs[i]
			p.site.loaded++
		}
		s.log.Info("batch loaded", "batch", res.BatchID, "added", res.Added, "unchanged", res.Unchanged, "superseded", res.Superseded)
		s.batch = s.batch[:0]
	}
	if err != nil {
		for _, p := range s.batch {
			s.docs[p.rec].Detail = err.Error()
		}
		s.loadErr = fmt.Errorf("writing to %s: %w (the documents are kept in %s; the next run loads them)", *s.cfg.db, err, s.cfg.data)
		return s.loadErr
	}
	return nil
}

// close writes what is left.
func (s *runSink) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flushLocked(true)
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
	return append([]warehouse.RunDocument(nil), s.docs...)
}

// trackedState is the crawler's State, remembering what each URL's record
// was before this run changed it: a document at a URL with no earlier
// sha256 is new, one with another sha256 changed.
type trackedState struct {
	crawler.State
	mu   sync.Mutex
	prev map[string]crawler.URLState
}

func newTrackedState(st crawler.State) *trackedState {
	return &trackedState{State: st, prev: map[string]crawler.URLState{}}
}

// Get implements crawler.State; the crawler asks before it fetches.
func (s *trackedState) Get(ctx context.Context, url string) (crawler.URLState, bool, error) {
	st, ok, err := s.State.Get(ctx, url)
	if err == nil {
		s.mu.Lock()
		if _, seen := s.prev[url]; !seen {
			if !ok {
				st = crawler.URLState{}
			}
			s.prev[url] = st
		}
		s.mu.Unlock()
	}
	return st, ok, err
}

// before returns the record url had when this run first asked for it.
func (s *trackedState) before(url string) (crawler.URLState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.prev[url]
	return st, ok
}
