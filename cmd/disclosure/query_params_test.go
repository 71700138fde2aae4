package main

import (
	"os"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// Parameters are checked, each mistake a one-line error.
func TestQueryParamErrors(t *testing.T) {
	db := fixtureDB(t)
	for what, tc := range map[string]struct {
		args []string
		want string
	}{
		"a year that is not a number":  {[]string{"rank", "--param", "year=twenty"}, "not a whole number"},
		"a repeated --param":           {[]string{"rank", "--param", "year=2023", "--param", "year=2022"}, "given twice"},
		"--param on plain SQL":         {[]string{"SELECT 1 AS one", "--param", "year=2023"}, "--param is for named queries"},
		"a parameter it does not take": {[]string{"rank", "--param", "yaer=2023"}, "no parameter"},
		"a malformed --param":          {[]string{"rank", "--param", "year"}, "want key=value"},
	} {
		_, errs, code := runCmd(t, append([]string{"query", "--db", db}, tc.args...)...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code == 0 || !strings.Contains(lines[0], tc.want) {
			t.Errorf("%s: exit %d: %q", what, code, errs)
		}
	}
}

// query help NAME shows the query's parameters and the columns it returns.
func TestQueryHelpName(t *testing.T) {
	out, errs, code := runCmd(t, "query", "help", "rank")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"--param year=0", "--param measure=received", "columns:", "rank ", "division ", "value "} {
		if !strings.Contains(out, want) {
			t.Errorf("query help rank lacks %q:\n%s", want, out)
		}
	}
}

// A table fits the terminal's width; long cells are cut with …; csv keeps them whole.
func TestQueryTableFitsWidth(t *testing.T) {
	db := fixtureDB(t)
	q := "SELECT title, source_url, agency FROM reports ORDER BY report_id"
	t.Setenv("COLUMNS", "60")
	out, errs, code := runCmd(t, "query", "--db", db, q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if w := runewidth.StringWidth(l); w > 60 {
			t.Errorf("line %d columns wide: %q", w, l)
		}
	}
	if !strings.Contains(out, "…") {
		t.Errorf("no cell was cut:\n%s", out)
	}
	os.Unsetenv("COLUMNS")
	full, _, _ := runCmd(t, "query", "--db", db, "--format", "csv", q)
	if strings.Contains(full, "…") {
		t.Error("csv cut a cell")
	}
}

func TestTablesCommand(t *testing.T) {
	db := fixtureDB(t)
	out, errs, code := runCmd(t, "tables", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"reports ", "report_values ", "requests_summary ", "view", "table"} {
		if !strings.Contains(out, want) {
			t.Errorf("tables lacks %q:\n%s", want, out)
		}
	}
}
