package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"

	"disclosure/parse"
)

// samples are real reports as published (the body of each corpus file), the
// bundled data `make demo` runs on without network.
//
//go:embed samples
var samples embed.FS

// runDemo parses every bundled sample report and prints, per report, what
// was found: identity, layout, values, and checks failed.
func runDemo(args []string, stdout, stderr io.Writer) error {
	names, err := fs.Glob(samples, "samples/*")
	if err != nil {
		return err
	}
	header := []string{"report", "jurisdiction", "year", "layout", "values", "checks failed", "warnings"}
	var rows [][]string
	values, failed := 0, 0
	for _, name := range names {
		data, err := samples.ReadFile(name)
		if err != nil {
			return err
		}
		rep, err := parse.Parse(data, parse.Options{Name: name})
		if err != nil {
			fmt.Fprintln(stderr, err)
			continue
		}
		year := ""
		if rep.Year != 0 {
			year = strconv.Itoa(int(rep.Year))
		}
		layout := rep.Template
		if layout == "" {
			layout = "—"
		}
		rows = append(rows, []string{
			path.Base(name), rep.Jurisdiction, year, layout,
			strconv.Itoa(len(rep.Values)),
			fmt.Sprintf("%d of %d", rep.ChecksFailed(), len(rep.Checks)),
			strconv.Itoa(len(rep.Warnings)),
		})
		values += len(rep.Values)
		failed += rep.ChecksFailed()
	}
	if err := writeTable(stdout, header, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d reports, %d values, %d failed checks. Details: disclosure parse FILE (JSON).\n", len(rows), values, failed)
	return nil
}
