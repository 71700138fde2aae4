package main

import (
	"errors"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func runCommand() *cobra.Command {
	var f crawlFlags
	c := &cobra.Command{
		Use:   "run",
		Short: "one nightly pass: crawl every enabled site, parse and load what is new, record a run report with alerts",
		Long: `Crawl every enabled site, parse and load what is new or changed, and record a run report
(tables runs, run_sites, run_documents, run_alerts). The exit code says whether the run
completed; a site that failed is a line of its report.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop, logs, err := f.start(c)
			if err != nil {
				return err
			}
			defer stop()
			res, err := pipeline.RunPass(ctx, "run", f.opt, f.store, logs)
			if res != nil {
				if werr := pipeline.WriteRunReport(c.OutOrStdout(), res, f.store.DB); werr != nil {
					err = errors.Join(err, werr)
				}
			}
			return err
		},
	}
	f.register(c.Flags())
	return c
}
