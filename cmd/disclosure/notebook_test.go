package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/internal/testsite"
	"disclosure/warehouse"
)

// notebookCheck is the Node.js reader of scripts/notebook-check (DuckDB's
// own client, @duckdb/node-api): the test needs node and `npm ci` run there.
const notebookCheck = "../../scripts/notebook-check"

// notebookReader returns the command that runs the check script on the
// snapshot, or skips the test when node or the package is missing: they
// are not Go dependencies, and a machine without them still builds and tests.
func notebookReader(t *testing.T, ctx context.Context, args ...string) *exec.Cmd {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the notebook reader check needs Node.js (see README, \"For analysts\")")
	}
	if _, err := os.Stat(filepath.Join(notebookCheck, "node_modules", "@duckdb", "node-api", "package.json")); err != nil {
		t.Skipf("@duckdb/node-api is not installed: run `npm ci` in scripts/notebook-check (%v)", err)
	}
	return exec.CommandContext(ctx, node, append([]string{filepath.Join(notebookCheck, "check.mjs")}, args...)...)
}

var readLine = regexp.MustCompile(`(?m)^read .*: (\d+) reports, (\d+) rows in requests_summary`)

// readCounts parses the reader's lines: reports and requests_summary rows per read.
func readCounts(t *testing.T, out string) [][2]string {
	t.Helper()
	var got [][2]string
	for _, m := range readLine.FindAllStringSubmatch(out, -1) {
		got = append(got, [2]string{m[1], m[2]})
	}
	return got
}

// TestNotebookReadsSnapshotDuringRun: while a run is crawling and loading
// (held at a page of its second site), DuckDB's Node.js client opens the
// snapshot read-only and reads the first run's rows; it keeps the file open
// while the run finishes and publishes a new snapshot (neither waits for
// the other), and a reader opened afterwards sees the new reports.
func TestNotebookReadsSnapshotDuringRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Node.js")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	notebookReader(t, ctx) // skips early when node is missing

	first := testsite.New(t, 2)  // 伊宁县 2023, 平潭 2019
	second := testsite.New(t, 4) // the same two pages (unchanged), 平潭 2020 and 故城县教育局 2020
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	snapshot := warehouse.SnapshotPath(db)

	if stdout, stderr, code := runCmd(t, append([]string{"run"}, runArgs(t, dir, first.Srv.URL+"/nb/")...)...); code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// The second run loads a report per transaction and stops at the last
	// page of the second site until the reader has read.
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	letGo := sync.OnceFunc(func() { close(release) })
	defer letGo() // a failing test does not leave the run held
	second.SetHook(func(r *http.Request) {
		if r.URL.Path != second.Pages[3] {
			return
		}
		once.Do(func() { close(reached) })
		select {
		case <-release:
		case <-time.After(time.Minute):
		}
	})
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	args := append([]string{"run", "--batch", "1"}, runArgs(t, dir, first.Srv.URL+"/nb/", second.Srv.URL+"/nb/")...)
	go func() {
		o, e, c := runCmd(t, args...)
		done <- result{o, e, c}
	}()
	select {
	case <-reached:
	case r := <-done:
		t.Fatalf("the second run ended before it reached the held page: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	case <-ctx.Done():
		t.Fatal("the second run never reached the held page")
	}

	reader := notebookReader(t, ctx, "--hold", snapshot)
	stdin, err := reader.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	reader.Stdout, reader.Stderr = &out, &out
	if err := reader.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- reader.Wait() }()
	for len(readCounts(t, out.String())) == 0 {
		select {
		case err := <-exited:
			t.Fatalf("the reader ended without reading the snapshot during the run: %v\n%s", err, out.String())
		case <-ctx.Done():
			t.Fatalf("the reader did not read the snapshot during the run:\n%s", out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}

	letGo()
	r := <-done
	if r.code != 0 {
		t.Fatalf("second run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	stdin.Close() // the reader reads again through the connection it kept open, then exits
	if err := <-exited; err != nil {
		t.Fatalf("reader: %v\n%s", err, out.String())
	}
	// Both reads see the first run's snapshot: the copy the reader opened,
	// though the run has published a new one meanwhile.
	if got := readCounts(t, out.String()); len(got) != 2 || got[0] != [2]string{"2", "2"} || got[1] != got[0] {
		t.Errorf("reads during the run (reports, requests_summary rows) = %v, want [[2 2] [2 2]]\n%s", got, out.String())
	}

	after, err := notebookReader(t, ctx, snapshot).CombinedOutput()
	if err != nil {
		t.Fatalf("reader after the run: %v\n%s", err, after)
	}
	if got := readCounts(t, string(after)); len(got) != 1 || got[0] != [2]string{"4", "4"} {
		t.Errorf("read after the run (reports, requests_summary rows) = %v, want [[4 4]]\n%s", got, after)
	}
	if !strings.Contains(string(after), "government") || !strings.Contains(string(after), "department") {
		t.Errorf("the reader's publisher kinds lack the government and the department reports:\n%s", after)
	}
}

// lockedBuffer collects a child's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
