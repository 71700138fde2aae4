package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// runRun is `disclosure run`: one nightly pass by hand. The exit code says
// whether the run completed; sites that failed are in its report.
func runRun(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := runConfig{trigger: "run"}
	cfg.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure run [--sites FILE] [--delay D] [--parallel N] [--db PATH] [--data DIR] [--user-agent S] [--batch N] [--log text|json]")
		fmt.Fprintln(stderr, "Crawl every enabled site, parse and load what is new or changed, and record a run report (tables runs, run_sites, run_alerts).")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := cfg.setup(stderr); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once
	}()
	res, err := runPass(ctx, &cfg, stderr)
	if res != nil {
		if werr := writeRunReport(stdout, res, *cfg.db); werr != nil {
			err = errors.Join(err, werr)
		}
	}
	return err
}
