package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclosure/parse"
)

// Every value printed non-blank in a fixture PDF says where it was printed:
// a page of the document and a non-empty box inside that page, and the
// characters inside the box are the value's printed text.
func TestFixtureValuesKeepTheirBox(t *testing.T) {
	var paths []string
	for _, pat := range []string{"*.pdf", "*/*.pdf"} {
		m, _ := filepath.Glob(filepath.Join(attachments, pat))
		paths = append(paths, m...)
	}
	n := 0
	for _, p := range paths {
		if _, err := os.Stat(p + ".tsv"); err != nil {
			continue // no truth: an unreadable or password fixture
		}
		n++
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ex, err := Shared()
			if err != nil {
				t.Fatal(err)
			}
			pages, err := ex.Extract(context.Background(), data, filepath.Base(p))
			if err != nil {
				t.Fatal(err)
			}
			r, err := parse.ParseLayout(pages, parse.Options{Name: filepath.Base(p)})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Pages) != len(pages) {
				t.Fatalf("report lists %d page sizes, the PDF has %d pages", len(r.Pages), len(pages))
			}
			checked := 0
			for _, v := range r.Values {
				if strings.TrimSpace(v.Raw) == "" {
					continue
				}
				if v.Page < 1 || v.Page > len(pages) {
					t.Errorf("%s %q: page %d of %d", v.Key(), v.Raw, v.Page, len(pages))
					continue
				}
				pg := pages[v.Page-1]
				b := v.Box
				if !(b.X1 > b.X0 && b.Y1 > b.Y0) {
					t.Errorf("%s %q: empty box %+v", v.Key(), v.Raw, b)
					continue
				}
				if !(parse.Box{X1: pg.Width, Y1: pg.Height}).Contains(b) {
					t.Errorf("%s %q: box %+v outside the %gx%g page", v.Key(), v.Raw, b, pg.Width, pg.Height)
				}
				if got, want := runesIn(pg, b), printedRunes(v.Raw); !slices.Equal(got, want) {
					t.Errorf("%s: box %+v on page %d holds %q, printed %q", v.Key(), b, v.Page, string(got), v.Raw)
				}
				checked++
			}
			if checked < 50 {
				t.Errorf("only %d values with a box", checked)
			}
		})
	}
	if n < 4 {
		t.Fatalf("only %d fixture PDFs with truth under %s", n, attachments)
	}
}

// runesIn is the characters whose centre lies in b, sorted.
func runesIn(p parse.Page, b parse.Box) []rune {
	var out []rune
	for _, g := range p.Glyphs {
		x, y := (g.X0+g.X1)/2, (g.Y0+g.Y1)/2
		if x >= b.X0 && x <= b.X1 && y >= b.Y0 && y <= b.Y1 {
			out = append(out, g.R)
		}
	}
	slices.Sort(out)
	return out
}

// printedRunes is raw's characters without spaces, sorted.
func printedRunes(raw string) []rune {
	var out []rune
	for _, r := range raw {
		if r != ' ' && r != '\u3000' && r != '\u00a0' {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}
