package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Clear errors where a user meets them.
func TestClearErrors(t *testing.T) {
	dir := t.TempDir()
	seed := "../../internal/samples/files/seed_yining_2023.txt"
	missing := filepath.Join(dir, "no-such-folder", "w.duckdb")
	for _, args := range [][]string{{"load", "--db", missing, seed}, {"query", "--db", missing, "SELECT 1"}, {"run", "--db", missing}} {
		_, errs, code := runCmd(t, args...)
		if code == 0 || !strings.Contains(errs, "does not exist") || !strings.Contains(errs, "mkdir -p") {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	notDB := filepath.Join(dir, "notes.duckdb")
	os.WriteFile(notDB, []byte("SQLite format 3\x00 and more bytes"), 0o644)
	for _, args := range [][]string{{"load", "--db", notDB, seed}, {"query", "--db", notDB, "SELECT 1"}} {
		_, errs, code := runCmd(t, args...)
		if code == 0 || !strings.Contains(errs, "not a DuckDB one") || strings.Contains(errs, "INSTALL") {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	folder := filepath.Join(dir, "folder.duckdb")
	os.Mkdir(folder, 0o755)
	if _, errs, code := runCmd(t, "query", "--db", folder, "SELECT 1"); code == 0 || !strings.Contains(errs, "is a folder") {
		t.Errorf("--db a folder: exit %d: %s", code, errs)
	}
	// A database cut short (a copy interrupted) says what it may be.
	good := filepath.Join(dir, "good.duckdb")
	if _, errs, code := runCmd(t, "load", "--db", good, seed); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(good)
	cut := filepath.Join(dir, "cut.duckdb")
	os.WriteFile(cut, data[:len(data)/3], 0o644)
	if _, errs, code := runCmd(t, "query", "--db", cut, "SELECT 1"); code == 0 || !strings.Contains(errs, "damaged or truncated") {
		t.Errorf("--db a truncated file: exit %d: %s", code, errs)
	}
}

// parse prints "values": [] for a report without statistics, never null.
func TestParseEmptyValuesArray(t *testing.T) {
	f := filepath.Join(t.TempDir(), "prose.txt")
	os.WriteFile(f, []byte("一、总体情况\n本年度无统计表。\n"), 0o644)
	out, errs, code := runCmd(t, "parse", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"values":[]`) || strings.Contains(out, "null,\"checks\"") {
		t.Errorf("values: %s", out)
	}
}
