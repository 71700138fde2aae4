// Package pdftext reads the text layer of a PDF: every character with its
// box and every straight path segment (a table's ruling lines), page by
// page, as parse.Page values for parse.ParseLayout.
//
// It runs PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium,
// wazero): pure Go, nothing to install. Compiling the module costs ~15 s and
// ~300 MB, so a process keeps ONE pool (Shared) and wazero keeps the compiled
// code in a cache on disk (DefaultCacheDir), which a warm process loads in
// well under a second.
//
// Files: pool.go (the process-wide pool and its cache), extract.go (one
// document → pages), objects.go (path objects → rules), render.go (one page
// → a PNG, for people to see where a value was printed).
package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Options configure the process's pool; only the first Configure or Shared
// call decides them.
type Options struct {
	// CacheDir holds wazero's compiled code. "" means DefaultCacheDir();
	// NoCache turns the cache off (every process compiles afresh).
	CacheDir string
	NoCache  bool
	// Workers bounds the documents read at once; 0 means GOMAXPROCS.
	Workers int
	// Timeout bounds one document's extraction; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxPages bounds the pages read from one document; 0 means DefaultMaxPages.
	MaxPages int
}

// Defaults. A report is 5–20 pages; a hostile file must not hold a worker
// for long, and PDFium's wasm heap is capped so a declared 1 GB stream
// fails to allocate instead of taking the machine's memory.
const (
	DefaultTimeout  = 60 * time.Second
	DefaultMaxPages = 300
	memoryLimitMiB  = 512
)

// normal spells out the defaults, so equal settings compare equal.
func (o Options) normal() Options {
	if o.NoCache {
		o.CacheDir = ""
	} else if o.CacheDir == "" {
		o.CacheDir = DefaultCacheDir()
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	return o
}

// DefaultCacheDir is <user cache dir>/disclosure/wazero, or a directory
// under the temp dir when the user has no cache dir.
func DefaultCacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	return filepath.Join(base, "disclosure", "wazero")
}

// Extractor reads PDFs with a pool of PDFium instances.
type Extractor struct {
	pool pdfium.Pool
	opt  Options
}

var shared struct {
	sync.Mutex
	opt  *Options
	ex   *Extractor
	err  error
	done bool
}

// Configure sets the options Shared will use. Once the pool exists it
// accepts the same options again (a process running several commands) and
// refuses different ones.
func Configure(opt Options) error {
	shared.Lock()
	defer shared.Unlock()
	if shared.done {
		// Options that mean the same (the default cache dir named or left
		// out) are the same: a process that read a PDF before its command
		// line was parsed (an in-process test, the demo) may go on.
		started := Options{}
		if shared.opt != nil {
			started = *shared.opt
		}
		if started.normal() == opt.normal() {
			return nil
		}
		return errors.New("pdftext: the PDF reader is already running with other options")
	}
	shared.opt = &opt
	return nil
}

// Shared returns the process's pool, starting it on first use (the slow
// step: compiling, or loading the compiled module from the cache).
func Shared() (*Extractor, error) {
	shared.Lock()
	defer shared.Unlock()
	if !shared.done {
		opt := Options{}
		if shared.opt != nil {
			opt = *shared.opt
		}
		shared.ex, shared.err = New(opt)
		shared.done = true
	}
	return shared.ex, shared.err
}

// compilationCache opens (creating) the compiled-code cache in dir.
func compilationCache(dir string) (wazero.CompilationCache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return wazero.NewCompilationCacheWithDir(dir)
}

// New starts a pool of its own; most callers want Shared.
func New(opt Options) (*Extractor, error) {
	opt = opt.normal()
	rc := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to wasm exceptions.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(memoryLimitMiB * 16). // 64 KiB pages
		WithCloseOnContextDone(true)               // so a timeout can stop a call
	if opt.CacheDir != "" {
		// The cache only saves time: a directory it cannot use (a file by
		// that name, no permission) is said once, and PDFs are read
		// without it, rather than every PDF refused for it.
		cache, err := compilationCache(opt.CacheDir)
		if err != nil {
			slog.Warn("pdftext: the compilation cache cannot be used; PDFium is compiled again in every process (~20 s)", "cache", opt.CacheDir, "err", err)
		} else {
			rc = rc.WithCompilationCache(cache)
		}
	}
	start := time.Now()
	pool, err := webassembly.Init(webassembly.Config{
		Context:       context.Background(),
		MinIdle:       0,
		MaxIdle:       opt.Workers,
		MaxTotal:      opt.Workers,
		RuntimeConfig: rc,
		// No file system: documents are passed as bytes.
		FSConfig:     wazero.NewFSConfig(),
		Stdout:       io.Discard,
		Stderr:       io.Discard,
		ReuseWorkers: true,
	})
	if err != nil {
		return nil, fmt.Errorf("pdftext: starting PDFium: %w", err)
	}
	slog.Debug("pdftext: PDFium ready", "took", time.Since(start), "cache", opt.CacheDir)
	return &Extractor{pool: pool, opt: opt}, nil
}

// Close releases the pool.
func (e *Extractor) Close() error { return e.pool.Close() }
