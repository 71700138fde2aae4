package main

import (
	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func showCommand() *cobra.Command {
	var store pipeline.Store
	var raw bool
	c := &cobra.Command{
		Use:   "show REPORT",
		Short: "show one stored report: identity, source, its tables as printed, failed checks, warnings",
		Long: `Show one stored report: its identity, source URL, stored file, publisher kind and division,
then its tables laid out as printed (rows × columns, blanks blank, corrected cells marked *),
the checks that failed with their numbers, and the warnings. REPORT is a report_id, a source
URL (its current version) or a sha256 prefix; --raw shows the printed text of each cell.`,
		Example: "  disclosure show 17\n  disclosure show 3fa2c9 --raw",
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			store.Log = c.ErrOrStderr()
			v, err := pipeline.ShowReport(store, args[0])
			if err != nil {
				return err
			}
			return v.Write(c.OutOrStdout(), raw, terminalWidth(c.OutOrStdout()))
		},
	}
	dbFlag(c.Flags(), &store.DB)
	waitFlag(c.Flags(), &store.Wait)
	c.Flags().BoolVar(&raw, "raw", false, "show each cell's printed text instead of its value")
	return c
}
