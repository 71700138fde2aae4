package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"disclosure/parse"
	"disclosure/places"
	"disclosure/warehouse"
)

// DefaultLoadBatch is how many documents `disclosure load` writes per
// transaction unless told: twice a crawl's (DefaultBatch), since a load's
// batches come back to back and each pays a cost of its own besides its
// reports (statements, the small tables' log at commit). On 10,000 report
// files: 5.28-5.58 s against 5.53-5.79 s with 1,000 (3 runs alternating),
// peak 430-450 against 357-372 MiB (411-455 in later runs); 1,500 and
// 3,000 were no faster, the last batch, written once the parse has
// ended, longer with 3,000.
const DefaultLoadBatch = 2000

// LoadOptions are the settings of `disclosure load`.
type LoadOptions struct {
	SiteCode string   // 六位代码 of the site the files came from, when known
	Reparse  bool     // parse files already loaded again and replace their parsed data
	Batch    int      // documents per transaction
	Progress Progress // nil: none
}

// LoadSummary is what a load did.
type LoadSummary struct {
	warehouse.LoadResult
	Files        int
	NoStatistics []string  // files parsed that hold no statistics: not loaded
	Skipped      []Skipped // files that could not be read or parsed
	Unreadable   []error   // files in a form read but without usable text (scan, no text layer): not loaded
	Stopped      bool      // the context ended before every file was read
}

// Load is `disclosure load`: the files (directories walked recursively)
// go through the ingest stage, parsed on every core and written in
// batches while the next are parsed. Documents already stored are not
// parsed again (unless Reparse): a rerun after a kill, or a daily load of a
// growing folder, parses only what is new. A file that cannot be read or
// parsed is skipped and named; a write error ends the load (earlier
// batches are kept).
func Load(ctx context.Context, paths []string, o LoadOptions, store Store) (LoadSummary, error) {
	var sum LoadSummary
	if err := store.Check(); err != nil {
		return sum, err
	}
	if err := checkSiteCode(o.SiteCode); err != nil {
		return sum, err
	}
	files, err := collectFiles(paths)
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		return sum, fmt.Errorf("no report files under %s", strings.Join(paths, ", "))
	}
	sum.Files = len(files)
	var known map[string]bool
	if !o.Reparse {
		if known, err = knownFiles(store, files); err != nil {
			return sum, err
		}
	}
	defer gcHeadroom(loadGCPercent, loadHeapLimit)()
	prog := orNoProgress(o.Progress)
	prog.Begin("load", len(files))
	defer prog.End()

	w := newWriter(store, warehouse.LoadOptions{Reparse: o.Reparse}, o.Batch, nil, true, "load",
		"the batch was rolled back; earlier batches are kept; rerun to complete")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wd, _ := os.Getwd() // on error, relative names stay relative
	for p := range parseInOrder(ctx, files, func(name string) loadResult { return ingestFile(name, wd, o.SiteCode, known) }) {
		prog.Add(1)
		if p.unchanged {
			sum.Unchanged++
		} else if !w.take(p.Parsed, nil) { // the report, or what was found of the text
			switch p.Outcome {
			case OutcomeNoStatistics:
				sum.NoStatistics = append(sum.NoStatistics, p.Name)
			case OutcomeUnreadable:
				sum.Unreadable = append(sum.Unreadable, p.Err)
			default:
				sum.Skipped = append(sum.Skipped, Skipped{Name: p.Name, Outcome: p.Outcome, Err: p.Err})
			}
		}
		if w.Err() != nil {
			cancel()
		}
	}
	sum.Stopped = ctx.Err() != nil && w.Err() == nil
	res, err := w.close()
	unchanged := sum.Unchanged
	sum.LoadResult = res
	sum.Unchanged += unchanged
	return sum, err
}

// checkSiteCode refuses a --site-code that names no division: it would be
// ignored, or another place's code would relabel every file's report.
func checkSiteCode(code string) error {
	if code == "" {
		return nil
	}
	d, err := places.LoadDivisions()
	if err != nil {
		return err
	}
	if dv := d.ByCode[code]; dv == nil {
		return fmt.Errorf("--site-code %q: not a 六位代码 of a division (see disclosure query \"SELECT * FROM jurisdictions\")", code)
	}
	return nil
}

// loadHeapLimit is the Go heap's soft limit during a load. Parsed reports
// are garbage within a batch or two, and left to GOGC's default the heap
// grows to twice what is live on top of DuckDB's own memory. 10,000 files
// (BenchmarkLoadFiles, one run, load average ~20 on 2 cores), peak
// resident / CPU: no limit 715 MiB / 23.0 s; 320 MiB: 586 / 25.4 s;
// 256 MiB: 530 / 28.7 s; 200 MiB: 508 / 33.0 s. Since DuckDB checkpoints
// once per load (warehouse.BulkLoad, its memory capped at 128 MB),
// 192 MiB keeps the peak under 500 MiB (474 in one run).
const loadHeapLimit = 192 << 20

// loadGCPercent is the collector's GOGC during a load (unless GOGC is
// set), under loadHeapLimit. Most of what is live is the batches' staged
// rows, bytes the collector marks without scanning; at the default 100 it
// ran 32 times on the 10,000 bench files, its marking ~7% of the load's
// CPU; at 200, 17 times, the peak 365-380 MiB against 349-370 (4 runs
// each). The crawl's setting, for the same reason (crawlGCPercent).
const loadGCPercent = 200

// loadDuckDBMemory is DuckDB's memory_limit while the writer holds the
// warehouse for a load or reparse (warehouse.BulkLoad): with
// loadHeapLimit, what keeps the process under 500 MiB.
const loadDuckDBMemory = "128MB"

// loadResult is one file after the ingest stage, or known already.
type loadResult struct {
	Parsed
	unchanged bool
}

// ingestFile reads one file and, unless it is stored already, ingests it;
// wd is the working directory, for its source_url (fileURL).
func ingestFile(name, wd, site string, known map[string]bool) loadResult {
	data, err := readLimited(name, parse.DefaultMaxBytes+1)
	if err != nil {
		return loadResult{Parsed: Parsed{Source: Source{Name: name}, Outcome: OutcomeParseError, Err: err}}
	}
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	if known[sum] {
		return loadResult{unchanged: true}
	}
	p := Ingest(Source{Body: data, Name: name, URL: fileURL(name, wd), SHA256: sum, SiteCode: site})
	p.Body = nil // the report is what travels on; the bytes can go
	return loadResult{Parsed: p}
}

// fileURL is a file's source_url: file:// and its absolute path, a
// relative name taken from wd, the working directory ("" when unknown:
// the name as it is). A load reads wd once: filepath.Abs asks the system
// for it on every call, two stats a file.
func fileURL(name, wd string) string {
	abs := filepath.Clean(name)
	if !filepath.IsAbs(name) && wd != "" {
		abs = filepath.Join(wd, name)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// parseInOrder runs fn over names on every core and yields the results in
// the names' order (so that of two versions of a report, the later file
// supersedes, as when loaded one by one). At most a window of results is
// in flight, which bounds memory however many files there are.
func parseInOrder[T any](ctx context.Context, names []string, fn func(string) T) <-chan T {
	workers := runtime.GOMAXPROCS(0)
	window := 16 * workers
	type item struct {
		i int
		v T
	}
	jobs := make(chan int)
	done := make(chan item, window)
	tokens := make(chan struct{}, window)
	out := make(chan T)
	go func() {
		defer close(jobs)
		for i := range names {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	finished := make(chan struct{})
	for range workers {
		go func() {
			defer func() { finished <- struct{}{} }()
			for i := range jobs {
				done <- item{i, fn(names[i])}
			}
		}()
	}
	go func() {
		for range workers {
			<-finished
		}
		close(done)
	}()
	go func() {
		defer close(out)
		held := map[int]T{}
		next := 0
		for it := range done {
			held[it.i] = it.v
			for {
				v, ok := held[next]
				if !ok {
					break
				}
				delete(held, next)
				next++
				<-tokens
				out <- v
			}
		}
	}()
	return out
}
