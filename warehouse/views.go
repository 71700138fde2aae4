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
var Views = []string{"current_reports", "current_values", "proactive_wide", "requests_wide", "review_wide", "cross_year_checks", "requests_summary", "report_sources"}

// Tables lists the public tables.
var Tables = []string{"reports", "report_values", "report_checks", "report_prose", "report_warnings", "jurisdictions", "load_batches", "url_state", "fetch_log", "runs", "run_sites", "run_documents", "run_alerts", "report_similarity", "corrections", "value_positions", "unreadable_documents"}

func viewSQL() []string {
	return []string{
		correctedValuesView,
		reportMeasuresView,
		silentSitesMacro,
		`CREATE OR REPLACE VIEW current_reports AS
SELECT r.report_id, r.jurisdiction_code, j.name AS division, j.level AS division_level,
	j.province_code, j.province, j.prefecture_code, j.prefecture,
	r.jurisdiction, r.agency, r.agency_kind, r.year, r.template, r.title, r.published,
	r.checks_failed, r.checks_run, r.values_found, r.warnings, r.version,
	r.source_url, r.sha256, r.loaded_at,
	(SELECT count(DISTINCT (c.section, c.row, c.col)) FROM corrections c WHERE c.report_id = r.report_id) AS corrections
FROM reports r LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code
WHERE r.is_current`,
		`CREATE OR REPLACE VIEW current_values AS
SELECT v.report_id, r.jurisdiction_code, r.year, v.section, v.row, v.col,
	CASE WHEN NOT starts_with(v.col, 'amount') THEN TRY_CAST(v.value AS BIGINT) END AS count,
	CASE WHEN starts_with(v.col, 'amount') THEN v.value END AS amount_10k_yuan,
	v.raw, v.corrected
FROM corrected_values v JOIN reports r ON r.report_id = v.report_id
WHERE r.is_current`,
		wideView("proactive_wide", "proactive"),
		wideView("requests_wide", "requests"),
		wideView("review_wide", "review"),
		crossYearView,
		summaryView(),
		reportSourcesView(),
	}
}

// pivotOf pivots the current values of the given keys to one column each.
func pivotOf(where string, keys []Key, name func(Key) string) string {
	return pivotFrom("corrected_values", where+") AND (report_id IN (SELECT report_id FROM reports WHERE is_current)", keys, name)
}

// pivotWhere pivots the parsed values that match where, one column per key.
func pivotWhere(where string, keys []Key, name func(Key) string) string {
	return pivotFrom("report_values", where, keys, name)
}

// pivotFrom pivots the values of from (report_values, or corrected_values)
// that match where, one column per key.
func pivotFrom(from, where string, keys []Key, name func(Key) string) string {
	var in []string
	for _, k := range keys {
		in = append(in, fmt.Sprintf("'%s:%s:%s' AS %s", k.Section, k.Row, k.Col, name(k)))
	}
	return fmt.Sprintf(`(PIVOT (
		SELECT report_id, section || ':' || row || ':' || col AS k, value FROM %s
		WHERE (%s))
	ON k IN (%s) USING max(value) GROUP BY report_id)`, from, where, strings.Join(in, ", "))
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

// typedCell types one cell: a count as BIGINT, so that every view and
// export prints it as an integer (21, not 21.0), money (万元) as DOUBLE.
// report_values.value stays DOUBLE for both (CONTRACT.md).
func typedCell(expr string, k Key) string {
	if isAmount(k) {
		return expr
	}
	return "TRY_CAST(" + expr + " AS BIGINT)"
}

// wideView is one row per current report, one column per key of a section.
func wideView(view, section string) string {
	ks := keysOf(section)
	var cols []string
	for _, k := range ks {
		cols = append(cols, typedCell("p."+k.WideName(), k)+" AS "+k.WideName())
	}
	return fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS
SELECT %s, %s
FROM current_reports r LEFT JOIN %s p ON p.report_id = r.report_id`,
		view, identityCols, strings.Join(cols, ", "), pivotOf(fmt.Sprintf("section = '%s'", section), ks, Key.WideName))
}
