package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"disclosure/crawler"
	"disclosure/pipeline"
	"disclosure/warehouse"
)

// The flags several commands share, each declared once here.

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// dbFlag adds --db: $DISCLOSURE_DB, else disclosure.duckdb here.
func dbFlag(fs *pflag.FlagSet, db *string) {
	fs.StringVar(db, "db", envOr("DISCLOSURE_DB", warehouse.DefaultPath), "warehouse database file ($DISCLOSURE_DB)")
}

// acceptDBFlag adds --db to a command that never opens the warehouse:
// CONTRACT.md has every command take it, so a script may pass it to all.
func acceptDBFlag(fs *pflag.FlagSet) {
	var unused string
	fs.StringVar(&unused, "db", envOr("DISCLOSURE_DB", warehouse.DefaultPath), "warehouse database file ($DISCLOSURE_DB); accepted as by every command, not opened by this one")
}

// waitFlag adds --wait.
func waitFlag(fs *pflag.FlagSet, wait *time.Duration) {
	fs.DurationVar(wait, "wait", 2*time.Minute, "how long to wait while another process holds the database")
}

// storeFlags adds --db, --data and --wait.
func storeFlags(fs *pflag.FlagSet, s *pipeline.Store) {
	dbFlag(fs, &s.DB)
	fs.StringVar(&s.Data, "data", envOr("DISCLOSURE_DATA", "data"), "data directory: raw documents (raw/); the crawl state too with --no-load ($DISCLOSURE_DATA)")
	waitFlag(fs, &s.Wait)
}

// politeFlags are the flags of anything that requests county sites (a
// crawl, `sites check`, `sites find`): which sites, and how politely.
func politeFlags(fs *pflag.FlagSet, o *pipeline.CrawlOptions) {
	fs.StringVar(&o.Sites, "sites", "", "sites CSV (code,name,url[,enabled,notes]); default: the registry built into the binary")
	fs.StringVar(&o.Only, "only", "", "crawl only the sites whose code, name or URL contains this")
	fs.DurationVar(&o.Delay, "delay", o.Delay, "wait between the end of one response and the next request to the same host (a longer robots.txt Crawl-delay wins)")
	fs.IntVar(&o.Parallel, "parallel", o.Parallel, "requests in flight at once, each to a different host")
	fs.StringVar(&o.UserAgent, "user-agent", envOr("DISCLOSURE_USER_AGENT", crawler.DefaultUserAgent), "User-Agent, with a contact URL ($DISCLOSURE_USER_AGENT)")
	fs.DurationVar(&o.Timeout, "timeout", o.Timeout, "time limit for one request, body included")
	fs.Int64Var(&o.MaxBody, "max-body", o.MaxBody, "largest body accepted, in bytes (larger ones are reported, not stored)")
}

// checkPolite refuses values of politeFlags that would make a crawl
// impolite or useless (a zero --delay or --timeout takes the default).
func checkPolite(o pipeline.CrawlOptions) error {
	switch {
	case o.Delay < 0:
		return usageError{fmt.Errorf("--delay %s: want a positive duration (0: the default)", o.Delay)}
	case o.Timeout < 0:
		return usageError{fmt.Errorf("--timeout %s: want a positive duration (0: the default)", o.Timeout)}
	case o.Parallel < 1:
		return usageError{fmt.Errorf("--parallel %d: want at least 1", o.Parallel)}
	case o.MaxBody < 1:
		return usageError{fmt.Errorf("--max-body %d: want a size in bytes, at least 1", o.MaxBody)}
	case strings.TrimSpace(o.UserAgent) == "" || strings.ContainsFunc(o.UserAgent, unicode.IsControl):
		return usageError{fmt.Errorf("--user-agent %q: want a name with a contact URL, on one line", o.UserAgent)}
	}
	return nil
}

// crawlFlags are the flags of a crawl, one set for crawl, run and schedule.
type crawlFlags struct {
	opt       pipeline.CrawlOptions
	store     pipeline.Store
	verbose   bool
	logFormat string
}

func (c *crawlFlags) register(fs *pflag.FlagSet) {
	c.opt = pipeline.DefaultCrawlOptions()
	storeFlags(fs, &c.store)
	politeFlags(fs, &c.opt)
	fs.IntVar(&c.opt.MaxDocuments, "max-documents", c.opt.MaxDocuments, "reports and attachments fetched per site per run at most (the run report says when reached)")
	fs.DurationVar(&c.opt.SiteTimeout, "site-timeout", c.opt.SiteTimeout, "time one site's crawl may take per run (the run report says when reached)")
	fs.BoolVar(&c.opt.NoLoad, "no-load", false, "parse but do not load the reports (crawl prints them; run and schedule still record the run and its report)")
	fs.IntVar(&c.opt.Batch, "batch", c.opt.Batch, "reports loaded per transaction")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "log every request")
	fs.StringVar(&c.logFormat, "log", "text", "log format on stderr: text or json")
}

// start sets a crawl or run up on command cmd: progress and logs on its
// stderr, the flags checked, and the context a signal cancels (call stop).
func (c *crawlFlags) start(cmd *cobra.Command) (ctx context.Context, stop context.CancelFunc, logs io.Writer, err error) {
	prog, logs := newProgress(cmd.ErrOrStderr())
	if err := c.setup(logs); err != nil {
		return nil, nil, nil, err
	}
	c.opt.Progress = prog
	ctx, stop = signalContext()
	return ctx, stop, logs, nil
}

// setup checks the flags and builds the logger on stderr.
func (c *crawlFlags) setup(stderr io.Writer) error {
	c.store.Log = stderr
	level := slog.LevelInfo
	if c.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "text":
		c.opt.Log = slog.New(slog.NewTextHandler(stderr, opts))
	case "json":
		c.opt.Log = slog.New(slog.NewJSONHandler(stderr, opts))
	default:
		return usageError{fmt.Errorf("--log %q: want text or json", c.logFormat)}
	}
	if err := checkPolite(c.opt); err != nil {
		return err
	}
	if c.opt.MaxDocuments < 1 {
		return usageError{fmt.Errorf("--max-documents %d: want at least 1", c.opt.MaxDocuments)}
	}
	if c.opt.SiteTimeout <= 0 {
		return usageError{fmt.Errorf("--site-timeout %s: want a positive duration", c.opt.SiteTimeout)}
	}
	if c.opt.Batch < 1 {
		return usageError{fmt.Errorf("--batch %d: want at least 1", c.opt.Batch)}
	}
	return nil
}
