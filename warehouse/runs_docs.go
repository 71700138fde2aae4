package warehouse

import (
	"regexp"
	"strings"
)

// The run tables document their columns in runsDDL's SQL comments; the data
// dictionary reads them from there, so a column and its description are
// written once. Columns without a comment are described here.
var runColumnDocs = map[string]string{
	"runs.run_id":                   "Run number, in the order runs started",
	"runs.finished_at":              "When the run ended (UTC); empty while running or when killed",
	"runs.host":                     "Machine the run ran on",
	"runs.pid":                      "Process id of the run",
	"runs.program":                  "The disclosure binary and version that ran",
	"runs.fetched":                  "Bodies downloaded (200), summed over sites",
	"runs.unchanged":                "Documents answered 304 or with known bytes, summed over sites",
	"runs.new":                      "Documents at URLs never seen before, summed over sites",
	"runs.changed":                  "New bytes at known URLs, summed over sites",
	"runs.failed":                   "Requests that ended in an error after retries, summed over sites",
	"runs.parse_failures":           "New documents the parser could not read, summed over sites",
	"runs.checks_failed":            "Failed accounting checks in the reports parsed, summed over sites",
	"runs.loaded":                   "New report versions written, summed over sites",
	"runs.gone":                     "Reports found gone from their sites in this run",
	"runs.alerts":                   "Alerts raised by this run (run_alerts)",
	"run_sites.run_id":              "The run (runs.run_id)",
	"run_sites.site_code":           "六位行政区划代码 of the site, when registered",
	"run_sites.site_name":           "Name of the site in the sites file",
	"run_documents.run_id":          "The run (runs.run_id)",
	"run_documents.site_url":        "The registered URL of the site that found the document",
	"run_documents.url":             "Where the document was fetched",
	"run_documents.sha256":          "SHA-256 of its bytes (raw store key)",
	"run_documents.report_id":       "The report version written, when loaded",
	"run_documents.checks_failed":   "Failed accounting checks in the parsed report",
	"run_documents.detail":          "Why it was not loaded, or what the parser warned",
	"run_alerts.run_id":             "The run that raised the alert",
	"run_alerts.site_url":           "The site concerned (silent_site)",
	"run_alerts.jurisdiction_code":  "六位行政区划代码 concerned",
	"run_alerts.place":              "Name of the division concerned",
	"run_alerts.agency":             "Publisher concerned",
	"run_alerts.year":               "Statistics year concerned",
	"run_alerts.report_id":          "The report concerned",
	"run_alerts.url":                "The URL concerned (vanished_report)",
	"run_alerts.detail":             "What the alert says, in words",
	"report_similarity.computed_at": "When the similarity was computed (UTC)",
}

var (
	ddlTable  = regexp.MustCompile(`(?m)^CREATE TABLE IF NOT EXISTS (\w+) \(`)
	ddlColumn = regexp.MustCompile(`^\s*(\w+)\s+[A-Z]+[^-]*--\s*(.+)$`)
)

func init() {
	table := ""
	for _, line := range strings.Split(runsDDL, "\n") {
		if m := ddlTable.FindStringSubmatch(line); m != nil {
			table = m[1]
			continue
		}
		if m := ddlColumn.FindStringSubmatch(line); m != nil && table != "" {
			columnDocs[table+"."+m[1]] = strings.TrimSpace(m[2])
		}
	}
	for k, v := range runColumnDocs {
		columnDocs[k] = v
	}
}
