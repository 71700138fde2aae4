package rawstore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPutGet(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.4 report")
	sum, path, err := s.Put(data)
	if err != nil {
		t.Fatal(err)
	}
	if sum != Sum(data) || !strings.HasSuffix(path, sum) || !s.Has(sum) {
		t.Fatalf("Put = %s %s", sum, path)
	}
	fi, _ := os.Stat(path)
	mtime := fi.ModTime()
	// Written once: a second Put of the same bytes leaves the file alone.
	if _, _, err := s.Put(data); err != nil {
		t.Fatal(err)
	}
	fi2, _ := os.Stat(path)
	if !fi2.ModTime().Equal(mtime) {
		t.Error("second Put rewrote the file")
	}
	got, err := s.Get(sum)
	if err != nil || string(got) != string(data) {
		t.Fatalf("Get = %q, %v", got, err)
	}
	var n int
	if err := s.Walk(func(string) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("Walk saw %d, %v", n, err)
	}
	if _, err := s.Get("nothex"); err == nil {
		t.Error("Get of a bad sum succeeded")
	}
	if s.Has("../../etc/passwd") {
		t.Error("Has accepted a path")
	}
}

func TestGetDetectsDamage(t *testing.T) {
	s, _ := Open(t.TempDir())
	sum, path, _ := s.Put([]byte("abc"))
	os.Chmod(path, 0o644)
	os.WriteFile(path, []byte("abd"), 0o644)
	if _, err := s.Get(sum); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Get of damaged file: %v", err)
	}
}

func TestPutRepairsShortFile(t *testing.T) {
	s, _ := Open(t.TempDir())
	data := []byte("a report that a crash cut short")
	sum := Sum(data)
	os.MkdirAll(s.Path(sum)[:len(s.Path(sum))-len(sum)], 0o755)
	os.WriteFile(s.Path(sum), data[:5], 0o444)
	if _, _, err := s.Put(data); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(sum); err != nil || string(got) != string(data) {
		t.Fatalf("after repair: %q, %v", got, err)
	}
}

// TestOpenRemovesStaleTemp: a run killed inside Put leaves a .tmp-* file;
// the next Open removes it, and leaves alone one a live writer is filling.
func TestOpenRemovesStaleTemp(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sum, path, err := s.Put([]byte("kept"))
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Dir(path)
	stale := filepath.Join(sub, ".tmp-"+sum[:8]+"-123")
	fresh := filepath.Join(sub, ".tmp-"+sum[:8]+"-456")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half a docu"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temp file still there: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a live writer's temp file was removed: %v", err)
	}
	if !s.Has(sum) {
		t.Error("a stored document was removed")
	}
}
