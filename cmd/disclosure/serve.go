package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"disclosure/web"
)

func serveCommand() *cobra.Command {
	var opt web.Options
	c := &cobra.Command{
		Use:   "serve",
		Short: "serve pages that compare counties and show each report beside its source (loopback by default)",
		Long: `Serve the warehouse as web pages: compare divisions on a measure, follow one county across
the years, read a report's tables beside its source, see coverage and the last runs, and download
exactly what a page shows (CSV for Excel, Parquet, manifest). It reads the read-only snapshot
beside the database when there is one (so it never blocks the nightly run), else the database
read-only. Bound to 127.0.0.1 unless --addr says otherwise (a warning is printed).`,
		Example: "  disclosure serve --db disclosure.duckdb --data data\n  disclosure serve --addr 127.0.0.1:9000",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signalContext()
			defer stop()
			return servePages(ctx, opt, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	fs := c.Flags()
	dbFlag(fs, &opt.DB)
	fs.StringVar(&opt.Data, "data", envOr("DISCLOSURE_DATA", "data"), "data directory whose raw/ holds the stored documents ($DISCLOSURE_DATA)")
	fs.StringVar(&opt.Addr, "addr", web.DefaultAddr, "listen address (host:port); another interface than loopback prints a warning")
	fs.DurationVar(&opt.QueryTimeout, "timeout", 10*time.Second, "time limit for one request's queries")
	fs.IntVar(&opt.MaxRows, "max-rows", 5000, "most rows a page or endpoint returns")
	return c
}

// servePages serves until ctx ends, printing the URL.
func servePages(ctx context.Context, opt web.Options, stdout, stderr io.Writer) error {
	opt.Log = slog.New(slog.NewTextHandler(stderr, nil))
	s, err := web.New(opt)
	if err != nil {
		return err
	}
	defer s.Close()
	l, err := web.Listen(opt.Addr, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Pages over %s at http://%s/compare (Ctrl-C stops)\n", s.DatabasePath(), l.Addr())
	return s.Serve(ctx, l)
}
