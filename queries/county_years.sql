-- county_years: How did one division's own government report move across the years, beside the median of its prefecture and province?
-- One row per year with a county-level government report in the division's province: the
-- division's value (count for a count measure, an integer; value for grant_rate and
-- fees_10k_yuan, a decimal; NULL when it has no report or printed the cell blank) and the medians (and
-- counts) of the county-level government reports of its prefecture and of its province.
-- The measures are requests_summary's (corrected: reconsiderations_corrected + lawsuits_corrected).
-- It reads the current rows of reports and report_measures (the same measures from summary_cells,
-- corrections applied) directly: requests_summary's cross-year column costs a self-join of every
-- report on each query, and current_reports' corrections count a join of every report.
-- param: code=  the division's 六位代码
-- param: measure=received  received, granted, grant_rate, reconsiderations, lawsuits, corrected, fees_10k_yuan or checks_failed
WITH guard AS MATERIALIZED (
	SELECT CASE WHEN $measure NOT IN ('received', 'granted', 'grant_rate', 'reconsiderations', 'lawsuits', 'corrected', 'fees_10k_yuan', 'checks_failed')
		THEN error('unknown measure ' || $measure) END AS ok
),
me AS (SELECT * FROM jurisdictions WHERE code = $code),
-- The county-level government reports of the division's province. A 六位代码's first two digits
-- are its province's, so the scan of reports keeps only those before any join.
summary AS (
	SELECT r.report_id, r.jurisdiction_code, r.year, j.prefecture_code, j.province_code, r.checks_failed,
		p.received, p.granted, p.handled, p.grant_rate, p.reconsiderations, p.lawsuits, p.corrected, p.fees_10k_yuan
	FROM reports r JOIN jurisdictions j ON j.code = r.jurisdiction_code
	LEFT JOIN report_measures p ON p.report_id = r.report_id
	WHERE r.is_current AND r.agency_kind = 'government' AND j.level = 'county'
	  AND starts_with(r.jurisdiction_code, left($code, 2))
	  AND j.province_code = (SELECT province_code FROM me)
),
vals AS (
	SELECT s.report_id, s.jurisdiction_code, s.year, s.prefecture_code, s.province_code, CASE $measure
		WHEN 'received' THEN s.received WHEN 'granted' THEN s.granted WHEN 'grant_rate' THEN s.grant_rate
		WHEN 'reconsiderations' THEN s.reconsiderations WHEN 'lawsuits' THEN s.lawsuits WHEN 'corrected' THEN s.corrected
		WHEN 'fees_10k_yuan' THEN s.fees_10k_yuan WHEN 'checks_failed' THEN s.checks_failed END AS value
	FROM summary s
	-- One report per division and year (two current government reports of one division, its
	-- publisher named two ways, would count it twice in the medians): the latest loaded.
	QUALIFY row_number() OVER (PARTITION BY s.jurisdiction_code, s.year ORDER BY s.report_id DESC) = 1
)
SELECT v.year,
	-- one number format (issue 12): a count is an integer, a rate or an amount a decimal
	CASE WHEN $measure NOT IN ('grant_rate', 'fees_10k_yuan') THEN TRY_CAST(round(max(v.value) FILTER (WHERE v.jurisdiction_code = me.code)) AS BIGINT) END AS count,
	CASE WHEN $measure IN ('grant_rate', 'fees_10k_yuan') THEN max(v.value) FILTER (WHERE v.jurisdiction_code = me.code) END AS value,
	max(v.report_id) FILTER (WHERE v.jurisdiction_code = me.code) AS report_id,
	median(v.value) FILTER (WHERE v.prefecture_code = me.prefecture_code) AS prefecture_median,
	count(v.value) FILTER (WHERE v.prefecture_code = me.prefecture_code) AS prefecture_n,
	median(v.value) AS province_median,
	count(v.value) AS province_n
FROM vals v CROSS JOIN me, guard
GROUP BY v.year
ORDER BY v.year;
