package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"disclosure/internal/texttable"
	"disclosure/pipeline"
)

func tablesCommand() *cobra.Command {
	var store pipeline.Store
	c := &cobra.Command{
		Use:   "tables",
		Short: "list the warehouse's tables and views, one line each (rows, columns)",
		Long: `List the warehouse's public tables and views, one line each: kind, rows and columns.
dictionary.csv (disclosure export) describes every column; warehouse/README.md how to compare
like with like.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			store.Log = c.ErrOrStderr()
			tables, err := pipeline.Tables(store)
			if err != nil {
				return err
			}
			var rows [][]string
			for _, t := range tables {
				rows = append(rows, []string{t.Name, t.Kind, strconv.FormatInt(t.Rows, 10), strings.Join(t.Columns, ", ")})
			}
			return texttable.WriteFit(c.OutOrStdout(), []string{"name", "kind", "rows", "columns"}, rows, terminalWidth(c.OutOrStdout()))
		},
	}
	dbFlag(c.Flags(), &store.DB)
	waitFlag(c.Flags(), &store.Wait)
	return c
}
