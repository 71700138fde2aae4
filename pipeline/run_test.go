package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"disclosure/internal/testsite"
	"disclosure/warehouse"
)

// TestRunMeetsTheLock: while another process holds the run lock, a pass
// says who (pid, host, since) and fails without touching the warehouse;
// when the holder dies (kill -9), the lock is free again.
func TestRunMeetsTheLock(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	site := testsite.New(t, 1)
	dir := t.TempDir()
	o, store := testRun(t, dir, io.Discard, site.Srv.URL+"/nb/")
	child := startHelper(t, nil, "DISCLOSURE_TEST_LOCK="+store.DB)
	_, err := RunPass(context.Background(), "run", o, store, io.Discard)
	host, _ := os.Hostname()
	var locked *LockedError
	if !errors.As(err, &locked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d on %s since", child.Process.Pid, host)) || !strings.Contains(err.Error(), "test holder") {
		t.Errorf("second process: %v", err)
	}
	if _, err := os.Stat(store.DB); err == nil {
		t.Error("the refused run created the database")
	}
	child.Process.Kill()
	child.Wait()
	if _, err := RunPass(context.Background(), "run", o, store, io.Discard); err != nil {
		t.Errorf("after the holder died: %v", err)
	}
}

// TestRunKilledMidway: a run killed (kill -9) while it fetches and loads
// leaves the warehouse consistent (whole reports only, no URL marked known
// whose report is missing, the run still marked running), and the next
// run completes the work and marks the dead one interrupted.
func TestRunKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	n := len(testsite.Samples)
	site := testsite.New(t, n)
	dir := t.TempDir()
	o, store := testRun(t, dir, io.Discard, site.Srv.URL+"/nb/")
	// One report per transaction, and a pace that lets some loads finish
	// before the kill.
	o.Batch, o.Delay = 1, 300*time.Millisecond
	db := store.DB

	var killOnce sync.Once
	killed := make(chan struct{})
	var child *exec.Cmd
	var childMu sync.Mutex
	hits := 0
	site.SetHook(func(r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/nb/") || r.URL.Path == "/nb/" {
			return
		}
		childMu.Lock()
		hits++
		h, c := hits, child
		childMu.Unlock()
		if h == n-2 && c != nil { // a few reports in, some loads done, one perhaps half-way
			killOnce.Do(func() {
				c.Process.Signal(syscall.SIGKILL)
				close(killed)
			})
		}
	})
	c := startHelper(t, nil, specEnv(helperSpec{Command: "run", Sites: o.Sites, DB: store.DB, Data: store.Data, Delay: o.Delay, Batch: 1}))
	childMu.Lock()
	child = c
	childMu.Unlock()
	select {
	case <-killed:
	case <-time.After(2 * time.Minute):
		t.Fatal("the child never reached the report to be killed at")
	}
	c.Wait()
	site.SetHook(nil)

	before := queryCol(t, db, `SELECT count(*) FROM reports`)[0]
	t.Logf("killed after %d report requests; %s reports loaded", n-2, before)
	checks := map[string]string{
		"runs still marked running":           `SELECT count(*) FROM runs WHERE status = 'running'`,
		"reports whose values are incomplete": `SELECT count(*) FROM reports r WHERE values_found <> (SELECT count(*) FROM report_values v WHERE v.report_id = r.report_id)`,
		"reports without summary cells":       `SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM summary_cells s WHERE s.report_id = r.report_id)`,
		"URLs marked known without report":    `SELECT count(*) FROM url_state u WHERE u.kind = 'report' AND u.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.sha256 = u.sha256)`,
	}
	want := map[string]string{"runs still marked running": "1"}
	for what, q := range checks {
		w := want[what]
		if w == "" {
			w = "0"
		}
		if got := queryCol(t, db, q)[0]; got != w {
			t.Errorf("after kill -9, %s: %s", what, got)
		}
	}

	if _, err := RunPass(context.Background(), "run", o, store, io.Discard); err != nil {
		t.Fatalf("the next run: %v", err)
	}
	if got := queryCol(t, db, `SELECT count(*) FROM reports`)[0]; got != fmt.Sprint(n) {
		t.Errorf("after the next run: %s reports, want %d", got, n)
	}
	if got := queryCol(t, db, `SELECT status FROM runs ORDER BY run_id`); !slices.Equal(got, []string{"interrupted", "completed"}) {
		t.Errorf("runs: %v", got)
	}
	var loadedBefore int
	fmt.Sscan(before, &loadedBefore)
	if got := queryCol(t, db, `SELECT loaded + 0 FROM runs WHERE run_id = 2`)[0]; got != fmt.Sprint(n-loadedBefore) {
		t.Errorf("the next run loaded %s, want the %d missing", got, n-loadedBefore)
	}
}

// A pass interrupted by its context (a signal) finishes its writes and is
// recorded as interrupted, and the lock is free afterwards.
func TestRunInterruptedRecorded(t *testing.T) {
	site := testsite.New(t, 3)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site.SetHook(func(r *http.Request) {
		if r.URL.Path == "/nb/1.html" {
			cancel()
		}
	})
	o, store := testRun(t, dir, io.Discard, site.Srv.URL+"/nb/")
	res, err := RunPass(ctx, "run", o, store, io.Discard)
	if err == nil || res == nil || res.Status != warehouse.RunInterrupted {
		t.Fatalf("pass: %+v %v", res, err)
	}
	if got := queryCol(t, store.DB, `SELECT status FROM runs`); !slices.Equal(got, []string{"interrupted"}) {
		t.Errorf("runs: %v", got)
	}
	l, err := AcquireLock(store.DB, "test")
	if err != nil {
		t.Errorf("lock after the interrupted pass: %v", err)
	}
	l.Release()
	if _, err := os.Stat(filepath.Join(dir, "data", "raw")); err != nil {
		t.Errorf("raw store: %v", err)
	}
}
