package warehouse

// reportSourcesView shows, for each current report, what the crawler last
// saw at its source URL: a report that disappeared from its site stays in
// reports (nothing is ever deleted) and is marked gone here. crawled is
// false for reports loaded from files or from URLs the crawler does not
// track; source_changed says the URL now serves other bytes than this
// version (a new version the parser could not load, say).
func reportSourcesView() string {
	return `CREATE OR REPLACE VIEW report_sources AS
SELECT ` + identityCols + `, r.title, r.source_url, r.sha256,
	s.url IS NOT NULL AS crawled, s.site, s.site_code, s.first_seen, s.last_changed, s.last_fetched, s.last_status,
	coalesce(s.gone, false) AS gone, s.gone_since, s.gone_reason,
	coalesce(s.sha256 <> r.sha256, false) AS source_changed
FROM current_reports r LEFT JOIN url_state s ON s.url = r.source_url`
}
