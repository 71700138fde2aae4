package pipeline

import (
	"fmt"
	"io"
	"strings"

	"disclosure/internal/texttable"
	"disclosure/warehouse"
)

// siteError is a site line's error column: its failure, else "blocked" —
// a blocked site listed no report because it kept its list from the
// crawler, which the line must not pass off as a site with no reports.
func siteError(s warehouse.RunSite) string {
	switch {
	case s.Error != "":
		return s.Error
	case s.BlockedKind != "":
		return "blocked (" + s.BlockedKind + ")"
	}
	return ""
}

// siteNoteRows are a site's exceptions, one phrase each: blocked with its
// evidence, a 网站标识码 of another division, limits reached, robots.txt,
// unreachable host.
func siteNoteRows(s warehouse.RunSite) []string {
	var out []string
	if s.BlockedKind != "" {
		out = append(out, fmt.Sprintf("blocked (%s): status %d, %s at %s", s.BlockedKind, s.BlockedStatus, s.BlockedMarker, s.BlockedURL))
	}
	if siteIDMismatch(s) {
		out = append(out, fmt.Sprintf("网站标识码 %s names another division than %s", s.SiteID, s.Code))
	}
	for _, n := range strings.Split(s.Notes, "; ") {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// writeSiteNotes lists the sites whose crawl met something the counts do
// not show (nothing when none did).
func writeSiteNotes(w io.Writer, sites []warehouse.RunSite) error {
	var rows [][]string
	for _, s := range sites {
		name := strings.TrimSpace(s.Code + " " + s.Name)
		for _, n := range siteNoteRows(s) {
			rows = append(rows, []string{name, n})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nSite notes:")
	return texttable.Write(w, []string{"site", "note"}, rows)
}
