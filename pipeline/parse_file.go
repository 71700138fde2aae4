package pipeline

import (
	"io"

	"disclosure/parse"
)

// ParseFile reads and parses one file ("-": stdin) for `disclosure parse`.
// The report's lists are never nil, so its JSON says [] where there is
// nothing rather than null.
func ParseFile(name string, stdin io.Reader) (*parse.Report, error) {
	data, label, err := ReadFile(name, stdin)
	if err != nil {
		return nil, err
	}
	rep, err := parseDocument(data, parse.Options{Name: label})
	if err != nil {
		return nil, err
	}
	if rep.Values == nil {
		rep.Values = []parse.Value{}
	}
	if rep.Checks == nil {
		rep.Checks = []parse.Check{}
	}
	if rep.Warnings == nil {
		rep.Warnings = []string{}
	}
	return rep, nil
}
