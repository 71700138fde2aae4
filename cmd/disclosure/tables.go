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
		Short: "list the warehouse's tables and views, one line each (rows, what each holds)",
		Long: `List the warehouse's public tables and views, one line each: kind, rows, Chinese name and
what it holds. disclosure codebook (or dictionary.csv beside an export) describes every
column; warehouse/README.md how to compare like with like.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			store.Log = c.ErrOrStderr()
			tables, err := pipeline.Tables(store)
			if err != nil {
				return err
			}
			var rows [][]string
			for _, t := range tables {
				about := t.Description
				if about == "" {
					about = "columns: " + strings.Join(t.Columns, ", ")
				}
				rows = append(rows, []string{t.Name, t.Kind, strconv.FormatInt(t.Rows, 10), t.Label, about})
			}
			return texttable.WriteFit(c.OutOrStdout(), []string{"name", "kind", "rows", "中文", "what it holds"}, rows, terminalWidth(c.OutOrStdout()))
		},
	}
	dbFlag(c.Flags(), &store.DB)
	waitFlag(c.Flags(), &store.Wait)
	return c
}
