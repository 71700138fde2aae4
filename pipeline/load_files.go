package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"disclosure/parse"
	"disclosure/warehouse"
)

// collectFiles expands directories recursively, in a stable order. Every
// file is taken whatever its name (saved pages end in .jsp, .aspx, .shtml
// or nothing): parse decides each one's form from its bytes. Hidden files
// and folders (.git, .DS_Store) are left out.
func collectFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// readLimited reads at most limit bytes of a file, so a huge file is
// refused by Parse's size check instead of exhausting memory.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized from the file, as os.ReadFile does: io.ReadAll grows its
	// buffer from 512 bytes, copying what it read each time.
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() < limit {
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(f, limit))
	return buf.Bytes(), err
}

// ReadFile reads a report file (or standard input for "-") for parsing.
func ReadFile(name string, stdin io.Reader) ([]byte, string, error) {
	if name == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, parse.DefaultMaxBytes+1))
		return b, "stdin", err
	}
	b, err := readLimited(name, parse.DefaultMaxBytes+1)
	return b, name, err
}

// knownFiles says which files are already stored, by sha256: one pass
// that reads and hashes every file (keeping no bytes), then one short
// read-only look at the database (none when it does not exist yet).
func knownFiles(store Store, files []string) (map[string]bool, error) {
	if !store.Exists() {
		return nil, nil
	}
	var sums []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue // reported when the file is read
		}
		h := sha256.New()
		_, err = io.Copy(h, io.LimitReader(f, parse.DefaultMaxBytes+1))
		f.Close()
		if err == nil {
			sums = append(sums, hex.EncodeToString(h.Sum(nil)))
		}
	}
	var known map[string]bool
	err := store.Read(func(db *warehouse.DB) error {
		var err error
		known, err = db.Known(context.Background(), sums)
		return err
	})
	return known, err
}
