-- totals: What do the reports add up to, per province (or prefecture) and year?
-- Sums over the current reports of the chosen kind and level; a division whose cell is blank
-- adds nothing, and reports_with_value says how many reports printed the number.
-- param: by=province  group by province or prefecture
-- param: level=county  division level summed: county, prefecture or province
-- param: kind=government  publisher kind: government (of a division, incl. a zone's 管委会), department, town (乡镇街道), other, or all
-- param: province=  province name, its start (湖北) or code; empty for all
-- param: year=0  statistics year; 0 for every year
SELECT CASE WHEN $by = 'prefecture' THEN prefecture ELSE province END AS area,
	year,
	count(*) AS reports,
	count(received) AS reports_with_value,
	sum(received) AS received,
	sum(granted) AS granted,
	sum(partially_granted) AS partially_granted,
	sum(denied) AS denied,
	sum(unable_to_provide) AS unable_to_provide,
	sum(not_processed) AS not_processed,
	sum(handled) AS handled,
	-- over the reports that printed both numbers: a blank in one would bias the ratio
	round(sum(granted) FILTER (WHERE handled IS NOT NULL) / NULLIF(sum(handled) FILTER (WHERE granted IS NOT NULL), 0), 4) AS grant_rate,
	sum(reconsiderations) AS reconsiderations,
	sum(lawsuits) AS lawsuits
FROM requests_summary
WHERE division_level = $level
  AND ($kind = 'all' OR agency_kind = $kind)
  AND ($province = '' OR province_code = $province OR province LIKE $province || '%')
  AND (CAST($year AS INTEGER) = 0 OR year = CAST($year AS INTEGER))
GROUP BY ALL
ORDER BY area, year;
