package warehouse

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// DuckDB lets one process write a file or many read it, never both: a
// notebook open on the warehouse blocks the nightly load, and the load
// blocks the notebook. So after each load and run the pipeline publishes a
// read-only copy beside the database (SnapshotPath) that analysts open at
// any time; it is replaced atomically (written, synced, renamed), so a
// reader sees the old copy or the new one, never half of one, and a reader
// that has the old one open keeps it until it closes.

// SnapshotPath is where the snapshot of the database at path is published:
// disclosure.duckdb → disclosure.snapshot.duckdb.
func SnapshotPath(path string) string {
	ext := filepath.Ext(path)
	if ext == "" {
		return path + ".snapshot"
	}
	return strings.TrimSuffix(path, ext) + ".snapshot" + ext
}

// PublishSnapshot checkpoints the database (so that the file holds every
// committed row and the log is empty) and copies it to SnapshotPath. Call it
// between writes, with no transaction of this process open. It returns the
// snapshot's path.
func (db *DB) PublishSnapshot(ctx context.Context) (string, error) {
	if db.readOnly {
		return "", fmt.Errorf("%s is open read-only: only the writer publishes its snapshot", db.path)
	}
	if err := db.Checkpoint(ctx); err != nil {
		return "", fmt.Errorf("checkpoint before the snapshot: %w", err)
	}
	if db.shared == nil {
		return "", fmt.Errorf("%s is not a database file: nothing to publish", db.path)
	}
	dst := SnapshotPath(db.path)
	// Through the instance's handle, never a descriptor of its own (openOnce).
	if err := copyAtomically(db.shared.handle, dst); err != nil {
		return "", fmt.Errorf("publishing %s: %w", dst, err)
	}
	return dst, nil
}

// Checkpoint writes what the WAL holds into the database file. It fails
// while a transaction is open. It runs on one thread (threads.go): the
// checkpoint gave DuckDB's workers one task at a time.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.readOnly {
		return fmt.Errorf("%s is open read-only", db.path)
	}
	return onOneThread(ctx, db.sql, func() error {
		_, err := db.sql.ExecContext(ctx, "CHECKPOINT")
		return err
	})
}

// copyAtomically copies the whole of src (read from its start, src's
// offset untouched) to dst through a temporary file in dst's folder:
// write, fsync, rename, fsync the folder.
func copyAtomically(src *os.File, dst string) error {
	st, err := src.Stat()
	if err != nil {
		return err
	}
	in := io.NewSectionReader(src, 0, st.Size())
	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the rename itself survives a crash; not every OS allows it
		d.Close()
	}
	return nil
}
