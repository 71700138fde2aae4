package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"

	"disclosure/crawler"
	"disclosure/warehouse"
)

// openCrawlRecord reads url_state in one short writing open (the open may
// migrate the schema). A warehouse without crawl state takes over the JSON
// state file an older crawl (or a --no-load one) left under the data
// directory, and the file is renamed so that it is imported once.
func openCrawlRecord(store Store, log io.Writer) (*crawlRecord, error) {
	jsonPath := store.StateFile()
	var rows []warehouse.URLState
	imported := false
	err := store.Write(func(db *warehouse.DB) error {
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
		fmt.Fprintf(log, "disclosure: crawl state of %d URLs moved from %s into the warehouse's url_state\n", len(rows), jsonPath)
		if err := os.Rename(jsonPath, jsonPath+".imported"); err != nil {
			return nil, err
		}
	}
	return newCrawlRecord(rows), nil
}
