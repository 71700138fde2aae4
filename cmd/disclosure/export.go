package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"disclosure/warehouse"
)

// runExport writes every public table and view, or one query, as CSV (and
// Parquet) with the data dictionary beside them.
func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "directory to write into (created if missing)")
	query := fs.String("query", "", "export only this SQL or named query")
	excel := fs.Bool("excel", false, "CSV for Excel: UTF-8 with BOM and CRLF line ends")
	parquet := fs.Bool("parquet", false, "also write Parquet files")
	partition := fs.String("partition-by", "", "write Parquet partitioned by this column (year)")
	wait := fs.Duration("wait", 2*time.Minute, "how long to wait while a load holds the database")
	params := paramFlag{}
	fs.Var(params, "param", "a parameter of the named query as key=value (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure export --out DIR [--db PATH] [--query SQL|NAME [--param k=v]…] [--excel] [--parquet] [--partition-by year]")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(pos) > 0 {
		fs.Usage()
		return errors.New("--out DIR is required, and nothing else is positional")
	}
	if *partition != "" {
		*parquet = true
	}
	opt := warehouse.ExportOptions{Dir: *out, Excel: *excel, Parquet: *parquet, PartitionBy: *partition}
	if *query != "" {
		text, qargs, err := resolveQuery(*query, params)
		if err != nil {
			return err
		}
		opt.Query, opt.Args, opt.Name = text, qargs, "query"
		if text != *query {
			opt.Name = *query // a named query: NAME.csv
		}
	}
	w, err := openDB(*db, true, *wait, stderr)
	if err != nil {
		return err
	}
	defer w.Close()
	files, err := w.Export(context.Background(), opt)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	fmt.Fprintf(stdout, "%d files written; dictionary.csv describes every column, keys.csv every canonical key.\n", len(files))
	return nil
}
