package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"math"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// appendAll writes the new versions' rows: reports and what the parser
// made of each (appendParsed).
func appendAll(ctx context.Context, conn *sql.Conn, ps []*prepared, sc summaryCols, batch int64, loadedAt time.Time) error {
	if len(ps) == 0 {
		return nil
	}
	return appendParsed(ctx, conn, ps, sc, appendStep{"reports", func(a *duckdb.Appender) error { return appendReports(a, ps, batch, loadedAt) }})
}

// appendStep fills one table through an appender.
type appendStep struct {
	table string
	fill  func(*duckdb.Appender) error
}

// appendParsed writes what the parser made of each report (after the
// steps given first): warnings and summary cells (stageSummary) through
// one appender per table, table by table so each appender streams full
// chunks, while the staged rows of its values, checks and prose
// (Document.Prepare) are written to CSV files on goroutines
// (load_stage.go), then loaded by DuckDB's reader.
//
// The values are the hot path (≈200 a report, 2 million a batch of
// 10,000). Measured on 2 million values (BenchmarkLoadVsCopy), DuckDB's
// reader of a staged CSV beat:
//   - the appender, row by row: every value crosses cgo boxed in an
//     interface, ≈1 µs a value;
//   - staging key ids and numbers in temp tables through the appender, then
//     INSERT … SELECT joining the key strings back: the join's output is
//     written by one thread, slower than COPY itself, and the PIVOT into
//     summary_cells cost as much again;
//   - an Arrow record stream needs duckdb-go's duckdb_arrow build tag in
//     every build and test of the project, for no gain over the reader.
//
// The insert costs what COPY does: COPY report_values FROM the staged file
// inside the transaction took the same CPU as INSERT … read_csv (1,000 and
// 10,000 reports a batch), and perf shows both spend about half their time
// compressing the row groups they write (dictionary, FSST, string stats),
// an eighth parsing. The checks (≈40 a report, each then with its detail)
// took their appender 0.77 s of a load of 10,000 report files, the staged
// file 0.43 s; the prose's appender 0.26 s, its file 0.15 s.
func appendParsed(ctx context.Context, conn *sql.Conn, ps []*prepared, sc summaryCols, first ...appendStep) error {
	var files []*staged
	defer func() {
		for _, f := range files {
			f.remove()
		}
	}()
	seq := sequential(ps)
	for _, t := range []stagedTable{stagedValues, stagedChecks, stagedProse} {
		f, err := stage(ps, t, seq)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	steps := append(first,
		appendStep{"report_warnings", func(a *duckdb.Appender) error { return appendWarnings(a, ps) }},
	)
	for _, s := range steps {
		if err := withAppender(conn, s.table, s.fill); err != nil {
			return err
		}
	}
	if err := stageSummary(conn, ps, sc); err != nil {
		return err
	}
	for _, f := range files {
		if err := f.load(ctx, conn); err != nil {
			return err
		}
	}
	return appendPositions(conn, ps)
}

func appendReports(a *duckdb.Appender, ps []*prepared, batch int64, loadedAt time.Time) error {
	for _, p := range ps {
		r := p.doc.Report
		var year, superseded any
		if r.Year != 0 {
			year = int32(r.Year)
		}
		if p.supersedBy != 0 {
			superseded = p.supersedBy
		}
		err := a.AppendRow(p.id, p.doc.SHA256, nullable(p.doc.SourceURL),
			nullable(r.Jurisdiction), nullable(p.res.Code()), nullable(p.res.Via),
			nullable(r.Agency), p.kind, year, nullable(r.Template), nullable(r.Title), p.published,
			nullable(r.Form), int32(p.doc.rows.checksFailed), int32(len(p.doc.rows.checks.ends)), int32(len(p.doc.rows.values.ends)), int32(len(p.warnings)),
			nullable(p.identity), int32(p.version), p.current, superseded, batch, loadedAt)
		if err != nil {
			return err
		}
	}
	return nil
}

func appendWarnings(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for i, w := range p.warnings {
			if err := a.AppendRow(p.id, int32(i+1), w.stage, w.msg); err != nil {
				return err
			}
		}
	}
	return nil
}

// stageSummary writes each report's summary cells (summaryKeys, the cells
// requests_summary reads; compactRows.summary) to summary_cells, sc being
// its columns. Staging them as CSV too was measured slower: DuckDB's
// reader took ~5× the appender's CPU for 10,000 rows of 60 columns.
func stageSummary(conn *sql.Conn, ps []*prepared, sc summaryCols) error {
	return withAppenderColumns(conn, "summary_cells", append([]string{"report_id"}, sc.names...), func(a *duckdb.Appender) error {
		row := make([]driver.Value, len(sc.names)+1)
		for _, p := range ps {
			clear(row)
			row[0] = p.id
			for k, x := range p.doc.rows.summary {
				if i := sc.column[k]; i >= 0 && !math.IsNaN(x) {
					row[i+1] = x
				}
			}
			if err := a.AppendRow(row...); err != nil {
				return err
			}
		}
		return nil
	})
}
