package main

import (
	"strings"
	"testing"
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
	if _, errs, code = runCmd(t, "correct", "--db", db, "2", "requests", "new", "total", "99"); code != 2 || !strings.Contains(errs, "--note") {
		t.Errorf("without --note: exit %d: %s", code, errs)
	}
}
