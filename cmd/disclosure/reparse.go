package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func reparseCommand() *cobra.Command {
	var store pipeline.Store
	var noLoad bool
	c := &cobra.Command{
		Use:   "reparse",
		Short: "parse every crawled document again from the raw store (no network) and load them",
		Long: `Parse every document the crawler ever stored again, from the raw store under --data, without
the network, and replace what the warehouse holds for them: a parser upgrade reaches every
past report.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			prog, logs := newProgress(c.ErrOrStderr())
			store.Log = logs
			ctx, stop := signalContext()
			defer stop()
			sum, err := pipeline.Reparse(ctx, store, noLoad, prog, c.OutOrStdout(), logs)
			if sum.Documents > 0 || err == nil {
				fmt.Fprintln(c.OutOrStdout(), sum)
			}
			return err
		},
	}
	storeFlags(c.Flags(), &store)
	c.Flags().BoolVar(&noLoad, "no-load", false, "parse and print, but do not load into the warehouse")
	return c
}
