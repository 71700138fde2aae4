-- unreadable: Which published documents could not be read, and why?
-- One row per document (its bytes, at a URL or file) that `load`, `crawl`, `run` or `reparse` could not
-- read as text, so nothing of it is stored: image-only (a scan: pages are pictures), no text layer
-- (a PDF whose characters do not decode, e.g. CJK fonts without a ToUnicode map), encrypted (needs a
-- password). These are the reports a later OCR step would recover. A document read since (a better
-- reader and `disclosure reparse`, or readable bytes now at the same URL or file) is no longer listed.
-- Columns: reason; url (file:///path for a file given to load); site_code and site_name of the site
-- that found it (or --site-code of the load); via, the command that last met it (load, crawl, run,
-- reparse); run_id when that was a run; first_seen and seen_at, when it was first and last found
-- unreadable (UTC); sha256 of its bytes (the raw store's key for a crawled one); detail, what the reader saw.
-- param: reason=  one reason (image-only, no text layer, encrypted); empty for all
-- param: site=  site code, or the start of its site's URL or of its own; empty for all
SELECT u.reason, u.url, u.site_code, u.site_name, u.via, u.run_id, u.first_seen, u.seen_at, u.sha256, u.detail
FROM unreadable_documents u
WHERE u.read_at IS NULL
  AND u.sha256 NOT IN (SELECT sha256 FROM reports)
  AND ($reason = '' OR u.reason = $reason)
  AND ($site = '' OR u.site_code = $site OR u.site_url LIKE $site || '%' OR u.url LIKE $site || '%')
ORDER BY u.reason, u.site_code, u.url;
