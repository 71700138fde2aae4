package parse

import "slices"

// Views of the template (template.go) that the matcher, the checks and the
// warehouse read: derived here once, so no other file lists rows or columns.

// outcomeRowKeys lists table 三's outcome rows in template order.
func outcomeRowKeys() []string {
	var keys []string
	for _, r := range Rows {
		if r.Outcome {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

// reviewRows are table 四's rows in template order.
var reviewRows = rowKeysOf(SectionReview)

func rowKeysOf(section string) []string {
	var keys []string
	for _, r := range Rows {
		if r.Section == section {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

// rowWidths are the rows' widest column counts over the layouts, by row:
// keepsRow asks for every cell of a row being read, and a pending row's
// values are sized by it.
var rowWidths = func() []int {
	out := make([]int, len(Rows))
	for i, r := range Rows {
		for _, cols := range r.Cols {
			out[i] = max(out[i], len(cols))
		}
	}
	return out
}()

// rowIndex is the index into Rows of a section's row, -1 if none.
func rowIndex(section, key string) int {
	for i, r := range Rows {
		if r.Section == section && r.Key == key {
			return i
		}
	}
	return -1
}

// readAsRun reports whether a section's values follow its header as one run
// (table 四), its rows placed by position rather than matched by label.
func readAsRun(section string) bool {
	for _, s := range Sections {
		if s.Key == section {
			return len(s.RunHeaders) > 0
		}
	}
	return false
}

// headerWords maps every table-二 header word to the layout it is evidence
// of; a word listed under columns of both layouts is anyLayout.
var headerWords = func() map[string]string {
	words := map[string]string{}
	for _, c := range Columns {
		for _, h := range c.Headers {
			if t, seen := words[h.Word]; seen && t != h.Layout {
				words[h.Word] = anyLayout
				continue
			}
			words[h.Word] = h.Layout
		}
	}
	return words
}()

// colLabel is a column key's Chinese label.
func colLabel(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Label
		}
	}
	return ""
}

// Keys lists every canonical (section, row, col) with the row's and the
// column's Chinese labels and the layouts that print it, in template order,
// for the warehouse's data dictionary (keys.csv).
func Keys() []KeyLabel {
	var out []KeyLabel
	index := map[string]int{}
	for _, r := range Rows {
		for _, t := range []string{Template2021, Template2019} {
			for _, c := range r.Cols[t] {
				k := r.Section + "/" + r.Key + "/" + c
				if i, ok := index[k]; ok {
					out[i].Templates = append([]string{t}, out[i].Templates...)
					continue
				}
				index[k] = len(out)
				out = append(out, KeyLabel{Section: r.Section, Row: r.Key, Col: c, RowLabel: r.Labels[0], ColLabel: colLabel(c), Templates: []string{t}})
			}
		}
	}
	return out
}

// KeyLabel is one canonical key with its Chinese labels.
type KeyLabel struct {
	Section, Row, Col  string
	RowLabel, ColLabel string
	// Templates lists the layouts that print this cell, "2019" before "2021".
	Templates []string
}

// rowSumRule returns the template's within-row sum rules of a section as a
// test over one or more of its rows' values laid end to end (cols names
// them), for deciding glued digits: table 三's total is the sum of its six
// applicant columns; each table-四 group's total the sum of its outcomes.
// nil when the section has no such rule.
func rowSumRule(section string, cols []string) func([]float64) bool {
	type sum struct {
		total, parts []int
	}
	var sums []sum
	for _, rule := range SumRules {
		if rule.Section != section || rule.Down {
			continue
		}
		// Every occurrence of the rule's total column closes one row; the
		// parts are the nearest preceding columns of that row.
		for i, c := range cols {
			if !slices.Contains(rule.Total, c) {
				continue
			}
			s := sum{total: []int{i}}
			for j := i - 1; j >= 0 && len(s.parts) < len(rule.Parts); j-- {
				if slices.Contains(rule.Parts, cols[j]) {
					s.parts = append(s.parts, j)
				}
			}
			if len(s.parts) == len(rule.Parts) {
				slices.Reverse(s.parts)
				sums = append(sums, s)
			}
		}
	}
	if len(sums) == 0 {
		return nil
	}
	return func(v []float64) bool {
		for _, s := range sums {
			var l, r float64
			for _, i := range s.total {
				l += v[i]
			}
			for _, i := range s.parts {
				r += v[i]
			}
			if l != r {
				return false
			}
		}
		return true
	}
}
