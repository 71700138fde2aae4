package warehouse

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Every export writes manifest.json beside its files, so a table cited in a
// paper can be traced to the database, the build and the query that made
// it, and a file can be checked against its digest.

// Manifest is the content of manifest.json.
type Manifest struct {
	Database   string            `json:"database"`    // the database file exported
	ExportedAt time.Time         `json:"exported_at"` // UTC
	Version    string            `json:"version"`     // the build that exported
	Schema     int               `json:"schema_version"`
	Query      string            `json:"query,omitempty"` // the SQL, when one query was exported
	Name       string            `json:"name,omitempty"`  // the named query, or "query"
	Params     map[string]string `json:"params,omitempty"`
	Files      []ManifestFile    `json:"files"`
}

// ManifestFile is one file written. Rows is the data rows (header left
// out); a partitioned Parquet directory is listed file by file.
type ManifestFile struct {
	Path   string `json:"path"` // relative to the export folder
	Object string `json:"object,omitempty"`
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

type manifestBuilder struct {
	m   Manifest
	dir string
	// pending are the paths written and their row counts (-1: count the
	// CSV's lines), hashed when the manifest is written.
	pending []pendingFile
}

type pendingFile struct {
	path, object string
	rows         int64
}

func (db *DB) newManifest(opt ExportOptions) *manifestBuilder {
	abs, err := filepath.Abs(db.path)
	if err != nil {
		abs = db.path
	}
	m := Manifest{Database: abs, ExportedAt: time.Now().UTC().Truncate(time.Second), Version: db.build, Schema: SchemaVersion()}
	if opt.Query != "" {
		m.Query, m.Name = opt.Query, opt.Name
		for _, a := range opt.Args {
			if n, ok := a.(sql.NamedArg); ok {
				if m.Params == nil {
					m.Params = map[string]string{}
				}
				m.Params[n.Name] = fmt.Sprint(n.Value)
			}
		}
	}
	return &manifestBuilder{m: m, dir: opt.Dir}
}

func (b *manifestBuilder) add(path, object string, rows int64) {
	b.pending = append(b.pending, pendingFile{path, object, rows})
}

// write hashes every file written and writes manifest.json; it returns
// the manifest's path.
func (b *manifestBuilder) write(ctx context.Context, db *DB) (string, error) {
	for _, p := range b.pending {
		st, err := os.Stat(p.path)
		if err != nil {
			return "", err
		}
		if !st.IsDir() {
			f, err := b.file(p.path, p.object, p.rows)
			if err != nil {
				return "", err
			}
			b.m.Files = append(b.m.Files, f)
			continue
		}
		// A partitioned Parquet directory: each file with its own rows.
		err = filepath.WalkDir(p.path, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			var n int64
			if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet("+sqlString(path)+")").Scan(&n); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			f, err := b.file(path, p.object, n)
			if err == nil {
				b.m.Files = append(b.m.Files, f)
			}
			return err
		})
		if err != nil {
			return "", err
		}
	}
	sort.SliceStable(b.m.Files, func(i, j int) bool { return b.m.Files[i].Path < b.m.Files[j].Path })
	data, err := json.MarshalIndent(b.m, "", "  ")
	if err != nil {
		return "", err
	}
	out := filepath.Join(b.dir, "manifest.json")
	return out, os.WriteFile(out, append(data, '\n'), 0o644)
}

// file describes one file: its digest, size and rows (rows < 0: count the
// records of a CSV).
func (b *manifestBuilder) file(path, object string, rows int64) (ManifestFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return ManifestFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return ManifestFile{}, err
	}
	if rows < 0 {
		if rows, err = csvRecords(path); err != nil {
			return ManifestFile{}, err
		}
	}
	rel, err := filepath.Rel(b.dir, path)
	if err != nil {
		rel = path
	}
	return ManifestFile{Path: filepath.ToSlash(rel), Object: object, Rows: rows, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// csvRecords counts a CSV file's records after its header.
func csvRecords(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var n int64
	for {
		_, err := r.Read()
		if err == io.EOF {
			return max(n-1, 0), nil
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		n++
	}
}
