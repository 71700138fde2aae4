package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/internal/samples"
	"disclosure/parse"
)

// TestParseCommandJSONLines: one JSON object per report, in argument order,
// with the fields CONTRACT.md names.
func TestParseCommandJSONLines(t *testing.T) {
	dir := t.TempDir()
	seed, err := samples.Read("seed_yining_2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, seed, 0o644)
	os.WriteFile(b, []byte("一、总体情况\n本年度无统计表。\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"parse", a, b}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	var reps []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line is not JSON: %v", err)
		}
		reps = append(reps, m)
	}
	if len(reps) != 2 {
		t.Fatalf("%d JSON lines, want 2", len(reps))
	}
	for _, k := range []string{"title", "jurisdiction", "agency", "year", "template", "published", "values", "checks", "warnings"} {
		if _, ok := reps[0][k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	if got := len(reps[0]["values"].([]any)); got != 200 {
		t.Errorf("seed: %d values, want 200", got)
	}
	if reps[0]["jurisdiction"] != "伊宁县人民政府" || reps[0]["year"] != float64(2023) {
		t.Errorf("seed identity = %v %v", reps[0]["jurisdiction"], reps[0]["year"])
	}
	if reps[1]["year"] != nil {
		t.Errorf("unknown year should be null, got %v", reps[1]["year"])
	}
	// A value printed blank is null with its raw text kept.
	var rep parse.Report
	first, _, _ := strings.Cut(text, "\n")
	if err := json.Unmarshal([]byte(first), &rep); err != nil {
		t.Fatal(err)
	}
	if v, ok := rep.Lookup("requests", "new", "total"); !ok || v.Number == nil || *v.Number != 0 {
		t.Errorf("requests/new/total = %+v", v)
	}
}

// TestParseCommandBadFile: a file that cannot be parsed is named with the
// reason, the others are still written, and the exit code is non-zero.
func TestParseCommandBadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(good, []byte("规章 | 0 | 0 | 0 |\n"), 0o644)
	os.WriteFile(empty, nil, 0o644)
	var out, errOut bytes.Buffer
	code := dispatch([]string{"parse", empty, good, filepath.Join(dir, "missing.txt")}, &out, &errOut)
	if code == 0 {
		t.Fatal("exit 0 with a bad file")
	}
	if !strings.Contains(errOut.String(), empty) || !strings.Contains(errOut.String(), "empty") {
		t.Errorf("stderr does not name the empty file and the reason: %s", errOut.String())
	}
	if !strings.Contains(errOut.String(), "missing.txt") {
		t.Errorf("stderr does not name the missing file: %s", errOut.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 1 {
		t.Errorf("%d reports written, want the good one", n)
	}
}
