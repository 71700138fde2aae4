package pdftext

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"disclosure/parse"
)

// TestMain starts the process's pool once (from the on-disk cache when
// warm), so no test pays for compiling PDFium again.
func TestMain(m *testing.M) {
	if dir := os.Getenv("PDFTEXT_CACHE"); dir != "" { // BenchmarkFirstParse's child
		if err := Configure(Options{CacheDir: dir}); err != nil {
			panic(err)
		}
	}
	if _, err := Shared(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

const attachments = "../testdata/attachments"

// truth reads a truth .tsv: key → value, nil for NULL.
func truth(t testing.TB, path string) map[string]*float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]*float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || line == "section\trow\tcol\tvalue" {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		key := fs[0] + "/" + fs[1] + "/" + fs[2]
		if fs[3] == "NULL" {
			out[key] = nil
			continue
		}
		v, err := strconv.ParseFloat(fs[3], 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[key] = &v
	}
	return out
}

// diffTruth lists every difference between a report's values and a truth.
func diffTruth(r *parse.Report, want map[string]*float64) []string {
	var diffs []string
	got := map[string]parse.Value{}
	for _, v := range r.Values {
		got[v.Key()] = v
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+k)
		case (w == nil) != (g.Number == nil) || (w != nil && *w != *g.Number):
			diffs = append(diffs, k+": got "+show(g.Number)+" raw "+strconv.Quote(g.Raw)+", want "+show(w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra "+k+" = "+show(g.Number))
		}
	}
	return diffs
}

func show(f *float64) string {
	if f == nil {
		return "NULL"
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
