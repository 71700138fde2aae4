-- review_rates: How often are disclosure decisions challenged, and how often corrected?
-- Reconsiderations (行政复议) and lawsuits (行政诉讼, both kinds) per 100 applications
-- received, and the share of decided cases whose result was corrected (纠正; pending cases left out).
-- param: year=0  statistics year; 0 for the latest year with a report of the selection (level, kind, province, prefecture)
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: level=county  division level: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- filter: kind=all  the output says how many rows the default kind left out
SELECT province, prefecture, jurisdiction_code AS code, division, agency, year, received,
	reconsiderations, lawsuits,
	round(100 * reconsiderations / NULLIF(received, 0), 2) AS reconsiderations_per_100,
	round(100 * lawsuits / NULLIF(received, 0), 2) AS lawsuits_per_100,
	round(reconsiderations_corrected / NULLIF(reconsiderations - coalesce(reconsiderations_pending, 0), 0), 4) AS reconsideration_corrected_share,
	round(lawsuits_corrected / NULLIF(lawsuits - coalesce(lawsuits_pending, 0), 0), 4) AS lawsuit_corrected_share
FROM requests_summary
WHERE year = (CASE WHEN CAST($year AS INTEGER) = 0 THEN (SELECT max(year) FROM requests_summary WHERE {{summary_filter}}) ELSE CAST($year AS INTEGER) END)
  AND {{summary_filter}}
ORDER BY code, agency;
