-- county_years: How did one division's own government report move across the years, beside the median of its prefecture and province?
-- One row per year with a county-level government report in the division's province: the
-- division's value (NULL when it has no report or printed the cell blank) and the medians (and
-- counts) of the county-level government reports of its prefecture and of its province.
-- param: code=  the division's 六位代码
-- param: measure=received  received, granted, grant_rate, reconsiderations, lawsuits, corrected, fees_10k_yuan or checks_failed
WITH guard AS MATERIALIZED (
	SELECT CASE WHEN $measure NOT IN ('received', 'granted', 'grant_rate', 'reconsiderations', 'lawsuits', 'corrected', 'fees_10k_yuan', 'checks_failed')
		THEN error('unknown measure ' || $measure) END AS ok
),
me AS (SELECT * FROM jurisdictions WHERE code = $code),
vals AS (
	SELECT s.report_id, s.jurisdiction_code, s.year, s.prefecture_code, s.province_code, CASE $measure
		WHEN 'received' THEN s.received WHEN 'granted' THEN s.granted WHEN 'grant_rate' THEN s.grant_rate
		WHEN 'reconsiderations' THEN s.reconsiderations WHEN 'lawsuits' THEN s.lawsuits
		WHEN 'corrected' THEN list_sum([s.reconsiderations_corrected, s.lawsuits_corrected])
		WHEN 'fees_10k_yuan' THEN s.fees_10k_yuan WHEN 'checks_failed' THEN s.checks_failed END AS value
	FROM requests_summary s
	WHERE s.agency_kind = 'government' AND s.division_level = 'county'
	  AND s.province_code = (SELECT province_code FROM me)
)
SELECT v.year,
	max(v.value) FILTER (WHERE v.jurisdiction_code = me.code) AS value,
	max(v.report_id) FILTER (WHERE v.jurisdiction_code = me.code) AS report_id,
	median(v.value) FILTER (WHERE v.prefecture_code = me.prefecture_code) AS prefecture_median,
	count(v.value) FILTER (WHERE v.prefecture_code = me.prefecture_code) AS prefecture_n,
	median(v.value) AS province_median,
	count(v.value) AS province_n
FROM vals v CROSS JOIN me, guard
GROUP BY v.year
ORDER BY v.year;
