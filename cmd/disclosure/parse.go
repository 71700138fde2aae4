package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func parseCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "parse FILE…|-",
		Short: "parse saved reports (files or - for stdin), print one JSON object per report",
		Long: `Parse saved reports (HTML pages, text, Word, PDF; the form is decided from the content) and print
one JSON object per report. A file that cannot be parsed is named on stderr with the reason;
the others are still printed, and the exit code says one failed.`,
		Example: "  disclosure parse report.html | jq '.values[] | select(.section==\"requests\")'\n  curl -s https://example.gov.cn/nb.html | disclosure parse - | jq .checks",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("no files given (use - for standard input)")}
			}
			enc := json.NewEncoder(c.OutOrStdout())
			enc.SetEscapeHTML(false)
			failed := 0
			for _, name := range args {
				rep, err := pipeline.ParseFile(name, c.InOrStdin())
				if err != nil {
					fmt.Fprintln(c.ErrOrStderr(), err)
					failed++
					continue
				}
				if err := enc.Encode(rep); err != nil {
					return err
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d files could not be parsed", failed, len(args))
			}
			return nil
		},
	}
	acceptDBFlag(c.Flags())
	return c
}
