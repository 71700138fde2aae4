package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"disclosure/crawler"
	"disclosure/crawler/rawstore"
	"disclosure/parse"
	"disclosure/warehouse"
)

// crawlFlags are the settings crawl and reparse share.
type crawlFlags struct {
	sites, data string
	db          *string
	noLoad      bool
	wait        time.Duration
}

func (c *crawlFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.sites, "sites", "", "sites CSV (code,name,url[,enabled,notes]); default: the registry built into the binary")
	c.db = dbFlag(fs)
	fs.StringVar(&c.data, "data", envOr("DISCLOSURE_DATA", "data"), "data directory: raw documents (raw/); the crawl state too with --no-load ($DISCLOSURE_DATA)")
	fs.BoolVar(&c.noLoad, "no-load", false, "parse and print, but do not load into the warehouse")
	fs.DurationVar(&c.wait, "wait", 2*time.Minute, "how long to wait while another process holds the database")
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// runCrawl discovers and fetches the registered sites' reports, keeps their
// raw bytes under --data, parses each new report and loads it.
func runCrawl(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf crawlFlags
	cf.register(fs)
	delay := fs.Duration("delay", 2*time.Second, "interval between request starts to one host (a longer robots.txt Crawl-delay wins)")
	parallel := fs.Int("parallel", 16, "requests in flight at once, each to a different host")
	ua := fs.String("user-agent", envOr("DISCLOSURE_USER_AGENT", crawler.DefaultUserAgent), "User-Agent, with a contact URL ($DISCLOSURE_USER_AGENT)")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit for one request, body included")
	maxBody := fs.Int64("max-body", 32<<20, "largest body accepted, in bytes (larger ones are reported, not stored)")
	only := fs.String("only", "", "crawl only the sites whose code, name or URL contains this")
	verbose := fs.Bool("v", false, "log every request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure crawl [--sites FILE] [--delay D] [--parallel N] [--db PATH] [--data DIR] [--user-agent S]")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	sites, err := readRegistry(cf.sites)
	if err != nil {
		return err
	}
	if *only != "" {
		var keep []crawler.Site
		for _, s := range sites {
			if strings.Contains(s.Code+" "+s.Name+" "+s.URL, *only) {
				keep = append(keep, s)
			}
		}
		if len(keep) == 0 {
			return fmt.Errorf("no registered site matches --only %q", *only)
		}
		sites = keep
	}
	raw, err := rawstore.Open(filepath.Join(cf.data, "raw"))
	if err != nil {
		return err
	}
	// With the warehouse, the crawl's memory and fetch log live in it
	// (crawlstate.go); --no-load keeps them in a JSON file under --data.
	var state crawler.State
	var rec *crawlRecord
	var fileState *crawler.MemState
	if cf.noLoad {
		if fileState, err = crawler.OpenFileState(filepath.Join(cf.data, "crawl-state.json")); err != nil {
			return err
		}
		state = fileState
	} else {
		// The run lock keeps a crawl by hand and a scheduled run from
		// writing the same warehouse at once.
		lock, err := acquireRunLock(*cf.db, "crawl")
		if err != nil {
			return err
		}
		defer lock.Release()
		if rec, err = loadCrawlRecord(cf, stderr); err != nil {
			return err
		}
		state = rec
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if *ua == crawler.DefaultUserAgent {
		logger.Warn("using the default User-Agent; set --user-agent with your own contact URL for a real crawl")
	}

	sink := newCrawlSink(cf, stdout, stderr)
	sink.rec = rec
	c, err := crawler.New(crawler.Options{
		UserAgent: *ua, Delay: *delay, Parallel: *parallel, Timeout: *timeout, MaxBodySize: *maxBody, Logger: logger,
	}, state, raw, sink)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProgress := crawlProgress(stderr, c)
	st, runErr := c.Run(ctx, sites)
	stopProgress()
	var saveErr error
	if fileState != nil {
		saveErr = fileState.Save()
	}
	loadErr := sink.close()
	fmt.Fprintf(stdout, "crawled %d sites on %d hosts in %s: %d requests, %d new or changed documents, %d unchanged, %d not modified, %d errors, %d too large, %d refused by robots.txt, %d gone; %d reports parsed, %d loaded\n",
		st.Sites, st.Hosts, st.Elapsed.Round(time.Millisecond), st.Requests, st.Documents, st.Unchanged, st.NotModified,
		st.Errors, st.TooLarge, st.Disallowed, st.Gone, sink.parsed, sink.loaded)
	return errors.Join(runErr, saveErr, loadErr)
}

// readRegistry reads --sites, or the embedded registry when it is empty.
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

// crawlSink is where crawled documents meet the rest of the pipeline:
// every new or changed report (page or attachment) is parsed, summed up in
// one line on stdout, and loaded into the warehouse in batches.
//
// With rec set, every fetch goes to the fetch log, and each flush writes
// the batch, then the URL states and the log (crawlstate.go).
type crawlSink struct {
	cf     crawlFlags
	out    io.Writer
	stderr io.Writer

	reparse bool         // replace the parsed data of documents already loaded
	rec     *crawlRecord // crawl state and fetch log for the warehouse; nil: none

	mu       sync.Mutex
	batch    []warehouse.Document
	parsed   int
	loaded   int // new report versions
	reparsed int // stored documents whose parsed data was replaced
	loadErr  error
}

// crawlBatch is how many reports a crawl or run loads per transaction. Each
// write opens and closes the warehouse (DuckDB takes one writing process, so
// it is held only while writing); larger batches spread that cost: on 1,000
// loopback hosts, 200 gave 2.0× the politeness bound, 1,000 gave 1.5×. A
// killed run loses at most one batch's loading, which the next run redoes
// from the raw store.
const crawlBatch = 1000

func newCrawlSink(cf crawlFlags, out, stderr io.Writer) *crawlSink {
	return &crawlSink{cf: cf, out: out, stderr: stderr}
}

// Fetched implements crawler.Sink.
func (s *crawlSink) Fetched(ctx context.Context, f *crawler.Fetch) error {
	if s.rec != nil {
		s.rec.logFetch(f)
	}
	document := f.Document() && f.Changed && (f.Kind == crawler.KindReport || f.Kind == crawler.KindAttachment)
	var line string
	var doc *warehouse.Document
	if document {
		line, doc = summarize(f.Body, f.FinalURL, f.ContentType, f.SHA256, f.Site.Code, f.Site.Name, f.Sniffed)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if document {
		fmt.Fprintln(s.out, line)
		if doc != nil {
			s.parsed++
			if !s.cf.noLoad {
				s.batch = append(s.batch, *doc)
			}
		}
		if s.rec != nil {
			s.rec.hand(f.SHA256) // in the batch (or nothing to load): its state may follow
		}
	}
	if len(s.batch) >= crawlBatch || (s.rec != nil && s.rec.due()) {
		return s.flushLocked(false)
	}
	return nil
}

// flushLocked writes the batch and, with rec, the URL states and fetch log
// ready so far (all of them when final).
func (s *crawlSink) flushLocked(final bool) error {
	if s.loadErr != nil {
		return s.loadErr
	}
	res, loaded, err := writeCrawlBatch(*s.cf.db, s.batch, warehouse.LoadOptions{Reparse: s.reparse}, s.rec, final, s.cf.wait, s.stderr)
	if loaded {
		s.loaded += res.Added
		s.reparsed += res.Reparsed
		s.batch = s.batch[:0]
	}
	if err != nil {
		// Later batches would fail the same way; the raw store keeps the
		// documents, so `disclosure reparse` can load them afterwards. No
		// state is written after this, so the next crawl fetches again
		// what this one did not record.
		s.loadErr = fmt.Errorf("writing to %s: %w (documents are kept in %s; run `disclosure reparse` to load them)", *s.cf.db, err, s.cf.data)
		return s.loadErr
	}
	return nil
}

func (s *crawlSink) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flushLocked(true)
}

// summarize parses one document and returns its summary line and, when it
// holds statistics, the warehouse document.
func summarize(body []byte, url, contentType, sum, code, name, sniffed string) (string, *warehouse.Document) {
	site := strings.TrimSpace(code + " " + name)
	rep, err := parse.Parse(body, parse.Options{Name: url, ContentType: contentType})
	if err != nil {
		if errors.Is(err, parse.ErrUnsupported) {
			return fmt.Sprintf("%s\tstored %s (%d bytes), not parsed yet\t%s", site, sniffed, len(body), url), nil
		}
		return fmt.Sprintf("%s\tnot parsed: %v", site, err), nil
	}
	failed := 0
	for _, c := range rep.Checks {
		if !c.OK {
			failed++
		}
	}
	year := "?"
	if rep.Year != 0 {
		year = fmt.Sprint(int(rep.Year))
	}
	tmpl := rep.Template
	if tmpl == "" {
		tmpl = "-"
	}
	line := fmt.Sprintf("%s\t%s\ttemplate %s\t%d values\t%d checks failed\t%s\t%s", site, year, tmpl, len(rep.Values), failed, rep.Title, url)
	if len(rep.Values) == 0 {
		return line + "\t(no statistics: not loaded)", nil
	}
	return line, &warehouse.Document{Report: rep, SHA256: sum, SourceURL: url, SiteCode: code}
}

// crawlProgress prints a status line on a terminal, nothing otherwise; the
// returned function stops it and clears the line.
func crawlProgress(stderr io.Writer, c *crawler.Crawler) func() {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-t.C:
				p := c.Progress()
				fmt.Fprintf(f, "\r\033[Kcrawl: %d requests, %d documents, %d not modified, %d queued, %d errors",
					p.Requests, p.Documents, p.NotModified, p.Queued, p.Errors)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
