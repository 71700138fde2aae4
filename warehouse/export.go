package warehouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ExportOptions says what Export writes.
type ExportOptions struct {
	Dir string
	// Excel writes CSV with a UTF-8 BOM and CRLF line ends, which Excel on a
	// Chinese Windows needs to open UTF-8 correctly (it assumes GBK otherwise).
	Excel bool
	// Parquet also writes each object as Parquet.
	Parquet bool
	// PartitionBy "year" writes Parquet as Hive partitions dir/NAME/year=2023/…
	// for every object with a year column.
	PartitionBy string
	// Query, when set, exports only its result as Name.csv / Name.parquet.
	Query string
	Name  string
	Args  []any
}

// Export writes every public table and view (or one query) as CSV and
// optionally Parquet, plus the data dictionary, and returns the files written.
func (db *DB) Export(ctx context.Context, opt ExportOptions) ([]string, error) {
	if opt.PartitionBy != "" && opt.PartitionBy != "year" {
		return nil, fmt.Errorf("--partition-by %q: only year is supported", opt.PartitionBy)
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, err
	}
	type object struct{ name, sel string }
	var objs []object
	if opt.Query != "" {
		name := opt.Name
		if name == "" {
			name = "query"
		}
		objs = append(objs, object{name, strings.TrimRight(strings.TrimSpace(opt.Query), ";")})
	} else {
		for _, o := range append(append([]string{}, Tables...), Views...) {
			objs = append(objs, object{o, "SELECT * FROM " + o})
		}
	}
	var files []string
	for _, o := range objs {
		csvPath := filepath.Join(opt.Dir, o.name+".csv")
		if err := db.copyTo(ctx, o.sel, csvPath, "FORMAT csv, HEADER", opt.Args); err != nil {
			return files, fmt.Errorf("%s: %w", o.name, err)
		}
		if opt.Excel {
			if err := excelize(csvPath); err != nil {
				return files, err
			}
		}
		files = append(files, csvPath)
		if !opt.Parquet {
			continue
		}
		pq := filepath.Join(opt.Dir, o.name+".parquet")
		popts := "FORMAT parquet, COMPRESSION zstd"
		if opt.PartitionBy == "year" && db.hasYear(ctx, o.sel, opt.Args) {
			pq = filepath.Join(opt.Dir, o.name)
			if err := os.RemoveAll(pq); err != nil {
				return files, err
			}
			popts += ", PARTITION_BY (year)"
		}
		if err := db.copyTo(ctx, o.sel, pq, popts, opt.Args); err != nil {
			return files, fmt.Errorf("%s: %w", o.name, err)
		}
		files = append(files, pq)
	}
	dict, err := db.writeDictionary(ctx, opt)
	return append(files, dict...), err
}

// copyTo runs DuckDB's own COPY, the fastest writer of both formats.
func (db *DB) copyTo(ctx context.Context, sel, path, opts string, args []any) error {
	q := fmt.Sprintf("COPY (%s) TO '%s' (%s)", sel, strings.ReplaceAll(path, "'", "''"), opts)
	_, err := db.sql.ExecContext(ctx, q, args...)
	return err
}

// hasYear tells whether a query's result has a year column to partition by.
func (db *DB) hasYear(ctx context.Context, sel string, args []any) bool {
	rows, err := db.sql.QueryContext(ctx, "SELECT * FROM ("+sel+") LIMIT 0", args...)
	if err != nil {
		return false
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for _, c := range cols {
		if c == "year" {
			return true
		}
	}
	return false
}
