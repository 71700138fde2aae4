package warehouse

import (
	"context"
	"database/sql"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"disclosure/places"
)

// reclassifyPublishers brings reports.agency_kind up to the current
// publisher rules (places.PublisherKind) when the database was written
// under others: the kind is derived from stored fields and the start of the
// stored prose, so no document needs parsing again.
func reclassifyPublishers(ctx context.Context, conn *sql.Conn) error {
	var have string
	err := conn.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'publisher_rules'`).Scan(&have)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if have == places.PublisherRules {
		return nil
	}
	rows, err := conn.QueryContext(ctx, `
		SELECT r.report_id, coalesce(r.agency, ''), coalesce(r.jurisdiction, ''), coalesce(r.title, ''),
			coalesce(left((SELECT string_agg(coalesce(heading, '') || chr(10) || coalesce(text, ''), chr(10) ORDER BY seq)
				FROM report_prose p WHERE p.report_id = r.report_id), 600), '')
		FROM reports r`)
	if err != nil {
		return err
	}
	type kinded struct {
		id   int64
		kind string
	}
	var all []kinded
	for rows.Next() {
		var k kinded
		var agency, jur, title, body string
		if err := rows.Scan(&k.id, &agency, &jur, &title, &body); err != nil {
			rows.Close()
			return err
		}
		k.kind = places.PublisherKind(agency, jur, title, body)
		all = append(all, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE publisher_kinds (report_id BIGINT, kind VARCHAR)`); err != nil {
		return err
	}
	err = withAppender(conn, "publisher_kinds", func(a *duckdb.Appender) error {
		for _, k := range all {
			if err := a.AppendRow(k.id, k.kind); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `
		UPDATE reports SET agency_kind = k.kind FROM publisher_kinds k
		WHERE reports.report_id = k.report_id AND reports.agency_kind IS DISTINCT FROM k.kind;
		DROP TABLE publisher_kinds;
		INSERT OR REPLACE INTO meta VALUES ('publisher_rules', ?)`, places.PublisherRules)
	if err != nil {
		return fmt.Errorf("reclassifying publishers: %w", err)
	}
	return nil
}
