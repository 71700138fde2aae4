-- failed_checks: Which reports' numbers do not add up (勾稽关系), and where?
-- One row per failed check of a current report, with the numbers compared. A failed check
-- means the report as printed is inconsistent; values are never repaired. Cross-year checks
-- (carried_over_matches, in_force_moves) compare a report with the same publisher's report of
-- the year before (view cross_year_checks).
-- param: year=0  statistics year; 0 for every year
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: check=  check name (requests_balance, requests_outcomes, requests_row_total, review_total, carried_over_matches, in_force_moves); empty for all
WITH failed AS (
	SELECT report_id, name, key, detail FROM report_checks WHERE NOT ok
	UNION ALL
	SELECT report_id, name, key, detail FROM cross_year_checks WHERE NOT ok
)
SELECT r.province, r.prefecture, r.jurisdiction_code AS code, r.agency, r.year, r.report_id,
	c.name AS "check", c.key, c.detail, r.title, r.source_url
FROM current_reports r JOIN failed c USING (report_id)
WHERE true
  AND (CAST($year AS INTEGER) = 0 OR r.year = CAST($year AS INTEGER))
  AND ($province = '' OR r.province_code = $province OR r.province LIKE $province || '%')
  AND ($check = '' OR c.name = $check)
ORDER BY r.jurisdiction_code, r.agency, r.year, c.name, c.key;
