package warehouse

import "strings"

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
// DuckDB cannot drop a constraint, so migration 16 rebuilds reports as
// migration 1 made it, less the two (report_id stays NOT NULL): a copy of
// its rows in order, once, when an older warehouse opens. Names, types and
// rows stay the same; views are rebuilt after every migration anyway.
var reportsWithoutIndexesDDL = func() string {
	v1 := schemaV1Table("reports")
	unindexed := strings.NewReplacer(
		"CREATE TABLE reports (", "CREATE TABLE reports_v16 (",
		"BIGINT PRIMARY KEY,", "BIGINT NOT NULL,",
		"NOT NULL UNIQUE,", "NOT NULL,",
	).Replace(v1)
	return unindexed + `
INSERT INTO reports_v16 SELECT * FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v16 RENAME TO reports;`
}()

// schemaV1Table is the CREATE TABLE statement of table in migration 1.
func schemaV1Table(table string) string {
	start := strings.Index(schemaV1, "CREATE TABLE "+table+" (")
	end := start + strings.Index(schemaV1[start:], ");") + 2
	return schemaV1[start:end]
}
