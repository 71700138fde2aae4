package warehouse

import (
	"context"
	"fmt"
)

// A long load (`disclosure load`, `reparse`: one command, many batches,
// the database held open throughout) tunes DuckDB for itself:
//
//   - Checkpoints wait for the WAL to reach bulkCheckpointWAL instead of
//     DuckDB's 16 MB. A checkpoint compresses what was appended and
//     rewrites the last, partly filled row group of every table it touched
//     (reports, prose, checks, summary_cells stay in one row group for the
//     first ~100,000 reports), so its cost grows with the database: on
//     10,000 report files (BenchmarkLoadFiles) the load checkpointed every
//     other batch of 1,000, each time slower (1.6 s → 5 s), and writing
//     cost more than parsing (x_parse 2.0). Checkpointing once at the end
//     (DuckDB does on close) brought x_parse to 1.06 and the load's CPU from
//     29 s to 23 s. A committed batch is as durable in the WAL as after a
//     checkpoint.
//   - memoryLimit, when given, bounds what DuckDB holds meanwhile (what
//     was appended since the last checkpoint stays in memory, ~13 MB a
//     1,000 reports, and spills to the temp directory beside the database
//     past the limit). With DuckDB's default, 80% of the machine, the
//     process's peak reached 670 MiB on those 10,000 files; 128 MB (with
//     the Go heap at 192 MiB, pipeline/load.go) kept it at 474 MiB. A
//     batch larger than the limit spills: BenchmarkLoadVsCopy's batches
//     of 10,000 reports (2 million values) ran at 0.55 of COPY's CPU under
//     128 MB, so it leaves the default, as its COPY does.
const bulkCheckpointWAL = "256MB"

// BulkLoad sets the database up for one long load, DuckDB's memory capped
// at memoryLimit (e.g. "128MB"; "" leaves its default), and returns what
// puts DuckDB's defaults back (call it before Close, or let Close drop the
// settings with the instance).
func (db *DB) BulkLoad(ctx context.Context, memoryLimit string) (restore func() error, err error) {
	if db.readOnly {
		return nil, fmt.Errorf("%s is open read-only", db.path)
	}
	set := []string{"SET GLOBAL checkpoint_threshold = " + sqlString(bulkCheckpointWAL)}
	if memoryLimit != "" {
		set = append(set, "SET GLOBAL memory_limit = "+sqlString(memoryLimit))
	}
	for _, q := range set {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", db.path, q, err)
		}
	}
	return func() error {
		_, err := db.sql.ExecContext(context.Background(), "RESET GLOBAL checkpoint_threshold; RESET GLOBAL memory_limit")
		return err
	}, nil
}
