package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The template is data (template.go); this checks that the data holds
// together, so that a new row, column, label or rule cannot name a key that
// does not exist.
func TestTemplateConsistent(t *testing.T) {
	sections := map[string]bool{}
	for _, s := range Sections {
		sections[s.Key] = true
		if s.Title == "" || len(s.Headings) == 0 {
			t.Errorf("section %s has no title or heading", s.Key)
		}
	}
	cols := map[string]bool{}
	for _, c := range Columns {
		if cols[c.Key] {
			t.Errorf("column %s listed twice", c.Key)
		}
		cols[c.Key] = true
	}
	rows := map[term]RowSpec{}
	for _, r := range Rows {
		if !sections[r.Section] {
			t.Errorf("row %s: unknown section %q", r.Key, r.Section)
		}
		k := term{section: r.Section, row: r.Key}
		if _, dup := rows[k]; dup {
			t.Errorf("row %s/%s listed twice", r.Section, r.Key)
		}
		rows[k] = r
		if len(r.Labels) == 0 || len(r.Cols) == 0 {
			t.Errorf("row %s/%s has no label or no layout", r.Section, r.Key)
		}
		for tmpl, cs := range r.Cols {
			if tmpl != Template2019 && tmpl != Template2021 {
				t.Errorf("row %s/%s: unknown layout %q", r.Section, r.Key, tmpl)
			}
			for _, c := range cs {
				if !cols[c] {
					t.Errorf("row %s/%s: column %s has no label in Columns", r.Section, r.Key, c)
				}
			}
		}
		for _, tmpl := range r.LayoutLabels {
			if r.Cols[tmpl] == nil {
				t.Errorf("row %s/%s: a layout label names %q, which lacks the row", r.Section, r.Key, tmpl)
			}
		}
	}
	for _, rule := range SumRules {
		for _, k := range append(append([]string{}, rule.Total...), rule.Parts...) {
			if rule.Down {
				if _, ok := rows[term{section: rule.Section, row: k}]; !ok {
					t.Errorf("rule %s: no row %s/%s", rule.Name, rule.Section, k)
				}
			} else if !cols[k] {
				t.Errorf("rule %s: no column %s", rule.Name, k)
			}
		}
	}
	for w, tmpl := range headerWords {
		if tmpl != anyLayout && tmpl != Template2019 && tmpl != Template2021 {
			t.Errorf("header word %s: unknown layout %q", w, tmpl)
		}
	}
	// keys.csv lists every cell of every row once.
	n := 0
	for _, r := range Rows {
		seen := map[string]bool{}
		for _, cs := range r.Cols {
			for _, c := range cs {
				if !seen[c] {
					seen[c] = true
					n++
				}
			}
		}
	}
	if got := len(Keys()); got != n {
		t.Errorf("Keys() lists %d keys, the rows have %d cells", got, n)
	}
}

// Documents that mix the two layouts read no value wrong (testdata/
// template_mix: the text and what it prints, .tsv): a 2019 table 二 in a
// cell a line whose blanks left no trace is no 2021 one; the (一) rows under
// the other layout's header words are left out; 2021's "3.其他" in a 2019
// document, and 2019's "(六)其他处理" row of numbers in a 2021 one, are no
// values of other's.
func TestTemplateMixReadsNoWrongValue(t *testing.T) {
	paths, _ := filepath.Glob("testdata/template_mix/*.txt")
	if len(paths) < 5 {
		t.Fatalf("%d documents in testdata/template_mix", len(paths))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rep := parseString(t, string(data))
			checkNoWrongValue(t, p, "", rep, readTruth(t, strings.TrimSuffix(p, ".txt")+".tsv").values)
		})
	}
}
