package main

import (
	"path/filepath"
	"strings"
	"testing"

	"disclosure/warehouse"
)

// `correct` records a correction that `query corrections` then lists.
func TestCorrectCommand(t *testing.T) {
	db := fixtureDB(t)
	out, errs, code := runCmd(t, "correct", "--db", db, "2", "requests", "new", "total", "99", "--note", "PDF prints 99", "--by", "tester")
	if code != 0 || !strings.Contains(out, "correction 1 recorded: report 2 requests/new/total") || !strings.Contains(out, "→ 99") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	out, errs, code = runCmd(t, "query", "--db", db, "corrections", "--format", "csv")
	if code != 0 || !strings.Contains(out, "applied") || !strings.Contains(out, "PDF prints 99") || !strings.Contains(out, "tester") {
		t.Errorf("query corrections: exit %d: %s %s", code, out, errs)
	}
	// The analysts' snapshot shows it at once, not after the next run.
	out, errs, code = runCmd(t, "query", "--db", warehouse.SnapshotPath(db), "corrections", "--format", "csv")
	if code != 0 || !strings.Contains(out, "PDF prints 99") {
		t.Errorf("the snapshot lacks the correction: exit %d: %s %s", code, out, errs)
	}
	if _, errs, code = runCmd(t, "correct", "--db", db, "2", "requests", "new", "total", "99"); code != 2 || !strings.Contains(errs, "--note") {
		t.Errorf("without --note: exit %d: %s", code, errs)
	}
}

// `codebook` prints the Markdown codebook, with or without a database.
func TestCodebookCommand(t *testing.T) {
	for _, db := range []string{fixtureDB(t), filepath.Join(t.TempDir(), "none.duckdb")} {
		out, errs, code := runCmd(t, "codebook", "--db", db)
		if code != 0 || !strings.Contains(out, "# Codebook 数据字典") || !strings.Contains(out, "依申请公开汇总") {
			t.Errorf("exit %d: %.200s %s", code, out, errs)
		}
	}
}

// A named query whose default leaves rows out says so on stderr.
func TestQuerySaysWhatDefaultsLeftOut(t *testing.T) {
	db := fixtureDB(t)
	_, errs, code := runCmd(t, "query", "--db", db, "rank", "--param", "prefecture=襄阳", "--param", "year=2023")
	if code != 0 || !strings.Contains(errs, "left out by the default --param kind=government") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	_, errs, code = runCmd(t, "query", "--db", db, "rank", "--param", "prefecture=襄阳", "--param", "year=2023", "--param", "kind=all")
	if code != 0 || strings.Contains(errs, "left out") {
		t.Errorf("kind given: exit %d, stderr %q", code, errs)
	}
}
