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
//   - memory_limit bounds what DuckDB holds meanwhile (what was appended
//     since the last checkpoint stays in memory, ~13 MB a 1,000 reports,
//     and spills to the temp directory beside the database past the
//     limit): with its default, 80% of the machine, the process's peak
//     reached 670 MiB on those 10,000 files; 128 MB (with the Go heap at
//     192 MiB, pipeline/load.go) kept it at 474 MiB.
const (
	bulkCheckpointWAL = "256MB"
	bulkMemoryLimit   = "128MB"
)

// BulkLoad sets the database up for one long load and returns what puts
// DuckDB's defaults back (call it before Close, or let Close drop the
// settings with the instance).
func (db *DB) BulkLoad(ctx context.Context) (restore func() error, err error) {
	if db.readOnly {
		return nil, fmt.Errorf("%s is open read-only", db.path)
	}
	set := []string{
		"SET GLOBAL checkpoint_threshold = '" + bulkCheckpointWAL + "'",
		"SET GLOBAL memory_limit = '" + bulkMemoryLimit + "'",
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
