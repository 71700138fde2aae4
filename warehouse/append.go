package warehouse

import (
	"database/sql"
	"database/sql/driver"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// appendAll writes the new versions' rows through one appender per table.
// Rows are appended table by table so each appender streams full chunks.
func appendAll(conn *sql.Conn, ps []*prepared, batch int64, loadedAt time.Time) error {
	if len(ps) == 0 {
		return nil
	}
	steps := []struct {
		table string
		fill  func(*duckdb.Appender) error
	}{
		{"reports", func(a *duckdb.Appender) error { return appendReports(a, ps, batch, loadedAt) }},
		{"report_values", func(a *duckdb.Appender) error { return appendValues(a, ps) }},
		{"report_checks", func(a *duckdb.Appender) error { return appendChecks(a, ps) }},
		{"report_prose", func(a *duckdb.Appender) error { return appendProse(a, ps) }},
		{"report_warnings", func(a *duckdb.Appender) error { return appendWarnings(a, ps) }},
	}
	for _, s := range steps {
		if err := withAppender(conn, s.table, s.fill); err != nil {
			return err
		}
	}
	return nil
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
			nullable(r.Form), int32(r.ChecksFailed()), int32(len(r.Checks)), int32(len(r.Values)), int32(len(p.warnings)),
			nullable(p.identity), int32(p.version), p.current, superseded, batch, loadedAt)
		if err != nil {
			return err
		}
	}
	return nil
}

// appendValues is the hot path (≈200 values a report): one reused row slice.
func appendValues(a *duckdb.Appender, ps []*prepared) error {
	row := make([]driver.Value, 6)
	for _, p := range ps {
		row[0] = p.id
		for _, v := range p.doc.Report.Values {
			row[1], row[2], row[3], row[5] = v.Section, v.Row, v.Col, v.Raw
			if v.Number != nil {
				row[4] = *v.Number
			} else {
				row[4] = nil
			}
			if err := a.AppendRow(row...); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendChecks(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for _, c := range p.doc.Report.Checks {
			if err := a.AppendRow(p.id, c.Name, nullable(c.Key), c.OK, nullable(c.Detail)); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendProse(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for i, s := range p.doc.Report.Prose {
			if err := a.AppendRow(p.id, int32(i+1), nullable(s.Heading), nullable(s.Text)); err != nil {
				return err
			}
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
