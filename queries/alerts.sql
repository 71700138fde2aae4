-- alerts: What needs a person's look after the nightly runs?
-- One row per alert, most urgent first:
-- blocked: a site that kept its list from the crawler in the last completed run (a JS challenge,
-- a JS-only shell, a platform page without its list): its reports could not be listed, which is
-- not the same as having none; the detail gives the evidence (status, marker, URL);
-- site_code_mismatch: a site whose 网站标识码 (meta SiteIDCode, _jiucuo_ sitecode) names a
-- division that is neither its registered county nor that county's prefecture or province
-- (another county's site registered here, or a moved domain);
-- silent_site: a site that listed no report in each of its last N completed runs (its column
-- moved, the site is down); a blocked site is a blocked alert instead;
-- missing_report: a jurisdiction the project follows (a registered site's code, or one that
-- reported before) without a report for year Y although 31 March of Y+1, the legal deadline, passed;
-- vanished_report: a loaded report whose page or file is gone from its site (404/410, or no longer
-- listed), unless a later version replaced it; the warehouse keeps it;
-- same_text: a report whose prose is nearly that of the same publisher's report of the year
-- before (Jaccard index of 5-character shingles, digits left out; table report_similarity);
-- cross_year: a report that disagrees with the same publisher's report of the year before
-- (上年结转 ≠ last year's 结转下年度, or 现行有效 not moved by 制发 − 废止; view cross_year_checks).
-- Every `disclosure run` stores these rows with its report (run_alerts).
-- param: kind=  one kind (blocked, site_code_mismatch, silent_site, missing_report, vanished_report, same_text, cross_year); empty for all
-- param: runs=3  silent_site: completed runs in a row without a report listed
-- param: year=0  missing_report: statistics year; 0 for the latest year whose deadline has passed
-- param: as_of=  missing_report: judge the deadline on this date (YYYY-MM-DD); empty for today in China (Asia/Shanghai)
-- param: similarity=0.9  same_text: Jaccard index at or above which the text counts as the same
WITH params AS (
	SELECT d AS as_of,
		CASE WHEN CAST($year AS INTEGER) <> 0 THEN CAST($year AS INTEGER)
		     WHEN d > make_date(year(d), 3, 31) THEN year(d) - 1
		     ELSE year(d) - 2 END AS y
	FROM (SELECT {{as_of_date}} AS d)
),
last_run AS (SELECT max(run_id) AS run_id FROM runs WHERE status = 'completed'),
silent AS (SELECT * FROM silent_sites(CAST($runs AS INTEGER))),
last_sites AS (
	SELECT * FROM run_sites WHERE run_id = (SELECT run_id FROM last_run)
),
tracked AS (
	SELECT site_code AS code FROM run_sites
	WHERE run_id = (SELECT run_id FROM last_run) AND site_code IS NOT NULL
	UNION
	SELECT jurisdiction_code FROM reports
	WHERE is_current AND jurisdiction_code IS NOT NULL AND year < (SELECT y FROM params)
),
missing AS (
	SELECT t.code FROM tracked t
	WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.is_current AND r.jurisdiction_code = t.code AND r.year = (SELECT y FROM params))
),
alerts AS (
	SELECT 0 AS ord, 'blocked' AS alert, s.site_url, s.site_code AS jurisdiction_code,
		coalesce(j.name, s.site_name) AS place, s.site_name AS agency, NULL::INTEGER AS year, NULL::BIGINT AS report_id,
		s.blocked_url AS url,
		'blocked (' || s.blocked_kind || '): status ' || coalesce(CAST(s.blocked_status AS VARCHAR), '?') || ', '
			|| coalesce(s.blocked_marker, '?') || ' at ' || coalesce(s.blocked_url, s.site_url)
			|| '; its reports could not be listed (not the same as none)' AS detail
	FROM last_sites s LEFT JOIN jurisdictions j ON j.code = s.site_code
	WHERE s.blocked_kind IS NOT NULL
	UNION ALL
	SELECT 1, 'site_code_mismatch', s.site_url, s.site_code, coalesce(j.name, s.site_name), s.site_name, NULL, NULL, s.site_url,
		'网站标识码 ' || s.site_id || ' names division ' || substr(s.site_id, 1, 6)
			|| ', not ' || s.site_code || ', its prefecture or its province'
	FROM last_sites s LEFT JOIN jurisdictions j ON j.code = s.site_code
	WHERE regexp_full_match(coalesce(s.site_id, ''), '[0-9]{10}') AND regexp_full_match(coalesce(s.site_code, ''), '[0-9]{6}')
	  AND substr(s.site_id, 1, 6) NOT IN (s.site_code, substr(s.site_code, 1, 4) || '00', substr(s.site_code, 1, 2) || '0000')
	UNION ALL
	SELECT 2, 'silent_site' AS alert, s.site_url, s.site_code AS jurisdiction_code,
		coalesce(j.name, s.site_name) AS place, s.site_name AS agency, NULL::INTEGER AS year, NULL::BIGINT AS report_id,
		s.site_url AS url,
		'no report listed in the last ' || s.n || ' runs' || coalesce('; last error: ' || s.last_error, '') AS detail
	FROM silent s LEFT JOIN jurisdictions j ON j.code = s.site_code
	UNION ALL
	SELECT 3, 'missing_report', NULL, m.code, j.name, NULL, p.y, NULL, NULL,
		'no ' || p.y || ' report loaded; the deadline was ' || make_date(p.y + 1, 3, 31)
	FROM missing m CROSS JOIN params p LEFT JOIN jurisdictions j ON j.code = m.code
	UNION ALL
	SELECT 4, 'vanished_report', u.site, r.jurisdiction_code, coalesce(j.name, r.jurisdiction), r.agency, r.year, r.report_id, u.url,
		'gone from its site since ' || strftime(u.gone_since, '%Y-%m-%d') || ' (' || coalesce(u.gone_reason, '?') || '); kept in the warehouse'
	FROM url_state u JOIN reports r ON r.sha256 = u.sha256 LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code
	WHERE u.gone AND u.kind IN ('report', 'attachment') AND r.is_current
	UNION ALL
	SELECT 5, 'same_text', NULL, a.jurisdiction_code, coalesce(j.name, a.jurisdiction), a.agency, a.year, a.report_id, a.source_url,
		round(100 * s.jaccard) || '% of the text is the same as in ' || b.year || ' (report ' || b.report_id || ')'
	FROM report_similarity s
	JOIN reports a ON a.report_id = s.report_id AND a.is_current
	JOIN reports b ON b.report_id = s.previous_id AND b.is_current
	LEFT JOIN jurisdictions j ON j.code = a.jurisdiction_code
	WHERE s.jaccard >= CAST($similarity AS DOUBLE) AND s.shingles >= 50
	UNION ALL
	SELECT 6, 'cross_year', NULL, x.jurisdiction_code, coalesce(x.division, a.jurisdiction), x.agency, x.year, x.report_id, a.source_url,
		x.detail || ' (report ' || x.previous_id || ')'
	FROM cross_year_checks x JOIN reports a ON a.report_id = x.report_id
	WHERE NOT x.ok
)
SELECT alert, site_url, jurisdiction_code, place, agency, year, report_id, url, detail
FROM alerts
WHERE $kind = '' OR alert = $kind
ORDER BY ord, jurisdiction_code NULLS LAST, year, url;
