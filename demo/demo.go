package demo

import (
	"context"
	"disclosure/internal/buildinfo"
	"disclosure/internal/texttable"
	"disclosure/pipeline"
	"disclosure/warehouse"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Options are the settings of `disclosure demo`.
type Options struct {
	Out     string        // directory for the database, the crawl data and the exports; an earlier demo's there are removed first
	DB      string        // the demo's database; "": demo.duckdb in Out (an existing one is replaced only if a demo wrote it)
	Delay   time.Duration // interval between requests to one site
	Serve   bool          // keep the sites up afterwards, until ctx ends
	Verbose bool          // log every request
	// Pages, with Serve, serves the web pages over the demo's database and
	// data until ctx ends (cmd wires disclosure serve here).
	Pages func(ctx context.Context, db, data string) error
}

// Run is `disclosure demo` (and `make demo`): the whole pipeline on this
// machine, without the network. It serves county sites built from the
// bundled reports on loopback ports, runs two nightly passes over them into
// a fresh database (the second night a report is published, one corrected
// and one taken down), prints a cross-county comparison and exports the
// data for Excel and as Parquet.
func Run(ctx context.Context, o Options, stdout, stderr io.Writer) error {
	start := time.Now()
	paths := demoPaths(o.Out)
	if o.DB != "" {
		paths.db = o.DB
	}
	if err := freshDemoDir(paths, stderr); err != nil {
		return err
	}
	sites, err := startDemoSites()
	if err != nil {
		return err
	}
	defer stopDemoSites(sites)
	if err := writeSitesFile(paths.sites, sites); err != nil {
		return err
	}
	bi := buildinfo.Read()
	fmt.Fprintf(stdout, "disclosure %s (commit %.12s, built %s), DuckDB %s\n\n", bi.Version, bi.Commit, bi.Date, pipeline.DuckDBVersion())
	fmt.Fprintf(stdout, "Serving %d county sites built from the bundled reports, on loopback:\n", len(sites))
	var rows [][]string
	for _, s := range sites {
		rows = append(rows, []string{s.code + " " + s.name, s.sim.URL(s.path), s.layout})
	}
	texttable.Write(stdout, []string{"county", "registered URL", "what it shows"}, rows)

	opts, store := demoConfig(paths, o.Delay, o.Verbose, stderr)
	for night := 1; night <= 2; night++ {
		if err := publishNight(sites, night); err != nil {
			return err
		}
		what := "first run: everything is new"
		if night == 2 {
			what = "the next night: one report published, one corrected, one taken down; the rest answers 304"
		}
		fmt.Fprintf(stdout, "\nNight %d (%s):\n", night, what)
		res, err := pipeline.RunPass(ctx, "demo", opts, store, stderr)
		if res != nil {
			if night == 2 {
				pipeline.WriteRunReport(stdout, res, paths.db)
			} else {
				writeSitesTable(stdout, res)
			}
		}
		if err != nil {
			return err
		}
	}

	fmt.Fprintln(stdout, "\nCross-county comparison (view requests_summary, current report versions; — = not printed in the bundled excerpt):")
	n, err := writeComparison(stdout, store)
	if err != nil {
		return err
	}
	files, err := exportDemo(paths, store)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
Database:  %s  (%d reports; disclosure query --db %s "SELECT * FROM requests_summary", or any DuckDB client)
Exports:   %s  (%d files: CSV for Excel, UTF-8 with BOM; Parquet; dictionary.csv explains every column)
Raw files: %s  (every document fetched, once, by sha256); the sites crawled: %s
Done in %s. Next: disclosure query --db %s alerts; your own sites: README, "A short tour".
`, paths.db, n, paths.db, paths.export, len(files), paths.data, paths.sites, time.Since(start).Round(100*time.Millisecond), paths.db)
	if err := checkDemo(store); err != nil {
		return err
	}
	if o.Serve {
		fmt.Fprintf(stdout, "\nThe sites stay up until Ctrl-C. Crawl them yourself:\n  disclosure run --sites %s --db %s --data %s --delay 200ms\n", paths.sites, paths.db, paths.data)
		if o.Pages != nil {
			return o.Pages(ctx, paths.db, paths.data)
		}
		<-ctx.Done()
	}
	return nil
}

// demoFiles are where the demo writes.
type demoFiles struct {
	dir, db, data, export, sites string
}

func demoPaths(dir string) demoFiles {
	return demoFiles{dir: dir, db: filepath.Join(dir, "demo.duckdb"), data: filepath.Join(dir, "demo-data"),
		export: filepath.Join(dir, "export"), sites: filepath.Join(dir, "demo-sites.csv")}
}

// freshDemoDir removes what an earlier demo left, so every demo starts from
// an empty database, and nothing else: a database the demo did not write
// is refused (mayReplace), and so are a data folder, an export folder or
// a sites file beside no demo database (they could be a user's own).
func freshDemoDir(p demoFiles, stderr io.Writer) error {
	if err := mayReplace(p.db, stderr); err != nil {
		return err
	}
	if _, err := os.Stat(p.db); err != nil {
		for _, f := range []string{p.data, p.export, p.sites} {
			if empty, err := isEmpty(f); err == nil && !empty {
				return fmt.Errorf("%s exists beside no demo database (%s): the demo would replace it; choose another --out, or remove it", f, p.db)
			}
		}
	}
	for _, f := range []string{p.db, p.db + ".wal", pipeline.LockPath(p.db), warehouse.SnapshotPath(p.db), p.data, p.export, p.sites} {
		if err := os.RemoveAll(f); err != nil {
			return err
		}
	}
	return os.MkdirAll(p.dir, 0o755)
}

// isEmpty says whether path is an empty folder or file (err: it is not there).
func isEmpty(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return st.Size() == 0, nil
	}
	entries, err := os.ReadDir(path)
	return len(entries) == 0, err
}

// mayReplace refuses to let the demo empty a database it did not write
// (`disclosure demo --db disclosure.duckdb` must not wipe a warehouse).
func mayReplace(path string, stderr io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	db, err := pipeline.Store{DB: path, Wait: time.Minute, Log: stderr}.Open(true)
	if err == nil {
		defer db.Close()
		var demo, all int
		err = db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE trigger = 'demo'), count(*) FROM runs`).Scan(&demo, &all)
		if err == nil && demo > 0 && demo == all {
			return nil
		}
	}
	return fmt.Errorf("%s exists and was not written by the demo: choose another --db or --out (the demo empties its database first)", path)
}

// demoConfig is `disclosure run --sites out/demo-sites.csv --db out/demo.duckdb …`.
func demoConfig(p demoFiles, delay time.Duration, verbose bool, stderr io.Writer) (pipeline.CrawlOptions, pipeline.Store) {
	o := pipeline.DefaultCrawlOptions()
	o.Sites, o.Delay, o.UserAgent, o.Timeout = p.sites, delay, "disclosure-demo/1.0 (+http://127.0.0.1/)", 10*time.Second
	// The demo's tables say what happened; the logs would only repeat it.
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	o.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	return o, pipeline.Store{DB: p.db, Data: p.data, Wait: time.Minute, Log: stderr}
}

// writeSitesTable prints a run's per-site counts, briefly.
func writeSitesTable(w io.Writer, res *pipeline.PassResult) {
	var rows [][]string
	for _, s := range res.Sites {
		platform := s.Platform
		if platform == "" {
			platform = "static"
		}
		rows = append(rows, []string{s.Code + " " + s.Name, platform, fmt.Sprint(s.Discovered), fmt.Sprint(s.New), fmt.Sprint(s.Loaded),
			fmt.Sprint(s.ChecksFailed), s.Duration.Round(10 * time.Millisecond).String(), s.Error})
	}
	texttable.Write(w, []string{"site", "platform", "reports found", "new", "loaded", "checks failed", "time", "error"}, rows)
	fmt.Fprintf(w, "run %d %s in %s\n", res.RunID, res.Status, res.Elapsed.Round(10*time.Millisecond))
}

// exportDemo is `disclosure export --excel --parquet`: every table and
// view as Excel CSV and Parquet, with the data dictionary. It returns the
// files written.
func exportDemo(p demoFiles, store pipeline.Store) ([]string, error) {
	var files []string
	err := store.Read(func(db *warehouse.DB) error {
		var err error
		files, err = db.Export(context.Background(), warehouse.ExportOptions{Dir: p.export, Excel: true, Parquet: true})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return files, nil
}

// errDemo says the demo ran but did not find what the bundled reports hold.
var errDemo = errors.New("demo: the comparison lacks the seed report's row (伊宁县人民政府 2023, 0 applications): the pipeline is broken")

// checkDemo makes `make demo` fail when the pipeline lost the seed report.
func checkDemo(store pipeline.Store) error {
	db, err := store.Open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	err = db.SQL().QueryRow(`SELECT count(*) FROM requests_summary
		WHERE jurisdiction_code = '654021' AND year = 2023 AND received = 0 AND checks_failed = 0`).Scan(&n)
	if err != nil {
		return err
	}
	if n != 1 {
		return errDemo
	}
	return nil
}
