-- coverage: Which divisions have a report for which year, by province?
-- One row per division of the chosen level (统计用 functional zones left out), with the years
-- that have a current report from the chosen kind of publisher and the years that lack one.
-- It reads the current rows of reports, not current_reports: its per-report corrections count
-- would join every report.
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: level=county  division level: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: from_year=0  first year of the range; 0 for the earliest year loaded
-- param: to_year=0  last year of the range; 0 for the latest year loaded
WITH bounds AS (
	SELECT CASE WHEN CAST($from_year AS INTEGER) = 0 THEN min(year) ELSE CAST($from_year AS INTEGER) END AS lo,
	       CASE WHEN CAST($to_year AS INTEGER) = 0 THEN max(year) ELSE CAST($to_year AS INTEGER) END AS hi
	FROM reports WHERE is_current
),
years AS (SELECT unnest(range(lo, hi + 1)) AS year FROM bounds),
divs AS (
	SELECT * FROM jurisdictions
	WHERE level = $level AND NOT statistical_only
	  AND ($province = '' OR province_code = $province OR province LIKE $province || '%')
	  AND ($prefecture = '' OR prefecture_code = $prefecture OR prefecture LIKE $prefecture || '%')
),
have AS (
	SELECT DISTINCT jurisdiction_code AS code, year FROM reports
	WHERE is_current AND ($kind = 'all' OR agency_kind = $kind)
)
SELECT d.province, d.prefecture, d.code, d.name,
	count(h.year) AS years_with_report,
	count(*) AS years_in_range,
	coalesce(string_agg(CASE WHEN h.year IS NOT NULL THEN y.year::VARCHAR END, ' ' ORDER BY y.year), '') AS years_covered,
	coalesce(string_agg(CASE WHEN h.year IS NULL THEN y.year::VARCHAR END, ' ' ORDER BY y.year), '') AS years_missing
FROM divs d CROSS JOIN years y
LEFT JOIN have h ON h.code = d.code AND h.year = y.year
GROUP BY d.province, d.prefecture, d.code, d.name
ORDER BY d.code;
