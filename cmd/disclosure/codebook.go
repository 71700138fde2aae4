package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
	"disclosure/warehouse"
)

func codebookCommand() *cobra.Command {
	var store pipeline.Store
	c := &cobra.Command{
		Use:   "codebook",
		Short: "print the codebook as Markdown: every table, view, column and canonical key in Chinese and English",
		Long: `Print the codebook as Markdown: every table and view of the warehouse, each column with its
type, Chinese label and English description, and every canonical key of the statistics.
Every export writes the same as dictionary.csv.`,
		Example: "  disclosure codebook > CODEBOOK.md",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			store.Log = c.ErrOrStderr()
			var book []warehouse.CodebookEntry
			read := func(db *warehouse.DB) error {
				var err error
				book, err = db.Codebook(context.Background())
				return err
			}
			var err error
			if store.Exists() {
				err = store.Read(read)
			} else {
				err = warehouse.WithScratch(read) // no database yet: the schema alone
			}
			if err != nil {
				return err
			}
			fmt.Fprint(c.OutOrStdout(), warehouse.CodebookMarkdown(book))
			return nil
		},
	}
	fs := c.Flags()
	dbFlag(fs, &store.DB)
	waitFlag(fs, &store.Wait)
	return c
}
