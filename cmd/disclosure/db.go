package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"disclosure/warehouse"
)

// dbFlag adds the --db flag every command shares: $DISCLOSURE_DB, else
// disclosure.duckdb in the current directory.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("DISCLOSURE_DB")
	if def == "" {
		def = warehouse.DefaultPath
	}
	return fs.String("db", def, "warehouse database file ($DISCLOSURE_DB)")
}

// openDB opens the warehouse, telling the user on stderr when another
// process holds it and we wait, rather than failing with DuckDB's lock error.
func openDB(path string, readOnly bool, wait time.Duration, stderr io.Writer) (*warehouse.DB, error) {
	return warehouse.OpenWith(path, warehouse.Options{
		ReadOnly: readOnly,
		Wait:     wait,
		OnWait:   func(msg string) { fmt.Fprintln(stderr, "disclosure:", msg) },
	})
}

// paramFlag collects repeated --param k=v.
type paramFlag map[string]string

func (p paramFlag) String() string { return fmt.Sprint(map[string]string(p)) }

func (p paramFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", s)
	}
	p[k] = v
	return nil
}

// parseInterleaved parses flags that may stand before or after positional
// arguments (disclosure query rank --param year=2023) and returns the positionals.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
