-- compare: How do the divisions of a province, a prefecture or a list compare on one measure in one year?
-- One row per division of the selection and report of the chosen publisher kind; a division
-- without a report is a row with no value (never 0) and the reason: not_yet_due (31 March of
-- the next year has not passed), blocked (its site's latest run failed or was kept from its list), unreadable (its site
-- served documents no reader got through, and no later parse read into a report), not_found; why says it in Chinese for the page
-- `disclosure serve` shows.
-- Without province, prefecture or codes: the divisions followed (a report loaded or a site registered).
-- The measures are requests_summary's (corrected: reconsiderations_corrected + lawsuits_corrected).
-- It reads the current rows of reports (current_reports without its per-report corrections count)
-- and report_measures (the same measures from summary_cells, corrections applied) directly:
-- requests_summary's cross-year column costs a self-join of every report on each query.
-- A count measure comes out in count (an integer), grant_rate and fees_10k_yuan in value (a decimal).
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: codes=  comma-separated 六位代码 of the divisions to compare (overrides province and prefecture)
-- param: year=0  statistics year; 0 for the latest year with a report of the chosen kind
-- param: kind=government  publisher kind: government, department, town, other, or all
-- param: measure=received  received, granted, grant_rate, reconsiderations, lawsuits, corrected, fees_10k_yuan or checks_failed
-- param: sort=value  order rows by value, name or code
-- param: dir=desc  desc or asc
-- param: as_of=  judge the deadline on this date (YYYY-MM-DD); empty for today in China (Asia/Shanghai)
WITH guard AS MATERIALIZED (
	SELECT CASE WHEN $measure NOT IN ('received', 'granted', 'grant_rate', 'reconsiderations', 'lawsuits', 'corrected', 'fees_10k_yuan', 'checks_failed')
		THEN error('unknown measure ' || $measure || ': use received, granted, grant_rate, reconsiderations, lawsuits, corrected, fees_10k_yuan or checks_failed') END AS ok
),
params AS (
	SELECT CASE WHEN CAST($year AS INTEGER) = 0 THEN (SELECT max(year) FROM reports WHERE is_current AND ($kind = 'all' OR agency_kind = $kind))
		ELSE CAST($year AS INTEGER) END AS y,
		{{as_of_date}} AS as_of
),
followed AS (
	SELECT jurisdiction_code AS code FROM reports WHERE is_current AND jurisdiction_code IS NOT NULL
	UNION SELECT site_code FROM run_sites WHERE site_code IS NOT NULL
),
divs AS (
	SELECT * FROM jurisdictions
	WHERE NOT coalesce(statistical_only, false) AND CASE
		WHEN $codes <> '' THEN list_contains(string_split(replace($codes, ' ', ''), ','), code)
		WHEN $province = '' AND $prefecture = '' THEN level = 'county' AND code IN (SELECT code FROM followed)
		ELSE level = 'county'
			AND ($province = '' OR province_code = $province OR starts_with(province, $province))
			AND ($prefecture = '' OR prefecture_code = $prefecture OR starts_with(prefecture, $prefecture))
	END
),
summary AS (
	SELECT r.report_id, r.jurisdiction_code, r.agency, r.agency_kind, r.year, r.checks_failed,
		p.received, p.granted, p.handled, p.grant_rate, p.reconsiderations, p.lawsuits, p.corrected, p.fees_10k_yuan
	-- A join, not a scalar subquery, so the year reaches the scan of reports; a given year is
	-- also a plain filter there.
	FROM reports r JOIN params prm ON r.year = prm.y
	LEFT JOIN report_measures p ON p.report_id = r.report_id
	WHERE r.is_current AND ($kind = 'all' OR r.agency_kind = $kind)
	  AND (CAST($year AS INTEGER) = 0 OR r.year = CAST($year AS INTEGER))
),
picked AS (
	SELECT s.*, CASE $measure
		WHEN 'received' THEN s.received WHEN 'granted' THEN s.granted WHEN 'grant_rate' THEN s.grant_rate
		WHEN 'reconsiderations' THEN s.reconsiderations WHEN 'lawsuits' THEN s.lawsuits WHEN 'corrected' THEN s.corrected
		WHEN 'fees_10k_yuan' THEN s.fees_10k_yuan WHEN 'checks_failed' THEN s.checks_failed END AS value
	FROM summary s
),
-- The division's sites in their latest run: their errors, or the blocks that kept their lists
-- away (a latest run without either clears what an earlier run saw; sites in URL order).
site AS (
	SELECT site_code AS code, string_agg(coalesce(error, 'blocked (' || blocked_kind || ')'), '; ' ORDER BY site_url) AS error
	FROM (SELECT * FROM run_sites WHERE site_code IS NOT NULL QUALIFY run_id = max(run_id) OVER (PARTITION BY site_code))
	GROUP BY site_code
),
-- Documents of the division's sites that no reader got through, each once however many runs met
-- it; one a later parser read into a report (disclosure reparse) no more.
unreadable AS (
	SELECT code, count(DISTINCT doc) AS n FROM (
		SELECT s.site_code AS code, coalesce(d.sha256, d.url) AS doc
		FROM run_documents d JOIN run_sites s ON s.run_id = d.run_id AND s.site_url = d.site_url
		WHERE d.outcome IN ('parse_error', 'unsupported')
		  AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.sha256 = d.sha256)
		UNION ALL -- scans and PDFs without a text layer, still unread (query unreadable)
		SELECT site_code, sha256 FROM unreadable_documents WHERE read_at IS NULL AND site_code IS NOT NULL
	) GROUP BY code
),
rows AS (
	SELECT d.province, d.prefecture, d.code, d.name AS division, p.agency, p.agency_kind, prm.y AS year, p.report_id,
		p.value AS v,
		CASE WHEN $measure = 'grant_rate' THEN p.granted END AS numerator,
		CASE WHEN $measure = 'grant_rate' THEN p.handled END AS denominator,
		p.checks_failed,
		CASE WHEN p.report_id IS NOT NULL THEN 'reported'
		     WHEN prm.as_of <= make_date(prm.y + 1, 3, 31) THEN 'not_yet_due'
		     WHEN st.error IS NOT NULL THEN 'blocked'
		     WHEN u.n > 0 THEN 'unreadable'
		     ELSE 'not_found' END AS status,
		CASE WHEN p.report_id IS NOT NULL AND p.value IS NULL THEN '报告中此项空白'
		     WHEN p.report_id IS NOT NULL THEN ''
		     WHEN prm.as_of <= make_date(prm.y + 1, 3, 31) THEN '法定期限 ' || make_date(prm.y + 1, 3, 31) || ' 未到'
		     WHEN st.error IS NOT NULL THEN '网站在最近一次运行中失败或被拦截：' || st.error
		     WHEN u.n > 0 THEN '其网站有 ' || u.n || ' 份文件无法读取'
		     ELSE '未找到 ' || prm.y || ' 年报告' END AS why
	FROM divs d CROSS JOIN params prm
	LEFT JOIN picked p ON p.jurisdiction_code = d.code
	LEFT JOIN site st ON st.code = d.code
	LEFT JOIN unreadable u ON u.code = d.code
)
SELECT CASE WHEN v IS NOT NULL THEN rank() OVER (PARTITION BY v IS NULL ORDER BY CASE WHEN $dir = 'asc' THEN v ELSE -v END) END AS rank,
	province, prefecture, code, division, agency, agency_kind, year, report_id,
	-- one number format (issue 12): a count is an integer, a rate or an amount a decimal
	CASE WHEN $measure NOT IN ('grant_rate', 'fees_10k_yuan') THEN TRY_CAST(round(v) AS BIGINT) END AS count,
	CASE WHEN $measure IN ('grant_rate', 'fees_10k_yuan') THEN v END AS value,
	TRY_CAST(round(numerator) AS BIGINT) AS numerator, TRY_CAST(round(denominator) AS BIGINT) AS denominator,
	TRY_CAST(checks_failed AS BIGINT) AS checks_failed, status, why
FROM rows, guard
ORDER BY
	CASE WHEN $sort = 'value' THEN v IS NULL END,
	CASE WHEN $sort = 'value' AND $dir = 'asc' THEN v END ASC,
	CASE WHEN $sort = 'value' AND $dir <> 'asc' THEN v END DESC,
	CASE WHEN $sort = 'name' AND $dir = 'asc' THEN division END ASC,
	CASE WHEN $sort = 'name' AND $dir <> 'asc' THEN division END DESC,
	CASE WHEN $sort = 'code' AND $dir <> 'asc' THEN code END DESC,
	code, agency;
