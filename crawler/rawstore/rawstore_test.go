package rawstore

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	if sum != Sum(data) || !strings.HasSuffix(path, packExt) || !s.Has(sum) || s.Path(sum) != path {
		t.Fatalf("Put = %s %s", sum, path)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), string(data)) {
		t.Fatalf("the pack does not hold the bytes: %q, %v", b, err)
	}
	fi, _ := os.Stat(path)
	// Written once: a second Put of the same bytes writes nothing.
	if _, _, err := s.Put(data); err != nil {
		t.Fatal(err)
	}
	fi2, _ := os.Stat(path)
	if fi2.Size() != fi.Size() {
		t.Errorf("second Put wrote again: pack %d → %d bytes", fi.Size(), fi2.Size())
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
	if s.Has(Sum([]byte("never stored"))) {
		t.Error("Has of a document never stored")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// damage flips the last byte of the document sum in its pack.
func damage(t *testing.T, s *Store, sum string) {
	t.Helper()
	l, ok, err := s.lookup(sum, true)
	if !ok || err != nil {
		t.Fatalf("%s not in a pack: %v", sum, err)
	}
	p := s.packPath(l.pack)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[l.off+l.n-1] ^= 0xff
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, b, 0o444); err != nil {
		t.Fatal(err)
	}
}

func TestGetDetectsDamage(t *testing.T) {
	s, _ := Open(t.TempDir())
	sum, _, _ := s.Put([]byte("abc"))
	damage(t, s, sum)
	if _, err := s.Get(sum); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Get of damaged document: %v", err)
	}
	// An older run's file, damaged too.
	loose := []byte("an older run's document")
	lsum := Sum(loose)
	os.MkdirAll(filepath.Dir(s.loosePath(lsum)), 0o755)
	os.WriteFile(s.loosePath(lsum), []byte("an older run's documenT"), 0o444)
	if _, err := s.Get(lsum); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Get of damaged file: %v", err)
	}
}

// TestPutRepairsShortFile: a file an older run's crash cut short is
// stored again (in the pack), and Get passes over the short copy.
func TestPutRepairsShortFile(t *testing.T) {
	s, _ := Open(t.TempDir())
	data := []byte("a report that a crash cut short")
	sum := Sum(data)
	os.MkdirAll(filepath.Dir(s.loosePath(sum)), 0o755)
	os.WriteFile(s.loosePath(sum), data[:5], 0o444)
	if _, _, err := s.Put(data); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(sum); err != nil || string(got) != string(data) {
		t.Fatalf("after repair: %q, %v", got, err)
	}
	var n int
	if err := s.Walk(func(string) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("Walk saw %d, %v; want the document once", n, err)
	}
}

// TestOlderFilesRead: a store of one file per document (before packs) is
// read, walked and not written again; new documents go to a pack.
func TestOlderFilesRead(t *testing.T) {
	dir := t.TempDir()
	old := []byte("<html>2019年报</html>")
	sum := Sum(old)
	os.MkdirAll(filepath.Join(dir, sum[:2]), 0o755)
	if err := os.WriteFile(filepath.Join(dir, sum[:2], sum), old, 0o444); err != nil {
		t.Fatal(err)
	}
	s, _ := Open(dir)
	if !s.Has(sum) || s.Path(sum) != filepath.Join(dir, sum[:2], sum) {
		t.Fatalf("older file: Has %v, Path %s", s.Has(sum), s.Path(sum))
	}
	if _, path, err := s.Put(old); err != nil || path != filepath.Join(dir, sum[:2], sum) {
		t.Fatalf("Put of an older file's bytes: %s, %v", path, err)
	}
	if _, err := os.Stat(filepath.Join(dir, packDir)); err == nil {
		t.Error("a pack was made for bytes already stored")
	}
	newSum, _, err := s.Put([]byte("<html>2020年报</html>"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := s.Walk(func(sum string) error { got = append(got, sum); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !(got[0] == newSum && got[1] == sum) {
		t.Fatalf("Walk = %v, want [%s %s]", got, newSum, sum)
	}
}

// TestReopen: another Store (another process: reparse, the web server)
// reads what this one wrote, including what it wrote after the other's
// first look.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	w, _ := Open(dir)
	a, _, _ := w.Put([]byte("first"))
	r, _ := Open(dir)
	if got, err := r.Get(a); err != nil || string(got) != "first" {
		t.Fatalf("reader: %q, %v", got, err)
	}
	b, _, _ := w.Put([]byte("second"))
	if got, err := r.Get(b); err != nil || string(got) != "second" {
		t.Fatalf("reader after a later Put: %q, %v", got, err)
	}
	// The reader stores what it is given in a pack of its own.
	c, _, _ := r.Put([]byte("third"))
	w.Close()
	r.Close()
	packs, _ := filepath.Glob(filepath.Join(dir, packDir, "*"+packExt))
	if len(packs) != 2 {
		t.Errorf("%d packs, want one per writing Store", len(packs))
	}
	s, _ := Open(dir)
	var n int
	s.Walk(func(string) error { n++; return nil })
	for _, sum := range []string{a, b, c} {
		if !s.Has(sum) {
			t.Errorf("%s not found after reopening", sum)
		}
	}
	if n != 3 {
		t.Errorf("Walk saw %d documents, want 3", n)
	}
}

// TestTornRecord: a run killed while writing leaves a torn last record;
// it is never indexed nor read, and the document is stored again whole.
func TestTornRecord(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	kept, _, _ := s.Put([]byte("a document stored whole"))
	s.Close()
	data := []byte("a document the kill cut in half")
	sum := Sum(data)
	var h [headerSize]byte
	copy(h[:], packMagic)
	binary.LittleEndian.PutUint64(h[8:16], uint64(len(data)))
	hex.Decode(h[16:48], []byte(sum))
	packs, _ := filepath.Glob(filepath.Join(dir, packDir, "*"+packExt))
	os.Chmod(packs[0], 0o644)
	f, err := os.OpenFile(packs[0], os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(h[:])
	f.Write(data[:10])
	f.Close()

	s2, _ := Open(dir)
	if s2.Has(sum) {
		t.Fatal("a torn record was taken for a document")
	}
	if _, err := s2.Get(sum); err == nil {
		t.Fatal("Get read a torn record")
	}
	if !s2.Has(kept) {
		t.Fatal("the whole record before the torn one was lost")
	}
	if _, _, err := s2.Put(data); err != nil {
		t.Fatal(err)
	}
	if got, err := s2.Get(sum); err != nil || string(got) != string(data) {
		t.Fatalf("stored again: %q, %v", got, err)
	}
	s2.Close()
	s3, _ := Open(dir)
	if got, err := s3.Get(sum); err != nil || string(got) != string(data) {
		t.Fatalf("after reopening: %q, %v", got, err)
	}
}

// TestConcurrentPut: workers storing at once (the crawler's), some the
// same bytes: every document stored once, each readable.
func TestConcurrentPut(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				doc := fmt.Sprintf("document %d, %s", i%25, strings.Repeat("报", g%2*1000+i))
				if _, _, err := s.Put([]byte(doc)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	s.Close()
	want := map[string]bool{}
	for g := range 8 {
		for i := range 40 {
			want[Sum([]byte(fmt.Sprintf("document %d, %s", i%25, strings.Repeat("报", g%2*1000+i))))] = true
		}
	}
	r, _ := Open(dir)
	n := 0
	if err := r.Walk(func(sum string) error {
		n++
		if _, err := r.Get(sum); err != nil || !want[sum] {
			t.Errorf("%s: %v (wanted: %v)", sum, err, want[sum])
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("Walk saw %d documents, want %d", n, len(want))
	}
}

// TestOpenRemovesStaleTemp: a run killed inside Put, before packs, left a
// .tmp-* file; the next Open removes it, and leaves alone one a live
// writer (an older version of this program) is filling.
func TestOpenRemovesStaleTemp(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sum, _, err := s.Put([]byte("kept"))
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, sum[:2])
	os.MkdirAll(sub, 0o755)
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

// TestSyncFailure: after an fsync fails, nothing later written to that
// pack is taken as on disk: the Put fails, and the next one starts a new
// pack whose documents are kept.
func TestSyncFailure(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	if _, _, err := s.Put([]byte("before")); err != nil {
		t.Fatal(err)
	}
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	fail := true
	syncFile = func(f *os.File) error {
		if fail {
			fail = false
			return fmt.Errorf("sync %s: input/output error", f.Name())
		}
		return f.Sync()
	}
	if _, _, err := s.Put([]byte("lost")); err == nil {
		t.Fatal("Put succeeded although its fsync failed")
	}
	sum, _, err := s.Put([]byte("after"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	packs, _ := filepath.Glob(filepath.Join(dir, packDir, "*"+packExt))
	if len(packs) != 2 {
		t.Errorf("%d packs, want a new one after the failed fsync", len(packs))
	}
	r, _ := Open(dir)
	if got, err := r.Get(sum); err != nil || string(got) != "after" {
		t.Fatalf("Get after the failure: %q, %v", got, err)
	}
}
