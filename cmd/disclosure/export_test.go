package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"disclosure/warehouse"
)

func TestExportCommand(t *testing.T) {
	db := fixtureDB(t)
	dir := t.TempDir()
	out, errs, code := runCmd(t, "export", "--db", db, "--out", dir, "--excel", "--parquet", "--partition-by", "year")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"requests_summary.csv", "report_values.parquet", "dictionary.csv", "keys.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s missing; output:\n%s", f, out)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "requests_summary", "year=2023", "*.parquet")); len(m) == 0 {
		t.Error("requests_summary not partitioned by year")
	}
	b, _ := os.ReadFile(filepath.Join(dir, "requests_summary.csv"))
	if !bytes.HasPrefix(b, []byte(warehouse.BOM)) {
		t.Error("--excel CSV lacks the BOM")
	}

	// A named query with parameters, exported alone.
	q := t.TempDir()
	if _, errs, code := runCmd(t, "export", "--db", db, "--out", q, "--query", "rank", "--param", "prefecture=襄阳"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(filepath.Join(q, "rank.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Errorf("rank.csv: %v %v", err, recs)
	}
}
