package main

import (
	"regexp"
	"strings"
	"testing"

	"disclosure/internal/testsite"
)

// show lays one report out as printed, found by id, sha256 prefix or URL;
// a corrected cell is marked, --raw shows the printed text.
func TestShowReport(t *testing.T) {
	db := fixtureDB(t)
	row := testsite.Query(t, db, `SELECT report_id, sha256, source_url FROM reports WHERE year IS NOT NULL AND values_found > 0 ORDER BY report_id LIMIT 1`)[0]
	f := strings.Split(row, "\t")
	id, sha, url := f[0], f[1], f[2]
	byID, errs, code := runCmd(t, "show", "--db", db, id)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"report       " + id, "sha256       " + sha, "三、收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量", "Checks: "} {
		if !strings.Contains(byID, want) {
			t.Errorf("show %s lacks %q:\n%s", id, want, byID)
		}
	}
	if bySHA, _, _ := runCmd(t, "show", "--db", db, sha[:10]); bySHA != byID {
		t.Errorf("show by sha256 prefix differs from show by id")
	}
	if byURL, _, code := runCmd(t, "show", "--db", db, url); code != 0 || !strings.Contains(byURL, "report       "+id) && !strings.Contains(byURL, "current") {
		t.Errorf("show by URL: exit %d\n%s", code, byURL)
	}
	if _, errs, code := runCmd(t, "correct", "--db", db, id, "requests", "new", "total", "12345", "--note", "test"); code != 0 {
		t.Fatalf("correct: %s", errs)
	}
	after, _, _ := runCmd(t, "show", "--db", db, id)
	if !regexp.MustCompile(`本年新收政府信息公开申请数量 .*12345\*`).MatchString(after) || !strings.Contains(after, "1 corrected") {
		t.Errorf("the correction is not marked:\n%s", after)
	}
	if raw, _, _ := runCmd(t, "show", "--db", db, "--raw", id); raw == after {
		t.Error("--raw shows the same as the values")
	}
	if _, errs, code := runCmd(t, "show", "--db", db, "zz"); code == 0 || !strings.Contains(errs, "not a report_id") {
		t.Errorf("a bad reference: exit %d: %s", code, errs)
	}
}
