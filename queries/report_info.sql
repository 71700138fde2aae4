-- report_info: What is one stored report: its publisher, division, source and version?
-- param: id=0  report_id
SELECT r.report_id, r.title, r.jurisdiction, r.jurisdiction_code, j.name AS division, j.prefecture, j.province,
	r.agency, r.agency_kind, r.year, r.template, r.published, r.form, r.source_url, r.sha256,
	r.version, r.is_current, r.superseded_by, r.checks_failed, r.checks_run, r.values_found, r.warnings, r.loaded_at
FROM reports r LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code
WHERE r.report_id = CAST($id AS BIGINT);
