package parse

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

const attachmentsDir = "../testdata/attachments"

// attachmentFixtures lists the fixtures of one form that have a truth.
func attachmentFixtures(t *testing.T, ext string) []string {
	t.Helper()
	var paths []string
	for _, pat := range []string{"*" + ext, "*/*" + ext} {
		m, _ := filepath.Glob(filepath.Join(attachmentsDir, pat))
		for _, p := range m {
			if _, err := os.Stat(p + ".tsv"); err == nil {
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatalf("no %s fixtures with truth under %s", ext, attachmentsDir)
	}
	return paths
}

// truthDiffs lists every difference between a report and a truth file.
func truthDiffs(t *testing.T, r *Report, tf truthFile) []string {
	var diffs []string
	got := map[string]Value{}
	for _, v := range r.Values {
		got[v.Key()] = v
	}
	show := func(f *float64) string {
		if f == nil {
			return "NULL"
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for k, w := range tf.values {
		g, ok := got[k]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+k)
		case (w == nil) != (g.Number == nil) || (w != nil && *w != *g.Number):
			diffs = append(diffs, k+": got "+show(g.Number)+" raw "+strconv.Quote(g.Raw)+", want "+show(w))
		}
	}
	for k, g := range got {
		if _, ok := tf.values[k]; !ok {
			diffs = append(diffs, "extra "+k+" = "+show(g.Number))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// Every .doc, .docx and .html attachment fixture gives exactly its truth.
func TestAttachmentFixturesGiveTheirTruth(t *testing.T) {
	for _, ext := range []string{".doc", ".docx", ".html", ".wps"} {
		if ext == ".wps" {
			if m, _ := filepath.Glob(filepath.Join(attachmentsDir, "*.wps")); len(m) == 0 {
				continue
			}
		}
		for _, p := range attachmentFixtures(t, ext) {
			t.Run(filepath.Base(p), func(t *testing.T) {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				r, err := Parse(data, Options{Name: filepath.Base(p)})
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range truthDiffs(t, r, readTruth(t, p+".tsv")) {
					t.Error(d)
				}
				if tf := readTruth(t, p+".tsv"); tf.meta["year"] != "" && strconv.Itoa(int(r.Year)) != tf.meta["year"] {
					t.Errorf("year %d, truth says %s", r.Year, tf.meta["year"])
				}
			})
		}
	}
}
