package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func loadCommand() *cobra.Command {
	var store pipeline.Store
	opt := pipeline.LoadOptions{Batch: pipeline.DefaultLoadBatch}
	var strict bool
	c := &cobra.Command{
		Use:   "load FILE|DIR…",
		Short: "parse saved reports (files or directories) and load them into the warehouse",
		Long: `Parse saved reports (files, or directories walked recursively) and load them into the
warehouse, one transaction per batch; a file that cannot be parsed is named and skipped, a
report without statistics is not loaded, and one without usable text (a scan, a PDF without a
text layer, a password) is recorded with its reason instead (disclosure query unreadable).
Files already loaded are not parsed again. The exit code is an error when no file could be
parsed, or with --strict when any could not.`,
		Example: "  disclosure load reports/ --site-code 420625",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("no files or directories given")}
			}
			prog, logs := newProgress(c.ErrOrStderr())
			store.Log, opt.Progress = logs, prog
			ctx, stop := signalContext()
			defer stop()
			sum, err := pipeline.Load(ctx, args, opt, store)
			for _, k := range sum.Skipped {
				fmt.Fprintf(c.ErrOrStderr(), "skipped %s\n", k.Err) // the error names the file and the reason
			}
			for _, e := range sum.Unreadable {
				fmt.Fprintf(c.ErrOrStderr(), "not loaded, %s\n", e) // "<file>: unreadable: image-only (…)"
			}
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			fmt.Fprintf(out, "%s. Database: %s\n", sum, store.DB)
			if opt.Reparse {
				fmt.Fprintf(out, "%d stored documents reparsed.\n", sum.Reparsed)
			}
			sum.WriteNotLoaded(out)
			if sum.Stopped {
				return errors.New("stopped before every file was read; what was loaded is kept: run the same load again to finish")
			}
			if len(sum.Skipped) > 0 && len(sum.Skipped) == sum.Files {
				return fmt.Errorf("none of the %d files could be parsed", sum.Files)
			}
			if strict && len(sum.Skipped) > 0 {
				return fmt.Errorf("%d of %d files could not be parsed", len(sum.Skipped), sum.Files)
			}
			return nil
		},
	}
	fs := c.Flags()
	dbFlag(fs, &store.DB)
	waitFlag(fs, &store.Wait)
	fs.IntVar(&opt.Batch, "batch", opt.Batch, "documents per transaction")
	fs.StringVar(&opt.SiteCode, "site-code", "", "六位代码 of the site the files came from, when known (helps resolve their place)")
	fs.BoolVar(&strict, "strict", false, "exit with an error when any file could not be parsed")
	fs.BoolVar(&opt.Reparse, "reparse", false, "parse files already loaded again and replace their parsed data (after a parser upgrade)")
	return c
}
