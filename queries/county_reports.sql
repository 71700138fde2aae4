-- county_reports: Which reports did one division's government, departments and towns publish?
-- One row per current report whose division is the given code, newest year first, with
-- requests_summary's main measures.
-- It reads current_reports and summary_cells (the cells requests_summary reads, corrections applied)
-- directly: requests_summary's cross-year column costs a self-join of every report on each query.
-- param: code=  the division's 六位代码
WITH summary AS (
	SELECT r.report_id, r.jurisdiction_code, r.division, r.division_level, r.province_code, r.province,
		r.prefecture_code, r.prefecture, r.agency, r.agency_kind, r.year, r.template, r.checks_failed, r.corrections,
		p.c_new_total AS received, p.c_granted_total AS granted, p.c_handled_total_total AS handled,
		p.c_granted_total / NULLIF(p.c_handled_total_total, 0) AS grant_rate,
		p.c_recon_total AS reconsiderations,
		list_sum([p.c_lit_direct_total, p.c_lit_after_recon_total]) AS lawsuits,
		list_sum([p.c_recon_corrected, p.c_lit_direct_corrected, p.c_lit_after_recon_corrected]) AS corrected,
		p.c_fees_amount_10k_yuan AS fees_10k_yuan
	FROM current_reports r LEFT JOIN summary_cells p ON p.report_id = r.report_id
	WHERE r.jurisdiction_code = $code
)
SELECT year, agency_kind, agency, report_id, template, received, granted, grant_rate, handled,
	reconsiderations, lawsuits, checks_failed, corrections
FROM summary
ORDER BY year DESC, CASE agency_kind WHEN 'government' THEN 0 WHEN 'department' THEN 1 WHEN 'town' THEN 2 ELSE 3 END, agency, report_id;
