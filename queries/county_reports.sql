-- county_reports: Which reports did one division's government, departments and towns publish?
-- One row per current report whose division is the given code, newest year first.
-- param: code=  the division's 六位代码
SELECT year, agency_kind, agency, report_id, template, received, granted, grant_rate, handled,
	reconsiderations, lawsuits, checks_failed, corrections
FROM requests_summary
WHERE jurisdiction_code = $code
ORDER BY year DESC, CASE agency_kind WHEN 'government' THEN 0 WHEN 'department' THEN 1 WHEN 'town' THEN 2 ELSE 3 END, agency, report_id;
