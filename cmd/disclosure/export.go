package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
	"disclosure/queries"
	"disclosure/warehouse"
)

func exportCommand() *cobra.Command {
	var store pipeline.Store
	var opt warehouse.ExportOptions
	var query string
	var params []string
	c := &cobra.Command{
		Use:   "export --out DIR",
		Short: "write tables and views, or a query, as CSV (--excel) and Parquet with a data dictionary",
		Long: `Write every public table and view, or one query, as CSV (--excel: UTF-8 with BOM and CRLF,
which Excel on a Chinese Windows opens correctly) and, with --parquet, Parquet, with
dictionary.csv (every column) and keys.csv (every canonical key) beside them.`,
		Example: "  disclosure export --out exports/ --excel --parquet\n  disclosure export --out exports/ --query rank --param year=2023 --excel",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opt.Dir == "" {
				return usageError{errors.New("--out DIR is required")}
			}
			if opt.PartitionBy != "" {
				opt.Parquet = true
			}
			if query != "" {
				given, err := queries.ParseParams(params)
				if err != nil {
					return usageError{err}
				}
				text, qargs, err := queries.Resolve(query, given)
				if err != nil {
					return usageError{err}
				}
				opt.Query, opt.Args, opt.Name = text, qargs, "query"
				if text != query {
					opt.Name = query // a named query: NAME.csv
				}
			} else if len(params) > 0 {
				return usageError{errors.New("--param needs --query NAME")}
			}
			prog, logs := newProgress(c.ErrOrStderr())
			store.Log = logs
			stop := spin(prog, "export")
			var files []string
			err := store.Read(func(db *warehouse.DB) error {
				var err error
				files, err = db.Export(context.Background(), opt)
				return err
			})
			stop()
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(c.OutOrStdout(), f)
			}
			fmt.Fprintf(c.OutOrStdout(), "%d files written; dictionary.csv describes every column, keys.csv every canonical key, manifest.json the files and where they came from.\n", len(files))
			return nil
		},
	}
	fs := c.Flags()
	dbFlag(fs, &store.DB)
	waitFlag(fs, &store.Wait)
	fs.StringVar(&opt.Dir, "out", "", "directory to write into (created if missing)")
	fs.StringVar(&query, "query", "", "export only this SQL or named query")
	fs.BoolVar(&opt.Excel, "excel", false, "CSV for Excel: UTF-8 with BOM and CRLF line ends")
	fs.BoolVar(&opt.Parquet, "parquet", false, "also write Parquet files")
	fs.BoolVar(&opt.Force, "force", false, "write into a folder that already holds files (manifest.json lists what this export wrote)")
	fs.StringVar(&opt.PartitionBy, "partition-by", "", "write Parquet partitioned by this column (year)")
	fs.StringArrayVar(&params, "param", nil, "a parameter of the named query as key=value (repeatable)")
	return c
}
