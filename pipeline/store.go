package pipeline

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"disclosure/warehouse"
)

// Store is where the pipeline keeps what it gathers: the warehouse file
// and the data directory (raw documents under raw/, and the crawl state as
// JSON when a crawl does not load).
//
// DuckDB lets one process write, and crawls last hours, so no stage holds
// the warehouse open for a whole crawl: a write opens it, writes and
// closes it (a crawl's writer keeps it while batches come back to back,
// writer.go), and queries can read in between.
type Store struct {
	DB   string        // warehouse database file
	Data string        // data directory
	Wait time.Duration // how long to wait while another process holds the database
	Log  io.Writer     // where a wait for the database is announced; nil: nowhere
}

// RawDir is the raw store's directory.
func (s Store) RawDir() string { return filepath.Join(s.Data, "raw") }

// StateFile is the JSON crawl state a crawl without the warehouse keeps.
func (s Store) StateFile() string { return filepath.Join(s.Data, "crawl-state.json") }

// Open opens the warehouse, telling Log when another process holds it and
// we wait, rather than failing with DuckDB's lock error. A database in a
// folder that does not exist, or a file that is not a DuckDB database, is
// refused with an error that says so.
func (s Store) Open(readOnly bool) (*warehouse.DB, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	log := s.Log
	if log == nil {
		log = io.Discard
	}
	return warehouse.OpenWith(s.DB, warehouse.Options{
		ReadOnly: readOnly,
		Wait:     s.Wait,
		OnWait:   func(msg string) { fmt.Fprintln(log, "disclosure:", msg) },
	})
}

// Exists says whether the warehouse file is there.
func (s Store) Exists() bool {
	_, err := os.Stat(s.DB)
	return err == nil
}

// Write opens the warehouse for writing, runs fn and closes it.
func (s Store) Write(fn func(*warehouse.DB) error) error {
	db, err := s.Open(false)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Read opens the warehouse read-only, runs fn and closes it.
func (s Store) Read(fn func(*warehouse.DB) error) error {
	db, err := s.Open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// Check says whether the warehouse can be opened at all: its folder
// exists, and the file, if there, is a DuckDB database.
func (s Store) Check() error {
	if err := checkFolder(s.DB); err != nil {
		return err
	}
	return warehouse.CheckFile(s.DB)
}

// checkFolder refuses a database path whose folder does not exist, rather
// than let DuckDB fail with "Cannot open file".
func checkFolder(db string) error {
	dir := filepath.Dir(db)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("--db %s: the folder %s does not exist (create it first: mkdir -p %s)", db, dir, dir)
	case !st.IsDir():
		return fmt.Errorf("--db %s: %s is not a folder", db, dir)
	}
	return nil
}
