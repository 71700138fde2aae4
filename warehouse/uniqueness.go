package warehouse

// A document is stored once: "loading the same document twice adds
// nothing" (CONTRACT.md). The loader keeps that promise, not an index:
// inside the batch's transaction it looks up the batch's sha256s
// (existingBySHA) and numbers new reports after the largest report_id,
// and the loads of one process take turns (DB.loads), so no other writer
// can slip a report in between; DuckDB lets no other process write the
// file at all.
//
// Until migration 16, reports also declared report_id PRIMARY KEY and
// sha256 UNIQUE. DuckDB keeps each in an ART index, updated and checked
// on every append and merged at commit, and its documentation warns that
// constraints slow loading. On BenchmarkLoadVsCopy (100,000 reports, in
// batches of 10,000) the two cost 5% of the write path: per batch, the
// reports appender took 48–54 ms with them and 31–39 without, the commit
// 39–61 ms against 24–40; load/copy went from 0.80 and 0.82 to 0.86 and
// 0.85 (2 pairs, alternating). Nothing reads reports through them: the
// loader's lookups are joins, which DuckDB runs as hash joins either way,
// and a report_id lookup (ids ascend with the load) is found by the row
// groups' min/max.
//
// DuckDB cannot drop a constraint, so migration 16 rebuilds reports
// without them: a copy of its rows in order, once, when an older warehouse
// opens. Names, types, NOT NULLs and rows stay the same; views are rebuilt
// after every migration anyway.
const reportsWithoutIndexesDDL = `
CREATE TABLE reports_v16 (
	report_id         BIGINT NOT NULL,
	sha256            VARCHAR NOT NULL, -- of the raw document bytes; one report per document (uniqueness.go)
	source_url        VARCHAR,
	jurisdiction      VARCHAR,
	jurisdiction_code VARCHAR,
	jurisdiction_via  VARCHAR,
	agency            VARCHAR,
	agency_kind       VARCHAR,
	year              INTEGER,
	template          VARCHAR,
	title             VARCHAR,
	published         DATE,
	form              VARCHAR,
	checks_failed     INTEGER,
	checks_run        INTEGER,
	values_found      INTEGER,
	warnings          INTEGER,
	identity          VARCHAR,
	version           INTEGER,
	is_current        BOOLEAN NOT NULL,
	superseded_by     BIGINT,
	batch_id          BIGINT,
	loaded_at         TIMESTAMP
);
INSERT INTO reports_v16 SELECT report_id, sha256, source_url, jurisdiction, jurisdiction_code, jurisdiction_via,
	agency, agency_kind, year, template, title, published, form, checks_failed, checks_run, values_found,
	warnings, identity, version, is_current, superseded_by, batch_id, loaded_at FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v16 RENAME TO reports;
`
