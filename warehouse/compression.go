package warehouse

// DuckDB compresses each column of a row group when it writes it (a
// batch's values at commit, checks and prose at the next checkpoint), and
// first tries every method the column's type allows to pick the smallest
// (ColumnDataCheckpointer::DetectBestCompressionMethod). For text, that is
// a dictionary pass and an FSST pass, the latter building a symbol table
// for every segment only to estimate its size. On a load of the bench files
// the trials took half of the final checkpoint (perf) and a tenth of all the
// load's instructions (callgrind).
//
// The report tables' text columns name a method that suits them whatever
// the reports say (USING COMPRESSION), and DuckDB tries no other:
//   - dictionary for what comes from a small set: the value keys, a value's
//     raw text (numbers, mostly the same few hundred), a check's name and
//     key, a prose heading, and a check's detail: most cells of most
//     reports are 0, so the same details recur from report to report
//     ("granted 0 vs natural_person 0 + … = 0": 113 distinct of 863 in the
//     corpus), and DuckDB's trials chose a dictionary for them there and on
//     the bench files (since migration 15 only failed checks keep a
//     detail, the column mostly NULL);
//   - FSST for free text: a prose paragraph.
//
// BenchmarkLoadVsCopy, 2 pairs alternating with the code before: the load
// wrote 1.48–1.95 million values a second (before: 1.34–1.51) on 18.2–24.1
// CPU-s (23.7–26.9). Naming the detail's dictionary alone took the
// snapshot's checkpoint of the 10,000 bench files from 0.75–0.88 s to
// 0.62–0.74 (4 pairs).
//
// DuckDB cannot change a column's compression in place, so migration 14
// rebuilds the three tables: a copy of their rows in order, once, when an
// older warehouse opens. Names, types, constraints and rows stay the same;
// views are rebuilt after every migration anyway.
const fixedCompressionDDL = `
CREATE TABLE report_values_v14 (
	report_id BIGINT NOT NULL,
	section   VARCHAR USING COMPRESSION dictionary NOT NULL,
	row       VARCHAR USING COMPRESSION dictionary NOT NULL,
	col       VARCHAR USING COMPRESSION dictionary NOT NULL,
	value     DOUBLE,
	raw       VARCHAR USING COMPRESSION dictionary
);
INSERT INTO report_values_v14 SELECT report_id, section, row, col, value, raw FROM report_values;
DROP TABLE report_values;
ALTER TABLE report_values_v14 RENAME TO report_values;

CREATE TABLE report_checks_v14 (
	report_id BIGINT NOT NULL,
	name      VARCHAR USING COMPRESSION dictionary NOT NULL,
	key       VARCHAR USING COMPRESSION dictionary,
	ok        BOOLEAN NOT NULL,
	detail    VARCHAR USING COMPRESSION dictionary
);
INSERT INTO report_checks_v14 SELECT report_id, name, key, ok, detail FROM report_checks;
DROP TABLE report_checks;
ALTER TABLE report_checks_v14 RENAME TO report_checks;

CREATE TABLE report_prose_v14 (
	report_id BIGINT NOT NULL,
	seq       INTEGER NOT NULL,
	heading   VARCHAR USING COMPRESSION dictionary,
	text      VARCHAR USING COMPRESSION fsst
);
INSERT INTO report_prose_v14 SELECT report_id, seq, heading, text FROM report_prose;
DROP TABLE report_prose;
ALTER TABLE report_prose_v14 RENAME TO report_prose;
`
