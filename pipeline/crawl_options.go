package pipeline

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"disclosure/crawler"
)

// CrawlOptions are the settings of a crawl, the same for `crawl`, `run`
// and `schedule` (cmd/disclosure registers them once for all three).
type CrawlOptions struct {
	Sites     string        // sites CSV (code,name,url[,enabled,notes]); "": the registry built into the binary
	Only      string        // crawl only the sites whose code, name or URL contains this
	Delay     time.Duration // per host, from the end of one response to the next request
	Parallel  int           // requests in flight at once, each to a different host
	UserAgent string
	Timeout   time.Duration // one request, body included
	MaxBody   int64         // largest body accepted, in bytes
	// MaxDocuments and SiteTimeout bound one site's crawl in one run
	// (reports and attachments fetched; time from its first request); the
	// run report says when either was reached.
	MaxDocuments int
	SiteTimeout  time.Duration
	NoLoad       bool         // parse and report, but keep the warehouse out of it (state as JSON under the data directory)
	Batch        int          // reports loaded per transaction
	Log          *slog.Logger // nil: slog.Default()
	Progress     Progress     // nil: none
}

// DefaultBatch is how many reports a crawl or run writes per
// transaction, at most: a crawl's writer that holds the warehouse (batches
// coming back to back, writer.go) writes what it has, once a tenth of a
// batch or more (earlyParts), as soon as it is free.
// A killed run loses at most one batch's loading, which the next run redoes
// from the raw store.
const DefaultBatch = 1000

// DefaultCrawlOptions are the command line's defaults.
func DefaultCrawlOptions() CrawlOptions {
	return CrawlOptions{Delay: 2 * time.Second, Parallel: 16, UserAgent: crawler.DefaultUserAgent,
		Timeout: 30 * time.Second, MaxBody: 32 << 20, Batch: DefaultBatch, MaxDocuments: 2000, SiteTimeout: 2 * time.Hour}
}

func (o CrawlOptions) logger() *slog.Logger {
	if o.Log != nil {
		return o.Log
	}
	return slog.Default()
}

func (o CrawlOptions) crawlerOptions() crawler.Options {
	return crawler.Options{UserAgent: o.UserAgent, Delay: o.Delay, Parallel: o.Parallel, Timeout: o.Timeout,
		MaxBodySize: o.MaxBody, MaxDocuments: o.MaxDocuments, SiteTimeout: o.SiteTimeout, Logger: o.logger()}
}

// Registry reads the sites file (or the built-in registry) and applies Only.
func (o CrawlOptions) Registry() ([]crawler.Site, error) {
	sites, err := readRegistry(o.Sites)
	if err != nil || o.Only == "" {
		return sites, err
	}
	var keep []crawler.Site
	for _, s := range sites {
		if strings.Contains(s.Code+" "+s.Name+" "+s.URL, o.Only) {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("no registered site matches --only %q", o.Only)
	}
	return keep, nil
}

// readRegistry reads a sites file, or the embedded registry when path is "".
func readRegistry(path string) ([]crawler.Site, error) {
	if path == "" {
		return crawler.DefaultSites()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sites, err := crawler.ReadSites(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sites, nil
}
