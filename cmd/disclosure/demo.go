package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// samples are real reports as published (the body of each corpus file), the
// bundled data the demo's county sites serve.
//
//go:embed samples
var samples embed.FS

// runDemo is `disclosure demo` (and `make demo`): the whole pipeline on
// this machine, without the network. It serves county sites built from the
// bundled reports on loopback ports, runs two nightly passes over them into
// a fresh database (the second night a report is published, one corrected
// and one taken down), prints a cross-county comparison and exports the
// data for Excel and as Parquet.
func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "out", "directory for the database (demo.duckdb), the crawl data and the exports; emptied first")
	dbPath := fs.String("db", "", "the demo's database (default: demo.duckdb in --out); an existing one is replaced only if a demo wrote it")
	delay := fs.Duration("delay", 200*time.Millisecond, "interval between requests to one site (the sites' robots.txt asks for 0.2 s)")
	serve := fs.Bool("serve", false, "keep the sites up afterwards, to crawl them yourself; Ctrl-C ends")
	verbose := fs.Bool("v", false, "log every request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure demo [--out DIR] [--db PATH] [--serve] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	paths := demoPaths(*out)
	if *dbPath != "" {
		if err := mayReplace(*dbPath, stderr); err != nil {
			return err
		}
		paths.db = *dbPath
	}
	if err := freshDemoDir(paths); err != nil {
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
	fmt.Fprintf(stdout, "Serving %d county sites built from the bundled reports, on loopback:\n", len(sites))
	var rows [][]string
	for _, s := range sites {
		rows = append(rows, []string{s.code + " " + s.name, s.sim.URL(s.path), s.layout})
	}
	writeTable(stdout, []string{"county", "registered URL", "what it shows"}, rows)

	cfg := demoConfig(paths, *delay, *verbose, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	for night := 1; night <= 2; night++ {
		if err := publishNight(sites, night); err != nil {
			return err
		}
		what := "first run: everything is new"
		if night == 2 {
			what = "the next night: one report published, one corrected, one taken down; the rest answers 304"
		}
		fmt.Fprintf(stdout, "\nNight %d (%s):\n", night, what)
		res, err := runPass(ctx, cfg, stderr)
		if res != nil {
			if night == 2 {
				writeRunReport(stdout, res, paths.db)
			} else {
				writeSitesTable(stdout, res)
			}
		}
		if err != nil {
			return err
		}
	}

	fmt.Fprintln(stdout, "\nCross-county comparison (view requests_summary, current report versions; — = not printed in the bundled excerpt):")
	n, err := writeComparison(stdout, paths.db, stderr)
	if err != nil {
		return err
	}
	files, err := exportDemo(paths, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
Database:  %s  (%d reports; disclosure query --db %s "SELECT * FROM requests_summary", or any DuckDB client)
Exports:   %s  (%d files: CSV for Excel, UTF-8 with BOM; Parquet; dictionary.csv explains every column)
Raw files: %s  (every document fetched, once, by sha256); the sites crawled: %s
Done in %s. Next: disclosure query --db %s alerts; your own sites: README, "A short tour".
`, paths.db, n, paths.db, paths.export, len(files), paths.data, paths.sites, time.Since(start).Round(100*time.Millisecond), paths.db)
	if err := checkDemo(paths.db, stderr); err != nil {
		return err
	}
	if *serve {
		fmt.Fprintf(stdout, "\nThe sites stay up until Ctrl-C. Crawl them yourself:\n  disclosure run --sites %s --db %s --data %s --delay 200ms\n", paths.sites, paths.db, paths.data)
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
// an empty database.
func freshDemoDir(p demoFiles) error {
	for _, f := range []string{p.db, p.db + ".wal", lockPath(p.db), p.data, p.export, p.sites} {
		if err := os.RemoveAll(f); err != nil {
			return err
		}
	}
	return os.MkdirAll(p.dir, 0o755)
}

// mayReplace refuses to let the demo empty a database it did not write
// (`disclosure demo --db disclosure.duckdb` must not wipe a warehouse).
func mayReplace(path string, stderr io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	db, err := openDB(path, true, time.Minute, stderr)
	if err == nil {
		defer db.Close()
		var demo, all int
		err = db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE trigger = 'demo'), count(*) FROM runs`).Scan(&demo, &all)
		if err == nil && demo > 0 && demo == all {
			return nil
		}
	}
	return fmt.Errorf("%s exists and was not written by the demo: choose another --db (the demo empties its database first)", path)
}

// demoConfig is `disclosure run --sites out/demo-sites.csv --db out/demo.duckdb …`.
func demoConfig(p demoFiles, delay time.Duration, verbose bool, stderr io.Writer) *runConfig {
	db := p.db
	cfg := &runConfig{trigger: "demo", delay: delay, parallel: 16, userAgent: "disclosure-demo/1.0 (+http://127.0.0.1/)",
		timeout: 10 * time.Second, maxBody: 32 << 20, batch: crawlBatch}
	cfg.crawlFlags = crawlFlags{sites: p.sites, db: &db, data: p.data, wait: time.Minute}
	// The demo's tables say what happened; the logs would only repeat it.
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	cfg.logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	return cfg
}

// writeSitesTable prints a run's per-site counts, briefly.
func writeSitesTable(w io.Writer, res *passResult) {
	var rows [][]string
	for _, s := range res.Sites {
		rows = append(rows, []string{s.Code + " " + s.Name, fmt.Sprint(s.Discovered), fmt.Sprint(s.New), fmt.Sprint(s.Loaded),
			fmt.Sprint(s.ChecksFailed), s.Duration.Round(10 * time.Millisecond).String(), s.Error})
	}
	writeTable(w, []string{"site", "reports found", "new", "loaded", "checks failed", "time", "error"}, rows)
	fmt.Fprintf(w, "run %d %s in %s\n", res.RunID, res.Status, res.Elapsed.Round(10*time.Millisecond))
}

// exportDemo is `disclosure export --excel --parquet`: every table and
// view as Excel CSV and Parquet, with the data dictionary. It returns the
// files written.
func exportDemo(p demoFiles, stderr io.Writer) ([]string, error) {
	var out bytes.Buffer
	if err := runExport([]string{"--db", p.db, "--out", p.export, "--excel", "--parquet"}, &out, stderr); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var files []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if strings.HasPrefix(l, p.export) {
			files = append(files, l)
		}
	}
	return files, nil
}

// errDemo says the demo ran but did not find what the bundled reports hold.
var errDemo = errors.New("demo: the comparison lacks the seed report's row (伊宁县人民政府 2023, 0 applications): the pipeline is broken")

// checkDemo makes `make demo` fail when the pipeline lost the seed report.
func checkDemo(path string, stderr io.Writer) error {
	db, err := openDB(path, true, time.Minute, stderr)
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
