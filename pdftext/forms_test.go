package pdftext

import (
	"os"
	"path/filepath"
	"testing"

	"disclosure/parse"
)

// The seed and synthetic reports give the same values, raw text aside, in
// every form they are published in as in their HTML.
func TestEveryFormGivesTheHTMLValues(t *testing.T) {
	for _, base := range []string{"seed_yining_2023", "synthetic/synthetic_yining_2023"} {
		html := parseBytes(t, filepath.Join(attachments, base+".html"))
		want := map[string]string{}
		for _, v := range html.Values {
			want[v.Key()] = show(v.Number)
		}
		for _, ext := range []string{".pdf", ".cid.pdf", ".doc", ".docx"} {
			path := filepath.Join(attachments, base+ext)
			var r *parse.Report
			if filepath.Ext(ext) == ".pdf" {
				var err error
				if r, err = parseFile(t, path); err != nil {
					t.Fatal(err)
				}
			} else {
				r = parseBytes(t, path)
			}
			got := map[string]string{}
			for _, v := range r.Values {
				got[v.Key()] = show(v.Number)
			}
			if len(got) != len(want) {
				t.Errorf("%s%s: %d values, the HTML has %d", base, ext, len(got), len(want))
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s%s: %s = %q, the HTML says %q", base, ext, k, got[k], w)
				}
			}
			if r.Year != html.Year || r.Template != html.Template {
				t.Errorf("%s%s: year %d template %s, the HTML: %d %s", base, ext, r.Year, r.Template, html.Year, html.Template)
			}
		}
	}
}

// Values read from a PDF say on which page they were printed.
func TestPDFValuesKeepTheirPage(t *testing.T) {
	r, err := parseFile(t, filepath.Join(attachments, "synthetic/synthetic_yining_2023.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[int]bool{}
	for _, v := range r.Values {
		if v.Page < 1 {
			t.Fatalf("%s has no page", v.Key())
		}
		pages[v.Page] = true
	}
	if len(pages) < 2 {
		t.Fatalf("values on pages %v: the tables span several pages", pages)
	}
}

func parseBytes(t *testing.T, path string) *parse.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse.Parse(data, parse.Options{Name: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
