package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"disclosure/crawler"
	"disclosure/crawler/rawstore"
	"disclosure/queries"
	"disclosure/warehouse"
)

// passResult is what one pass did, for the summary and the scheduler's log.
type passResult struct {
	RunID   int64
	Status  string
	Started time.Time
	Elapsed time.Duration
	Sites   []warehouse.RunSite
	Alerts  []warehouse.Alert
	Err     string
}

// runPass is one nightly pass: take the run lock, record the run as
// started, crawl every enabled site (parsing and loading what the warehouse
// lacks as it arrives), then record the run report and its alerts. It
// returns an error when the run did not complete; a site that failed is in
// the report, not an error.
//
// Order matters for a kill at any moment: reports are loaded before the
// crawl state that marks their URLs known is saved, and documents are
// parsed by "not in the warehouse" rather than "changed", so whatever a
// killed run left undone, the next one does.
func runPass(ctx context.Context, cfg *runConfig, stderr io.Writer) (*passResult, error) {
	lock, err := acquireRunLock(*cfg.db, cfg.trigger)
	if err != nil {
		return nil, err
	}
	defer lock.Release()

	host, _ := os.Hostname()
	res := &passResult{Started: time.Now()}
	start := warehouse.RunStart{Trigger: cfg.trigger, Started: res.Started, Host: host, PID: os.Getpid(), Program: warehouse.Program}
	var handled map[string]bool
	err = withDB(cfg, stderr, func(db *warehouse.DB) error {
		var err error
		if res.RunID, err = db.StartRun(context.Background(), start); err != nil {
			return err
		}
		handled, err = db.HandledDocuments(context.Background())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("recording the run in %s: %w", *cfg.db, err)
	}
	cfg.logger.Info("run started", "run", res.RunID, "trigger", cfg.trigger, "db", *cfg.db)

	sites, sink, crawlErr := crawlPass(ctx, cfg, handled, stderr)
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
		rep.Sites, rep.Documents = res.Sites, sink.documents()
	}
	if rep.Alerts, err = alertQuery(today()); err != nil {
		cfg.logger.Error("alerts not evaluated", "err", err.Error())
	}
	res.Elapsed = time.Since(res.Started)
	rep.Finished = time.Now()
	err = withDB(cfg, stderr, func(db *warehouse.DB) error {
		var err error
		res.Alerts, err = db.FinishRun(context.Background(), res.RunID, rep)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("run %d: recording its report: %w", res.RunID, err)
	}
	cfg.logger.Info("run finished", "run", res.RunID, "status", res.Status, "elapsed", res.Elapsed.Round(time.Millisecond).String(),
		"sites", len(res.Sites), "alerts", len(res.Alerts), "error", res.Err)
	if res.Status != warehouse.RunCompleted {
		return res, fmt.Errorf("run %d %s: %s", res.RunID, res.Status, res.Err)
	}
	return res, nil
}

// crawlPass crawls and loads. It returns the sites crawled, the sink with
// their counts, and what kept the pass from completing. The crawl state
// and fetch log live in the warehouse, as for `crawl` (crawlstate.go);
// with --no-load, in a JSON file under --data.
func crawlPass(ctx context.Context, cfg *runConfig, handled map[string]bool, stderr io.Writer) ([]crawler.Site, *runSink, error) {
	sites, err := cfg.registry()
	if err != nil {
		return nil, nil, err
	}
	raw, err := rawstore.Open(filepath.Join(cfg.data, "raw"))
	if err != nil {
		return sites, nil, err
	}
	var state crawler.State
	var rec *crawlRecord
	var fileState *crawler.MemState
	if cfg.noLoad {
		if fileState, err = crawler.OpenFileState(filepath.Join(cfg.data, "crawl-state.json")); err != nil {
			return sites, nil, err
		}
		state = fileState
	} else {
		if rec, err = loadCrawlRecord(cfg.crawlFlags, stderr); err != nil {
			return sites, nil, err
		}
		state = rec
	}
	tracked := newTrackedState(state)
	sink := newRunSink(cfg, tracked, rec, raw, handled, stderr)
	c, err := crawler.New(crawler.Options{
		UserAgent: cfg.userAgent, Delay: cfg.delay, Parallel: cfg.parallel, Timeout: cfg.timeout,
		MaxBodySize: cfg.maxBody, Logger: cfg.logger,
	}, tracked, raw, sink)
	if err != nil {
		return sites, nil, err
	}
	if cfg.userAgent == crawler.DefaultUserAgent && cfg.trigger != "demo" {
		cfg.logger.Warn("using the default User-Agent; set --user-agent with your own contact URL for a real crawl")
	}
	stopProgress := crawlProgress(stderr, c)
	_, runErr := c.Run(ctx, sites)
	stopProgress()
	// Loads first, then the states that mark their URLs as known.
	loadErr := sink.close()
	var saveErr error
	if fileState != nil {
		saveErr = fileState.Save()
	}
	if ctx.Err() != nil && errors.Is(runErr, ctx.Err()) {
		runErr = nil // reported as interrupted
	}
	return sites, sink, errors.Join(runErr, loadErr, saveErr)
}

// withDB opens the warehouse for writing, runs fn and closes it again, so
// that queries can read between a run's writes.
func withDB(cfg *runConfig, stderr io.Writer, fn func(*warehouse.DB) error) error {
	db, err := openDB(*cfg.db, false, cfg.wait, stderr)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// shanghai is the time zone of the reports' deadlines and of the default
// schedule; time/tzdata is embedded (schedule.go), so it loads everywhere.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// today is the date the alerts judge deadlines by: in China.
func today() time.Time { return time.Now().In(shanghai) }

// alertQuery is the named query `alerts` with its defaults, judged on the
// given day.
func alertQuery(day time.Time) (*warehouse.AlertQuery, error) {
	q, ok, err := queries.Get("alerts")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no named query alerts")
	}
	args, err := q.Args(map[string]string{"as_of": day.Format("2006-01-02")})
	if err != nil {
		return nil, err
	}
	return &warehouse.AlertQuery{SQL: q.SQL, Args: args}, nil
}
