package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strconv"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
	"disclosure/warehouse"
)

func correctCommand() *cobra.Command {
	var store pipeline.Store
	var in warehouse.CorrectionInput
	c := &cobra.Command{
		Use:   "correct REPORT SECTION ROW COL VALUE --note WHY",
		Short: "record a researcher's correction of one cell (kept apart from what the parser read)",
		Long: `Record the right value of one cell that the parser read wrong, or that the report printed
wrong: who, when, why and the value it replaces are kept in the table corrections. The views
and exports show the corrected value, flagged; reparse never loses it. REPORT is a report_id,
a source URL or a sha256 prefix; VALUE a number, or / for a blank cell.
'disclosure query corrections' lists them.`,
		Example: `  disclosure correct 17 requests new total 21 --note "PDF prints 21; the HTML copy reads 2l"`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 5 {
				return usageError{fmt.Errorf("want REPORT SECTION ROW COL VALUE, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if in.Note == "" {
				return usageError{errors.New("--note WHY is required: a correction says why")}
			}
			if in.By == "" {
				in.By = whoAmI()
			}
			in.Report, in.Section, in.Row, in.Col, in.Value = args[0], args[1], args[2], args[3], args[4]
			store.Log = c.ErrOrStderr()
			var res warehouse.CorrectionResult
			err := store.Write(func(db *warehouse.DB) error {
				var err error
				if res, err = db.Correct(context.Background(), in); err != nil {
					return err
				}
				_, err = db.PublishSnapshot(context.Background()) // analysts see it at once
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "correction %d recorded: report %d %s/%s/%s %s → %s\n", res.ID, res.ReportID,
				in.Section, in.Row, in.Col, number(res.Replaced), number(res.Value))
			if res.AlreadyParsed {
				fmt.Fprintln(c.OutOrStdout(), "settled: the parser already reads the cell this way")
			}
			return nil
		},
	}
	fs := c.Flags()
	dbFlag(fs, &store.DB)
	waitFlag(fs, &store.Wait)
	fs.StringVar(&in.Note, "note", "", "why the value is corrected (required)")
	fs.StringVar(&in.By, "by", "", "who corrects (default: the login name)")
	return c
}

// whoAmI is the login name, for corrections' corrected_by.
func whoAmI() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if s := os.Getenv("USER"); s != "" {
		return s
	}
	return "unknown"
}

// number prints a cell value, blank as /.
func number(x *float64) string {
	if x == nil {
		return "/"
	}
	return strconv.FormatFloat(*x, 'f', -1, 64)
}
