// Package rawstore keeps fetched documents as files named by the sha256 of
// their bytes, so every version a site ever served stays readable offline
// (`disclosure reparse`) and identical bytes are stored once.
//
// Layout: a Store that writes appends each new document to its own pack
// file, DIR/packs/TIME-PID-RAND.pack (pack.go: a header with the length and
// sha256, then the bytes, synced before Put returns), because creating a
// file per document cost more CPU than the rest of keeping it. Stores
// written before packs hold DIR/ab/abcdef…(64 hex digits), one file per
// document, written through a temporary file and a rename; they are read
// as before, and the temp files a killed process left behind are removed
// by the next Open. Either way a reader never trusts a half-written
// document: a torn pack record is not indexed, and Get checks every
// document's hash.
package rawstore

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Store is a directory of documents by content hash. The zero value is not
// usable; use Open.
type Store struct {
	dir string
	idx packIndex  // the packs' documents
	w   packWriter // this Store's pack
}

// Open returns the store rooted at dir, creating the directory, and
// removes the temp files a killed writer left (see staleTemp).
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("rawstore: empty directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	s := &Store{dir: dir}
	if err := s.removeStaleTemp(time.Now()); err != nil {
		return nil, err
	}
	return s, nil
}

// staleTemp is how long a temp file must be untouched before Open takes it
// for a killed writer's: a live Put writes its file in one go (a few
// seconds at most for the largest document), while another process may be
// writing into the same store right now.
const staleTemp = time.Minute

// removeStaleTemp deletes DIR/ab/.tmp-* files older than staleTemp.
func (s *Store) removeStaleTemp(now time.Time) error {
	tmps, err := filepath.Glob(filepath.Join(s.dir, "*", ".tmp-*"))
	if err != nil {
		return fmt.Errorf("rawstore: %w", err)
	}
	for _, p := range tmps {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleTemp {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("rawstore: removing a killed run's temp file: %w", err)
		}
	}
	return nil
}

// Dir is the store's root.
func (s *Store) Dir() string { return s.dir }

// Sum returns the hex sha256 of data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// ValidSum reports whether sum is 64 lowercase hex digits.
func ValidSum(sum string) bool {
	if len(sum) != 64 {
		return false
	}
	for _, c := range sum {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Path is where the document with this sum lies: its own file, or the
// pack holding it; for a document not stored, where its own file would be.
func (s *Store) Path(sum string) string {
	loose := s.loosePath(sum)
	if !ValidSum(sum) {
		return loose
	}
	if _, err := os.Stat(loose); err == nil {
		return loose
	}
	if l, ok, _ := s.lookup(sum, true); ok {
		return s.packPath(l.pack)
	}
	return loose
}

// loosePath is the document's own file, DIR/ab/abcd… (stores written
// before packs).
func (s *Store) loosePath(sum string) string {
	return filepath.Join(s.dir, sum[:2], sum)
}

// Has reports whether the document is stored.
func (s *Store) Has(sum string) bool {
	if !ValidSum(sum) {
		return false
	}
	if _, ok, _ := s.lookup(sum, true); ok {
		return true
	}
	_, err := os.Stat(s.loosePath(sum))
	return err == nil
}

// Put stores data under its sha256 and returns the sum and where it lies
// (see Path). Storing bytes already present writes nothing. It returns once
// the bytes are on disk (synced). Safe for concurrent use.
func (s *Store) Put(data []byte) (sum, path string, err error) {
	sum = Sum(data)
	l, ok, err := s.lookup(sum, false)
	if err != nil {
		return "", "", err
	}
	if ok && l.n == int64(len(data)) {
		return sum, s.packPath(l.pack), nil
	}
	// Kept as its own file by an older run, with the right size (a file
	// cut short by a crash is stored again; Get checks the hash of what it
	// reads).
	if fi, err := os.Stat(s.loosePath(sum)); err == nil && fi.Size() == int64(len(data)) {
		return sum, s.loosePath(sum), nil
	}
	if l, err = s.appendPacked(sum, data); err != nil {
		return "", "", err
	}
	s.idx.mu.Lock()
	if s.idx.docs == nil {
		s.idx.docs, s.idx.scanned = map[string]loc{}, map[string]int64{}
	}
	s.idx.docs[sum] = l
	s.idx.mu.Unlock()
	return sum, s.packPath(l.pack), nil
}

// Get reads a stored document and checks that its bytes still hash to sum.
// A damaged copy is passed over for another (an old run's file cut short,
// then stored again in a pack).
func (s *Store) Get(sum string) ([]byte, error) {
	if !ValidSum(sum) {
		return nil, fmt.Errorf("rawstore: %q is not a sha256", sum)
	}
	var damaged error
	l, ok, err := s.lookup(sum, true)
	if err != nil {
		return nil, err
	}
	if ok {
		data, err := s.readPacked(l)
		if err != nil {
			return nil, fmt.Errorf("rawstore: reading %s from %s: %w", sum, s.packPath(l.pack), err)
		}
		if got := Sum(data); got == sum {
			return data, nil
		} else {
			damaged = fmt.Errorf("rawstore: %s in %s is damaged (its bytes hash to %s)", sum, s.packPath(l.pack), got)
		}
	}
	data, err := os.ReadFile(s.loosePath(sum))
	switch {
	case err != nil && damaged != nil:
		return nil, damaged
	case err != nil:
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	if got := Sum(data); got != sum {
		return nil, fmt.Errorf("rawstore: %s is damaged (its bytes hash to %s)", s.loosePath(sum), got)
	}
	return data, nil
}

// Walk calls fn with the sum of every stored document once: the packed
// ones in order of sum, then the files of older runs in directory order.
func (s *Store) Walk(fn func(sum string) error) error {
	packed, err := s.packedSums()
	if err != nil {
		return err
	}
	inPack := make(map[string]bool, len(packed))
	for _, sum := range packed {
		inPack[sum] = true
		if err := fn(sum); err != nil {
			return err
		}
	}
	return filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == packDir && filepath.Dir(p) == s.dir {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || !ValidSum(d.Name()) || inPack[d.Name()] {
			return nil
		}
		return fn(d.Name())
	})
}
