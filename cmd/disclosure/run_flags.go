package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"disclosure/crawler"
)

// runConfig is what one pass needs: the flags `crawl` takes (kept the
// same, so a crawl command line works as a run command line; run_test.go
// checks it) and a few of run's own.
type runConfig struct {
	crawlFlags
	delay     time.Duration
	parallel  int
	userAgent string
	timeout   time.Duration
	maxBody   int64
	only      string
	verbose   bool
	batch     int
	logFormat string

	trigger string       // "run", "schedule" or "demo", recorded in runs
	logger  *slog.Logger // set from logFormat and verbose by setup
}

// register adds the flags of `run` (and `schedule`) to fs.
func (c *runConfig) register(fs *flag.FlagSet) {
	c.crawlFlags.register(fs)
	fs.DurationVar(&c.delay, "delay", 2*time.Second, "interval between request starts to one host (a longer robots.txt Crawl-delay wins)")
	fs.IntVar(&c.parallel, "parallel", 16, "requests in flight at once, each to a different host")
	fs.StringVar(&c.userAgent, "user-agent", envOr("DISCLOSURE_USER_AGENT", crawler.DefaultUserAgent), "User-Agent, with a contact URL ($DISCLOSURE_USER_AGENT)")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "time limit for one request, body included")
	fs.Int64Var(&c.maxBody, "max-body", 32<<20, "largest body accepted, in bytes (larger ones are reported, not stored)")
	fs.StringVar(&c.only, "only", "", "crawl only the sites whose code, name or URL contains this")
	fs.BoolVar(&c.verbose, "v", false, "log every request")
	fs.IntVar(&c.batch, "batch", crawlBatch, "reports loaded per transaction")
	fs.StringVar(&c.logFormat, "log", "text", "log format on stderr: text or json")
}

// setup checks the flags and builds the logger.
func (c *runConfig) setup(stderr io.Writer) error {
	level := slog.LevelInfo
	if c.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "text":
		c.logger = slog.New(slog.NewTextHandler(stderr, opts))
	case "json":
		c.logger = slog.New(slog.NewJSONHandler(stderr, opts))
	default:
		return fmt.Errorf("--log %q: want text or json", c.logFormat)
	}
	if c.batch < 1 {
		return fmt.Errorf("--batch %d: want at least 1", c.batch)
	}
	return nil
}

// registry reads the sites file (or the built-in one) and applies --only.
func (c *runConfig) registry() ([]crawler.Site, error) {
	sites, err := readRegistry(c.crawlFlags.sites)
	if err != nil {
		return nil, err
	}
	if c.only == "" {
		return sites, nil
	}
	var keep []crawler.Site
	for _, s := range sites {
		if strings.Contains(s.Code+" "+s.Name+" "+s.URL, c.only) {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("no registered site matches --only %q", c.only)
	}
	return keep, nil
}
