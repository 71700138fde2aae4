package warehouse

import (
	"maps"
	"regexp"
	"strings"
)

// The run tables (runs.go records into them): their DDL and the description
// of every column for dictionary.csv.

// runsDDL is migration 5. IF NOT EXISTS: tests rewind the schema version
// without dropping these tables.
const runsDDL = `
CREATE TABLE IF NOT EXISTS runs (
	run_id         BIGINT PRIMARY KEY,
	trigger        VARCHAR NOT NULL,  -- run (by hand) or schedule
	status         VARCHAR NOT NULL,  -- running, completed, interrupted, failed, skipped
	started_at     TIMESTAMP NOT NULL, -- UTC
	finished_at    TIMESTAMP,
	host           VARCHAR,
	pid            INTEGER,
	program        VARCHAR,
	sites          INTEGER,  -- sites crawled
	sites_failed   INTEGER,  -- sites whose registered page could not be read
	discovered     INTEGER,  -- the per-site columns below, summed
	fetched        INTEGER,
	unchanged      INTEGER,
	new            INTEGER,
	changed        INTEGER,
	failed         INTEGER,
	parse_failures INTEGER,
	checks_failed  INTEGER,
	loaded         INTEGER,
	gone           INTEGER,
	alerts         INTEGER,
	error          VARCHAR   -- why the run did not complete
);
CREATE TABLE IF NOT EXISTS run_sites (
	run_id         BIGINT NOT NULL,
	site_url       VARCHAR NOT NULL, -- the registered URL
	site_code      VARCHAR,
	site_name      VARCHAR,
	discovered     INTEGER,  -- report pages and attachments the site listed
	fetched        INTEGER,  -- of them, bodies downloaded (200)
	unchanged      INTEGER,  -- answered 304, or the same bytes as last time
	new            INTEGER,  -- documents at URLs never seen before
	changed        INTEGER,  -- new bytes at a known URL
	failed         INTEGER,  -- requests of the site that ended in an error (after retries)
	parse_failures INTEGER,  -- new documents the parser could not read
	checks_failed  INTEGER,  -- failed accounting checks in the reports parsed
	loaded         INTEGER,  -- new report versions written to the warehouse
	gone           INTEGER,  -- reports found gone from the site in this run
	duration_s     DOUBLE,   -- from the site's first request to its last
	error          VARCHAR   -- the site's own failure (its registered page unreadable …)
);
CREATE TABLE IF NOT EXISTS run_documents (
	run_id        BIGINT NOT NULL,
	site_url      VARCHAR,
	url           VARCHAR NOT NULL,
	kind          VARCHAR,          -- report (a page) or attachment
	sha256        VARCHAR,
	outcome       VARCHAR NOT NULL, -- loaded, no_statistics, unsupported, parse_error, not_loaded
	report_id     BIGINT,
	checks_failed INTEGER,
	detail        VARCHAR
);
CREATE TABLE IF NOT EXISTS run_alerts (
	run_id            BIGINT NOT NULL,
	alert             VARCHAR NOT NULL, -- blocked, site_code_mismatch, silent_site, missing_report, vanished_report, same_text, cross_year
	site_url          VARCHAR,
	jurisdiction_code VARCHAR,
	place             VARCHAR,
	agency            VARCHAR,
	year              INTEGER,
	report_id         BIGINT,
	url               VARCHAR,
	detail            VARCHAR
);
CREATE TABLE IF NOT EXISTS report_similarity (
	report_id   BIGINT NOT NULL, -- a current report
	previous_id BIGINT NOT NULL, -- the same publisher's current report of the year before
	jaccard     DOUBLE,          -- of their prose's character shingles, digits left out
	shingles    INTEGER,         -- the smaller shingle set's size (small: the number means little)
	computed_at TIMESTAMP
);
`

// runSitesPlatformDDL is migration 9: what a run learnt about each site
// beyond its counts (issue 11). A blocked site is a result, not a site
// without reports: the alerts read these columns.
const runSitesPlatformDDL = `
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS platform VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS blocked_kind VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS blocked_status INTEGER;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS blocked_marker VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS blocked_url VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS site_id VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS site_id_owner VARCHAR;
ALTER TABLE run_sites ADD COLUMN IF NOT EXISTS notes VARCHAR`

// The run tables document their columns in runsDDL's SQL comments; the data
// dictionary reads them from there, so a column and its description are
// written once. Columns without a comment are described here, and so are
// those whose comment in the released migration no longer lists every
// value (a migration's SQL is never edited).
var runColumnDocs = map[string]string{
	"runs.run_id":                   "Run number, in the order runs started",
	"runs.trigger":                  "run (by hand), schedule or demo",
	"runs.finished_at":              "When the run ended (UTC); empty while running or when killed",
	"runs.host":                     "Machine the run ran on",
	"runs.pid":                      "Process id of the run",
	"runs.program":                  "The disclosure binary and version that ran",
	"runs.version":                  "Version and commit of the build that ran (disclosure --version)",
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
	"run_sites.platform":            "CMS platform recognised on the site's column (TRS, Hanweb, gkmlpt …); empty: a plain list page",
	"run_sites.blocked_kind":        "When the site kept its list from the crawler: js-challenge, js-shell or no-list (a result, not zero reports)",
	"run_sites.blocked_status":      "HTTP status of the blocked page",
	"run_sites.blocked_marker":      "What showed the block ($_ts, __jsl_clearance, wzws_cid, text size …)",
	"run_sites.blocked_url":         "The page that was blocked",
	"run_sites.site_id":             "网站标识码 the site's page carries: its owner's division code and 4 digits",
	"run_sites.site_id_owner":       "How the 网站标识码's division relates to site_code: county, prefecture, province; empty: another division (alert site_code_mismatch)",
	"run_sites.notes":               "Limits reached (documents, site deadline, pages), robots.txt problems, unreachable host, in words",
	"run_documents.run_id":          "The run (runs.run_id)",
	"run_documents.site_url":        "The registered URL of the site that found the document",
	"run_documents.url":             "Where the document was fetched",
	"run_documents.sha256":          "SHA-256 of its bytes (raw store key)",
	"run_documents.report_id":       "The report version written, when loaded",
	"run_documents.checks_failed":   "Failed accounting checks in the parsed report",
	"run_documents.detail":          "Why it was not loaded, or what the parser warned",
	"run_documents.outcome":         "loaded, no_statistics, unreadable, unsupported, parse_error, not_loaded",
	"run_alerts.run_id":             "The run that raised the alert",
	"run_alerts.alert":              "blocked, site_code_mismatch, silent_site, missing_report, vanished_report, same_text, cross_year",
	"run_alerts.site_url":           "The site concerned (blocked, site_code_mismatch, silent_site, vanished_report)",
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
	maps.Copy(columnDocs, runColumnDocs)
}
