package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
	"disclosure/queries"
)

func queryCommand() *cobra.Command {
	var store pipeline.Store
	var format string
	var list bool
	var maxRows int
	var params []string
	c := &cobra.Command{
		Use:   "query SQL|NAME",
		Short: "run a named query (--list) or any SQL on the warehouse; --format table|csv|json",
		Long: `Run a named query (disclosure query --list; disclosure query help NAME) or any SQL on the
warehouse, read-only. Named queries take --param key=value; tables fit the terminal's width
(long cells cut with …), csv and json carry every value in full.`,
		Example: "  disclosure query rank --param prefecture=襄阳 --param year=2023\n  disclosure query \"SELECT * FROM requests_summary\" --format csv > summary.csv",
		RunE: func(c *cobra.Command, args []string) error {
			if list {
				return listQueries(c)
			}
			if len(args) == 2 && args[0] == "help" {
				return queryHelp(c, args[1])
			}
			if len(args) != 1 {
				return usageError{fmt.Errorf("give one SQL statement or query name (see --list)")}
			}
			given, err := queries.ParseParams(params)
			if err != nil {
				return usageError{err}
			}
			text, qargs, err := queries.Resolve(args[0], given)
			if err != nil {
				return usageError{err}
			}
			out, err := queries.NewWriter(format, c.OutOrStdout(), maxRows, terminalWidth(c.OutOrStdout()))
			if err != nil {
				return usageError{err}
			}
			store.Log = c.ErrOrStderr()
			db, err := store.Open(true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Sandbox(context.Background()); err != nil {
				return err
			}
			rows, err := db.SQL().QueryContext(context.Background(), text, qargs...)
			if err != nil {
				return err
			}
			defer rows.Close()
			if err := queries.WriteRows(out, rows); err != nil {
				return err
			}
			return sayFiltered(c, db.SQL(), args[0], given)
		},
	}
	fs := c.Flags()
	dbFlag(fs, &store.DB)
	waitFlag(fs, &store.Wait)
	fs.StringVar(&format, "format", "table", "output: table, csv or json")
	fs.BoolVar(&list, "list", false, "list the named queries with their parameters")
	fs.IntVar(&maxRows, "max-rows", 10000, "table format: show at most this many rows (csv and json stream every row)")
	fs.StringArrayVar(&params, "param", nil, "a parameter of the named query as key=value (repeatable)")
	return c
}

// sayFiltered tells, on stderr, how many rows a named query's defaults
// left out and which --param shows them.
func sayFiltered(c *cobra.Command, db queries.Queryer, name string, given map[string]string) error {
	q, ok, err := queries.Get(name)
	if err != nil || !ok {
		return err
	}
	notes, err := q.Filtered(context.Background(), db, given)
	for _, n := range notes {
		fmt.Fprintln(c.ErrOrStderr(), "note:", n)
	}
	return err
}

// listQueries prints every named query with its help.
func listQueries(c *cobra.Command) error {
	qs, err := queries.All()
	if err != nil {
		return err
	}
	w := c.OutOrStdout()
	for i, q := range qs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, q.Usage())
	}
	fmt.Fprintln(w, "\nRun one: disclosure query NAME [--param key=value]… [--format table|csv|json]; its columns: disclosure query help NAME")
	return nil
}

// queryHelp prints one named query's help.
func queryHelp(c *cobra.Command, name string) error {
	q, ok, err := queries.Get(name)
	if err != nil {
		return err
	}
	if !ok {
		return usageError{fmt.Errorf("no named query %q (see disclosure query --list)", name)}
	}
	w := c.OutOrStdout()
	fmt.Fprint(w, q.Usage())
	cols, err := pipeline.QueryColumns(q)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "  columns:")
	for _, col := range cols {
		fmt.Fprintf(w, "    %-28s %s\n", col.Name, col.Type)
	}
	return nil
}
