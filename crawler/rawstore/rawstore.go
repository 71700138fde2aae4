// Package rawstore keeps fetched documents as files named by the sha256 of
// their bytes, so every version a site ever served stays readable offline
// (`disclosure reparse`) and identical bytes are stored once.
//
// Layout: DIR/ab/abcdef…(64 hex digits). A file is written once, through a
// temporary file in the same directory and a rename, so a reader never sees
// a half-written document; the temp files a killed process left behind are
// removed by the next Open.
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

// Path is where the document with this sum lives (whether or not it exists).
func (s *Store) Path(sum string) string {
	return filepath.Join(s.dir, sum[:2], sum)
}

// Has reports whether the document is stored.
func (s *Store) Has(sum string) bool {
	if !ValidSum(sum) {
		return false
	}
	_, err := os.Stat(s.Path(sum))
	return err == nil
}

// Put stores data under its sha256 and returns the sum and the file's path.
// Storing bytes already present writes nothing.
func (s *Store) Put(data []byte) (sum, path string, err error) {
	sum = Sum(data)
	path = s.Path(sum)
	// Present with the right size: written before (a file cut short by a
	// crash is written again; Get checks the hash of what it reads).
	if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
		return sum, path, nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("rawstore: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-"+sum[:8]+"-*")
	if err != nil {
		return "", "", fmt.Errorf("rawstore: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", "", fmt.Errorf("rawstore: writing %s: %w", sum, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", "", fmt.Errorf("rawstore: writing %s: %w", sum, err)
	}
	if err := tmp.Close(); err != nil {
		return "", "", fmt.Errorf("rawstore: writing %s: %w", sum, err)
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return "", "", fmt.Errorf("rawstore: %w", err)
	}
	// Two writers of the same bytes race harmlessly: both renames install
	// identical content.
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", "", fmt.Errorf("rawstore: %w", err)
	}
	return sum, path, nil
}

// Get reads a stored document and checks that its bytes still hash to sum.
func (s *Store) Get(sum string) ([]byte, error) {
	if !ValidSum(sum) {
		return nil, fmt.Errorf("rawstore: %q is not a sha256", sum)
	}
	data, err := os.ReadFile(s.Path(sum))
	if err != nil {
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	if got := Sum(data); got != sum {
		return nil, fmt.Errorf("rawstore: %s is damaged (its bytes hash to %s)", s.Path(sum), got)
	}
	return data, nil
}

// Walk calls fn with the sum of every stored document, in directory order.
func (s *Store) Walk(fn func(sum string) error) error {
	return filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || !ValidSum(d.Name()) {
			return nil
		}
		return fn(d.Name())
	})
}
