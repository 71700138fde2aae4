package web

import (
	"fmt"
	"os"
	"sync"
	"time"

	"disclosure/warehouse"
)

// store is the read-only warehouse the pages read. It prefers the snapshot
// the pipeline publishes beside the database (so serving never blocks the
// nightly load and shows the last completed run) and reopens it when the
// pipeline replaces it; without a snapshot it reads the database itself.
type store struct {
	mu      sync.Mutex
	file    string
	mod     time.Time
	db      *warehouse.DB
	checked time.Time
}

func openStore(db string) (*store, error) {
	file := db
	if _, err := os.Stat(warehouse.SnapshotPath(db)); err == nil {
		file = warehouse.SnapshotPath(db)
	}
	s := &store{file: file}
	if _, err := s.get(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *store) path() string { return s.file }

// get returns the open database, reopening it (at most once a few seconds)
// when the file was replaced.
func (s *store) get() (*warehouse.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil && time.Since(s.checked) < 3*time.Second {
		return s.db, nil
	}
	s.checked = time.Now()
	st, err := os.Stat(s.file)
	if err != nil {
		if s.db != nil {
			return s.db, nil // keep serving what we have
		}
		return nil, fmt.Errorf("no warehouse at %s: run disclosure load or disclosure run first", s.file)
	}
	if s.db != nil && st.ModTime().Equal(s.mod) {
		return s.db, nil
	}
	db, err := warehouse.OpenWith(s.file, warehouse.Options{ReadOnly: true, Wait: 10 * time.Second})
	if err != nil {
		if s.db != nil {
			return s.db, nil
		}
		return nil, err
	}
	if s.db != nil {
		old := s.db
		// Requests still reading the old copy finish first.
		time.AfterFunc(time.Minute, func() { old.Close() })
	}
	s.db, s.mod = db, st.ModTime()
	return db, nil
}

func (s *store) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}
