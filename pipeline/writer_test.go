package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/warehouse"
)

// A crawl's writer keeps the warehouse while batches come back to back,
// and lets go once none has come for its idle time: another process (a
// `disclosure query`) is kept out meanwhile, and gets in after.
func TestCrawlWriterReleasesWhenIdle(t *testing.T) {
	dir := t.TempDir()
	store := Store{DB: filepath.Join(dir, "w.duckdb"), Data: filepath.Join(dir, "data"), Wait: time.Minute}
	w := newWriter(store, warehouse.LoadOptions{}, 10, nil, false, "crawl", "test")
	w.idle = 4 * time.Second
	scan := Parsed{Source: Source{URL: "http://127.0.0.1/a.pdf", SHA256: strings.Repeat("a", 64)}, Outcome: OutcomeUnreadable,
		Err: &parse.UnreadableError{Reason: parse.ReasonImageOnly}}
	w.take(scan, nil)
	w.flush()
	w.flush() // taken once the first batch is written: the writer now holds the warehouse, idle
	held := time.Now()
	if out := readInChild(t, store.DB, 200*time.Millisecond); !strings.Contains(out, "BUSY") && time.Since(held) < w.idle {
		t.Fatalf("a reader got in while the writer held the warehouse: %s", out)
	}
	if out := readInChild(t, store.DB, time.Minute); !strings.Contains(out, "OK 1") {
		t.Fatalf("a reader did not get in once the writer was idle: %s", out)
	}
	if _, err := w.close(); err != nil {
		t.Fatal(err)
	}
}

// readInChild opens db read-only in a child process, waiting at most wait,
// and returns what it said: "OK n" (n text checks recorded) or "BUSY".
func readInChild(t *testing.T, db string, wait time.Duration) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRun$")
	cmd.Env = append(os.Environ(), "DISCLOSURE_TEST_READ="+db, "DISCLOSURE_TEST_WAIT="+wait.String())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("reader: %v\n%s", err, out.String())
	}
	return out.String()
}

// helperRead is TestHelperRun's reader: it opens db read-only, as
// `disclosure query` does, and counts the text checks recorded.
func helperRead(db, wait string) {
	d, err := time.ParseDuration(wait)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	var n int
	err = Store{DB: db, Wait: d}.Read(func(db *warehouse.DB) error {
		return db.SQL().QueryRow(`SELECT count(*) FROM unreadable_documents`).Scan(&n)
	})
	switch {
	case errors.Is(err, warehouse.ErrBusy):
		fmt.Println("BUSY")
	case err != nil:
		fmt.Println("ERROR", err)
		os.Exit(1)
	default:
		fmt.Println("OK", n)
	}
	os.Exit(0)
}
