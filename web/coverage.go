package web

import (
	"fmt"
	"net/http"
)

// coveragePage is /coverage: which divisions have a report for each year,
// which sites are blocked or silent, and the last run site by site.
func (s *Server) coveragePage(w http.ResponseWriter, r *http.Request) {
	params, cov, ok := s.page(w, r, "coverage")
	if !ok {
		return
	}
	runs, err := s.run(r.Context(), "runs", map[string]string{})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	silent, err := s.run(r.Context(), "alerts", map[string]string{"kind": "silent_site"})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	var blocked []map[string]any
	for _, row := range runs.Rows {
		if row["error"] != nil || row["blocked_kind"] != nil {
			if row["error"] == nil { // blocked is a result with evidence, not an error
				row["error"] = fmt.Sprintf("blocked (%v): %v", row["blocked_kind"], row["blocked_marker"])
			}
			blocked = append(blocked, row)
		}
	}
	qs := encode(params)
	render(w, "coverage", map[string]any{
		"Title": "覆盖与运行", "Nav": "coverage", "P": params, "Kinds": Kinds, "Kind": or(params["kind"], "government"),
		"Coverage": cov, "Runs": runs, "Silent": silent.Rows, "Blocked": blocked,
		"Download": "/download/coverage?" + qs, "DownloadRuns": "/download/runs?",
	})
}
