package main

import (
	"bufio"
	"disclosure/warehouse"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestHelperHoldDB is not a test: run as a child process by
// TestQueryWaitsForRunningLoad, it holds the database for writing a while.
func TestHelperHoldDB(t *testing.T) {
	path := os.Getenv("DISCLOSURE_TEST_HOLD")
	if path == "" {
		t.Skip("helper process only")
	}
	w, err := warehouse.Open(path)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("READY")
	time.Sleep(1500 * time.Millisecond)
	w.Close()
	os.Exit(0)
}

func TestQueryWaitsForRunningLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	db := fixtureDB(t)
	child := exec.Command(os.Args[0], "-test.run=^TestHelperHoldDB$")
	child.Env = append(os.Environ(), "DISCLOSURE_TEST_HOLD="+db)
	out, _ := child.StdoutPipe()
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Wait()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "READY" {
		t.Fatalf("helper: %q", line)
	}
	stdout, stderr, code := runCmd(t, "query", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM reports")
	if code != 0 {
		t.Fatalf("query did not wait for the writer: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "is busy") || !strings.Contains(stderr, "waiting") {
		t.Errorf("no waiting message on stderr: %q", stderr)
	}
	if strings.TrimSpace(stdout) != "n\n7" {
		t.Errorf("result after waiting: %q", stdout)
	}
}
