package pipeline

import (
	"context"
	"errors"
	"io"

	"disclosure/crawler"
	"disclosure/crawler/rawstore"
)

// crawlStage is what one crawl needs besides the sink: the raw store, and
// the crawler's State: the warehouse's url_state (through a crawlRecord)
// or, without loading, a JSON file under the data directory.
type crawlStage struct {
	raw  *rawstore.Store
	rec  *crawlRecord      // nil with NoLoad
	file *crawler.MemState // the JSON state with NoLoad
}

func openCrawlStage(o CrawlOptions, store Store, log io.Writer) (*crawlStage, error) {
	raw, err := rawstore.Open(store.RawDir())
	if err != nil {
		return nil, err
	}
	st := &crawlStage{raw: raw}
	if o.NoLoad {
		st.file, err = crawler.OpenFileState(store.StateFile())
	} else {
		st.rec, err = openCrawlRecord(store, log)
	}
	return st, err
}

func (st *crawlStage) state() crawler.State {
	if st.rec != nil {
		return st.rec
	}
	return st.file
}

// run crawls sites into sink through state (the stage's, or a wrapper of
// it), showing progress on a terminal; closeSink writes what the sink
// holds before the JSON state (if any) is saved: reports first, then the
// states that mark their URLs known. The raw store is closed at the end:
// run once per stage.
func (st *crawlStage) run(ctx context.Context, o CrawlOptions, state crawler.State, sites []crawler.Site, sink crawler.Sink,
	closeSink func() error) (crawler.Stats, error) {
	c, err := crawler.New(o.crawlerOptions(), state, st.raw, sink)
	if err != nil {
		return crawler.Stats{}, err
	}
	restoreGC := gcHeadroom(crawlGCPercent, crawlHeapLimit)
	stop := crawlProgress(orNoProgress(o.Progress), c)
	stats, runErr := c.Run(ctx, sites)
	stop()
	loadErr := closeSink()
	restoreGC()
	var saveErr error
	if st.file != nil {
		saveErr = st.file.Save()
	}
	// The raw store's pack: every document in it is on disk already.
	rawErr := st.raw.Close()
	return stats, errors.Join(runErr, loadErr, saveErr, rawErr)
}
