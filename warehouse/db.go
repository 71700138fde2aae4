// Package warehouse keeps parsed reports in a DuckDB database that
// researchers query, compare and export.
//
// The two fixed tables of CONTRACT.md (reports, report_values) sit beside
// checks, prose, warnings, jurisdictions, load batches, the crawler's
// tables, run reports and researchers' corrections; views show the current
// version of each report with corrections applied. Each table family's DDL
// and column docs share a file (reportschema.go, crawlschema.go,
// runschema.go, corrections.go, crossyear.go); load*.go is the load path
// (one transaction per batch, tx.go; one report per document kept by the
// loader, uniqueness.go); export.go and manifest.go write
// exports; codebook*.go and dictionary.go the bilingual codebook;
// snapshot.go the read-only copy for analysts. Place names are package
// places.
package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"disclosure/places"
)

// DefaultPath is the database file used when neither --db nor $DISCLOSURE_DB is set.
const DefaultPath = "disclosure.duckdb"

// Options controls how a database is opened.
type Options struct {
	// ReadOnly opens for reading: many readers may share the file, but none
	// while a load writes.
	ReadOnly bool
	// Wait is how long to keep retrying while another process holds the
	// file (a load, or readers when we want to write). Zero means 30 s.
	Wait time.Duration
	// OnWait is told, once, that the database is busy and we are waiting.
	OnWait func(msg string)
	// Version names the build that writes (version and commit): recorded in
	// every load_batches and runs row. Empty means Program.
	Version string
}

// DB is an open warehouse.
type DB struct {
	sql      *sql.DB
	path     string
	readOnly bool
	build    string // Options.Version
	shared   *instance
	closed   bool

	summaryMu sync.Mutex
	summary   summaryCols // summary_cells' columns, read at the first load

	// loads is held through a load's transaction, shared by every DB open
	// on the same file: the loads of one process take turns, so that each
	// sees what the one before wrote (uniqueness.go).
	loads *sync.Mutex
}

// Open opens (creating and migrating when needed) the database at path for writing.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// readable reports whether this process may read the file: one it may not
// (permissions) is no damaged database, and DuckDB's error says why.
func readable(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// OpenWith opens the database at path with the given options. A read-only
// open of a database that an older program wrote migrates it first.
func OpenWith(path string, opt Options) (*DB, error) {
	if opt.Wait == 0 {
		opt.Wait = 30 * time.Second
	}
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s: load reports first (disclosure load --db %s DIR)", path, path)
		}
	}
	db, err := openWaiting(path, opt)
	if err != nil {
		if errors.Is(err, ErrBusy) {
			return nil, err
		}
		if st, serr := os.Stat(path); serr == nil && st.Mode().IsRegular() && st.Size() > 0 && readable(path) {
			return nil, fmt.Errorf("%s cannot be opened as a DuckDB database (damaged or truncated? a copy of it, or its .snapshot.duckdb, may still open): %w", path, err)
		}
		return nil, err
	}
	v, err := db.version()
	if err != nil {
		db.Close()
		return nil, err
	}
	switch {
	case v > SchemaVersion():
		db.Close()
		return nil, fmt.Errorf("%s has schema version %d, newer than this program's %d: use a newer disclosure binary (or export with it)", path, v, SchemaVersion())
	case v < SchemaVersion() && opt.ReadOnly:
		// Migrate through a short writing open, then read as asked.
		db.Close()
		w, err := OpenWith(path, Options{Wait: opt.Wait, OnWait: opt.OnWait})
		if err != nil {
			return nil, err
		}
		w.Close()
		return OpenWith(path, opt)
	case !opt.ReadOnly:
		// Also refreshes views and the jurisdictions data at the same version.
		if err := db.migrate(context.Background(), v); err != nil {
			db.Close()
			return nil, fmt.Errorf("migrating %s from schema %d to %d: %w", path, v, SchemaVersion(), err)
		}
	}
	db.build = opt.Version
	if db.build == "" {
		db.build = Program
	}
	if _, err = places.SharedResolver(); err != nil { // loads use it (Document.Prepare)
		db.Close()
		return nil, err
	}
	return db, nil
}

// openWaiting opens the file, retrying while another process holds its lock.
func openWaiting(path string, opt Options) (*DB, error) {
	deadline := time.Now().Add(opt.Wait)
	told := false
	delay := 50 * time.Millisecond
	for {
		db, err := openOnce(path, opt.ReadOnly)
		if err == nil || !IsLockError(err) {
			return db, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is still in use by another process after waiting %s (a load writing, or readers while we want to write): %w", path, opt.Wait, ErrBusy)
		}
		if !told && opt.OnWait != nil {
			opt.OnWait(fmt.Sprintf("%s is busy (%s); waiting up to %s for it to finish", path, lockHolder(err), opt.Wait))
			told = true
		}
		time.Sleep(delay)
		delay = min(delay*2, time.Second)
	}
}

// ErrBusy is returned when the database stayed locked for the whole wait.
var ErrBusy = errors.New("database busy")

// catalog is the name the database file is attached under.
const catalog = "warehouse"

// openOnce opens the database at path, or shares the instance this
// process already has open on it.
func openOnce(path string, readOnly bool) (*DB, error) {
	if inMemory(path) {
		return attachOnce(path, readOnly) // nothing to share: each is its own
	}
	instances.Lock()
	defer instances.Unlock()
	// The same file, not the same name: a snapshot replaced by rename is
	// another file under the same path.
	if st, err := os.Stat(path); err == nil {
		if in := openInstance(st); in != nil {
			// File locks do not keep two opens of one process apart:
			// share the instance, as duckdb-go's own cache did for DSN
			// opens, rather than attach the file twice.
			if in.readOnly && !readOnly {
				return nil, fmt.Errorf("%s is already open read-only in this process: close it before writing", path)
			}
			in.refs++
			return &DB{sql: in.sdb, path: path, readOnly: readOnly, shared: in, loads: in.loads}, nil
		}
	}
	db, err := attachOnce(path, readOnly)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		db.sql.Close()
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		db.sql.Close()
		f.Close()
		return nil, err
	}
	db.shared = &instance{sdb: db.sql, readOnly: readOnly, refs: 1, file: st, handle: f, loads: db.loads}
	instances.list = append(instances.list, db.shared)
	return db, nil
}

// DuckDB keeps other processes out of a database file with POSIX record
// locks (fcntl), and those belong to the process and the file, not to the
// descriptor: closing any descriptor this process has on the file drops
// DuckDB's lock, and another process could then open it for writing while
// this one writes. A snapshot copied through os.Open did that (a
// `correct` during a `run` opened the warehouse and failed only at its
// commit, on the WAL's own lock). So while DuckDB has the file open, this
// process reads it only through the instance's handle, opened with it and
// closed after it (instance.handle, PublishSnapshot, CheckFile).

// openInstance is the instance this process has open on the file st
// describes, nil when none. The caller holds instances' lock.
func openInstance(st os.FileInfo) *instance {
	for _, in := range instances.list {
		if os.SameFile(st, in.file) {
			return in
		}
	}
	return nil
}

// instances are the database files this process has open.
var instances struct {
	sync.Mutex
	list []*instance
}

// instance is one attached database file, shared by every DB open on it.
type instance struct {
	sdb      *sql.DB
	readOnly bool
	refs     int
	file     os.FileInfo // to tell the same file under another name, or another under the same
	handle   *os.File    // the one descriptor through which this process reads the file while DuckDB has it (see openOnce)
	loads    *sync.Mutex // DB.loads
}

// attachOnce opens an in-memory DuckDB instance and attaches the file to it.
// The file's path goes into ATTACH as a quoted SQL string, never into a
// DSN: duckdb-go parses a DSN as a URL, where '#' starts a fragment (a
// read-only flag after it was silently dropped) and '?' splits the path
// (the file was created elsewhere). Every pooled connection attaches (once
// per instance) and switches to the file's catalog before use. The
// read-only flag is then checked on the open database itself.
func attachOnce(path string, readOnly bool) (*DB, error) {
	attach := "ATTACH IF NOT EXISTS " + sqlString(path) + " AS " + catalog
	if readOnly {
		attach += " (READ_ONLY)"
	}
	setup := []string{
		// No network here: never try to fetch an extension.
		"SET autoinstall_known_extensions = false",
		"SET autoload_known_extensions = false",
	}
	if !inMemory(path) {
		// Spill beside the database, as a file-backed open would, not in the cwd.
		setup = append(setup, "SET temp_directory = "+sqlString(path+".tmp"), attach, "USE "+catalog)
	}
	conn, err := duckdb.NewConnector("", func(ex driver.ExecerContext) error {
		for _, q := range setup {
			if _, err := ex.ExecContext(context.Background(), q, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sdb := sql.OpenDB(conn)
	if err := sdb.Ping(); err != nil {
		sdb.Close()
		return nil, err
	}
	var ro bool
	if err := sdb.QueryRow(`SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()`).Scan(&ro); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("%s: checking the access mode: %w", path, err)
	}
	if ro != readOnly && !inMemory(path) {
		sdb.Close()
		return nil, fmt.Errorf("%s: opened with read-only %v, asked for %v", path, ro, readOnly)
	}
	return &DB{sql: sdb, path: path, readOnly: readOnly, loads: new(sync.Mutex)}, nil
}

// inMemory tells the path of a database that lives in memory only (the
// schema, for a query's column types): "" or ":memory:".
func inMemory(path string) bool { return path == "" || path == ":memory:" }

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Sandbox keeps SQL run on db from every file but the warehouse itself: no
// COPY … TO (which overwrote the warehouse file through a read-only open),
// no ATTACH of another database to change, no read_csv of the disk. It
// holds for the rest of the instance's life (DuckDB turns external access
// off, never back on): `disclosure query` runs a user's SQL after it.
func (db *DB) Sandbox(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, "SET GLOBAL enable_external_access = false"); err != nil {
		return fmt.Errorf("%s: keeping the query from other files: %w", db.path, err)
	}
	return nil
}

// SQL returns the database handle for queries.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close checkpoints and releases the file, once the last DB this process
// has open on it is closed.
func (db *DB) Close() error {
	instances.Lock()
	defer instances.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	if db.shared != nil { // nil in memory: not shared
		if db.shared.refs--; db.shared.refs > 0 {
			return nil
		}
		instances.list = slices.DeleteFunc(instances.list, func(in *instance) bool { return in == db.shared })
	}
	if !db.readOnly {
		// DuckDB checkpoints what the WAL holds when it closes; done here
		// first, the checkpoint runs on one thread (threads.go). Should it
		// fail, the close checkpoints as before.
		db.Checkpoint(context.Background())
	}
	err := db.sql.Close()
	if db.shared != nil {
		db.shared.handle.Close() // after DuckDB let go of the file: no lock left to drop
	}
	return err
}

// CheckFile refuses an existing file at path that is not a DuckDB
// database (DuckDB would try to read a SQLite file through an extension,
// and say "Install it first using INSTALL sqlite"). A file this process
// has open is one, and is not read again (see openOnce: reading it
// through another descriptor would drop DuckDB's lock).
func CheckFile(path string) error {
	instances.Lock()
	defer instances.Unlock()
	st, err := os.Stat(path)
	if err != nil {
		return nil // not there: created, or refused by the open with its own message
	}
	if st.IsDir() {
		return fmt.Errorf("--db %s is a folder: give the path of a database file (disclosure.duckdb)", path)
	}
	if openInstance(st) != nil {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	if n == 0 {
		return nil // an empty file: DuckDB makes a database of it
	}
	if n < 12 || string(head[8:12]) != duckdbMagic {
		what := "it is not a DuckDB database"
		if strings.HasPrefix(string(head[:n]), "SQLite format") {
			what = "it is a SQLite database, not a DuckDB one"
		}
		return fmt.Errorf("--db %s: %s; give the path of a DuckDB file (disclosure.duckdb), or a new path to create one", path, what)
	}
	return nil
}

// duckdbMagic is what every DuckDB database file holds at byte 8.
const duckdbMagic = "DUCK"
