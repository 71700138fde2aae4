-- county_reports: Which reports did one division's government, departments and towns publish?
-- One row per current report whose division is the given code, newest year first, with
-- requests_summary's main measures.
-- It reads current_reports and report_measures (the same measures from summary_cells, corrections applied)
-- directly: requests_summary's cross-year column costs a self-join of every report on each query.
-- param: code=  the division's 六位代码
WITH summary AS (
	SELECT r.report_id, r.jurisdiction_code, r.division, r.division_level, r.province_code, r.province,
		r.prefecture_code, r.prefecture, r.agency, r.agency_kind, r.year, r.template, r.checks_failed, r.corrections,
		p.received, p.granted, p.handled, p.grant_rate, p.reconsiderations, p.lawsuits, p.corrected, p.fees_10k_yuan
	FROM current_reports r LEFT JOIN report_measures p ON p.report_id = r.report_id
	WHERE r.jurisdiction_code = $code
)
SELECT year, agency_kind, agency, report_id, template, received, granted, grant_rate, handled,
	reconsiderations, lawsuits, checks_failed, corrections
FROM summary
ORDER BY year DESC, CASE agency_kind WHEN 'government' THEN 0 WHEN 'department' THEN 1 WHEN 'town' THEN 2 ELSE 3 END, agency, report_id;
