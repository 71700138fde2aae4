package warehouse

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"disclosure/places"
)

// version reads the schema version; 0 for an empty database.
func (db *DB) version() (int, error) {
	var n int
	err := db.sql.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'schema_version'`).Scan(&n)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		var tables int
		if err := db.sql.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'`).Scan(&tables); err != nil {
			return 0, err
		}
		if tables > 0 {
			return 0, fmt.Errorf("%s holds tables but no schema_version: not a disclosure warehouse", db.path)
		}
		return 0, nil
	}
	var v sql.NullInt64
	if err := db.sql.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrate applies every migration above from, then rebuilds views and the
// jurisdictions table, all in one transaction.
func (db *DB) migrate(ctx context.Context, from int) error {
	if from == SchemaVersion() {
		// Every crawl batch opens the warehouse: when nothing would change,
		// it should not pay for a transaction that rewrites every view.
		if current, err := db.refreshed(ctx); err != nil || current {
			return err
		}
	}
	return db.inTx(ctx, func(conn *sql.Conn) error { return db.migrateIn(ctx, conn, from) })
}

// refreshed says whether the database already holds this program's views,
// division data and publisher rules (as meta records them), so that
// migrateIn at the same schema version would write nothing new.
func (db *DB) refreshed(ctx context.Context) (bool, error) {
	want := map[string]string{
		"views_sha256":     viewsSHA256(),
		"divisions_sha256": places.DivisionsSHA256(),
		"publisher_rules":  places.PublisherRules,
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT key, value FROM meta WHERE key IN ('views_sha256', 'divisions_sha256', 'publisher_rules')`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	same := 0
	for rows.Next() {
		var k string
		var v sql.NullString
		if err := rows.Scan(&k, &v); err != nil {
			return false, err
		}
		if v.Valid && want[k] == v.String {
			same++
		}
	}
	return same == len(want), rows.Err()
}

// viewsSHA256 fingerprints the views' SQL, recorded in meta when they are
// (re)created; the SQL is fixed for the program, so it is hashed once.
var viewsSHA256 = sync.OnceValue(func() string {
	h := sha256.New()
	for _, v := range viewSQL() {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
})

func (db *DB) migrateIn(ctx context.Context, conn *sql.Conn, from int) error {
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		if _, err := conn.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.note, err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO schema_version (version, note) VALUES (?, ?)`, m.version, m.note); err != nil {
			return err
		}
	}
	for _, v := range viewSQL() {
		if _, err := conn.ExecContext(ctx, v); err != nil {
			return fmt.Errorf("creating view: %w\n%s", err, v)
		}
	}
	if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO meta VALUES ('views_sha256', ?)`, viewsSHA256()); err != nil {
		return err
	}
	if err := fillJurisdictions(ctx, conn); err != nil {
		return err
	}
	return reclassifyPublishers(ctx, conn)
}

// fillJurisdictions (re)writes the jurisdictions table from the embedded
// division data when that data changed since the last write.
func fillJurisdictions(ctx context.Context, conn *sql.Conn) error {
	want := places.DivisionsSHA256()
	var have string
	err := conn.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'divisions_sha256'`).Scan(&have)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if have == want {
		return nil
	}
	d, err := places.LoadDivisions()
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM jurisdictions`); err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(*duckdb.Conn), "", "jurisdictions")
		if err != nil {
			return err
		}
		for _, dv := range d.List {
			var pc, pn, fc, fn any
			if dv.Province != nil {
				pc, pn = dv.Province.Code, dv.Province.Name
			}
			if dv.Prefecture != nil {
				fc, fn = dv.Prefecture.Code, dv.Prefecture.Name
			}
			var parent any
			if dv.Parent != "" {
				parent = dv.Parent
			}
			if err := a.AppendRow(dv.Code, dv.Name, dv.Level, parent, pc, pn, fc, fn, dv.FullName(), dv.StatisticalOnly); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	})
	if err != nil {
		return fmt.Errorf("filling jurisdictions: %w", err)
	}
	for k, v := range map[string]string{"divisions_sha256": want, "divisions_source": d.Source} {
		if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO meta VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}
	return nil
}
