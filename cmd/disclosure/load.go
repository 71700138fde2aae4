package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"disclosure/parse"
	"disclosure/warehouse"
)

// loadExts are the files a directory walk picks up; a file named on the
// command line is tried whatever its name (parse decides by content).
var loadExts = map[string]bool{".html": true, ".htm": true, ".shtml": true, ".txt": true, ".pdf": true,
	".docx": true, ".doc": true, ".wps": true, ".xls": true, ".xlsx": true}

// runLoad parses saved reports and loads them into the warehouse, one
// transaction per batch. The database is opened only to write each batch,
// so queries can read between batches.
func runLoad(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	batch := fs.Int("batch", 1000, "documents per transaction")
	site := fs.String("site-code", "", "六位代码 of the site the files came from, when known (helps resolve their place)")
	strict := fs.Bool("strict", false, "exit with an error when any file could not be parsed")
	reparse := fs.Bool("reparse", false, "parse files already loaded again and replace their parsed data (after a parser upgrade)")
	wait := fs.Duration("wait", 2*time.Minute, "how long to wait while another process holds the database")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure load [--db PATH] [--batch N] [--site-code CODE] FILE|DIR…")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return errors.New("no files or directories given")
	}
	files, err := collectFiles(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no report files under %s", strings.Join(paths, ", "))
	}
	prog := newProgress(stderr, len(files))
	// Documents already stored are not parsed again: a rerun after a kill,
	// or a daily load of a growing folder, parses only what is new. One
	// look before any writing, so it never waits for our own writer.
	var known map[string]bool
	if !*reparse {
		if known, err = knownFiles(*db, files, *wait, stderr); err != nil {
			return err
		}
	}
	w := newBatchWriter(*db, warehouse.LoadOptions{Reparse: *reparse}, *wait, stderr)
	skipped, unchanged := 0, 0
	for start := 0; start < len(files) && w.err() == nil; start += max(*batch, 1) {
		chunk := files[start:min(start+max(*batch, 1), len(files))]
		raw, bad := readFiles(chunk)
		var todo []rawFile
		for _, f := range raw {
			if known[f.sum] {
				unchanged++
				prog.step()
			} else {
				todo = append(todo, f)
			}
		}
		docs, parseBad := parseFiles(todo, *site, prog)
		for _, b := range append(bad, parseBad...) {
			fmt.Fprintf(stderr, "skipped %s\n", b) // the error names the file and the reason
			prog.step()
		}
		skipped += len(bad) + len(parseBad)
		// Written while the next batch is parsed.
		w.write(docs, start+1, start+len(chunk))
	}
	total, err := w.close()
	prog.done()
	if err != nil {
		return err
	}
	total.Unchanged += unchanged
	reparsed := ""
	if *reparse {
		reparsed = fmt.Sprintf(", %d reparsed", total.Reparsed)
	}
	fmt.Fprintf(stdout, "%d files: %d new report versions, %d unchanged%s, %d older versions superseded, %d skipped. Database: %s\n",
		len(files), total.Added, total.Unchanged, reparsed, total.Superseded, skipped, *db)
	if *strict && skipped > 0 {
		return fmt.Errorf("%d of %d files could not be parsed", skipped, len(files))
	}
	return nil
}

// batchWriter loads batches on its own goroutine, one at a time, so that
// parsing the next batch (on every core) overlaps writing this one.
type batchWriter struct {
	jobs  chan batchJob
	done  chan struct{}
	mu    sync.Mutex
	total warehouse.LoadResult
	fail  error
}

type batchJob struct {
	docs     []warehouse.Document
	from, to int // file numbers, for the error message
}

func newBatchWriter(path string, opt warehouse.LoadOptions, wait time.Duration, stderr io.Writer) *batchWriter {
	w := &batchWriter{jobs: make(chan batchJob, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for j := range w.jobs {
			if w.err() != nil {
				continue // drain: later batches are not written after a failure
			}
			res, err := writeBatchWith(path, j.docs, opt, wait, stderr)
			w.mu.Lock()
			if err != nil {
				w.fail = fmt.Errorf("loading files %d–%d: %w (the batch was rolled back; earlier batches are kept; rerun to complete)", j.from, j.to, err)
			} else {
				w.total.Added += res.Added
				w.total.Unchanged += res.Unchanged
				w.total.Reparsed += res.Reparsed
				w.total.Superseded += res.Superseded
				slog.Info("batch loaded", "batch", res.BatchID, "added", res.Added, "unchanged", res.Unchanged, "reparsed", res.Reparsed, "superseded", res.Superseded)
			}
			w.mu.Unlock()
		}
	}()
	return w
}

func (w *batchWriter) write(docs []warehouse.Document, from, to int) {
	if len(docs) > 0 {
		w.jobs <- batchJob{docs, from, to}
	}
}

func (w *batchWriter) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fail
}

// close waits for the last batch and returns the totals.
func (w *batchWriter) close() (warehouse.LoadResult, error) {
	close(w.jobs)
	<-w.done
	return w.total, w.fail
}

// writeBatch opens the database, loads one batch and closes it again.
func writeBatch(path string, docs []warehouse.Document, wait time.Duration, stderr io.Writer) (warehouse.LoadResult, error) {
	return writeBatchWith(path, docs, warehouse.LoadOptions{}, wait, stderr)
}

// writeBatchWith is writeBatch with load options (Reparse).
func writeBatchWith(path string, docs []warehouse.Document, opt warehouse.LoadOptions, wait time.Duration, stderr io.Writer) (warehouse.LoadResult, error) {
	w, err := openDB(path, false, wait, stderr)
	if err != nil {
		return warehouse.LoadResult{}, err
	}
	res, err := w.LoadWith(context.Background(), docs, opt)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return res, err
}

// collectFiles expands directories recursively, in a stable order.
func collectFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && loadExts[strings.ToLower(filepath.Ext(path))] {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// rawFile is one file's bytes and their sha256.
type rawFile struct {
	name string
	data []byte
	sum  string
}

// readFiles reads and hashes files; a file that cannot be read is an error
// naming it.
func readFiles(names []string) ([]rawFile, []error) {
	var out []rawFile
	var bad []error
	for _, name := range names {
		data, err := readLimited(name, parse.DefaultMaxBytes+1)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		sum := sha256.Sum256(data)
		out = append(out, rawFile{name, data, hex.EncodeToString(sum[:])})
	}
	return out, bad
}

// knownFiles says which files are already stored, by sha256: one pass
// that reads and hashes every file (keeping no bytes), then one short
// read-only look at the database (none when it does not exist yet).
func knownFiles(path string, files []string, wait time.Duration, stderr io.Writer) (map[string]bool, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	var sums []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue // reported when the batch reads it
		}
		h := sha256.New()
		_, err = io.Copy(h, io.LimitReader(f, parse.DefaultMaxBytes+1))
		f.Close()
		if err == nil {
			sums = append(sums, hex.EncodeToString(h.Sum(nil)))
		}
	}
	r, err := openDB(path, true, wait, stderr)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Known(context.Background(), sums)
}

// parseFiles parses files on every core, keeping their order.
func parseFiles(files []rawFile, site string, prog *progress) ([]warehouse.Document, []error) {
	docs := make([]*warehouse.Document, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], errs[i] = parseDocument(files[i], site)
				if errs[i] == nil {
					prog.step()
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []warehouse.Document
	var bad []error
	for i := range files {
		if errs[i] != nil {
			bad = append(bad, errs[i])
		} else {
			out = append(out, *docs[i])
		}
	}
	return out, bad
}

// parseDocument parses one file into a document with its hash and file:// URL.
func parseDocument(f rawFile, site string) (*warehouse.Document, error) {
	rep, err := parse.Parse(f.data, parse.Options{Name: f.name})
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(f.name)
	if err != nil {
		abs = f.name
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return &warehouse.Document{Report: rep, SHA256: f.sum, SourceURL: u.String(), SiteCode: site}, nil
}

// progress prints "parsed n/N" on a terminal only; logs and pipes stay clean.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	n, of int
	last  time.Time
}

func newProgress(w io.Writer, of int) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, of: of, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) step() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if time.Since(p.last) > 100*time.Millisecond || p.n == p.of {
		fmt.Fprintf(p.w, "\rparsed %d/%d files", p.n, p.of)
		p.last = time.Now()
	}
}

func (p *progress) done() {
	if p.on && p.n > 0 {
		fmt.Fprintln(p.w)
	}
}
