package demo

import (
	"database/sql"
	"disclosure/internal/texttable"
	"disclosure/pipeline"
	"fmt"
	"io"
	"strconv"
)

// comparisonSQL is the demo's cross-county table: one row per current
// report, its publisher's kind (a county's own government, a department, a
// township …: the named queries compare governments by default), and the
// measures researchers compare first.
const comparisonSQL = `SELECT coalesce(jurisdiction_code, '?'), coalesce(division, '?'), coalesce(jurisdiction, agency, ''),
	coalesce(agency_kind, '?'), year, received, granted, grant_rate, reconsiderations, lawsuits, checks_failed
FROM requests_summary
ORDER BY jurisdiction_code NULLS LAST, year, jurisdiction`

// writeComparison prints the comparison table and returns how many
// reports the database holds (all versions).
func writeComparison(w io.Writer, store pipeline.Store) (int, error) {
	db, err := store.Open(true)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.SQL().Query(comparisonSQL)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var table [][]string
	for rows.Next() {
		var code, division, publisher, kind string
		var year, checks sql.NullInt64
		var received, granted, rate, recon, suits sql.NullFloat64
		if err := rows.Scan(&code, &division, &publisher, &kind, &year, &received, &granted, &rate, &recon, &suits, &checks); err != nil {
			return 0, err
		}
		pct := "—"
		if rate.Valid {
			pct = strconv.FormatFloat(100*rate.Float64, 'f', 1, 64) + "%"
		}
		table = append(table, []string{code, division, publisher, kind, intOr(year), numOr(received), numOr(granted), pct,
			numOr(recon), numOr(suits), intOr(checks)})
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	header := []string{"code", "division", "publisher", "publisher kind", "year", "received", "granted", "grant rate", "reconsiderations", "lawsuits", "checks failed"}
	if err := texttable.Write(w, header, table); err != nil {
		return 0, err
	}
	if err := writeProvenance(w, db.SQL()); err != nil {
		return 0, err
	}
	var n int
	err = db.SQL().QueryRow(`SELECT count(*) FROM reports`).Scan(&n)
	return n, err
}

// writeProvenance says which builds wrote the rows above, as the database
// records it (load_batches.version, also in runs and every export's manifest.json).
func writeProvenance(w io.Writer, db *sql.DB) error {
	var versions sql.NullString
	err := db.QueryRow(`SELECT string_agg(DISTINCT coalesce(version, 'unrecorded'), ', ' ORDER BY coalesce(version, 'unrecorded'))
		FROM load_batches b WHERE b.batch_id IN (SELECT batch_id FROM reports WHERE is_current)`).Scan(&versions)
	if err != nil {
		return err
	}
	if versions.Valid {
		_, err = fmt.Fprintf(w, "Loaded by %s (load_batches.version; runs.version names the build of each run)\n", versions.String)
	}
	return err
}

func intOr(v sql.NullInt64) string {
	if !v.Valid {
		return "—"
	}
	return strconv.FormatInt(v.Int64, 10)
}

func numOr(v sql.NullFloat64) string {
	if !v.Valid {
		return "—"
	}
	return strconv.FormatFloat(v.Float64, 'f', -1, 64)
}
