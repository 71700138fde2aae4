package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"disclosure/parse"
)

// parseFile extracts and parses one fixture PDF.
func parseFile(t testing.TB, path string) (*parse.Report, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Shared()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ex.Extract(context.Background(), data, filepath.Base(path))
	if err != nil {
		return nil, err
	}
	return parse.ParseLayout(pages, parse.Options{Name: filepath.Base(path)})
}

// Every fixture PDF with a truth beside it gives exactly that truth.
func TestFixturesGiveTheirTruth(t *testing.T) {
	var paths []string
	for _, pat := range []string{"*.pdf", "*/*.pdf"} {
		m, _ := filepath.Glob(filepath.Join(attachments, pat))
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	n := 0
	for _, p := range paths {
		if _, err := os.Stat(p + ".tsv"); err != nil {
			continue
		}
		n++
		t.Run(filepath.Base(p), func(t *testing.T) {
			r, err := parseFile(t, p)
			if err != nil {
				t.Fatal(err)
			}
			diffs := diffTruth(r, truth(t, p+".tsv"))
			sort.Strings(diffs)
			for _, d := range diffs {
				t.Error(d)
			}
			if len(diffs) > 0 {
				t.Logf("warnings: %v", r.Warnings)
			}
		})
	}
	if n < 4 {
		t.Fatalf("only %d fixture PDFs with truth under %s", n, attachments)
	}
}

// Pages a reader cannot fully rebuild (a report turned sideways on its
// pages, whose grid comes out transposed; a table without rules printed
// 2-up beside the next page) lose values, never read one wrong: every
// value they give is the one printed (.printed.tsv), NULLs included.
func TestTurnedAndTwoUpPagesReadNoWrongValue(t *testing.T) {
	for _, name := range []string{"made/synthetic_yining_2023.sideways.pdf", "made/synthetic_yining_2023.norules_2up.pdf"} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			p := filepath.Join(attachments, name)
			r, err := parseFile(t, p)
			if err != nil {
				t.Fatal(err)
			}
			printed := truth(t, p+".printed.tsv")
			for _, d := range diffTruth(r, printed) {
				if !strings.HasPrefix(d, "missing ") {
					t.Error(d)
				}
			}
		})
	}
}

// A number printed across columns or rows in a ruled PDF (the Word
// fixtures of parse's TestWordSpannedNumber, saved as PDF), with an extra
// blank or 备注 column making up the rows' count: the rows are left out,
// where they had been read one place off; their neighbours are read.
func TestSpannedNumbersLeaveTheirRowsOut(t *testing.T) {
	for name, c := range map[string]struct{ absent, kept []string }{
		"span_colspan.pdf": {
			absent: []string{"proactive/regulations/issued", "proactive/regulations/in_force", "requests/granted/natural_person",
				"requests/granted/total", "review/reconsideration/corrected", "review/litigation_after_reconsideration/total"},
			kept: []string{"proactive/normative_documents/issued=7", "proactive/licensing/decisions=1268", "requests/new/total=70"},
		},
		"span_vmerge.pdf": {
			absent: []string{"requests/denied_prohibited_by_law/natural_person", "requests/denied_prohibited_by_law/total"},
			kept:   []string{"requests/denied_state_secret/total=1", "requests/denied_security_stability/total=0"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			r, err := parseFile(t, filepath.Join(attachments, "made", name))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, v := range r.Values {
				got[v.Key()] = "NULL"
				if v.Number != nil {
					got[v.Key()] = strconv.FormatFloat(*v.Number, 'f', -1, 64)
				}
			}
			for _, k := range c.absent {
				if v, ok := got[k]; ok {
					t.Errorf("%s = %s, want it left out", k, v)
				}
			}
			for _, kv := range c.kept {
				k, want, _ := strings.Cut(kv, "=")
				if got[k] != want {
					t.Errorf("%s = %q, want %s", k, got[k], want)
				}
			}
		})
	}
}
