-- coverage_by_province: For each province and year, how many of its divisions have a report, and how many of its sites are blocked or silent?
-- One row per province and year of the range: its divisions of the chosen level (统计用 functional
-- zones left out), how many have a current report from the chosen kind of publisher and how many
-- lack one (as coverage counts them division by division), and on each of the province's rows the
-- same two site counts: blocked_sites, its sites with an error or a block in the last run (as runs
-- shows them), and silent_sites, its sites that listed no report in each of the last N completed
-- runs without being blocked (as alerts' silent_site). A site counts for the province of its
-- 六位代码 (its first two digits); a site without a code is left out.
-- `disclosure serve` shows it at /coverage when no province is chosen.
-- param: level=county  division level counted: county or prefecture
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: year=0  one statistics year; 0 for the range from_year–to_year
-- param: from_year=0  first year of the range; 0 for the earliest year loaded
-- param: to_year=0  last year of the range; 0 for the latest year loaded
-- param: runs=3  silent_sites: completed runs in a row without a report listed
WITH bounds AS (
	SELECT CASE WHEN CAST($year AS INTEGER) <> 0 THEN CAST($year AS INTEGER)
	            WHEN CAST($from_year AS INTEGER) <> 0 THEN CAST($from_year AS INTEGER) ELSE min(year) END AS lo,
	       CASE WHEN CAST($year AS INTEGER) <> 0 THEN CAST($year AS INTEGER)
	            WHEN CAST($to_year AS INTEGER) <> 0 THEN CAST($to_year AS INTEGER) ELSE max(year) END AS hi
	FROM reports WHERE is_current
),
years AS (SELECT unnest(range(lo, hi + 1)) AS year FROM bounds),
divs AS (
	SELECT * FROM jurisdictions WHERE level = $level AND NOT statistical_only
),
have AS (
	SELECT DISTINCT jurisdiction_code AS code, year FROM reports
	WHERE is_current AND ($kind = 'all' OR agency_kind = $kind)
),
counted AS (
	SELECT d.province_code, d.province, y.year,
		count(h.code) AS with_report,
		count(*) AS divisions
	FROM divs d CROSS JOIN years y
	LEFT JOIN have h ON h.code = d.code AND h.year = y.year
	GROUP BY d.province_code, d.province, y.year
),
-- The sites of the last run that failed or were blocked (runs, run=0).
blocked AS (
	SELECT site_code FROM run_sites
	WHERE run_id = {{last_ended_run}}
	  AND (error IS NOT NULL OR blocked_kind IS NOT NULL)
),
-- The silent sites, as alerts' silent_site defines them (the warehouse's silent_sites macro).
silent AS (SELECT site_code FROM silent_sites(CAST($runs AS INTEGER))),
sites AS (
	SELECT province_code, count(*) FILTER (WHERE what = 'blocked') AS blocked_sites,
		count(*) FILTER (WHERE what = 'silent') AS silent_sites
	FROM (SELECT left(site_code, 2) || '0000' AS province_code, 'blocked' AS what FROM blocked WHERE site_code IS NOT NULL
	      UNION ALL
	      SELECT left(site_code, 2) || '0000', 'silent' FROM silent WHERE site_code IS NOT NULL)
	GROUP BY province_code
)
SELECT c.province_code, c.province, c.year, c.with_report, c.divisions,
	round(c.with_report / c.divisions, 4) AS share,
	c.divisions - c.with_report AS without_report,
	coalesce(s.blocked_sites, 0) AS blocked_sites,
	coalesce(s.silent_sites, 0) AS silent_sites
FROM counted c LEFT JOIN sites s ON s.province_code = c.province_code
ORDER BY c.province_code, c.year;
