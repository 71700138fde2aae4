-- corrections: Which cells have researchers corrected, and does the parser now agree?
-- One row per correction, newest first. status: applied (the views show the corrected value),
-- settled (the parser now reads the cell as the correction says, e.g. after a parser fix and
-- reparse), or superseded (a later correction of the same cell replaced it).
-- param: code=  六位代码 of the division (or its start: 4206 for a prefecture); empty for all
-- param: status=  applied, settled or superseded; empty for all
WITH c AS (
	SELECT c.*, r.jurisdiction_code, coalesce(j.name, r.jurisdiction) AS place, r.agency, r.year, r.is_current,
		v.value AS parsed_now, v.report_id IS NOT NULL AS parsed_present,
		row_number() OVER (PARTITION BY c.report_id, c.section, c.row, c.col ORDER BY c.correction_id DESC) AS nth
	FROM corrections c
	JOIN reports r USING (report_id)
	LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code
	LEFT JOIN report_values v ON v.report_id = c.report_id AND v.section = c.section AND v.row = c.row AND v.col = c.col
),
s AS (
	SELECT *, CASE WHEN nth > 1 THEN 'superseded'
		WHEN parsed_present AND parsed_now IS NOT DISTINCT FROM value THEN 'settled'
		ELSE 'applied' END AS status
	FROM c
)
SELECT correction_id, status, report_id, jurisdiction_code, place, agency, year,
	section, row, col, value, replaced_value, parsed_now, note, corrected_by, corrected_at, is_current
FROM s
WHERE ($code = '' OR starts_with(coalesce(jurisdiction_code, ''), $code))
  AND ($status = '' OR status = $status)
ORDER BY correction_id DESC;
