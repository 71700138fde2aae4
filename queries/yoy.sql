-- yoy: How did a measure change from one year to the next, per county?
-- Compares each current report with the same publisher's current report of the year before;
-- change and pct_change are NULL where either year is missing or blank.
-- param: measure=received  a numeric column of requests_summary (received, granted, grant_rate, lawsuits, …)
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: level=county  division level: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: from_year=0  first year shown; 0 for all
WITH {{measure_guard}},
picked AS (
	SELECT * FROM requests_summary
	WHERE {{summary_filter}}
),
numbers AS (
	SELECT report_id, COLUMNS(c -> c NOT IN ('report_id', 'jurisdiction_code', 'division', 'division_level',
		'province_code', 'province', 'prefecture_code', 'prefecture', 'jurisdiction', 'agency', 'agency_kind', 'year', 'template'))::DOUBLE
	FROM picked
),
long AS (
	UNPIVOT numbers ON COLUMNS(* EXCLUDE (report_id)) INTO NAME measure VALUE value
),
series AS (
	SELECT p.province, p.prefecture, p.jurisdiction_code AS code, p.division, p.agency, p.year, l.value,
		lag(l.value) OVER w AS previous, lag(p.year) OVER w AS previous_year
	FROM picked p CROSS JOIN guard
	LEFT JOIN long l ON l.report_id = p.report_id AND l.measure = $measure
	WINDOW w AS (PARTITION BY p.jurisdiction_code, p.agency ORDER BY p.year)
)
SELECT province, prefecture, code, division, agency, year, value,
	CASE WHEN previous_year = year - 1 THEN previous END AS previous,
	CASE WHEN previous_year = year - 1 THEN value - previous END AS change,
	CASE WHEN previous_year = year - 1 THEN round((value - previous) / NULLIF(previous, 0), 4) END AS pct_change
FROM series
WHERE CAST($from_year AS INTEGER) = 0 OR year >= CAST($from_year AS INTEGER)
ORDER BY code, agency, year;
