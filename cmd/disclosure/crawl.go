package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func crawlCommand() *cobra.Command {
	var f crawlFlags
	c := &cobra.Command{
		Use:   "crawl",
		Short: "discover and fetch the registered sites' reports (robots.txt, per-host pacing, incremental), parse and load them",
		Long: `Discover and fetch the registered sites' reports: robots.txt obeyed, one request per host
every --delay, incremental (an unchanged site downloads nothing). Every document is kept under
--data by its sha256; every new or changed report is parsed (one line each on stdout) and loaded.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop, logs, err := f.start(c)
			if err != nil {
				return err
			}
			defer stop()
			sum, err := pipeline.Crawl(ctx, f.opt, f.store, c.OutOrStdout(), logs)
			fmt.Fprintln(c.OutOrStdout(), sum)
			return err
		},
	}
	f.register(c.Flags())
	return c
}
