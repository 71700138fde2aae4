package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/internal/samples"
	"disclosure/parse"
	"disclosure/warehouse"
)

// writeSamples copies the bundled sample reports into dir (nested, to check
// the recursive walk) and adds files that cannot be parsed. It returns how
// many samples hold statistics: the others are not loaded.
func writeSamples(t *testing.T, dir string) int {
	t.Helper()
	withStats := 0
	names := samples.Names("*")
	for i, n := range names {
		b, _ := samples.Read(n)
		if rep, err := parse.Parse(b, parse.Options{Name: n}); err == nil && len(rep.Values) > 0 {
			withStats++
		}
		sub := filepath.Join(dir, []string{"a", "b/c"}[i%2])
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, filepath.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "empty.html"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "zero.txt"), []byte("\x00\x01\x02binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not a report: tried, no statistics"), 0o644)
	os.WriteFile(filepath.Join(dir, ".notes.swp"), []byte("hidden: never tried"), 0o644)
	// A saved page named as its CMS served it: loaded by its content.
	seed, _ := samples.Read("seed_yining_2023.txt")
	os.WriteFile(filepath.Join(dir, "a", "t20240126_30918.jsp"), append(seed, "\n(保存的页面)\n"...), 0o644)
	return withStats + 1
}

func TestLoadDirectoryTwice(t *testing.T) {
	dir := t.TempDir()
	n := writeSamples(t, dir)
	db := filepath.Join(t.TempDir(), "w.duckdb")
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"load", "--db", db, dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, bad := range []string{"empty.html", "zero.txt"} {
		if !strings.Contains(errOut.String(), "skipped") || !strings.Contains(errOut.String(), bad) {
			t.Errorf("bad file %s not reported by name:\n%s", bad, errOut.String())
		}
	}
	// Every file is tried by its content, whatever its name; the load ends
	// with what it did not load and why.
	notLoaded := out.String()[strings.Index(out.String(), "Not loaded:"):]
	if !strings.Contains(notLoaded, "no statistics") || !strings.Contains(notLoaded, "notes.md") || !strings.Contains(notLoaded, "empty.html (empty document)") {
		t.Errorf("the end of the load does not say what was left out and why:\n%s", out.String())
	}
	if strings.Contains(out.String()+errOut.String(), ".notes.swp") {
		t.Error("a hidden file was tried")
	}
	if !strings.Contains(out.String(), "2 skipped") {
		t.Errorf("summary: %s", out.String())
	}
	w, err := warehouse.OpenWith(db, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var reports int
	w.SQL().QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	w.Close()
	if reports != n {
		t.Errorf("%d reports loaded from %d samples with statistics", reports, n)
	}

	out.Reset()
	errOut.Reset()
	if code := dispatch([]string{"load", dir, "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("second load: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "0 new report versions") {
		t.Errorf("second load changed something: %s", out.String())
	}
	// --strict turns skipped files into a failing exit code.
	if code := dispatch([]string{"load", "--strict", "--db", db, dir}, &out, &errOut); code == 0 {
		t.Error("--strict load with bad files exited 0")
	}
	// Without it, a load in which no file could be parsed fails too,
	// saying so; the warehouse keeps what it held.
	bad := t.TempDir()
	for _, name := range []string{"a.pdf", "b.docx"} {
		os.WriteFile(filepath.Join(bad, name), []byte("%PDF-1.4 truncated"), 0o644)
	}
	errOut.Reset()
	if code := dispatch([]string{"load", "--db", db, bad}, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "none of the 2 files could be parsed") {
		t.Errorf("a load of only unparseable files: exit %d, stderr %s", code, errOut.String())
	}
	w, err = warehouse.OpenWith(db, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := 0; w.SQL().QueryRow(`SELECT count(*) FROM reports`).Scan(&got) != nil || got != n {
		t.Errorf("after a failed load the warehouse holds %d reports, want %d", got, n)
	}
}

func TestLoadUsesEnvDB(t *testing.T) {
	dir := t.TempDir()
	seed, _ := samples.Read("seed_yining_2023.txt")
	f := filepath.Join(dir, "seed.txt")
	os.WriteFile(f, seed, 0o644)
	db := filepath.Join(t.TempDir(), "env.duckdb")
	t.Setenv("DISCLOSURE_DB", db)
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"load", f}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("$DISCLOSURE_DB not used: %v", err)
	}
}
