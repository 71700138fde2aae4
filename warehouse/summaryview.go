package warehouse

import (
	"fmt"
	"maps"
	"strings"
)

// requests_summary, the one-row-per-report overview, and summary_cells, the
// table of the cells it reads (filled at load), with its columns' docs.

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
		case inForceKey(k): // the cross-year checks read them (crossyear.go)
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
const summaryFilter = `(section = 'requests' AND col = 'total') OR section = 'review' OR (section = 'proactive' AND col IN ('decisions', 'amount_10k_yuan', 'issued', 'repealed', 'in_force'))`

func summaryName(k Key) string { return "c_" + k.WideName() }

// summaryCellsDDL is the table that keeps, per report version, the cells
// requests_summary reads. Pivoting 20 million values at every query takes
// seconds; picking each report's cells once at load takes a fraction of
// that (Document.Prepare picks them from its values, stageSummary appends
// them), and the view then only joins. It is derived data: a migration that changes summaryKeys rebuilds
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
// Counts are BIGINT, so every output prints them as integers (21, never
// 21.0); money (fees_10k_yuan) and rates stay DOUBLE.
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
	TRY_CAST(p.c_new_total AS BIGINT) AS received,
	TRY_CAST(p.c_carried_over_total AS BIGINT) AS carried_over,
	TRY_CAST(p.c_granted_total AS BIGINT) AS granted,
	TRY_CAST(p.c_partially_granted_total AS BIGINT) AS partially_granted,
	TRY_CAST(%s AS BIGINT) AS denied,
	TRY_CAST(%s AS BIGINT) AS unable_to_provide,
	TRY_CAST(%s AS BIGINT) AS not_processed,
	TRY_CAST(%s AS BIGINT) AS other_outcome,
	TRY_CAST(p.c_handled_total_total AS BIGINT) AS handled,
	TRY_CAST(p.c_carried_forward_total AS BIGINT) AS carried_forward,
	p.c_granted_total / NULLIF(p.c_handled_total_total, 0) AS grant_rate,
	%s / NULLIF(p.c_handled_total_total, 0) AS disclosure_rate,
	TRY_CAST(p.c_recon_total AS BIGINT) AS reconsiderations,
	TRY_CAST(p.c_recon_upheld AS BIGINT) AS reconsiderations_upheld,
	TRY_CAST(p.c_recon_corrected AS BIGINT) AS reconsiderations_corrected,
	TRY_CAST(p.c_recon_other AS BIGINT) AS reconsiderations_other,
	TRY_CAST(p.c_recon_pending AS BIGINT) AS reconsiderations_pending,
	TRY_CAST(%s AS BIGINT) AS lawsuits,
	TRY_CAST(p.c_lit_direct_total AS BIGINT) AS lawsuits_direct,
	TRY_CAST(p.c_lit_after_recon_total AS BIGINT) AS lawsuits_after_reconsideration,
	TRY_CAST(%s AS BIGINT) AS lawsuits_upheld,
	TRY_CAST(%s AS BIGINT) AS lawsuits_corrected,
	TRY_CAST(%s AS BIGINT) AS lawsuits_other,
	TRY_CAST(%s AS BIGINT) AS lawsuits_pending,
	p.c_fees_amount_10k_yuan AS fees_10k_yuan,
	TRY_CAST(p.c_licensing_decisions AS BIGINT) AS licensing_decisions,
	TRY_CAST(p.c_punishment_decisions AS BIGINT) AS punishment_decisions,
	TRY_CAST(p.c_enforcement_decisions AS BIGINT) AS enforcement_decisions,
	r.checks_failed,
	coalesce(x.failed, 0) AS cross_year_checks_failed,
	r.corrections
FROM current_reports r LEFT JOIN summary_cells p ON p.report_id = r.report_id
LEFT JOIN (SELECT report_id, count(*) AS failed FROM cross_year_checks WHERE NOT ok GROUP BY report_id) x ON x.report_id = r.report_id`,
		identityCols, sumOf(denied...), sumOf(unable...), sumOf(notProc...), sumOf(other...),
		sumOf("p.c_granted_total", "p.c_partially_granted_total"), lit("total"), lit("upheld"), lit("corrected"), lit("other"), lit("pending"))
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

// summaryDocs describes requests_summary's measures.
var summaryDocs = map[string]string{
	"received":                       "一、本年新收政府信息公开申请数量 (总计)",
	"carried_over":                   "二、上年结转政府信息公开申请数量 (总计)",
	"granted":                        "三(一) 予以公开 (总计)",
	"partially_granted":              "三(二) 部分公开 (总计)",
	"denied":                         "三(三) 不予公开, sum of the 8 reasons as printed; NULL when all are blank",
	"unable_to_provide":              "三(四) 无法提供, sum of the 3 reasons as printed; NULL when all are blank",
	"not_processed":                  "三(五) 不予处理, sum of the 5 reasons as printed; NULL when all are blank",
	"other_outcome":                  "三(六) 其他处理 (2021: sum of its 3 rows), as printed; NULL when all are blank",
	"handled":                        "三(七) 总计, as printed (not recomputed)",
	"carried_forward":                "四、结转下年度继续办理 (总计)",
	"grant_rate":                     "granted / handled",
	"disclosure_rate":                "(granted + partially_granted) / handled",
	"reconsiderations":               "行政复议 总计",
	"reconsiderations_upheld":        "行政复议 结果维持",
	"reconsiderations_corrected":     "行政复议 结果纠正",
	"reconsiderations_other":         "行政复议 其他结果",
	"reconsiderations_pending":       "行政复议 尚未审结",
	"lawsuits":                       "行政诉讼 总计: 未经复议直接起诉 + 复议后起诉 (printed cells added)",
	"lawsuits_direct":                "行政诉讼 未经复议直接起诉 总计",
	"lawsuits_after_reconsideration": "行政诉讼 复议后起诉 总计",
	"lawsuits_upheld":                "行政诉讼 结果维持 (both kinds)",
	"lawsuits_corrected":             "行政诉讼 结果纠正 (both kinds)",
	"lawsuits_other":                 "行政诉讼 其他结果 (both kinds)",
	"lawsuits_pending":               "行政诉讼 尚未审结 (both kinds)",
	"fees_10k_yuan":                  "行政事业性收费 本年收费金额 (万元; 2021 template)",
	"licensing_decisions":            "行政许可 处理决定数量",
	"punishment_decisions":           "行政处罚 处理决定数量",
	"enforcement_decisions":          "行政强制 处理决定数量",
}

func init() {
	maps.Copy(columnDocs, summaryDocs)
}
