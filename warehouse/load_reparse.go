package warehouse

import (
	"context"
	"database/sql"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// replaceParsed swaps the parsed data of stored documents for a new parse
// of the same bytes: their rows in every per-report table are deleted and
// written again under the same report_id, the reports row is updated, and
// the version chains of every identity involved (old and new) are rebuilt
// in load order.
func replaceParsed(ctx context.Context, conn *sql.Conn, ps []*prepared, sc summaryCols) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE reparse_rows (
		report_id BIGINT, jurisdiction VARCHAR, jurisdiction_code VARCHAR, jurisdiction_via VARCHAR,
		agency VARCHAR, agency_kind VARCHAR, year INTEGER, template VARCHAR, title VARCHAR, published DATE,
		form VARCHAR, checks_failed INTEGER, checks_run INTEGER, values_found INTEGER, warnings INTEGER, identity VARCHAR)`); err != nil {
		return err
	}
	err := withAppender(conn, "reparse_rows", func(a *duckdb.Appender) error {
		for _, p := range ps {
			r := p.doc.Report
			var year any
			if r.Year != 0 {
				year = int32(r.Year)
			}
			if err := a.AppendRow(p.id, nullable(r.Jurisdiction), nullable(p.res.Code()), nullable(p.res.Via),
				nullable(r.Agency), p.kind, year, nullable(r.Template), nullable(r.Title), p.published,
				nullable(r.Form), int32(p.doc.rows.checksFailed), int32(len(p.doc.rows.checks.ends)), int32(len(p.doc.rows.values.ends)), int32(len(p.warnings)),
				nullable(p.identity)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `
		CREATE OR REPLACE TEMP TABLE rechain AS
			SELECT identity FROM reports WHERE report_id IN (SELECT report_id FROM reparse_rows) AND identity IS NOT NULL
			UNION SELECT identity FROM reparse_rows WHERE identity IS NOT NULL;
		DELETE FROM report_values WHERE report_id IN (SELECT report_id FROM reparse_rows);
		DELETE FROM value_positions WHERE report_id IN (SELECT report_id FROM reparse_rows);
		DELETE FROM report_checks WHERE report_id IN (SELECT report_id FROM reparse_rows);
		DELETE FROM report_prose WHERE report_id IN (SELECT report_id FROM reparse_rows);
		DELETE FROM report_warnings WHERE report_id IN (SELECT report_id FROM reparse_rows);
		DELETE FROM summary_cells WHERE report_id IN (SELECT report_id FROM reparse_rows);
		UPDATE reports SET jurisdiction = n.jurisdiction, jurisdiction_code = n.jurisdiction_code,
			jurisdiction_via = n.jurisdiction_via, agency = n.agency, agency_kind = n.agency_kind, year = n.year,
			template = n.template, title = n.title, published = n.published, form = n.form,
			checks_failed = n.checks_failed, checks_run = n.checks_run, values_found = n.values_found,
			warnings = n.warnings, identity = n.identity,
			version = CASE WHEN n.identity IS NULL THEN 1 ELSE reports.version END,
			is_current = CASE WHEN n.identity IS NULL THEN true ELSE reports.is_current END,
			superseded_by = CASE WHEN n.identity IS NULL THEN NULL ELSE reports.superseded_by END
		FROM reparse_rows n WHERE reports.report_id = n.report_id`)
	if err != nil {
		return err
	}
	if err := appendParsed(ctx, conn, ps, sc); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `
		UPDATE reports SET version = c.version, is_current = c.is_current, superseded_by = c.next
		FROM (SELECT report_id, row_number() OVER w AS version, lead(report_id) OVER w IS NULL AS is_current,
				lead(report_id) OVER w AS next
			FROM reports WHERE identity IN (SELECT identity FROM rechain)
			WINDOW w AS (PARTITION BY identity ORDER BY report_id)) c
		WHERE reports.report_id = c.report_id`)
	return err
}
