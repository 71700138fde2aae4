package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"disclosure/crawler"
	"disclosure/warehouse"
)

// CrawlSummary is what `disclosure crawl` did.
type CrawlSummary struct {
	crawler.Stats
	Parsed  int  // reports parsed that hold statistics
	Loaded  int  // new report versions
	Stopped bool // a signal ended the crawl before every site was done
}

func (s CrawlSummary) String() string {
	return fmt.Sprintf("crawled %d sites on %d hosts in %s: %d requests, %d new or changed documents, %d unchanged, %d not modified, %d errors, %d too large, %d refused by robots.txt, %d gone; %d reports parsed, %d loaded",
		s.Sites, s.Hosts, s.Elapsed.Round(time.Millisecond), s.Requests, s.Documents, s.Unchanged, s.NotModified,
		s.Errors, s.TooLarge, s.Disallowed, s.Gone, s.Parsed, s.Loaded) + s.stoppedNote()
}

func (s CrawlSummary) stoppedNote() string {
	if !s.Stopped {
		return ""
	}
	return "\nStopped before every site was done: what was fetched is kept (raw store, warehouse); run the same crawl again to finish, unchanged pages are not downloaded twice."
}

// Crawl is `disclosure crawl`: discover and fetch the sites' reports, keep
// their bytes in the raw store, and send every new or changed report
// through the ingest stage, one summary line each on out. The run lock
// keeps it from writing beside a run.
func Crawl(ctx context.Context, o CrawlOptions, store Store, out, log io.Writer) (CrawlSummary, error) {
	sites, err := o.Registry()
	if err != nil {
		return CrawlSummary{}, err
	}
	if !o.NoLoad {
		lock, err := AcquireLock(store.DB, "crawl")
		if err != nil {
			return CrawlSummary{}, err
		}
		defer lock.Release()
	}
	st, err := openCrawlStage(o, store, log)
	if err != nil {
		return CrawlSummary{}, err
	}
	if o.UserAgent == crawler.DefaultUserAgent {
		o.logger().Warn("using the default User-Agent; set --user-agent with your own contact URL for a real crawl")
	}
	sink := &crawlSink{out: out, rec: st.rec}
	if !o.NoLoad {
		sink.w = newWriter(store, warehouse.LoadOptions{}, o.Batch, st.rec, false, "crawl",
			fmt.Sprintf("documents are kept in %s; run `disclosure reparse` to load them", store.Data))
	}
	stats, err := st.run(ctx, o, st.state(), sites, sink, sink.close)
	sum := CrawlSummary{Stats: stats, Parsed: sink.parsed, Loaded: sink.loaded, Stopped: ctx.Err() != nil}
	if sum.Stopped && errors.Is(err, ctx.Err()) {
		err = errors.New("stopped by a signal")
	}
	return sum, err
}

// crawlSink is where `crawl`'s documents meet the ingest stage: every new
// or changed report (page or attachment) is parsed, summed up in one line,
// and queued for the warehouse.
type crawlSink struct {
	out io.Writer
	rec *crawlRecord // nil with NoLoad
	w   *writer      // nil with NoLoad

	mu     sync.Mutex
	parsed int
	loaded int
}

// Fetched implements crawler.Sink.
func (s *crawlSink) Fetched(ctx context.Context, f *crawler.Fetch) error {
	if s.rec != nil {
		s.rec.logFetch(f)
	}
	var p Parsed
	document := f.Document() && f.Changed && (f.Kind == crawler.KindReport || f.Kind == crawler.KindAttachment)
	if document {
		p = Ingest(fetchSource(f))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if document {
		fmt.Fprintln(s.out, p.Line())
		if p.Doc != nil {
			s.parsed++
		}
		switch {
		case s.w != nil && s.w.take(p, nil):
		case s.rec != nil:
			s.rec.hand(f.SHA256) // nothing to load: its state may be written
		}
	}
	return s.w.flushDue()
}

func (s *crawlSink) close() error {
	if s.w == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := s.w.close()
	s.loaded = res.Added
	return err
}

// fetchSource is a fetched body as the ingest stage takes it.
func fetchSource(f *crawler.Fetch) Source {
	return Source{Body: f.Body, URL: f.FinalURL, ContentType: f.ContentType, Sniffed: f.Sniffed, SHA256: f.SHA256,
		SiteCode: f.Site.Code, SiteName: f.Site.Name, SiteURL: f.Site.ID()}
}
