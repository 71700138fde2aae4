package warehouse_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// Tests that need a second process re-run this test binary as a child: the
// child does one thing (load and hang before COMMIT, or hold the database)
// and says READY on stdout.

const childEnv = "WAREHOUSE_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		code := m.Run()
		if benchDir != "" {
			os.RemoveAll(benchDir)
		}
		os.Exit(code)
	case "load-and-hang":
		childLoadAndHang(os.Getenv("WAREHOUSE_TEST_DB"))
	case "hold":
		childHold(os.Getenv("WAREHOUSE_TEST_DB"))
	case "load":
		childLoad(os.Getenv("WAREHOUSE_TEST_DB"))
	case "try-write":
		childTryWrite(os.Getenv("WAREHOUSE_TEST_DB"))
	}
	os.Exit(3)
}

// crashBatch is the batch the child dies in: big enough that DuckDB has
// written blocks of it before the kill.
func crashBatch() []warehouse.Document {
	var ds []warehouse.Document
	for i := range 3000 {
		ds = append(ds, fixture.SyntheticDoc(i))
	}
	return ds
}

func childLoadAndHang(path string) {
	db, err := warehouse.Open(path)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	warehouse.SetBeforeCommitHook(func() {
		fmt.Println("READY")
		time.Sleep(time.Hour) // killed here
	})
	_, err = db.Load(context.Background(), crashBatch())
	fmt.Println("ERROR load returned", err)
	os.Exit(1)
}

// childLoad loads the crash batch with no pause: the parent kills it
// wherever it happens to be.
func childLoad(path string) {
	db, err := warehouse.Open(path)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("READY")
	if _, err := db.Load(context.Background(), crashBatch()); err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	db.Close()
	os.Exit(0)
}

func childHold(path string) {
	db, err := warehouse.Open(path)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("READY")
	time.Sleep(1500 * time.Millisecond)
	db.Close()
	os.Exit(0)
}

// childTryWrite says whether it could open the database for writing at
// once: OPENED, LOCKED (another process holds it) or the error.
func childTryWrite(path string) {
	db, err := warehouse.OpenWith(path, warehouse.Options{Wait: time.Millisecond})
	switch {
	case err == nil:
		db.Close()
		fmt.Println("OPENED")
	case errors.Is(err, warehouse.ErrBusy):
		fmt.Println("LOCKED")
	default:
		fmt.Println("ERROR", err)
	}
	os.Exit(0)
}

// tryWrite runs childTryWrite on path in another process and returns what
// it said.
func tryWrite(t *testing.T, path string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=try-write", "WAREHOUSE_TEST_DB="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child try-write: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// While this process has the warehouse open for writing, another process
// cannot open it, whatever this one did meanwhile that reads the file: a
// snapshot copied, the file checked, a second DB on the same instance
// opened and closed. (DuckDB's lock is a POSIX record lock, which closing
// any descriptor of the file used to drop.)
func TestOtherProcessStaysOutWhileOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "held.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(context.Background(), []warehouse.Document{fixture.SyntheticDoc(0)}); err != nil {
		t.Fatal(err)
	}
	if got := tryWrite(t, path); got != "LOCKED" {
		t.Fatalf("just opened: another process says %q, want LOCKED", got)
	}
	if _, err := db.PublishSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := tryWrite(t, path); got != "LOCKED" {
		t.Fatalf("after the snapshot: another process says %q, want LOCKED", got)
	}
	if err := warehouse.CheckFile(path); err != nil {
		t.Fatal(err)
	}
	second, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	second.Close()
	if got := tryWrite(t, path); got != "LOCKED" {
		t.Fatalf("after a check and a second open: another process says %q, want LOCKED", got)
	}
	db.Close()
	if got := tryWrite(t, path); got != "OPENED" {
		t.Fatalf("once closed: another process says %q, want OPENED", got)
	}
}

// startChild runs the test binary in child mode and waits for READY.
func startChild(t *testing.T, mode, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "WAREHOUSE_TEST_DB="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			ready <- sc.Text()
			return
		}
		ready <- "EOF"
	}()
	select {
	case line := <-ready:
		if line != "READY" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child %s: %s", mode, line)
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("child %s never got ready", mode)
	}
	return cmd
}

func TestKillDuringLoadLeavesDatabaseAsBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "crash.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(context.Background(), fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, db)
	db.Close()

	child := startChild(t, "load-and-hang", path)
	if err := child.Process.Kill(); err != nil { // SIGKILL: no cleanup, no rollback
		t.Fatal(err)
	}
	child.Wait()

	db, err = warehouse.Open(path)
	if err != nil {
		t.Fatalf("reopening after kill -9: %v", err)
	}
	defer db.Close()
	after := tableCounts(t, db)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("after kill -9, %s has %d rows; %d before the batch", k, after[k], v)
		}
	}
	// Rerunning the load completes it.
	res, err := db.Load(context.Background(), crashBatch())
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3000 {
		t.Errorf("rerun added %d, want 3000", res.Added)
	}
	if n := count(t, db, "SELECT count(*) FROM report_values"); n != before["report_values"]+3000*fixture.SyntheticValues {
		t.Errorf("after rerun: %d values", n)
	}
}

// TestKillAtRandomMoments kills loads at moments spread over the load: the
// database must hold either nothing of the batch or all of it, never a part.
func TestKillAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "random.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, db)
	db.Close()
	for _, delay := range []time.Duration{50 * time.Millisecond, 400 * time.Millisecond, 1200 * time.Millisecond} {
		child := startChild(t, "load", path)
		time.Sleep(delay)
		child.Process.Kill()
		child.Wait()
		db, err := warehouse.Open(path)
		if err != nil {
			t.Fatalf("after a kill at %s: %v", delay, err)
		}
		after := tableCounts(t, db)
		db.Close()
		whole := after["reports"] == before["reports"]+3000
		if whole {
			return // the load committed before the kill; nothing more to learn
		}
		for _, tb := range []string{"reports", "report_values", "report_checks", "report_prose", "report_warnings"} {
			if after[tb] != before[tb] {
				t.Errorf("kill at %s left part of the batch: %s %d rows, %d before", delay, tb, after[tb], before[tb])
			}
		}
	}
}

func TestQueryWaitsForLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "lock.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	child := startChild(t, "hold", path)
	defer child.Wait()
	var told string
	start := time.Now()
	r, err := warehouse.OpenWith(path, warehouse.Options{ReadOnly: true, Wait: time.Minute, OnWait: func(m string) { told = m }})
	if err != nil {
		t.Fatalf("reader did not get in after the writer left: %v", err)
	}
	r.Close()
	if !strings.Contains(told, "busy") || !strings.Contains(told, "waiting") {
		t.Errorf("wait message %q", told)
	}
	if time.Since(start) < 500*time.Millisecond {
		t.Errorf("opened after %s: the writer was still holding the file", time.Since(start))
	}
}

func TestBusyTimeoutSaysSo(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "busy.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	child := startChild(t, "hold", path)
	defer child.Wait()
	_, err = warehouse.OpenWith(path, warehouse.Options{ReadOnly: true, Wait: 200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "still in use by another process") {
		t.Errorf("short wait: %v", err)
	}
}
