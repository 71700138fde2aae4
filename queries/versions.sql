-- versions: Which versions of a division's reports are stored, and which one is current?
-- Every document loaded for the division (by 六位代码, or the jurisdiction text when the code is
-- unknown), oldest first, with what replaced what.
-- param: code=  六位代码 (e.g. 420625) or jurisdiction text as printed
-- param: year=0  statistics year; 0 for every year
SELECT report_id, jurisdiction_code AS code, jurisdiction, agency, year, version, is_current, superseded_by,
	loaded_at, sha256, source_url, title
FROM reports
WHERE (jurisdiction_code = $code OR jurisdiction = $code)
  AND (CAST($year AS INTEGER) = 0 OR year = CAST($year AS INTEGER))
ORDER BY agency, year, version;
