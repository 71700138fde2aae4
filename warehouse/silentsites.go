package warehouse

// silentSitesMacro is the one definition of a silent site, shared by the
// alerts query (its silent_site rows) and coverage_by_province (its
// silent_sites counts): a site of the last completed run that listed no
// report in each of its last run_count completed runs and was not blocked
// in the latest of them (a blocked site is its own alert). A table macro,
// not a view, because the number of runs is the queries' runs= parameter.
// Internal, like report_measures: not exported.
const silentSitesMacro = `CREATE OR REPLACE MACRO silent_sites(run_count) AS TABLE
WITH last_completed AS (SELECT max(run_id) AS run_id FROM runs WHERE status = 'completed'),
recent AS (
	SELECT s.*, row_number() OVER (PARTITION BY s.site_url ORDER BY s.run_id DESC) AS nth
	FROM run_sites s JOIN runs r USING (run_id)
	WHERE r.status = 'completed'
)
SELECT site_url, site_code, site_name, n, last_error
FROM (
	SELECT site_url, arg_max(site_code, run_id) AS site_code, arg_max(site_name, run_id) AS site_name,
		count(*) AS n, count(*) FILTER (WHERE discovered = 0) AS listed_none,
		-- arg_max_null: the latest run's, NULL included (arg_max skips NULLs: an
		-- older run's error or block would stand in for a clean latest run).
		arg_max_null(error, run_id) AS last_error, arg_max_null(blocked_kind, run_id) AS blocked_kind
	FROM recent
	WHERE nth <= run_count
	  AND site_url IN (SELECT site_url FROM run_sites WHERE run_id = (SELECT run_id FROM last_completed))
	GROUP BY site_url
)
-- In the outer query: a macro's parameter cannot stand in a HAVING clause.
WHERE n = run_count AND listed_none = n AND blocked_kind IS NULL`
