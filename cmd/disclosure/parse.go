package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"disclosure/parse"
)

// runParse parses each named file (or stdin for "-") and writes one JSON
// object per report. A file that cannot be parsed is reported by name on
// stderr; the others are still written, and the exit code says one failed.
func runParse(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("no files given (use - for standard input)")
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, name := range fs.Args() {
		rep, err := parseFile(name)
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed++
			continue
		}
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be parsed", failed, fs.NArg())
	}
	return nil
}

// parseFile reads and parses one file, or standard input for "-".
func parseFile(name string) (*parse.Report, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(os.Stdin, parse.DefaultMaxBytes+1))
		name = "stdin"
	} else {
		data, err = readLimited(name, parse.DefaultMaxBytes+1)
	}
	if err != nil {
		return nil, err
	}
	return parse.Parse(data, parse.Options{Name: name})
}

// readLimited reads at most limit bytes of a file, so a huge file is refused
// by Parse's size check instead of exhausting memory.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}
