package rawstore

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// pack.go: documents appended to pack files, DIR/packs/*.pack, one pack
// per Store that writes (a crawl's run), instead of a file per document.
//
// Why: creating a file is the expensive part of keeping a document. On the
// machine the crawl benchmarks run on (ext4), creating one empty file
// costs about 0.5 ms of CPU, appending 40 KB to an open file 0.03 ms (with
// its fsync 0.25 ms); a crawl of 1,000 hosts keeps 5,000 documents, and
// the raw store's file creation was a fifth of its CPU.
//
// A record is a 48-byte header (magic "RAW1", 4 zero bytes, the length as
// a little-endian uint64, the sha256) and the bytes. A record is written
// with the pack opened for appending and synced before Put returns, so a
// document Put has returned is on disk. A writer killed half-way leaves a
// torn last record: a reader stops at it (its length runs past the end,
// or its header is short) and never indexes it, and Get checks the hash
// of every record it reads, so a half-written document is never trusted.
// A write that fails (a full disk) is cut off again, so that no torn
// record sits before good ones; if that fails too, the pack is left and
// the next Put starts another.

const (
	packMagic  = "RAW1"
	headerSize = 48
	packDir    = "packs"
	packExt    = ".pack"
)

// loc is where a document lies in a pack.
type loc struct {
	pack string // file name in DIR/packs
	off  int64  // of the bytes (after the header)
	n    int64
}

// packIndex is what the Store knows of the packs: every whole record of
// every pack, read incrementally (another process may be appending).
type packIndex struct {
	mu      sync.Mutex
	docs    map[string]loc
	scanned map[string]int64 // pack name → offset read up to (a record boundary)
}

// packWriter is the Store's own pack, opened at its first Put.
type packWriter struct {
	mu   sync.Mutex  // order of appends
	cur  *packFile   // nil until the first Put, or after a pack was left
	left []*packFile // packs left after a failed write, still open
}

// packFile is one pack being appended to.
type packFile struct {
	f    *os.File
	name string
	size int64 // bytes written (whole records); under packWriter.mu

	syncMu sync.Mutex // one fsync at a time; each covers every append before it
	synced int64      // bytes known on disk; under syncMu
	// failed is the first fsync error: after it, nothing more written to
	// this pack counts as on disk (a later fsync may succeed without the
	// lost pages), so every later sync fails and the next Put starts
	// another pack. Under syncMu; broken mirrors it for appendPacked.
	failed error
	broken atomic.Bool
}

func (s *Store) packPath(name string) string { return filepath.Join(s.dir, packDir, name) }

// lookup finds sum in the packs. The packs are read at the first look;
// with rescan, a sum not known yet has them read again from where the last
// read stopped (another process may have stored it since). Put does not
// rescan: a document new to the crawl would cost every pack an open, and
// bytes another process stores meanwhile are at worst kept twice.
func (s *Store) lookup(sum string, rescan bool) (loc, bool, error) {
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	if l, ok := s.idx.docs[sum]; ok {
		return l, true, nil
	}
	if s.idx.docs != nil && !rescan {
		return loc{}, false, nil
	}
	if err := s.scanLocked(); err != nil {
		return loc{}, false, err
	}
	l, ok := s.idx.docs[sum]
	return l, ok, nil
}

// scanLocked reads the records added to every pack since the last scan.
func (s *Store) scanLocked() error {
	if s.idx.docs == nil {
		s.idx.docs, s.idx.scanned = map[string]loc{}, map[string]int64{}
	}
	names, err := filepath.Glob(filepath.Join(s.dir, packDir, "*"+packExt))
	if err != nil {
		return fmt.Errorf("rawstore: %w", err)
	}
	for _, p := range names {
		name := filepath.Base(p)
		if err := s.scanPack(name); err != nil {
			return err
		}
	}
	return nil
}

// scanPack indexes a pack's whole records from where the last scan
// stopped, up to its end or its first torn or foreign record.
func (s *Store) scanPack(name string) error {
	f, err := os.Open(s.packPath(name))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("rawstore: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("rawstore: %w", err)
	}
	off := s.idx.scanned[name]
	var h [headerSize]byte
	for off+headerSize <= fi.Size() {
		if _, err := f.ReadAt(h[:], off); err != nil {
			return fmt.Errorf("rawstore: reading %s: %w", s.packPath(name), err)
		}
		n := int64(binary.LittleEndian.Uint64(h[8:16]))
		if string(h[:4]) != packMagic || n < 0 || n > fi.Size()-off-headerSize {
			break // torn (a killed writer) or not ours: nothing after it is read
		}
		sum := hex.EncodeToString(h[16:48])
		if _, ok := s.idx.docs[sum]; !ok {
			s.idx.docs[sum] = loc{pack: name, off: off + headerSize, n: n}
		}
		off += headerSize + n
	}
	s.idx.scanned[name] = off
	return nil
}

// readPacked reads a packed document; the caller checks its hash.
func (s *Store) readPacked(l loc) ([]byte, error) {
	f, err := os.Open(s.packPath(l.pack))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, l.n)
	if _, err := f.ReadAt(data, l.off); err != nil && !(errors.Is(err, io.EOF) && l.n == 0) {
		return nil, err
	}
	return data, nil
}

// appendPacked writes data as a record of the Store's pack and returns
// once it is on disk.
func (s *Store) appendPacked(sum string, data []byte) (loc, error) {
	var h [headerSize]byte
	copy(h[:4], packMagic)
	binary.LittleEndian.PutUint64(h[8:16], uint64(len(data)))
	if _, err := hex.Decode(h[16:48], []byte(sum)); err != nil {
		return loc{}, fmt.Errorf("rawstore: %q is not a sha256", sum)
	}
	w := &s.w
	w.mu.Lock()
	if w.cur != nil && w.cur.broken.Load() {
		w.left = append(w.left, w.cur)
		w.cur = nil
	}
	if w.cur == nil {
		pf, err := s.newPack()
		if err != nil {
			w.mu.Unlock()
			return loc{}, err
		}
		w.cur = pf
	}
	pf := w.cur
	at := pf.size
	_, err := pf.f.Write(h[:])
	if err == nil {
		_, err = pf.f.Write(data)
	}
	if err != nil {
		// No torn record before later ones: cut it off, or leave this pack.
		if terr := pf.f.Truncate(at); terr != nil {
			w.cur = nil // its file is closed by Close, with the others' syncs done
			w.left = append(w.left, pf)
		}
		w.mu.Unlock()
		return loc{}, fmt.Errorf("rawstore: writing %s to %s: %w", sum, s.packPath(pf.name), err)
	}
	pf.size += headerSize + int64(len(data))
	end := pf.size
	w.mu.Unlock()
	if err := pf.syncTo(end, &w.mu); err != nil {
		return loc{}, fmt.Errorf("rawstore: syncing %s: %w", s.packPath(pf.name), err)
	}
	return loc{pack: pf.name, off: at + headerSize, n: int64(len(data))}, nil
}

// syncTo returns once the pack's first end bytes are on disk. Appends
// that arrive while an fsync runs share the next one (group commit): one
// fsync per group of waiting writers, not one per document. mu guards size.
func (pf *packFile) syncTo(end int64, mu *sync.Mutex) error {
	pf.syncMu.Lock()
	defer pf.syncMu.Unlock()
	if pf.synced >= end {
		return nil
	}
	if pf.failed != nil {
		return pf.failed
	}
	mu.Lock()
	upTo := pf.size
	mu.Unlock()
	if err := syncFile(pf.f); err != nil {
		pf.failed = err
		pf.broken.Store(true)
		return err
	}
	pf.synced = max(pf.synced, upTo)
	return nil
}

// newPack creates a pack for this Store: a new name, never an existing file.
func (s *Store) newPack() (*packFile, error) {
	if err := os.MkdirAll(filepath.Join(s.dir, packDir), 0o755); err != nil {
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	var r [4]byte
	if _, err := rand.Read(r[:]); err != nil {
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	name := fmt.Sprintf("%s-%d-%s%s", time.Now().UTC().Format("20060102T150405"), os.Getpid(), hex.EncodeToString(r[:]), packExt)
	f, err := os.OpenFile(s.packPath(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o444)
	if err != nil {
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	// The pack's name on disk too, once per pack: its records' fsyncs
	// then keep them findable after a power cut.
	if err := syncDir(filepath.Join(s.dir, packDir)); err != nil {
		f.Close()
		return nil, fmt.Errorf("rawstore: %w", err)
	}
	return &packFile{f: f, name: name}, nil
}

// syncFile is (*os.File).Sync; tests make it fail.
var syncFile = (*os.File).Sync

// syncDir makes a directory's entries durable (where the system allows
// syncing a directory: not on Windows, where it is skipped).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && runtime.GOOS != "windows" {
		return err
	}
	return nil
}

// Close closes the Store's pack (a Store that only reads has none).
// Documents Put before are on disk already; Close only releases the file.
func (s *Store) Close() error {
	s.w.mu.Lock()
	packs := append(s.w.left, s.w.cur)
	s.w.cur, s.w.left = nil, nil
	s.w.mu.Unlock()
	var err error
	for _, pf := range packs {
		if pf != nil {
			pf.syncMu.Lock() // not under a Put's fsync (syncTo takes syncMu, then mu)
			err = errors.Join(err, pf.f.Close())
			pf.syncMu.Unlock()
		}
	}
	return err
}

// packedSums lists the packed documents in a stable order (Walk).
func (s *Store) packedSums() ([]string, error) {
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	if err := s.scanLocked(); err != nil {
		return nil, err
	}
	sums := make([]string, 0, len(s.idx.docs))
	for sum := range s.idx.docs {
		sums = append(sums, sum)
	}
	sort.Strings(sums)
	return sums, nil
}
