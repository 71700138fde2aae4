package warehouse

import (
	"fmt"
	"strings"
)

// Views over the current version of each report. The wide views are
// generated from the key table so that a new key is one line in parse/template.go.
// Blank cells stay NULL everywhere; sums over a group of cells (denied,
// unable …) add the printed cells and are NULL only when none is printed.

// identityCols are the leading columns of every per-report view.
const identityCols = `r.report_id, r.jurisdiction_code, r.division, r.division_level, r.province_code, r.province,
	r.prefecture_code, r.prefecture,
	r.jurisdiction, r.agency, r.agency_kind, r.year, r.template`

// Views lists the public views in the order they are created.
var Views = []string{"current_reports", "current_values", "proactive_wide", "requests_wide", "review_wide", "requests_summary", "report_sources"}

// Tables lists the public tables.
var Tables = []string{"reports", "report_values", "report_checks", "report_prose", "report_warnings", "jurisdictions", "load_batches", "url_state", "fetch_log", "runs", "run_sites", "run_documents", "run_alerts", "report_similarity"}

func viewSQL() []string {
	return []string{
		`CREATE OR REPLACE VIEW current_reports AS
SELECT r.report_id, r.jurisdiction_code, j.name AS division, j.level AS division_level,
	j.province_code, j.province, j.prefecture_code, j.prefecture,
	r.jurisdiction, r.agency, r.agency_kind, r.year, r.template, r.title, r.published,
	r.checks_failed, r.checks_run, r.values_found, r.warnings, r.version,
	r.source_url, r.sha256, r.loaded_at
FROM reports r LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code
WHERE r.is_current`,
		`CREATE OR REPLACE VIEW current_values AS
SELECT v.report_id, r.jurisdiction_code, r.year, v.section, v.row, v.col, v.value, v.raw
FROM report_values v JOIN reports r ON r.report_id = v.report_id
WHERE r.is_current`,
		wideView("proactive_wide", "proactive"),
		wideView("requests_wide", "requests"),
		wideView("review_wide", "review"),
		summaryView(),
		reportSourcesView(),
	}
}

// pivotOf pivots the current values of the given keys to one column each.
func pivotOf(where string, keys []Key, name func(Key) string) string {
	return pivotWhere(where+") AND (report_id IN (SELECT report_id FROM reports WHERE is_current)", keys, name)
}

// pivotWhere pivots the values that match where, one column per key.
func pivotWhere(where string, keys []Key, name func(Key) string) string {
	var in []string
	for _, k := range keys {
		in = append(in, fmt.Sprintf("'%s:%s:%s' AS %s", k.Section, k.Row, k.Col, name(k)))
	}
	return fmt.Sprintf(`(PIVOT (
		SELECT report_id, section || ':' || row || ':' || col AS k, value FROM report_values
		WHERE (%s))
	ON k IN (%s) USING max(value) GROUP BY report_id)`, where, strings.Join(in, ", "))
}

func keysOf(section string) []Key {
	var ks []Key
	for _, k := range Keys() {
		if k.Section == section {
			ks = append(ks, k)
		}
	}
	return ks
}

// wideView is one row per current report, one column per key of a section.
func wideView(view, section string) string {
	ks := keysOf(section)
	var cols []string
	for _, k := range ks {
		cols = append(cols, "p."+k.WideName())
	}
	return fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS
SELECT %s, %s
FROM current_reports r LEFT JOIN %s p ON p.report_id = r.report_id`,
		view, identityCols, strings.Join(cols, ", "), pivotOf(fmt.Sprintf("section = '%s'", section), ks, Key.WideName))
}

// summaryKeys are the cells requests_summary reads: every request row's
// total, all review cells, and the decisions and fees of table 二.
func summaryKeys() []Key {
	var ks []Key
	for _, k := range Keys() {
		switch {
		case k.Section == "requests" && k.Col == "total", k.Section == "review":
			ks = append(ks, k)
		case k.Section == "proactive" && (k.Col == "decisions" || k.Col == "amount_10k_yuan") && k.Row != "procurement" && k.Row != "other_services":
			ks = append(ks, k)
		}
	}
	return ks
}

// sumOf adds printed cells: NULL only when every one is blank.
func sumOf(cols ...string) string {
	return "list_sum([" + strings.Join(cols, ", ") + "])"
}

// summaryFilter selects the cells of summaryKeys cheaply.
const summaryFilter = `(section = 'requests' AND col = 'total') OR section = 'review' OR (section = 'proactive' AND col IN ('decisions', 'amount_10k_yuan'))`

func summaryName(k Key) string { return "c_" + k.WideName() }

// summaryCellsDDL is the table that keeps, per report version, the cells
// requests_summary reads. Pivoting 20 million values at every query takes
// seconds; pivoting each batch's values once at load takes a fraction of
// that (appendValues does it from the staged rows), and the view then only
// joins. It is derived data: a migration that changes summaryKeys rebuilds
// it with fillSummaryCells("true").
func summaryCellsDDL() string {
	var cols []string
	for _, k := range summaryKeys() {
		cols = append(cols, summaryName(k)+" DOUBLE")
	}
	return "CREATE TABLE summary_cells (report_id BIGINT PRIMARY KEY, " + strings.Join(cols, ", ") + ");\n" + fillSummaryCells("true")
}

// fillSummaryCells inserts the summary cells of the reports matching where.
func fillSummaryCells(where string) string {
	return "INSERT INTO summary_cells SELECT * FROM " + pivotWhere("("+summaryFilter+") AND ("+where+")", summaryKeys(), summaryName)
}

// summaryView is the one-row-per-report overview researchers start from.
func summaryView() string {
	name := summaryName
	var denied, unable, notProc, other []string
	for _, k := range keysOf("requests") {
		if k.Col != "total" {
			continue
		}
		c := "p." + name(k)
		switch {
		case strings.HasPrefix(k.Row, "denied_"):
			denied = append(denied, c)
		case strings.HasPrefix(k.Row, "unable_"):
			unable = append(unable, c)
		case strings.HasPrefix(k.Row, "not_processed_"):
			notProc = append(notProc, c)
		case k.Row == "other" || strings.HasPrefix(k.Row, "other_"):
			other = append(other, c)
		}
	}
	lit := func(col string) string { return sumOf("p.c_lit_direct_"+col, "p.c_lit_after_recon_"+col) }
	return fmt.Sprintf(`CREATE OR REPLACE VIEW requests_summary AS
SELECT %s,
	p.c_new_total AS received,
	p.c_carried_over_total AS carried_over,
	p.c_granted_total AS granted,
	p.c_partially_granted_total AS partially_granted,
	%s AS denied,
	%s AS unable_to_provide,
	%s AS not_processed,
	%s AS other_outcome,
	p.c_handled_total_total AS handled,
	p.c_carried_forward_total AS carried_forward,
	p.c_granted_total / NULLIF(p.c_handled_total_total, 0) AS grant_rate,
	(p.c_granted_total + p.c_partially_granted_total) / NULLIF(p.c_handled_total_total, 0) AS disclosure_rate,
	p.c_recon_total AS reconsiderations,
	p.c_recon_upheld AS reconsiderations_upheld,
	p.c_recon_corrected AS reconsiderations_corrected,
	p.c_recon_other AS reconsiderations_other,
	p.c_recon_pending AS reconsiderations_pending,
	%s AS lawsuits,
	p.c_lit_direct_total AS lawsuits_direct,
	p.c_lit_after_recon_total AS lawsuits_after_reconsideration,
	%s AS lawsuits_upheld,
	%s AS lawsuits_corrected,
	%s AS lawsuits_other,
	%s AS lawsuits_pending,
	p.c_fees_amount_10k_yuan AS fees_10k_yuan,
	p.c_licensing_decisions AS licensing_decisions,
	p.c_punishment_decisions AS punishment_decisions,
	p.c_enforcement_decisions AS enforcement_decisions,
	r.checks_failed
FROM current_reports r LEFT JOIN summary_cells p ON p.report_id = r.report_id`,
		identityCols, sumOf(denied...), sumOf(unable...), sumOf(notProc...), sumOf(other...),
		lit("total"), lit("upheld"), lit("corrected"), lit("other"), lit("pending"))
}

// SummaryMeasures are requests_summary's numeric columns, the measures that
// named queries rank and compare.
var SummaryMeasures = []string{"received", "carried_over", "granted", "partially_granted", "denied",
	"unable_to_provide", "not_processed", "other_outcome", "handled", "carried_forward", "grant_rate",
	"disclosure_rate", "reconsiderations", "reconsiderations_upheld", "reconsiderations_corrected",
	"reconsiderations_other", "reconsiderations_pending", "lawsuits", "lawsuits_direct",
	"lawsuits_after_reconsideration", "lawsuits_upheld", "lawsuits_corrected", "lawsuits_other",
	"lawsuits_pending", "fees_10k_yuan", "licensing_decisions", "punishment_decisions",
	"enforcement_decisions", "checks_failed"}
