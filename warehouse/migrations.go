package warehouse

// The schema, one migration per version. A database records its version in
// schema_version; Open migrates an older one and refuses a newer one. To
// change the schema, append a migration (never edit a released one) and bump
// SchemaVersion. Views are rebuilt after every migration, and at a writing
// open whenever their SQL changed (meta views_sha256); a view change needs
// a (possibly empty) migration only to reach an old file that is opened
// read-only before any writer has opened it.

// SchemaVersion is the version this program writes: the last migration's.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

type migration struct {
	version int
	note    string
	sql     string
}

var migrations = []migration{
	{1, "initial schema: reports, values, checks, prose, warnings, jurisdictions", schemaV1},
	{2, "summary_cells: the cells of requests_summary per report, kept at load", summaryCellsDDL()},
	{3, "load_batches.reparsed: documents whose parsed data a batch replaced", `ALTER TABLE load_batches ADD COLUMN reparsed INTEGER DEFAULT 0`},
	{4, "url_state and fetch_log: the crawler's per-URL memory and every request it made (crawlschema.go)", crawlDDL},
	{5, "runs, run_sites, run_documents, run_alerts, report_similarity: run reports and alerts (runs.go)", runsDDL},
	{6, "load_batches.version and runs.version: the build that wrote each batch and ran each run", `
		ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS version VARCHAR;
		ALTER TABLE runs ADD COLUMN IF NOT EXISTS version VARCHAR`},
	{7, "corrections: researchers' corrections of cells, kept apart from what the parser read (corrections.go)", correctionsDDL},
	{8, "summary_cells: 制发, 废止 and 现行有效 of 规章 and 规范性文件, for the cross-year checks (crossyear.go)", inForceCellsDDL()},
	{9, "run_sites: platform, blocked evidence, 网站标识码 and the limits a site's crawl reached (runschema.go)", runSitesPlatformDDL},
	{10, "value_positions: the page and box each PDF value was printed in (positions.go)", positionsDDL},
	{11, "unreadable_documents: scans and PDFs without a text layer met by load, crawl, run or reparse, with their reason (unreadable.go)", unreadableDDL},
	{12, "report_measures: the headline measures per report that the compare and county queries read (measures.go; a view, rebuilt with the others)", reportMeasuresView},
	{13, "silent_sites(run_count): the one definition of a silent site that the alerts and coverage_by_province queries read (silentsites.go; a table macro, rebuilt with the views)", silentSitesMacro},
	{14, "report_values, report_checks, report_prose: their text columns name their compression, so DuckDB skips trying the others (compression.go)", fixedCompressionDDL},
	{15, "report_checks.detail: kept for failed checks only, NULL where the check holds, as in cross_year_checks (load_compact.go checkDetail)", `UPDATE report_checks SET detail = NULL WHERE ok AND detail IS NOT NULL`},
	{16, "reports: no PRIMARY KEY or UNIQUE index; the loader keeps one report per document (uniqueness.go)", reportsWithoutIndexesDDL},
}
