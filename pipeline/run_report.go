package pipeline

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"disclosure/internal/texttable"
	"disclosure/warehouse"
)

// WriteRunReport prints a run's report: one line per site, the totals, and
// the alerts, as aligned tables.
func WriteRunReport(w io.Writer, res *PassResult, db string) error {
	header := []string{"site", "discovered", "fetched", "unchanged", "new", "changed", "failed", "parse failures", "checks failed", "loaded", "gone", "time", "error"}
	var rows [][]string
	var tot warehouse.RunSite
	failedSites, blockedSites := 0, 0
	for _, s := range res.Sites {
		rows = append(rows, siteRow(strings.TrimSpace(s.Code+" "+s.Name), s))
		tot.Discovered += s.Discovered
		tot.Fetched += s.Fetched
		tot.Unchanged += s.Unchanged
		tot.New += s.New
		tot.Changed += s.Changed
		tot.Failed += s.Failed
		tot.ParseFailures += s.ParseFailures
		tot.ChecksFailed += s.ChecksFailed
		tot.Loaded += s.Loaded
		tot.Gone += s.Gone
		if s.Error != "" {
			failedSites++
		}
		if s.BlockedKind != "" {
			blockedSites++
		}
	}
	tot.Duration = res.Elapsed
	rows = append(rows, siteRow(fmt.Sprintf("total (%d sites)", len(res.Sites)), tot))
	if err := texttable.Write(w, header, rows); err != nil {
		return err
	}
	if err := writeSiteNotes(w, res.Sites); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s Recorded in %s (tables runs, run_sites, run_documents, run_alerts).\n", runOutcome(res, failedSites, blockedSites), db)
	if err := writeUnreadable(w, res.Unreadable, alertsShown); err != nil {
		return err
	}
	return writeAlerts(w, res.Alerts, alertsShown)
}

// runOutcome is the summary sentence. A run that did not complete says
// why, and never counts its sites' failures as if the run were whole ("0 of
// N sites failed" after a failed load would hide the failure).
func runOutcome(res *PassResult, failed, blocked int) string {
	el := res.Elapsed.Round(time.Millisecond)
	if res.Status != warehouse.RunCompleted || res.Err != "" {
		why := res.Err
		if why == "" {
			why = "no reason recorded"
		}
		return fmt.Sprintf("run %d %s after %s: %s. The lines above are what was done before it stopped.", res.RunID, res.Status, el, why)
	}
	s := fmt.Sprintf("run %d %s in %s; %d of %d sites failed", res.RunID, res.Status, el, failed, len(res.Sites))
	if blocked > 0 {
		s += fmt.Sprintf(", %d blocked (their reports could not be listed: not the same as none)", blocked)
	}
	return s + "."
}

// alertsShown is how many alerts of each kind a summary lists; the rest
// are counted (a first run over a thousand counties may miss hundreds of
// reports).
const alertsShown = 10

func siteRow(name string, s warehouse.RunSite) []string {
	n := strconv.Itoa
	return []string{name, n(s.Discovered), n(s.Fetched), n(s.Unchanged), n(s.New), n(s.Changed), n(s.Failed),
		n(s.ParseFailures), n(s.ChecksFailed), n(s.Loaded), n(s.Gone), s.Duration.Round(10 * time.Millisecond).String(), clip(siteError(s), 100)}
}

// writeAlerts prints the alerts, at most limit of each kind (0: all).
func writeAlerts(w io.Writer, alerts []warehouse.Alert, limit int) error {
	if len(alerts) == 0 {
		_, err := fmt.Fprintln(w, "No alerts.")
		return err
	}
	fmt.Fprintf(w, "\n%d alerts (disclosure query alerts):\n", len(alerts))
	var rows [][]string
	shown := map[string]int{}
	hidden := map[string]int{}
	for _, a := range alerts {
		if limit > 0 && shown[a.Kind] >= limit {
			hidden[a.Kind]++
			continue
		}
		shown[a.Kind]++
		where := strings.TrimSpace(a.Code + " " + a.Place)
		if a.Agency != "" && a.Agency != a.Place {
			where += " " + a.Agency
		}
		year := ""
		if a.Year != 0 {
			year = strconv.Itoa(a.Year)
		}
		rows = append(rows, []string{a.Kind, where, year, a.Detail})
	}
	if err := texttable.Write(w, []string{"alert", "where", "year", "detail"}, rows); err != nil {
		return err
	}
	kinds := make([]string, 0, len(hidden))
	for kind := range hidden {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		fmt.Fprintf(w, "… and %d more %s (disclosure query alerts --param kind=%s)\n", hidden[kind], kind, kind)
	}
	return nil
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
