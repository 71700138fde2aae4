// Command disclosure turns 政府信息公开工作年度报告 into a comparable dataset.
//
// Usage: disclosure COMMAND [flags] [args]; see `disclosure help`.
package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// command is one subcommand: its name, one line of help, and what it runs.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"parse", "parse saved reports (files or - for stdin), print one JSON object per report", runParse},
		{"load", "parse saved reports (files or directories) and load them into the warehouse", runLoad},
		{"query", "run a named query (--list) or any SQL on the warehouse; --format table|csv|json", runQuery},
		{"export", "write tables and views, or a query, as CSV (--excel) and Parquet with a data dictionary", runExport},
		{"crawl", "discover and fetch the registered sites' reports (robots.txt, per-host pacing, incremental), parse and load them", runCrawl},
		{"reparse", "parse every crawled document again from the raw store (no network) and load them", runReparse},
		{"run", "one nightly pass: crawl every enabled site, parse and load what is new, record a run report with alerts", runRun},
		{"schedule", "run `run` on a cron spec (default 02:00 Asia/Shanghai) until stopped; JSON logs", runSchedule},
		{"demo", "serve sample county sites built from the bundled reports on loopback, crawl and load them, print a comparison", runDemo},
	}
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs one command and returns the process exit code.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(args[1:], stdout, stderr); err != nil {
				fmt.Fprintf(stderr, "disclosure %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "disclosure: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: disclosure COMMAND [flags] [args]")
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}

// parseNoArgs parses a command's flags and refuses arguments beyond them,
// for the commands that take flags only.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return nil
}
