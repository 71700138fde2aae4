package main

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"disclosure/demo"
	"disclosure/web"
)

func demoCommand() *cobra.Command {
	var opt demo.Options
	var pagesAddr string
	c := &cobra.Command{
		Use:   "demo",
		Short: "serve sample county sites built from the bundled reports on loopback, crawl and load them, print a comparison",
		Long: `Serve nine county sites (two on the Hanweb and gkmlpt platforms) built from the bundled reports on loopback ports, crawl them twice as
two nightly runs into a fresh database, print the first run's sites, the second run's report
with its alerts and a cross-county comparison, and export the data. No network needed.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signalContext()
			defer stop()
			opt.Pages = func(ctx context.Context, db, data string) error {
				return servePages(ctx, web.Options{DB: db, Data: data, Addr: pagesAddr}, c.OutOrStdout(), c.ErrOrStderr())
			}
			return demo.Run(ctx, opt, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	fs := c.Flags()
	fs.StringVar(&opt.Out, "out", "out", "directory for the database (demo.duckdb), the crawl data and the exports; an earlier demo's there are removed first")
	fs.StringVar(&opt.DB, "db", "", "the demo's database (default: demo.duckdb in --out); an existing one is replaced only if a demo wrote it")
	fs.DurationVar(&opt.Delay, "delay", 200*time.Millisecond, "interval between requests to one site (the sites' robots.txt asks for 0.2 s)")
	fs.BoolVar(&opt.Serve, "serve", false, "keep the sites up afterwards, to crawl them yourself, and serve the pages (disclosure serve) over the snapshot the demo's runs publish, so a run by hand is not blocked; Ctrl-C ends")
	fs.StringVar(&pagesAddr, "addr", web.DefaultAddr, "with --serve: where the pages listen")
	fs.BoolVarP(&opt.Verbose, "verbose", "v", false, "log every request")
	return c
}
