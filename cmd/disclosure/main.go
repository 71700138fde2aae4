// Command disclosure turns 政府信息公开工作年度报告 into a comparable dataset.
//
// This package only wires: each command is one file that declares its
// flags and calls the package that does the work (pipeline, demo,
// queries, warehouse, parse). See `disclosure help`.
package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ignoreBrokenPipes()
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// ignoreBrokenPipes lets a write to a closed pipe fail with EPIPE instead
// of killing the process: under "schedule … | tee", when tee is gone, the
// pass still finishes, is recorded, and releases the run lock.
func ignoreBrokenPipes() { signal.Ignore(syscall.SIGPIPE) }

// usageError is a command line that does not make sense: exit code 2.
type usageError struct{ error }

// dispatch runs one command line and returns the process exit code: 0
// done, 1 failed, 2 a command line that does not make sense.
func dispatch(args []string, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	c, err := root.ExecuteC()
	if err == nil || errors.Is(err, syscall.EPIPE) {
		return 0 // a closed pipe (query … | head) is the reader's choice, not a failure
	}
	name := "disclosure"
	if c != nil {
		name = c.CommandPath() // disclosure sites check, not disclosure check
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", c.CommandPath())
		return 2
	}
	return 1
}

// newRoot is the command tree.
func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "disclosure",
		Short: "turn 政府信息公开工作年度报告 into one comparable dataset",
		Long: `disclosure crawls county government sites for their 政府信息公开工作年度报告
(annual disclosure reports), parses their statistics tables and loads them
into a DuckDB warehouse for research.`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate(versionTemplate)
	addCacheFlag(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddGroup(&cobra.Group{ID: "data", Title: "Reports and the warehouse:"},
		&cobra.Group{ID: "crawl", Title: "Crawling county sites:"})
	for _, c := range []*cobra.Command{parseCommand(), loadCommand(), queryCommand(), showCommand(), exportCommand(), tablesCommand()} {
		c.GroupID = "data"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{crawlCommand(), reparseCommand(), runCommand(), scheduleCommand(), sitesCommand()} {
		c.GroupID = "crawl"
		root.AddCommand(c)
	}
	root.AddCommand(demoCommand())
	for _, c := range []*cobra.Command{correctCommand(), codebookCommand(), serveCommand()} {
		c.GroupID = "data"
		root.AddCommand(c)
	}
	return root
}

// noArgs refuses positional arguments as a usage error.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("unexpected arguments: %v", args)}
	}
	return nil
}
