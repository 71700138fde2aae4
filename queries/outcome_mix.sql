-- outcome_mix: How are applications decided, compared across counties?
-- Shares of the applications handled (三(七) 总计) that were granted, partly granted, denied,
-- unable to provide, not processed or otherwise closed. NULL where handled is blank or 0.
-- param: year=0  statistics year; 0 for the latest year with a report of the selection (level, kind, province, prefecture)
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: prefecture=  prefecture name, its start or code; empty for all
-- param: level=county  division level: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- filter: kind=all  the output says how many rows the default kind left out
SELECT province, prefecture, jurisdiction_code AS code, division, agency, year, handled,
	round(granted / NULLIF(handled, 0), 4) AS granted_share,
	round(partially_granted / NULLIF(handled, 0), 4) AS partly_share,
	round(denied / NULLIF(handled, 0), 4) AS denied_share,
	round(unable_to_provide / NULLIF(handled, 0), 4) AS unable_share,
	round(not_processed / NULLIF(handled, 0), 4) AS not_processed_share,
	round(other_outcome / NULLIF(handled, 0), 4) AS other_share
FROM requests_summary
WHERE year = (CASE WHEN CAST($year AS INTEGER) = 0 THEN (SELECT max(year) FROM requests_summary WHERE {{summary_filter}}) ELSE CAST($year AS INTEGER) END)
  AND {{summary_filter}}
ORDER BY code, agency;
