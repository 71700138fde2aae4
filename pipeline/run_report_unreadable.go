package pipeline

import (
	"fmt"
	"io"
	"strings"

	"disclosure/internal/texttable"
	"disclosure/warehouse"
)

// unreadableOf picks the run's documents that could not be read as text.
func unreadableOf(docs []warehouse.RunDocument) []warehouse.RunDocument {
	var out []warehouse.RunDocument
	for _, d := range docs {
		if d.Outcome == OutcomeUnreadable {
			out = append(out, d)
		}
	}
	return out
}

// writeUnreadable lists the documents that could not be read (scans, PDFs
// without a text layer), at most limit, with their reason and URL.
func writeUnreadable(w io.Writer, docs []warehouse.RunDocument, limit int) error {
	if len(docs) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n%d documents could not be read as text, nothing stored from them (disclosure query unreadable):\n", len(docs))
	var rows [][]string
	for i, d := range docs {
		if i == limit {
			rows = append(rows, []string{"…", fmt.Sprintf("%d more", len(docs)-limit)})
			break
		}
		reason, _, _ := strings.Cut(d.Detail, ":")
		rows = append(rows, []string{reason, d.URL})
	}
	return texttable.Write(w, []string{"reason", "url"}, rows)
}
