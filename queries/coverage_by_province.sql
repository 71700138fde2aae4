-- coverage_by_province: For each province and year, how many of its divisions have a report?
-- Divisions of the chosen level (统计用 functional zones left out) with at least one current
-- report from the chosen kind of publisher, against all of them.
-- param: level=county  division level counted: county or prefecture
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: year=0  statistics year; 0 for every year loaded
WITH divs AS (
	SELECT * FROM jurisdictions WHERE level = $level AND NOT statistical_only
),
years AS (
	SELECT DISTINCT year FROM current_reports
	WHERE year IS NOT NULL AND (CAST($year AS INTEGER) = 0 OR year = CAST($year AS INTEGER))
),
have AS (
	SELECT DISTINCT jurisdiction_code AS code, year FROM current_reports
	WHERE ($kind = 'all' OR agency_kind = $kind)
)
SELECT d.province_code, d.province, y.year,
	count(h.code) AS with_report,
	count(*) AS divisions,
	round(count(h.code) / count(*), 4) AS share
FROM divs d CROSS JOIN years y
LEFT JOIN have h ON h.code = d.code AND h.year = y.year
GROUP BY d.province_code, d.province, y.year
ORDER BY d.province_code, y.year;
