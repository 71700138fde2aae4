package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// query's SQL reaches no file but the warehouse: COPY … TO once overwrote
// the warehouse through its read-only open, and ATTACH changed another.
func TestQueryTouchesNoFile(t *testing.T) {
	db := fixtureDB(t)
	other := filepath.Join(t.TempDir(), "other.csv")
	for _, sql := range []string{
		"COPY (SELECT 1 AS x) TO '" + db + "' (FORMAT csv)",
		"COPY (SELECT 1 AS x) TO '" + other + "' (FORMAT csv)",
		"ATTACH '" + filepath.Join(t.TempDir(), "o.duckdb") + "' AS o",
		"SELECT * FROM read_csv('/etc/passwd')",
	} {
		if _, errs, code := runCmd(t, "query", "--db", db, sql); code == 0 || !strings.Contains(errs, "disabled") {
			t.Errorf("%s: exit %d, %q", sql, code, errs)
		}
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("COPY … TO wrote a file")
	}
	out, errs, code := runCmd(t, "query", "--db", db, "SELECT count(*) AS n FROM reports", "--format", "csv")
	if code != 0 || !strings.Contains(out, "n\n") {
		t.Errorf("the warehouse after those: exit %d %q %q", code, out, errs)
	}
}
