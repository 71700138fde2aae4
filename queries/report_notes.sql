-- report_notes: What did the checks, the warnings and the corrections say about one report?
-- One row per check (ok or failed; cross-year checks against the same publisher's report of the
-- year before named cross_year:…), warning and correction of the report.
-- param: id=0  report_id
SELECT 'check' AS kind, name, key, ok, detail, NULL::TIMESTAMP AS at, NULL AS by
FROM report_checks WHERE report_id = CAST($id AS BIGINT)
UNION ALL
SELECT 'check', 'cross_year:' || name, key, ok, detail, NULL, NULL
FROM cross_year_checks WHERE report_id = CAST($id AS BIGINT)
UNION ALL
SELECT 'warning', stage, NULL, NULL, message, NULL, NULL
FROM report_warnings WHERE report_id = CAST($id AS BIGINT)
UNION ALL
SELECT 'correction', section || '/' || row || '/' || col, coalesce(replaced_raw, '') || ' → ' || coalesce(raw, ''), NULL, note, corrected_at, corrected_by
FROM corrections WHERE report_id = CAST($id AS BIGINT)
ORDER BY kind, ok NULLS LAST, name, key;
