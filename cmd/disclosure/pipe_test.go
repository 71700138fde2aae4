package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"disclosure/internal/testsite"
	"disclosure/pipeline"
)

// TestHelperMain is not a test: run as a child process, it is the binary
// (main's signal set-up, then the command line in $DISCLOSURE_TEST_MAIN).
func TestHelperMain(t *testing.T) {
	spec := os.Getenv("DISCLOSURE_TEST_MAIN")
	if spec == "" {
		t.Skip("helper process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(spec), &args); err != nil {
		os.Exit(3)
	}
	ignoreBrokenPipes()
	os.Stdout.WriteString("READY\n")
	os.Exit(dispatch(args, os.Stdout, os.Stderr))
}

// TestScheduleIntoAClosedPipe: `disclosure schedule … 2>&1 | tee log`
// after tee has died: the pass still finishes and is recorded, SIGTERM
// stops the schedule with exit 0, and the run lock is free.
func TestScheduleIntoAClosedPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	site := testsite.New(t, 1)
	dir := t.TempDir()
	args, _ := json.Marshal(append([]string{"schedule", "--cron", "@every 1s"}, runArgs(t, dir, site.Srv.URL+"/nb/")...))
	child := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	child.Env = append(os.Environ(), "DISCLOSURE_TEST_MAIN="+string(args))
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stdout, child.Stderr = w, w // 2>&1 | tee
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if line, _ := bufio.NewReader(r).ReadString('\n'); strings.TrimSpace(line) != "READY" {
		child.Process.Kill()
		t.Fatalf("helper: %q", line)
	}
	r.Close() // tee is gone: every later write of the child meets a closed pipe
	db := filepath.Join(dir, "w.duckdb")
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) && !hasCompletedRun(t, db) {
		time.Sleep(300 * time.Millisecond)
	}
	child.Process.Signal(syscall.SIGTERM)
	if err := child.Wait(); err != nil {
		t.Fatalf("schedule into a closed pipe: %v (killed by SIGPIPE?)", err)
	}
	if !hasCompletedRun(t, db) {
		t.Fatal("no pass completed and recorded")
	}
	l, err := pipeline.AcquireLock(db, "test")
	if err != nil {
		t.Fatalf("the run lock is still held: %v", err)
	}
	l.Release()
}

func hasCompletedRun(t *testing.T, db string) bool {
	if _, err := os.Stat(db); err != nil {
		return false
	}
	got := queryCol(t, db, `SELECT count(*) FROM runs WHERE status = 'completed'`)
	return len(got) == 1 && got[0] != "0"
}
