package pipeline

import (
	"fmt"
	"io"
	"strings"
)

// Skipped is a file load could not read or parse.
type Skipped struct {
	Name    string
	Outcome string // OutcomeUnsupported or OutcomeParseError
	Err     error  // names the file and the reason
}

// String is the summary line of a load.
func (s LoadSummary) String() string {
	return fmt.Sprintf("%d files: %d new report versions, %d unchanged, %d older versions superseded, %d without statistics (not loaded), %d without usable text (not loaded), %d skipped",
		s.Files, s.Added, s.Unchanged, s.Superseded, len(s.NoStatistics), len(s.Unreadable), len(s.Skipped))
}

// WriteNotLoaded says, by reason, which files were not loaded: the end of
// a load's output, so that nothing is left out silently.
func (s LoadSummary) WriteNotLoaded(w io.Writer) {
	var unsupported, broken []string
	for _, k := range s.Skipped {
		reason := strings.TrimPrefix(k.Err.Error(), k.Name+": ")
		if k.Outcome == OutcomeUnsupported {
			unsupported = append(unsupported, fmt.Sprintf("%s (%s)", k.Name, reason))
		} else {
			broken = append(broken, fmt.Sprintf("%s (%s)", k.Name, reason))
		}
	}
	var unreadable []string
	for _, e := range s.Unreadable {
		unreadable = append(unreadable, e.Error()) // "<file>: unreadable: image-only (…)"
	}
	groups := []struct {
		why   string
		files []string
	}{
		{"no statistics table found (a notice, an interpretation, an excerpt of prose)", s.NoStatistics},
		{"no usable text (a scan, a PDF without a text layer, a password), recorded for `disclosure query unreadable`", unreadable},
		{"not a form the parser reads yet", unsupported},
		{"could not be read or parsed", broken},
	}
	first := true
	for _, g := range groups {
		if len(g.files) == 0 {
			continue
		}
		if first {
			fmt.Fprintln(w, "Not loaded:")
			first = false
		}
		fmt.Fprintf(w, "  %s: %d %s\n", g.why, len(g.files), plural(len(g.files), "file", "files"))
		for i, f := range g.files {
			if i == maxListed {
				fmt.Fprintf(w, "    … and %d more\n", len(g.files)-maxListed)
				break
			}
			fmt.Fprintf(w, "    %s\n", f)
		}
	}
}

// maxListed is how many files of each reason the summary names.
const maxListed = 20

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
