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
	Args  []any // sql.Named values are listed in the manifest as parameters
	// Force writes into a folder that already holds files. Without it a
	// non-empty folder is refused: stale files of another export (another
	// database, another query) would sit beside fresh ones.
	Force bool
}

// Export writes every public table and view (or one query) as CSV and
// optionally Parquet, plus the data dictionary, and returns the files written.
func (db *DB) Export(ctx context.Context, opt ExportOptions) ([]string, error) {
	if opt.PartitionBy != "" && opt.PartitionBy != "year" {
		return nil, fmt.Errorf("--partition-by %q: only year is supported", opt.PartitionBy)
	}
	if err := checkExportDir(opt.Dir, opt.Force); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, err
	}
	man := db.newManifest(opt)
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
		rows, err := db.countRows(ctx, o.sel, opt.Args)
		if err != nil {
			return files, fmt.Errorf("%s: %w", o.name, err)
		}
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
		man.add(csvPath, o.name, rows)
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
		man.add(pq, o.name, rows)
	}
	dict, err := db.writeDictionary(ctx, opt)
	files = append(files, dict...)
	if err != nil {
		return files, err
	}
	for _, f := range dict {
		man.add(f, "", -1)
	}
	mf, err := man.write(ctx, db)
	if err != nil {
		return files, fmt.Errorf("manifest: %w", err)
	}
	return append(files, mf), nil
}

// checkExportDir refuses a folder that holds anything, unless forced.
func checkExportDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 || force {
		return nil // missing (created later) or empty
	}
	names := make([]string, 0, 3)
	for _, e := range entries[:min(3, len(entries))] {
		names = append(names, e.Name())
	}
	more := ""
	if len(entries) > 3 {
		more = fmt.Sprintf(" and %d more", len(entries)-3)
	}
	return fmt.Errorf("%s is not empty (%s%s): export into an empty folder, or use --force to write over it", dir, strings.Join(names, ", "), more)
}

// countRows counts a query's rows, for the manifest.
func (db *DB) countRows(ctx context.Context, sel string, args []any) (int64, error) {
	var n int64
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM ("+sel+")", args...).Scan(&n)
	return n, err
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
