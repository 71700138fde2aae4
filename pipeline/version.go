package pipeline

import (
	"database/sql"

	_ "github.com/duckdb/duckdb-go/v2" // the driver the warehouse uses
)

// DuckDBVersion is the version of the DuckDB library built into the
// binary, asked of an in-memory database.
func DuckDBVersion() string {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(`SELECT library_version FROM pragma_version()`).Scan(&v); err != nil {
		return "unknown"
	}
	return v
}
