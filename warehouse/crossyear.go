package warehouse

import (
	"fmt"
	"maps"
	"strings"
)

// Cross-year checks: a publisher's reports of consecutive years must agree.
// What it carried forward last year (结转下年度继续办理) is what it carries
// over this year (上年结转), and a 现行有效 count of 规章 or 规范性文件 moves by
// this year's 制发 − 废止. They are checked per publisher (the report
// identity without its year), current versions only, on corrected values
// (summary_cells), and reported like the in-report checks: view
// cross_year_checks, requests_summary.cross_year_checks_failed, the named
// queries failed_checks and alerts.

// inForceKey tells the 2021 template's 制发/废止/现行有效 cells of 规章 and
// 规范性文件.
func inForceKey(k Key) bool {
	return k.Section == "proactive" && (k.Row == "regulations" || k.Row == "normative_documents") &&
		(k.Col == "issued" || k.Col == "repealed" || k.Col == "in_force")
}

// inForceCellsDDL is migration 8: the columns of those cells in
// summary_cells (a database created since has them already), filled from
// the values stored.
func inForceCellsDDL() string {
	var alter, set []string
	var ks []Key
	for _, k := range Keys() {
		if inForceKey(k) {
			ks = append(ks, k)
			alter = append(alter, fmt.Sprintf("ALTER TABLE summary_cells ADD COLUMN IF NOT EXISTS %s DOUBLE;", summaryName(k)))
			set = append(set, fmt.Sprintf("%s = p.%s", summaryName(k), summaryName(k)))
		}
	}
	if len(ks) == 0 {
		return "SELECT 1"
	}
	return strings.Join(alter, "\n") + "\nUPDATE summary_cells SET " + strings.Join(set, ", ") + " FROM " +
		pivotWhere("section = 'proactive' AND col IN ('issued', 'repealed', 'in_force')", ks, summaryName) +
		" p WHERE summary_cells.report_id = p.report_id"
}

var crossYearDocs = map[string]string{
	"cross_year_checks.report_id":   "The report of the later year (a current version)",
	"cross_year_checks.previous_id": "The same publisher's current report of the year before",
	"cross_year_checks.name":        "Check: carried_over_matches (上年结转 = last year's 结转下年度), in_force_moves (现行有效 = last year's + 制发 − 废止)",
	"cross_year_checks.key":         "The cell checked in the later report",
	"cross_year_checks.ok":          "Whether the two years agree",
	"cross_year_checks.expected":    "What last year's report implies for the cell",
	"cross_year_checks.found":       "What this year's report prints (corrections applied)",
	"cross_year_checks.detail":      "The numbers compared, in words",
	"cross_year_checks_failed":      "Cross-year checks (cross_year_checks) this report fails against the same publisher's report of the year before",
}

func init() {
	maps.Copy(columnDocs, crossYearDocs)
	zhLabels["cross_year_checks.previous_id"] = "上年报告编号"
	zhLabels["cross_year_checks.name"] = "校验名称"
	zhLabels["cross_year_checks.key"] = "校验单元格"
	zhLabels["cross_year_checks.expected"] = "按上年推算"
	zhLabels["cross_year_checks.found"] = "本年所载"
	zhLabels["cross_year_checks_failed"] = "未通过跨年度校验数"
}

var crossYearView = `CREATE OR REPLACE VIEW cross_year_checks AS
WITH cur AS (
	SELECT r.report_id, regexp_replace(r.identity, '\|[0-9]+$', '') AS who, r.year, s.*
	FROM reports r JOIN summary_cells s ON s.report_id = r.report_id
	WHERE r.is_current AND r.identity IS NOT NULL AND r.year IS NOT NULL
),
pairs AS (
	SELECT a.report_id, b.report_id AS previous_id, a.year,
		a.c_carried_over_total AS carried_over, b.c_carried_forward_total AS prev_carried_forward,
		a.c_regulations_issued AS reg_issued, a.c_regulations_repealed AS reg_repealed,
		a.c_regulations_in_force AS reg_in_force, b.c_regulations_in_force AS prev_reg_in_force,
		a.c_normative_issued AS norm_issued, a.c_normative_repealed AS norm_repealed,
		a.c_normative_in_force AS norm_in_force, b.c_normative_in_force AS prev_norm_in_force
	FROM cur a JOIN cur b ON a.who = b.who AND b.year = a.year - 1
),
checks AS (
	SELECT report_id, previous_id, year, 'carried_over_matches' AS name, 'requests/carried_over/total' AS key,
		TRY_CAST(prev_carried_forward AS BIGINT) AS expected, TRY_CAST(carried_over AS BIGINT) AS found,
		format('{}年结转下年度 {} ≠ {}年上年结转 {}', year - 1, TRY_CAST(prev_carried_forward AS BIGINT), year, TRY_CAST(carried_over AS BIGINT)) AS detail
	FROM pairs WHERE prev_carried_forward IS NOT NULL AND carried_over IS NOT NULL
` + inForceMoves("reg", "regulations", "规章") + inForceMoves("norm", "normative_documents", "规范性文件") + `)
SELECT c.report_id, c.previous_id, r.jurisdiction_code, r.division, r.province, r.prefecture, r.agency, r.agency_kind,
	c.year, c.name, c.key, c.expected = c.found AS ok, c.expected, c.found,
	CASE WHEN c.expected = c.found THEN NULL ELSE c.detail END AS detail
FROM checks c JOIN current_reports r ON r.report_id = c.report_id`

// inForceMoves is cross_year_checks' in_force_moves check of one document
// kind: last year's 现行有效 + this year's 制发 − 废止 = this year's 现行有效.
// p is the kind's prefix in pairs' columns, row its key row, label its name in detail.
func inForceMoves(p, row, label string) string {
	return strings.NewReplacer("{p}", p, "{row}", row, "{label}", label).Replace(`	UNION ALL
	SELECT report_id, previous_id, year, 'in_force_moves', 'proactive/{row}/in_force',
		TRY_CAST(prev_{p}_in_force + coalesce({p}_issued, 0) - coalesce({p}_repealed, 0) AS BIGINT), TRY_CAST({p}_in_force AS BIGINT),
		format('{label}: {}年现行有效 {} + 制发 {} − 废止 {} ≠ {}年现行有效 {}', year - 1, TRY_CAST(prev_{p}_in_force AS BIGINT),
			TRY_CAST(coalesce({p}_issued, 0) AS BIGINT), TRY_CAST(coalesce({p}_repealed, 0) AS BIGINT), year, TRY_CAST({p}_in_force AS BIGINT))
	FROM pairs WHERE prev_{p}_in_force IS NOT NULL AND {p}_in_force IS NOT NULL
`)
}
