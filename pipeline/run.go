package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"disclosure/crawler"
	"disclosure/warehouse"
)

// PassResult is what one pass did, for the summary and the scheduler's log.
type PassResult struct {
	RunID   int64
	Status  string
	Started time.Time
	Elapsed time.Duration
	Sites   []warehouse.RunSite
	Alerts  []warehouse.Alert
	Err     string
	// Unreadable are the documents of the run that could not be read as
	// text (scans, no text layer): listed in the run report.
	Unreadable []warehouse.RunDocument
}

// RunPass is one nightly pass (`disclosure run`, each pass of `schedule`,
// each night of the demo): take the run lock, record the run as started,
// crawl every enabled site (each document through the ingest stage as it
// arrives), then record the run report and its alerts. trigger ("run",
// "schedule", "demo") is recorded in runs. It returns an error when the
// run did not complete; a site that failed is in the report, not an error.
// log is where waits and progress are shown.
//
// Order matters for a kill at any moment: reports are loaded before the
// crawl state that marks their URLs known is saved, and documents are
// parsed by "not in the warehouse" rather than "changed", so whatever a
// killed run left undone, the next one does.
func RunPass(ctx context.Context, trigger string, o CrawlOptions, store Store, log io.Writer) (*PassResult, error) {
	lock, err := AcquireLock(store.DB, trigger)
	if err != nil {
		return nil, err
	}
	defer lock.Release()

	logger := o.logger()
	host, _ := os.Hostname()
	res := &PassResult{Started: time.Now()}
	start := warehouse.RunStart{Trigger: trigger, Started: res.Started, Host: host, PID: os.Getpid(), Program: warehouse.Program}
	// The warehouse opened here stays open until the crawl's writer has it
	// too: the writer's open then shares it, rather than follow a close
	// that checkpoints. crawlPass closes it, on every return.
	db, err := store.Open(false)
	if err != nil {
		return nil, fmt.Errorf("recording the run in %s: %w", store.DB, err)
	}
	var handled map[string]bool
	if res.RunID, err = db.StartRun(context.Background(), start); err == nil {
		handled, err = db.HandledDocuments(context.Background())
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("recording the run in %s: %w", store.DB, err)
	}
	logger.Info("run started", "run", res.RunID, "trigger", trigger, "db", store.DB)

	if o.UserAgent == crawler.DefaultUserAgent && trigger != "demo" {
		logger.Warn("using the default User-Agent; set --user-agent with your own contact URL for a real crawl")
	}
	sites, sink, perSite, crawlErr := crawlPass(ctx, o, store, res.RunID, handled, log, db.Close)
	res.Status = warehouse.RunCompleted
	switch {
	case ctx.Err() != nil:
		res.Status, res.Err = warehouse.RunInterrupted, "stopped by a signal before the crawl finished"
	case crawlErr != nil:
		res.Status, res.Err = warehouse.RunFailed, crawlErr.Error()
	}
	rep := warehouse.RunReport{Status: res.Status, Error: res.Err}
	if sink != nil {
		res.Sites = sink.sites(context.Background(), sites, res.Started)
		addSiteResults(res.Sites, perSite)
		rep.Sites, rep.Documents = res.Sites, sink.documents()
		res.Unreadable = unreadableOf(rep.Documents)
	}
	if rep.Alerts, err = alertQuery(today()); err != nil {
		logger.Error("alerts not evaluated", "err", err.Error())
	}
	res.Elapsed = time.Since(res.Started)
	rep.Finished = time.Now()
	err = store.Write(func(db *warehouse.DB) error {
		var err error
		rep.Similarity = checkpointBeside(db, logger)
		if res.Alerts, err = db.FinishRun(context.Background(), res.RunID, rep); err != nil {
			return err
		}
		return publishSnapshot(db) // the run report too, whatever was loaded
	})
	if rerr := sink.release(); err == nil {
		err = rerr
	}
	if err != nil {
		return res, fmt.Errorf("run %d: recording its report: %w", res.RunID, err)
	}
	logger.Info("run finished", "run", res.RunID, "status", res.Status, "elapsed", res.Elapsed.Round(time.Millisecond).String(),
		"sites", len(res.Sites), "alerts", len(res.Alerts), "error", res.Err)
	if res.Status != warehouse.RunCompleted {
		return res, fmt.Errorf("run %d %s: %s", res.RunID, res.Status, res.Err)
	}
	return res, nil
}

// checkpointBeside writes the WAL into the database file (the batches the
// writer held the warehouse for: the snapshot's checkpoint would write
// them after the run report) while the report's similarity update is
// computed: the checkpoint on one DuckDB thread (Checkpoint), the
// shingles on Go's (Similarity.Compute, every core), each about a second
// at the end of a run on 1,000 hosts, at once rather than one after the
// other. What fails here, FinishRun and the snapshot do again, and report.
func checkpointBeside(db *warehouse.DB, logger *slog.Logger) *warehouse.Similarity {
	ctx := context.Background()
	sim, err := db.ReadSimilarity(ctx)
	if err != nil {
		logger.Warn("report similarity not read ahead", "err", err.Error())
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sim.Compute()
	}()
	if err := db.Checkpoint(ctx); err != nil {
		logger.Warn("checkpoint before the run report", "err", err.Error())
	}
	<-done
	return sim
}

// crawlPass crawls and ingests; it calls closeStart, which closes the
// caller's open warehouse, once the writer holds it (or on returning
// early). It returns the sites crawled, the sink with their counts, the
// crawler's own word on each site (platform, blocked, limits) and what
// kept the pass from completing.
func crawlPass(ctx context.Context, o CrawlOptions, store Store, runID int64, handled map[string]bool, log io.Writer,
	closeStart func() error) ([]crawler.Site, *runSink, []crawler.SiteResult, error) {
	defer closeStart()
	sites, err := o.Registry()
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := openCrawlStage(o, store, log)
	if err != nil {
		return sites, nil, nil, err
	}
	tracked := newTrackedState(st.state())
	var w *writer
	if !o.NoLoad {
		w = newWriter(store, warehouse.LoadOptions{}, o.Batch, st.rec, false, "run",
			fmt.Sprintf("the documents are kept in %s; the next run loads them", store.Data))
		// Set before any batch is sent; it makes the run the writer's owner:
		// RunPass publishes the snapshot with the run report, on the
		// warehouse the writer still holds, then releases it (one
		// checkpoint for the last batches and the report).
		w.runID = runID
		// Held as between batches: released after its idle time when no
		// batch comes.
		<-w.openAhead()
	}
	closeStart()
	sink := newRunSink(tracked, st.rec, w, st.raw, handled)
	stats, err := st.run(ctx, o, tracked, sites, sink, sink.close)
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = nil // reported as interrupted
	}
	if stats.DiskFull {
		err = fmt.Errorf("the raw store's disk is full (%s): free space, then run again; %w", store.RawDir(), err)
	}
	return sites, sink, stats.PerSite, err
}
