package rawstore

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzPack: whatever bytes a pack holds (torn, damaged, not a pack),
// reading the store neither panics nor returns bytes that do not hash to
// the sum asked for.
func FuzzPack(f *testing.F) {
	dir := f.TempDir()
	s, _ := Open(dir)
	s.Put([]byte("<html>一份报告</html>"))
	s.Put([]byte("%PDF-1.4"))
	s.Close()
	packs, _ := filepath.Glob(filepath.Join(dir, packDir, "*"+packExt))
	whole, _ := os.ReadFile(packs[0])
	f.Add(whole)
	f.Add(whole[:len(whole)-3])
	f.Add(whole[:headerSize+2])
	f.Add([]byte("RAW1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, pack []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, packDir), 0o755)
		if err := os.WriteFile(filepath.Join(dir, packDir, "x"+packExt), pack, 0o444); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Walk(func(sum string) error {
			if data, err := s.Get(sum); err == nil && Sum(data) != sum {
				t.Fatalf("Get(%s) returned bytes hashing to %s", sum, Sum(data))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
