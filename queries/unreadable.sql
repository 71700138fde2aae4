-- unreadable: Which published documents could not be read, and why?
-- One row per document URL that the latest run to see it could not read as text, so nothing of
-- it is stored: image-only (a scan: pages are pictures), no text layer (a PDF whose characters
-- do not decode, e.g. CJK fonts without a ToUnicode map), encrypted (needs a password). These
-- are the reports a later OCR step would recover. `disclosure load` names such files as it skips them.
-- param: reason=  one reason (image-only, no text layer, encrypted); empty for all
-- param: site=  site code, or the start of its URL; empty for all
WITH latest AS (
	SELECT d.*, row_number() OVER (PARTITION BY d.url ORDER BY d.run_id DESC) AS n
	FROM run_documents d
)
SELECT split_part(l.detail, ':', 1) AS reason, l.url, s.site_code, s.site_name, l.run_id,
	r.started_at AS seen_at, l.sha256, l.detail
FROM latest l
JOIN runs r USING (run_id)
LEFT JOIN run_sites s ON s.run_id = l.run_id AND s.site_url = l.site_url
WHERE l.n = 1 AND l.outcome = 'unreadable'
  AND ($reason = '' OR split_part(l.detail, ':', 1) = $reason)
  AND ($site = '' OR s.site_code = $site OR l.site_url LIKE $site || '%')
ORDER BY reason, s.site_code, l.url;
