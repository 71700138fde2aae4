package warehouse_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/warehouse"
)

// An export writes manifest.json: the database, the version, the query and
// its parameters, and every file with its rows and sha256.
func TestExportManifest(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	_, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir, Parquet: true, PartitionBy: "year",
		Query: "SELECT jurisdiction_code, year, received FROM requests_summary WHERE year >= CAST($y AS INTEGER)", Name: "recent",
		Args: []any{sql.Named("y", "2022")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m warehouse.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(m.Database, "w.duckdb") || m.Version == "" || m.ExportedAt.IsZero() || m.Name != "recent" || m.Params["y"] != "2022" || !strings.Contains(m.Query, "requests_summary") {
		t.Errorf("manifest header: %+v", m)
	}
	byPath := map[string]warehouse.ManifestFile{}
	var parquetRows int64
	for _, f := range m.Files {
		byPath[f.Path] = f
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatalf("%s listed but not there: %v", f.Path, err)
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Bytes {
			t.Errorf("%s: digest or size in the manifest is not the file's", f.Path)
		}
		if strings.HasPrefix(f.Path, "recent/year=") {
			parquetRows += f.Rows
		}
	}
	if byPath["recent.csv"].Rows != 7 || parquetRows != 7 {
		t.Errorf("rows: csv %d, parquet %d, want 7 each", byPath["recent.csv"].Rows, parquetRows)
	}
	if byPath["dictionary.csv"].Rows == 0 || byPath["keys.csv"].Rows == 0 {
		t.Errorf("dictionary and keys rows missing: %+v %+v", byPath["dictionary.csv"], byPath["keys.csv"])
	}
}

// A folder that holds files is refused unless forced.
func TestExportRefusesNonEmptyFolder(t *testing.T) {
	db := loadedFixture(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "stale.parquet"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "stale.parquet") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("non-empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "reports.csv")); err == nil {
		t.Error("files written into a refused folder")
	}
	if _, err := db.Export(context.Background(), warehouse.ExportOptions{Dir: dir, Force: true}); err != nil {
		t.Fatalf("forced: %v", err)
	}
}
