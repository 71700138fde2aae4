package main

import (
	"encoding/csv"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/internal/testsite"
	"disclosure/parse"
)

// The scan and the PDF without a text layer (CJK fonts, no ToUnicode),
// with the reason each is refused for.
var unreadablePDFs = []struct{ file, reason string }{
	{"../../testdata/attachments/made/synthetic_yining_2023.scan.pdf", parse.ReasonImageOnly},
	{"../../testdata/attachments/made/seed_yining_2023.nounicode.pdf", parse.ReasonNoTextLayer},
}

// unreadableRows runs `disclosure query unreadable` and returns "reason
// url" per row, and how many report values the warehouse holds.
func unreadableRows(t *testing.T, db string) ([]string, string) {
	t.Helper()
	out, errs, code := runCmd(t, "query", "--db", db, "--format", "csv", "unreadable")
	if code != 0 {
		t.Fatalf("query unreadable: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 || recs[0][0] != "reason" || recs[0][1] != "url" {
		t.Fatalf("query unreadable: %v\n%s", err, out)
	}
	var rows []string
	for _, r := range recs[1:] {
		rows = append(rows, r[0]+" "+r[1])
	}
	return rows, strings.Join(queryCol(t, db, `SELECT count(*) FROM report_values`), "")
}

// wantUnreadableRows checks the query lists both PDFs at url(i) with their
// reasons, in the query's order (by reason), and values stores nothing
// but those of the readable reports (values).
func wantUnreadableRows(t *testing.T, what, db string, url func(i int) string, values string) {
	t.Helper()
	got, n := unreadableRows(t, db)
	want := []string{unreadablePDFs[0].reason + " " + url(0), unreadablePDFs[1].reason + " " + url(1)}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: query unreadable:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n != values {
		t.Errorf("%s: %s report values stored, want %s (none from the unreadable PDFs)", what, n, values)
	}
}

// `disclosure parse` refuses each unreadable PDF with its reason (exit
// non-zero); `load`, `crawl` and `run` record them with their file or URL
// and reason, so that `disclosure query unreadable` lists them, and store
// nothing of them.
func TestUnreadablePDFsReported(t *testing.T) {
	for _, p := range unreadablePDFs {
		out, errs, code := runCmd(t, "parse", p.file)
		if code == 0 || out != "" || !strings.Contains(errs, filepath.Base(p.file)) || !strings.Contains(errs, "unreadable: "+p.reason) {
			t.Errorf("parse %s: exit %d, stdout %q, stderr %q", filepath.Base(p.file), code, out, errs)
		}
	}

	t.Run("load", func(t *testing.T) {
		dir := t.TempDir()
		for _, p := range unreadablePDFs {
			b, err := os.ReadFile(p.file)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, filepath.Base(p.file)), b, 0o644)
		}
		db := filepath.Join(t.TempDir(), "w.duckdb")
		for range 2 { // twice: one row each still
			_, errs, code := runCmd(t, "load", "--db", db, dir)
			if code != 0 || strings.Count(errs, "not loaded, ") != 2 {
				t.Fatalf("load: exit %d: %s", code, errs)
			}
		}
		fileURL := func(i int) string {
			return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, filepath.Base(unreadablePDFs[i].file)))}).String()
		}
		wantUnreadableRows(t, "load", db, fileURL, "0")
		if n := queryCol(t, db, `SELECT count(*) FROM unreadable_documents`); n[0] != "2" {
			t.Errorf("%s rows after loading the files twice, want 2", n[0])
		}
	})

	site := testsite.Attachments(t, unreadablePDFs[0].file, unreadablePDFs[1].file)
	siteURL := func(i int) string { return site.URL("/files/" + filepath.Base(unreadablePDFs[i].file)) }

	for _, command := range []string{"crawl", "run"} {
		t.Run(command, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "w.duckdb")
			args := runArgs(t, dir, site.URL("/nb/"))
			sites := filepath.Join(dir, "sites.csv") // the site of 伊宁县, by its code
			os.WriteFile(sites, []byte("code,name,url\n654021,伊宁县,"+site.URL("/nb/")+"\n"), 0o644)
			out, errs, code := runCmd(t, append([]string{command}, args...)...)
			if code != 0 {
				t.Fatalf("%s: exit %d\n%s\n%s", command, code, out, errs)
			}
			for i, p := range unreadablePDFs {
				if !strings.Contains(out, siteURL(i)) || !strings.Contains(out, p.reason) {
					t.Errorf("%s output does not name %s (%s):\n%s", command, siteURL(i), p.reason, out)
				}
			}
			wantUnreadableRows(t, command, db, siteURL, "0")
			// The comparison says why 伊宁县 has no report: its site's documents cannot be read.
			out, errs, code = runCmd(t, "query", "--db", db, "--format", "json", "compare", "--param", "codes=654021", "--param", "year=2023")
			var rows []map[string]any
			if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 || rows[0]["status"] != "unreadable" {
				t.Errorf("compare: exit %d %v %v %s", code, err, rows, errs)
			}
		})
	}
}
