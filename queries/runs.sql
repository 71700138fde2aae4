-- runs: What did one nightly run (the latest by default) do, site by site?
-- One row per site of that run: what its column listed, what was
-- downloaded, new, changed or unchanged, what failed, what the parser could not read, what was
-- loaded and what vanished, the site's error, the platform of its column, whether it was
-- blocked (kind and marker: its reports could not be listed, which is not the same as none), its
-- 网站标识码, and the limits it reached (notes). Whole runs: SELECT * FROM runs.
-- param: run=0  run_id; 0 for the latest run that ended (its sites are written when it ends)
-- param: failed=false  true: only the sites with an error, failed requests or a block
SELECT r.run_id, r.trigger, r.status, r.started_at, s.site_code, s.site_name,
	s.discovered, s.fetched, s.unchanged, s.new, s.changed, s.failed, s.parse_failures,
	s.checks_failed, s.loaded, s.gone, round(s.duration_s, 1) AS seconds, s.error,
	s.platform, s.blocked_kind, s.blocked_marker, s.site_id, s.notes, s.site_url
FROM runs r JOIN run_sites s USING (run_id)
WHERE r.run_id = CASE WHEN CAST($run AS BIGINT) = 0 THEN {{last_ended_run}} ELSE CAST($run AS BIGINT) END
  AND (NOT CAST($failed AS BOOLEAN) OR s.error IS NOT NULL OR s.failed > 0 OR s.blocked_kind IS NOT NULL)
ORDER BY r.run_id DESC, s.error IS NULL, s.site_code, s.site_url;
