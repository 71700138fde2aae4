package web

import (
	"fmt"
	"maps"
	"net/http"
)

// coveragePage is /coverage: which divisions have a report for each year,
// which sites are blocked or silent, and the last run site by site. Without
// a province or prefecture it shows one row per province (query
// coverage_by_province), each linking to the province's divisions (query
// coverage); all of China division by division would be a page of 0.5 MB.
func (s *Server) coveragePage(w http.ResponseWriter, r *http.Request) {
	params, err := checked("coverage", query(r))
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	if canonical(w, r, params) {
		return
	}
	name := "coverage"
	if params["province"] == "" && params["prefecture"] == "" {
		name = "coverage_by_province"
	}
	cov, err := s.run(r.Context(), name, params)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	// The summary lists the sites of the last run that need a look (an
	// error, failed requests, a block), not all of China's; a province's
	// page lists every site.
	runParams := map[string]string{}
	if name == "coverage_by_province" {
		runParams["failed"] = "true"
	}
	runs, err := s.run(r.Context(), "runs", runParams)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	silent, err := s.run(r.Context(), "alerts", map[string]string{"kind": "silent_site"})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	// A province's or prefecture's page lists its own sites only.
	keep := func(map[string]any) bool { return true }
	if name == "coverage" {
		keep = inSelection(cov.Rows)
	}
	// The rows shown: a blocked site's error says so. Copies, as the
	// query's rows are shared (cache.go).
	shown := *runs
	shown.Rows = nil
	var blocked []map[string]any
	for _, row := range runs.Rows {
		if !keep(row) {
			continue
		}
		if row["error"] == nil && row["blocked_kind"] != nil { // blocked is a result with evidence, not an error
			row = maps.Clone(row)
			row["error"] = fmt.Sprintf("blocked (%v): %v", row["blocked_kind"], row["blocked_marker"])
		}
		shown.Rows = append(shown.Rows, row)
		if row["error"] != nil {
			blocked = append(blocked, row)
		}
	}
	var silentRows []map[string]any
	for _, row := range silent.Rows {
		if keep(row) {
			silentRows = append(silentRows, row)
		}
	}
	data := map[string]any{
		"Title": "覆盖与运行", "Nav": "coverage", "P": params, "Kinds": Kinds, "Kind": or(params["kind"], "government"),
		"Runs": &shown, "Silent": silentRows, "Blocked": blocked,
		"Download": "/download/" + name + "?" + encode(params), "DownloadRuns": "/download/runs?" + encode(runParams),
		"RunsFailedOnly": runParams["failed"] != "",
	}
	if name == "coverage" {
		data["Coverage"] = cov
	} else {
		data["Summary"] = provinceSummary(cov, params)
	}
	render(w, "coverage", data)
}

// provinceRow is one province of the summary: its divisions with and
// without a report in each year (rows of coverage_by_province, in year
// order), its blocked and silent sites, and the link to its divisions.
type provinceRow struct {
	Code, Name, Href           string
	Divisions, Blocked, Silent any
	Years                      []map[string]any
}

// provinceSummary lays coverage_by_province's rows (one per province and
// year) out as one row per province with a column per year.
func provinceSummary(res *result, params map[string]string) map[string]any {
	var rows []*provinceRow
	var years []any
	byCode := map[any]*provinceRow{}
	seenYear := map[any]bool{}
	for _, r := range res.Rows {
		p := byCode[r["province_code"]]
		if p == nil {
			link := clone(params)
			link["province"] = fmt.Sprint(r["province_code"])
			p = &provinceRow{Code: link["province"], Name: fmt.Sprint(r["province"]), Href: pathWith("/coverage", link),
				Divisions: r["divisions"], Blocked: r["blocked_sites"], Silent: r["silent_sites"]}
			byCode[r["province_code"]] = p
			rows = append(rows, p)
		}
		p.Years = append(p.Years, r)
		if !seenYear[r["year"]] {
			seenYear[r["year"]] = true
			years = append(years, r["year"])
		}
	}
	return map[string]any{"Rows": rows, "Years": years, "Truncated": res.Truncated}
}

// inSelection says whether a row of runs or alerts concerns a site of the
// divisions the coverage rows list: a site registered under one of their
// codes, or under the code of a prefecture or province they are in
// (654000 for 伊宁县's prefecture).
func inSelection(divisions []map[string]any) func(row map[string]any) bool {
	codes := map[string]bool{}
	for _, d := range divisions {
		if c, ok := d["code"].(string); ok && len(c) == 6 {
			codes[c], codes[c[:4]+"00"], codes[c[:2]+"0000"] = true, true, true
		}
	}
	return func(row map[string]any) bool {
		c, _ := row["site_code"].(string)
		if c == "" {
			c, _ = row["jurisdiction_code"].(string)
		}
		return codes[c]
	}
}
