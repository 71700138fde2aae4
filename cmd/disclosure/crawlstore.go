package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"disclosure/crawler"
	"disclosure/warehouse"
)

// The crawl's short visits to the warehouse: reading the state at the
// start, and writing each batch with the states and fetch log it allows.

// loadCrawlRecord reads url_state in one short writing open (the open may
// migrate the schema). A warehouse without crawl state takes over the JSON
// state file an older crawl (or a --no-load one) left under --data, and the
// file is renamed so that it is imported once.
func loadCrawlRecord(cf crawlFlags, stderr io.Writer) (*crawlRecord, error) {
	jsonPath := filepath.Join(cf.data, "crawl-state.json")
	var rows []warehouse.URLState
	imported := false
	err := withWarehouse(*cf.db, cf.wait, stderr, func(db *warehouse.DB) error {
		ctx := context.Background()
		var err error
		if rows, err = db.URLStates(ctx); err != nil || len(rows) > 0 {
			return err
		}
		old, err := crawler.OpenFileState(jsonPath)
		if err != nil {
			return err
		}
		for _, st := range old.All() {
			rows = append(rows, toWarehouse(st))
		}
		if len(rows) == 0 {
			return nil
		}
		imported = true
		return db.PutURLStates(ctx, rows)
	})
	if err != nil {
		return nil, err
	}
	if imported {
		fmt.Fprintf(stderr, "disclosure: crawl state of %d URLs moved from %s into the warehouse's url_state\n", len(rows), jsonPath)
		if err := os.Rename(jsonPath, jsonPath+".imported"); err != nil {
			return nil, err
		}
	}
	return newCrawlRecord(rows), nil
}

// writeCrawlBatch opens the warehouse once for a crawl's batch: the parsed
// documents first (one transaction), then the URL states and fetch log rec
// has ready (all of them when final; another transaction), so that no state
// marks a body known before its report is in. States that could not be
// written go back to rec for the next try. With nothing to write it does
// not open the warehouse.
func writeCrawlBatch(path string, docs []warehouse.Document, opt warehouse.LoadOptions, rec *crawlRecord, final bool,
	wait time.Duration, stderr io.Writer) (res warehouse.LoadResult, loaded bool, err error) {
	var states []warehouse.URLState
	var log []warehouse.FetchLogEntry
	if rec != nil {
		states, log = rec.take(final)
	}
	if len(docs) == 0 && len(states) == 0 && len(log) == 0 {
		return res, false, nil
	}
	err = withWarehouse(path, wait, stderr, func(db *warehouse.DB) error {
		if len(docs) > 0 {
			if res, err = db.LoadWith(context.Background(), docs, opt); err != nil {
				return err
			}
			loaded = true
		}
		return db.RecordCrawl(context.Background(), states, log)
	})
	if rec != nil {
		if err != nil {
			rec.untake(states, log)
		} else {
			rec.written(states)
		}
	}
	return res, loaded, err
}

// withWarehouse opens the warehouse for writing, runs fn and closes it.
func withWarehouse(path string, wait time.Duration, stderr io.Writer, fn func(*warehouse.DB) error) error {
	db, err := openDB(path, false, wait, stderr)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
