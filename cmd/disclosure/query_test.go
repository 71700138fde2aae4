package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"disclosure/queries"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// fixtureDB is a database holding the hand-checked fixture reports.
func fixtureDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "q.duckdb")
	w, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Load(context.Background(), fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return path
}

func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := dispatch(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestQueryNamedAsCSVAndJSON(t *testing.T) {
	db := fixtureDB(t)
	out, errs, code := runCmd(t, "query", "--db", db, "rank", "--param", "prefecture=襄阳", "--param", "year=2023", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 4 || recs[1][4] != "樊城区" || recs[1][8] != "50" {
		t.Errorf("csv: %v %q", err, recs)
	}
	out, errs, code = runCmd(t, "query", "--db", db, "--format", "json", "SELECT division, grant_rate, denied FROM requests_summary WHERE jurisdiction_code = '420626' ORDER BY year")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(rows) != 2 || rows[0]["grant_rate"] != 1.0 || rows[1]["denied"] != nil {
		t.Errorf("json rows: %v (NULL must stay null)", rows)
	}
}

func TestQueryTableAlignsByDisplayWidth(t *testing.T) {
	db := fixtureDB(t)
	out, errs, code := runCmd(t, "query", "--db", db, "SELECT division, agency, received, denied FROM requests_summary ORDER BY report_id")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 {
		t.Fatalf("table:\n%s", out)
	}
	// The third column starts at the same display column on every line.
	col := -1
	for i, l := range lines[:len(lines)-1] {
		if i == 1 {
			continue // the rule under the header
		}
		fields := strings.Fields(l)
		if len(fields) < 3 {
			continue
		}
		i := strings.Index(l, " "+fields[2])
		w := runewidth.StringWidth(l[:i+1])
		if col == -1 {
			col = w
		} else if w != col {
			t.Errorf("misaligned line %q (column at %d, want %d)", l, w, col)
		}
	}
	if !strings.Contains(out, "NULL") {
		t.Error("a blank value is not shown as NULL")
	}
}

func TestQueryList(t *testing.T) {
	out, _, code := runCmd(t, "query", "--list")
	if code != 0 {
		t.Fatal("exit", code)
	}
	qs, _ := queries.All()
	for _, q := range qs {
		if !strings.Contains(out, q.Name+": ") {
			t.Errorf("--list lacks %s", q.Name)
		}
	}
	if !strings.Contains(out, "--param measure=received") {
		t.Error("--list does not show parameters with defaults")
	}
}

func TestQueryErrors(t *testing.T) {
	db := fixtureDB(t)
	if _, errs, code := runCmd(t, "query", "--db", db, "rank", "--param", "yaer=2023"); code == 0 || !strings.Contains(errs, "no parameter") {
		t.Errorf("misspelt parameter: %d %s", code, errs)
	}
	if _, errs, code := runCmd(t, "query", "--db", db, "rnak"); code == 0 || !strings.Contains(errs, "no named query") {
		t.Errorf("unknown name: %d %s", code, errs)
	}
	if _, errs, code := runCmd(t, "query", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "rank"); code == 0 || !strings.Contains(errs, "load reports first") {
		t.Errorf("missing database: %d %s", code, errs)
	}
}

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
