-- rank: How do counties rank on one measure within a province or prefecture, in one year?
-- Uses each county's own government report (agency_kind government) unless kind says otherwise.
-- Divisions whose value is NULL (blank in the report) are left out, not ranked as 0.
-- param: measure=received  a numeric column of requests_summary (received, granted, grant_rate, lawsuits, …)
-- param: year=0  statistics year; 0 for the latest year with a report of the selection (level, kind, province, prefecture)
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: level=county  division level compared: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: order=desc  desc ranks the largest first, asc the smallest
-- filter: kind=all  the output says how many rows the default kind left out
WITH {{measure_guard}},
picked AS (
	SELECT * FROM requests_summary
	WHERE year = (CASE WHEN CAST($year AS INTEGER) = 0 THEN (SELECT max(year) FROM requests_summary WHERE {{summary_filter}}) ELSE CAST($year AS INTEGER) END)
	  AND {{summary_filter}}
),
long AS (
	UNPIVOT (SELECT report_id, COLUMNS(c -> c NOT IN ('report_id', 'jurisdiction_code', 'division', 'division_level',
		'province_code', 'province', 'prefecture_code', 'prefecture', 'jurisdiction', 'agency', 'agency_kind', 'year', 'template'))::DOUBLE
		FROM picked)
	ON COLUMNS(* EXCLUDE (report_id)) INTO NAME measure VALUE value
)
SELECT rank() OVER (ORDER BY CASE WHEN $order = 'asc' THEN l.value ELSE -l.value END) AS rank,
	p.province, p.prefecture, p.jurisdiction_code AS code, p.division, p.agency, p.year,
	l.measure, l.value
FROM long l JOIN picked p USING (report_id), guard
WHERE l.measure = $measure
ORDER BY rank, code;
