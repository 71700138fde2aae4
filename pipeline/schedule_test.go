package pipeline

import (
	"context"
	"disclosure/internal/testsite"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// jsonLines decodes every log line, failing on one that is not JSON.
func jsonLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("log line is not JSON: %q", l)
			continue
		}
		out = append(out, m)
	}
	return out
}

func countMsg(lines []map[string]any, prefix string) int {
	n := 0
	for _, m := range lines {
		if s, _ := m["msg"].(string); strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}

// TestScheduleEverySecond: with @every 1s, passes run and are recorded in
// runs; while the first is still running (its site answers slowly) the
// passes due are skipped, not stacked; the logs are JSON.
func TestScheduleEverySecond(t *testing.T) {
	site := testsite.New(t, 1)
	var slowed atomic.Bool
	site.SetHook(func(r *http.Request) {
		if r.URL.Path == "/nb/" && !slowed.Swap(true) {
			time.Sleep(2500 * time.Millisecond) // the first pass outlasts two ticks
		}
	})
	dir := t.TempDir()
	var logs syncBuffer
	o, store := testRun(t, dir, &logs, site.Srv.URL+"/nb/")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Schedule(ctx, "@every 1s", shanghai, o, store, &logs)
	}()
	// Wait for two passes to complete (the slow first and one more),
	// however loaded the machine is.
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) && countCompleted(t, logs.String()) < 2 {
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("schedule did not stop")
	}
	lines := jsonLines(t, logs.String())
	if n := countMsg(lines, "pass skipped: the previous one is still running"); n < 1 {
		t.Errorf("no pass skipped while the first ran:\n%s", logs.String())
	}
	if n := countMsg(lines, "schedule started"); n != 1 {
		t.Errorf("%d start lines", n)
	}
	runs := queryCol(t, filepath.Join(dir, "w.duckdb"), `SELECT status FROM runs ORDER BY run_id`)
	completed := 0
	for _, s := range runs {
		if s == "completed" {
			completed++
		}
	}
	if completed < 2 || runs[0] != "completed" {
		t.Errorf("runs: %v (want the slow first pass and at least one more completed)", runs)
	}
	for _, s := range runs {
		if s == "running" {
			t.Errorf("a pass left running after the schedule stopped: %v", runs)
		}
	}
}

// countCompleted counts the passes the JSON log says completed.
func countCompleted(t *testing.T, log string) int {
	n := 0
	for _, l := range strings.Split(log, "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "run finished" && m["status"] == "completed" {
			n++
		}
	}
	return n
}

// TestSchedulePanicRecovered: a pass that panics is logged and the next
// ones still run (SkipIfStillRunning must not keep the slot of the
// panicked one).
func TestSchedulePanicRecovered(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	var calls atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 3500*time.Millisecond)
	defer cancel()
	err := schedule(ctx, "@every 1s", time.UTC, log, func(context.Context) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n < 2 {
		t.Errorf("%d passes after a panic, want the schedule to go on", n)
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic is not logged:\n%s", logs.String())
	}
}

func TestScheduleBadSpec(t *testing.T) {
	o, store := testRun(t, t.TempDir(), io.Discard)
	err := Schedule(context.Background(), "every night", time.UTC, o, store, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `--cron "every night"`) {
		t.Errorf("bad spec: %v", err)
	}
}

// TestScheduleStopsOnSIGTERM: `disclosure schedule` in its own process,
// sent SIGTERM in the middle of a pass, lets the pass finish its write and
// record itself as interrupted, then exits 0.
func TestScheduleStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	site := testsite.New(t, 3)
	inPass := make(chan struct{})
	var once sync.Once
	site.SetHook(func(r *http.Request) {
		if r.URL.Path == "/nb/1.html" {
			once.Do(func() { close(inPass) })
			time.Sleep(2 * time.Second) // SIGTERM arrives while this page is being fetched
		}
	})
	dir := t.TempDir()
	o, store := testRun(t, dir, io.Discard, site.Srv.URL+"/nb/")
	var logs syncBuffer
	child := startHelper(t, &logs, specEnv(helperSpec{Command: "schedule", Cron: "@every 1s", Sites: o.Sites, DB: store.DB, Data: store.Data, Delay: o.Delay, Batch: o.Batch}))
	select {
	case <-inPass:
	case <-time.After(time.Minute):
		child.Process.Kill()
		t.Fatal("no pass started")
	}
	child.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("schedule after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		child.Process.Kill()
		t.Fatal("schedule did not stop after SIGTERM")
	}
	lines := jsonLines(t, logs.String())
	if countMsg(lines, "schedule stopped") != 1 || countMsg(lines, "run finished") != 1 {
		t.Errorf("JSON log of the stop:\n%s", logs.String())
	}
	db := store.DB
	if got := queryCol(t, db, `SELECT status FROM runs`); len(got) != 1 || got[0] != "interrupted" {
		t.Errorf("runs after SIGTERM: %v", got)
	}
	if _, err := os.Stat(LockPath(db)); err != nil {
		t.Error(err)
	}
	l, err := AcquireLock(db, "test")
	if err != nil {
		t.Errorf("lock after the schedule stopped: %v", err)
	}
	l.Release()
}
