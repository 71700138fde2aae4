package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemo runs `disclosure demo` in-process: its county sites on loopback,
// two nightly runs, the comparison, the exports. The comparison carries the
// numbers of the bundled reports.
func TestDemo(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCmd(t, "demo", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Log(stdout)
	rows := []string{
		// code division publisher publisher-kind year received granted grant-rate reconsiderations lawsuits checks-failed
		`654021 伊宁县 伊宁县人民政府 government 2023 0 0 — 0 0 0`, // the seed report: no applications
		`350128 平潭县 平潭综合实验区 government 2019 23 7 30.4% 0 0 0`,
		`350128 平潭县 平潭综合实验区 government 2020 21 7 33.3% 0 0 2`, // published on night 2; its printed sums do not add up
		`131126 故城县 故城县教育局 department 2020 0 0 — — — 0`,       // a GBK page with real tables
		`430922 桃江县 桃江县松木塘镇人民政府 town 2022 — — — — — 0`,        // from the .docx attachment
		`360733 会昌县 中村乡 town 2020`,                            // found on page 2 of a plain pager
		`320902 亭湖区 盐城市亭湖区人民政府毓龙街道办事处 town 2024`,              // taken down on night 2, kept
		`610726 宁强县 宁强县自然资源局 department 2021`,                 // a Hanweb jcms column (records from the data proxy)
		`500153 荣昌区 河包镇 town 2020`,                            // a gkmlpt directory (JSON API, body in _CONFIG.DETAIL)
	}
	for _, r := range rows {
		re := regexp.MustCompile(`(?m)^` + strings.ReplaceAll(regexp.QuoteMeta(r), " ", ` +`) + `( |$)`)
		if !re.MatchString(stdout) {
			t.Errorf("comparison lacks the row %q", r)
		}
	}
	night2 := stdout[strings.Index(stdout, "Night 2"):]
	for what, re := range map[string]string{
		"伊宁县 corrected: one changed document, one new version": `654021 伊宁县 +1 +1 +0 +0 +1 +0 +0 +0 +1 +0`,
		"平潭 publishes 2020, the rest answers 304":              `350128 平潭综合实验区 +3 +1 +2 +1 +0 +0 +0 +2 +1 +0`,
		"亭湖区 takes its report down":                            `320902 亭湖区 +0 +0 +0 +0 +0 +0 +0 +0 +0 +1`,
		"the vanished report is an alert":                      `vanished_report +320902 亭湖区`,
		"the run completed":                                    `run 2 completed`,
		"Hanweb: its report listed and known":                  `610726 宁强县 +1 +\d +1 +0 +0 +0 `,
		"gkmlpt: its report listed and known":                  `500153 荣昌区 +1 +\d +1 +0 +0 +0 `,
	} {
		if !regexp.MustCompile(re).MatchString(night2) {
			t.Errorf("night 2: %s: no match for %s", what, re)
		}
	}
	if strings.Contains(stdout, "关于做好") || strings.Contains(stdout, "图解") {
		t.Error("a notice or an interpretation was taken for a report")
	}
	csv, err := os.ReadFile(filepath.Join(out, "export", "requests_summary.csv"))
	if err != nil || !strings.HasPrefix(string(csv), "\xEF\xBB\xBF") || !strings.Contains(string(csv), "\r\n") {
		t.Errorf("Excel CSV export: %v %q", err, firstLine(string(csv)))
	}
	if _, err := os.Stat(filepath.Join(out, "export", "requests_summary.parquet")); err != nil {
		t.Errorf("Parquet export: %v", err)
	}

	// A second demo starts from an empty database.
	stdout, stderr, code = runCmd(t, "demo", "--out", out)
	if code != 0 || !strings.Contains(stdout, "run 1 completed") {
		t.Errorf("second demo: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// The demo empties its database first, so it refuses one it did not write.
func TestDemoKeepsOtherDatabases(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "mine.duckdb")
	if _, stderr, code := runCmd(t, "load", "--db", db, "../../internal/samples/files/seed_yining_2023.txt"); code != 0 {
		t.Fatal(stderr)
	}
	_, stderr, code := runCmd(t, "demo", "--out", dir, "--db", db)
	if code == 0 || !strings.Contains(stderr, "not written by the demo") {
		t.Errorf("demo over a researcher's database: exit %d: %s", code, stderr)
	}
	if got := queryCol(t, db, `SELECT count(*) FROM reports`); got[0] != "1" {
		t.Errorf("the database was touched: %v reports", got)
	}
	// The same database where the demo puts its own (--out alone).
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	data, _ := os.ReadFile(db)
	os.WriteFile(filepath.Join(out, "demo.duckdb"), data, 0o644)
	if _, stderr, code := runCmd(t, "demo", "--out", out); code == 0 || !strings.Contains(stderr, "not written by the demo") {
		t.Errorf("demo --out over a researcher's demo.duckdb: exit %d: %s", code, stderr)
	}
	// A folder of the researcher's where the demo writes its exports.
	mine := filepath.Join(dir, "out2", "export", "mine.csv")
	os.MkdirAll(filepath.Dir(mine), 0o755)
	os.WriteFile(mine, []byte("x\n"), 0o644)
	if _, stderr, code := runCmd(t, "demo", "--out", filepath.Join(dir, "out2")); code == 0 || !strings.Contains(stderr, "beside no demo database") {
		t.Errorf("demo --out over a researcher's export folder: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the researcher's file is gone: %v", err)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
