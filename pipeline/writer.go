package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"disclosure/warehouse"
)

// writer is the ingest stage's last step, shared by every command that
// loads: it gathers loadable documents into batches and writes each batch
// in one transaction on its own goroutine, so parsing and crawling go on
// while DuckDB writes. While a batch is written the next one fills; take
// blocks when it is full, which bounds memory to two batches.
//
// A load, minutes long at most, holds the warehouse from its first write
// to the last, sparing every batch the open (schema check, views,
// jurisdictions) and the checkpoint at close. A crawl lasts hours and
// DuckDB admits one writing process, so queries must get in between its
// batches: it holds the warehouse only while batches come back to back,
// and releases it (close: one checkpoint of what the held writes
// appended) once no batch has come for releaseIdle. A real crawl, paced
// per host, fills a batch in minutes: it writes each one and lets go.
//
// With a crawl record, each write also records the URL states and fetch
// log that batch allows (crawlrecord.go): a document's sha256 is handed to
// the record only once its report is in, so no URL state ever marks a
// body known whose report is missing.
type writer struct {
	store Store
	opt   warehouse.LoadOptions
	size  int
	rec   *crawlRecord
	what  string // how a failure names the documents ("the documents are kept in …")
	via   string // the command, as unreadable_documents records it
	runID int64  // the run writing, when via is run; set before the first take (see wrote)
	hold  bool   // keep the warehouse open from the first write to close (load); else release it when idle (crawl)
	db    *warehouse.DB
	bulk  func() error  // puts back what BulkLoad set on the held db
	idle  time.Duration // crawl: how long the warehouse stays open with no batch to write
	wrote bool          // a batch was written: close publishes the snapshot, unless a run owns the writer (runID): RunPass publishes it with its report

	openSent  bool // a held writer asked for the warehouse ahead of its first batch (take)
	firstSent bool // a held writer sent its first batch (take)
	batch     []pending
	jobs      chan writeJob
	dueQueued atomic.Bool // a write sent by flushDue has not started yet
	holding   atomic.Bool // a crawl's writer holds the warehouse: batches go early (take)
	done      chan struct{}

	mu    sync.Mutex
	total warehouse.LoadResult
	err   error
}

// pending is what the ingest stage made of one document, waiting for its
// batch: its report to load (doc, nil when none) and what was found of its
// text (check, when it was read or found unreadable). done, when set, is
// called on the writer's goroutine once the batch is written (id > 0) or
// failed.
type pending struct {
	doc      *warehouse.Document
	check    warehouse.TextCheck
	hasCheck bool
	done     func(reportID int64, err error)
}

type writeJob struct {
	docs   []pending
	final  bool
	early  bool            // sent before the batch was full (flushIfIdle): the crawl record waits until due
	opened chan<- struct{} // not a batch: open the warehouse ahead (openAhead)
}

// newWriter starts a writer; via names the command in what it records
// of unreadable documents (load, crawl, run, reparse).
func newWriter(store Store, opt warehouse.LoadOptions, size int, rec *crawlRecord, hold bool, via, what string) *writer {
	w := &writer{store: store, opt: opt, size: max(size, 1), rec: rec, hold: hold, via: via, what: what,
		idle: releaseIdle, jobs: make(chan writeJob), done: make(chan struct{})}
	go w.loop()
	return w
}

// take queues what the ingest stage made of one document: its report, if
// it has one to load, and what was found of its text: an unreadable
// document is recorded with its reason and URL (unreadable_documents,
// query unreadable), one read clears any such record of the same bytes or
// URL. Every command that loads records them here, in the transaction of
// the batch's reports. It says whether a report was queued (done is
// called only then). A full batch goes to the writing goroutine. Not safe
// for concurrent use: callers hold their own lock.
func (w *writer) take(p Parsed, done func(int64, error)) bool {
	item := pending{doc: p.Doc}
	item.check, item.hasCheck = textCheck(p, w.via, w.runID)
	if item.doc == nil && !item.hasCheck {
		return false
	}
	if item.doc != nil {
		item.done = done
	}
	if w.hold && !w.openSent {
		// Opened (migrations, views) while the first batch is parsed: on
		// 10,000 files the first write otherwise began with ~0.4 s of it.
		// Not before the first item: a load with nothing to write leaves
		// the warehouse alone.
		w.openSent = true
		w.openAhead()
	}
	w.batch = append(w.batch, item)
	switch {
	case len(w.batch) >= w.size, w.hold && !w.firstSent && len(w.batch) >= max(w.size/2, 1):
		// A load's first batch goes at half size: the writer, the load's
		// critical path, starts while the rest of it is parsed (on 10,000
		// files, batches of 2,000: the first write began ~1 s in).
		w.firstSent = true
		w.flush()
	case len(w.batch) >= max(w.size/earlyParts, 1) && w.holding.Load():
		w.flushIfIdle()
	}
	return item.doc != nil
}

// earlyParts: while a crawl's writer holds the warehouse (batches came back
// to back), a batch goes as soon as the writer is free and holds a tenth
// of the batch size: the writes keep pace with the crawl, and what is
// left to write when the crawl ends is what came during the last write,
// not up to a whole batch. A crawl paced per host, whose writer lets the
// warehouse go between batches, writes whole batches. The price is CPU:
// each LoadBatch has a cost of its own besides its reports. Writing 4,000
// bench reports brought over ~6 s took 5.2-6.0 s of CPU in batches of
// 100, 3.3-4.0 s of 500 and 3.6-4.5 s of 1,000, the write left after the
// last report 0.7-1.0, 0.7-0.8 and 0.9-1.6 s. In the whole run on 1,000
// hosts (quiet machine) the crawl's politeness pauses absorb that CPU:
// x_bound 1.46-1.53 with a tenth, 1.54-1.57 with half.
const earlyParts = 10

// openAhead has the writing goroutine open the warehouse before the first
// batch and hold it as between batches; what it returns closes once the
// open was tried. An open that fails is left to the first batch, which
// opens it again and reports.
func (w *writer) openAhead() <-chan struct{} {
	opened := make(chan struct{})
	w.jobs <- writeJob{opened: opened}
	return opened
}

// flushIfIdle sends what waits when the writing goroutine is waiting for
// it, and does not wait otherwise.
func (w *writer) flushIfIdle() {
	select {
	case w.jobs <- writeJob{docs: w.batch, early: true}:
		w.batch = nil
	default:
	}
}

// flush sends what waits to be written.
func (w *writer) flush() {
	w.jobs <- writeJob{docs: w.batch}
	w.batch = nil
}

// flushDue sends the batch when the crawl record's fetch log is due for
// writing (a crawl of unchanged sites still records its requests every
// few thousand fetches or minutes), unless such a write is already queued,
// and returns the first write error. A nil writer (NoLoad) has none.
func (w *writer) flushDue() error {
	if w == nil {
		return nil
	}
	if w.rec != nil && w.rec.due() && !w.dueQueued.Swap(true) {
		w.flush()
	}
	return w.Err()
}

// Err is the first write error.
func (w *writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// close writes the rest (with the record, every state left) and returns
// the totals and the first error.
func (w *writer) close() (warehouse.LoadResult, error) {
	w.jobs <- writeJob{docs: w.batch, final: true}
	w.batch = nil
	close(w.jobs)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.total, w.err
}

// releaseIdle is how long a crawl's writer keeps the warehouse open after
// a write when no batch waits: long enough to span the gap between batches
// that come back to back (a crawl of many fast hosts fills 1,000 reports in
// seconds), short enough that a query waiting for the warehouse (its
// --wait, 2 minutes by default) gets in between the batches of a real crawl.
const releaseIdle = 5 * time.Second

func (w *writer) loop() {
	defer close(w.done)
	defer func() {
		if w.db != nil {
			// The batches are garbage now: give their memory back before
			// DuckDB's checkpoint (the snapshot's, or the one at close)
			// needs its own.
			debug.FreeOSMemory()
		}
		if w.wrote && w.runID == 0 && w.Err() == nil {
			if err := w.visit(publishSnapshot); err != nil {
				w.fail(fmt.Errorf("publishing the snapshot of %s: %w", w.store.DB, err))
			}
		}
		if w.db == nil || w.runID != 0 {
			return // the run releases it after its own write (RunPass)
		}
		w.fail(w.release())
	}()
	for {
		j, ok := w.next()
		if !ok {
			return
		}
		if j.opened != nil {
			w.visit(func(*warehouse.DB) error { return nil }) // failing: see openAhead
			close(j.opened)
			continue
		}
		w.dueQueued.Store(false)
		if w.Err() != nil {
			// Later batches would fail the same way; nothing is written after
			// a failure, so the next run redoes what this one did not record.
			for _, p := range j.docs {
				if p.done != nil {
					p.done(0, w.Err())
				}
			}
			continue
		}
		w.write(j)
	}
}

// next waits for the next batch. A crawl's writer that holds the
// warehouse releases it when none comes within w.idle, so that queries
// get in between batches.
func (w *writer) next() (writeJob, bool) {
	if w.db != nil && !w.hold {
		t := time.NewTimer(w.idle)
		select {
		case j, ok := <-w.jobs:
			t.Stop()
			return j, ok
		case <-t.C:
			w.fail(w.release())
		}
	}
	j, ok := <-w.jobs
	return j, ok
}

// fail keeps err as the writer's error, unless it already has one.
func (w *writer) fail(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// release puts back DuckDB's settings and closes the held warehouse
// (DuckDB checkpoints at close), so that other processes can open it.
func (w *writer) release() error {
	if w.db == nil {
		return nil
	}
	err := w.bulk()
	if err != nil {
		err = fmt.Errorf("%s: %w", w.store.DB, err)
	}
	if cerr := w.db.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("closing %s: %w", w.store.DB, cerr)
	}
	w.db, w.bulk = nil, nil
	w.holding.Store(false)
	return err
}

// write loads one batch, then the crawl states and fetch log it allows,
// in one visit to the warehouse.
func (w *writer) write(j writeJob) {
	var docs []warehouse.Document
	var checks []warehouse.TextCheck
	for _, p := range j.docs {
		if p.doc != nil {
			docs = append(docs, *p.doc)
		}
		if p.hasCheck {
			checks = append(checks, p.check)
		}
	}
	var res warehouse.LoadResult
	wrote, loaded := false, false // the batch is written; with reports
	var states []warehouse.URLState
	var log []warehouse.FetchLogEntry
	if len(docs) == 0 && len(checks) == 0 {
		// Only the crawl record's states and fetch log, when there are any:
		// the warehouse is not opened for nothing.
		if w.rec == nil {
			return
		}
		if states, log = w.rec.take(j.final); len(states) == 0 && len(log) == 0 {
			return
		}
	}
	// A write is never interrupted half-way: it runs to its COMMIT on its
	// own context, whatever signal stops the crawl.
	err := w.visit(func(db *warehouse.DB) error {
		if len(docs) > 0 || len(checks) > 0 {
			var err error
			if res, err = db.LoadBatch(context.Background(), docs, checks, w.opt); err != nil {
				return err
			}
			wrote, loaded = true, len(docs) > 0
			if w.rec == nil {
				return nil
			}
			for _, d := range docs {
				w.rec.hand(d.SHA256) // in the warehouse: its URL state may follow
			}
			if j.early && !w.rec.due() && w.rec.logged() < w.size {
				// Early batches come every second or so: their URL states and
				// fetch log wait for as many fetches as a batch has reports
				// (or the crawl record's own due, or the end).
				return nil
			}
			states, log = w.rec.take(j.final)
		}
		if len(states) == 0 && len(log) == 0 {
			return nil
		}
		return db.RecordCrawl(context.Background(), states, log)
	})
	if w.rec != nil {
		if err != nil {
			w.rec.untake(states, log)
		} else {
			w.rec.written(states)
		}
	}
	w.mu.Lock()
	if wrote {
		w.wrote = true
	}
	if loaded {
		w.total.Added += res.Added
		w.total.Unchanged += res.Unchanged
		w.total.Reparsed += res.Reparsed
		w.total.Superseded += res.Superseded
		w.total.BatchID = res.BatchID
	}
	if err != nil {
		w.err = fmt.Errorf("writing to %s: %w (%s)", w.store.DB, err, w.what)
	}
	w.mu.Unlock()
	i := 0 // the document's index among the batch's reports
	for _, p := range j.docs {
		if p.doc == nil {
			continue
		}
		if p.done != nil {
			if loaded {
				p.done(res.ReportIDs[i], nil)
			} else {
				p.done(0, w.Err())
			}
		}
		i++
	}
}

// visit runs fn on the warehouse open for writing, opening it if it is
// not held (warehouse/load_bulk.go: checkpoints wait for a large WAL, so a
// held warehouse checkpoints at its release rather than every batch or
// two; a load also caps DuckDB's memory).
func (w *writer) visit(fn func(*warehouse.DB) error) error {
	if w.db == nil {
		db, err := w.store.Open(false)
		if err != nil {
			return err
		}
		memory := ""
		if w.hold {
			memory = loadDuckDBMemory
		}
		restore, err := db.BulkLoad(context.Background(), memory)
		if err != nil {
			db.Close()
			return err
		}
		w.db, w.bulk = db, restore
		w.holding.Store(!w.hold)
	}
	return fn(w.db)
}

// publishSnapshot replaces the read-only copy beside the database that
// notebooks open while the pipeline writes (warehouse/snapshot.go): after
// every load, crawl, reparse and run that wrote reports.
func publishSnapshot(db *warehouse.DB) error {
	_, err := db.PublishSnapshot(context.Background())
	return err
}
