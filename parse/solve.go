package parse

import (
	"fmt"
	"slices"
	"strings"
)

// Glued rows decided together. A glued table-三 row such as "180020110" may
// split two ways under its own row-total rule; the column rules across the
// table (新收 + 上年结转 = 总计 + 结转下年度; the outcome rows sum to （七）总计)
// often leave one. solveGlued searches the combinations of the ambiguous
// rows' splits, bounded, and stores what every combination that satisfies
// the rules agrees on. Reports do break the rules: where no combination
// satisfies them, nothing more is decided.

// gluedRow is a table-三 row whose glued digits split more than one way.
type gluedRow struct {
	key, label, raw string
	splits          [][]cellValue // each satisfies the row-total rule
}

// maxJointSteps bounds the joint search: a real table has a handful of
// ambiguous rows with a few splits each (hundreds of steps).
const maxJointSteps = 1 << 16

// linearRule is one column rule: the sum of sign·value over terms is 0.
type linearRule struct {
	name  string
	konst float64   // the sum over cells already stored
	vars  []varTerm // cells of ambiguous rows
	last  int       // the highest row index among vars: checked once it is set
}

type varTerm struct {
	row, col int // index into the ambiguous rows; column index
	sign     float64
}

func (m *matcher) solveGlued() {
	if len(m.glued) == 0 {
		return
	}
	rows := m.glued
	m.glued = nil
	rules := m.columnRules(rows)
	used := make([][]bool, len(rows)) // splits seen in a solution
	for i, r := range rows {
		used[i] = make([]bool, len(r.splits))
	}
	choice := make([]int, len(rows))
	steps, solutions := 0, 0
	var walk func(i int)
	walk = func(i int) {
		if steps++; steps > maxJointSteps {
			return
		}
		if i == len(rows) {
			solutions++
			for j, c := range choice {
				used[j][c] = true
			}
			return
		}
		for c := range rows[i].splits {
			choice[i] = c
			if rulesHold(rules, i, rows, choice) {
				walk(i + 1)
			}
		}
	}
	walk(0)
	cut := steps > maxJointSteps
	for i, r := range rows {
		cols := requestCols
		splits := r.splits
		if !cut && solutions > 0 {
			splits = nil
			for c, ok := range used[i] {
				if ok {
					splits = append(splits, r.splits[c])
				}
			}
		}
		got := agreedValues(splits, len(cols))
		for j, v := range got {
			if v != nil {
				m.store(SectionRequests, r.key, cols[j], *v)
			}
		}
		if countNil(got) == 0 {
			continue
		}
		why := fmt.Sprintf("%d splits fit its row total", len(r.splits))
		switch {
		case cut:
			why += "; the search over the table's sum rules was cut at its bound"
		case solutions == 0:
			why += "; no choice of the glued rows' splits satisfies the table's sum rules"
		case len(rules) > 0:
			why += fmt.Sprintf(", %d of them the table's sum rules", len(splits))
		}
		m.warnf("%s row %q glued as %q: %s cannot be decided (%s)", SectionRequests, r.label, r.raw, undecidedCols(got, cols), why)
	}
}

// rulesHold checks the rules that row i completes.
func rulesHold(rules []linearRule, i int, rows []gluedRow, choice []int) bool {
	for _, r := range rules {
		if r.last != i {
			continue
		}
		sum := r.konst
		for _, t := range r.vars {
			sum += t.sign * *rows[t.row].splits[choice[t.row]][t.col].number
		}
		if sum != 0 {
			return false
		}
	}
	return true
}

// columnRules returns table 三's column rules that involve an ambiguous row
// and whose every other cell is stored as a number.
func (m *matcher) columnRules(rows []gluedRow) []linearRule {
	t := m.template
	if t == "" {
		t = Template2021
	}
	rowOf := map[string]int{}
	for i, r := range rows {
		rowOf[r.key] = i
	}
	stored := map[term]float64{}
	for _, v := range m.values {
		if v.Section == SectionRequests && v.Number != nil {
			stored[term{v.Section, v.Row, v.Col}] = *v.Number
		}
	}
	var rules []linearRule
	add := func(name string, plus, minus []string, col int) {
		r := linearRule{name: name, last: -1}
		for k, keys := range [2][]string{plus, minus} {
			sign := 1.0
			if k == 1 {
				sign = -1
			}
			for _, key := range keys {
				if i, ok := rowOf[key]; ok {
					r.vars = append(r.vars, varTerm{row: i, col: col, sign: sign})
					r.last = max(r.last, i)
					continue
				}
				v, ok := stored[term{SectionRequests, key, requestCols[col]}]
				if !ok {
					return // a cell missing or blank: the rule says nothing
				}
				r.konst += sign * v
			}
		}
		if len(r.vars) > 0 {
			rules = append(rules, r)
		}
	}
	for col, name := range requestCols {
		for _, sum := range columnSums(t) {
			add(sum.name+" "+name, sum.total, sum.parts, col)
		}
	}
	return rules
}

// columnSum is one of table 三's column rules (SumRules with Down) under a
// layout: in every column, the total rows sum to the parts rows.
type columnSum struct {
	name         string
	total, parts []string
}

// columnSums returns table 三's column rules with the rows of the layout.
func columnSums(template string) []columnSum {
	inLayout := func(keys []string) []string {
		var out []string
		for _, k := range keys {
			if ri := rowIndex(SectionRequests, k); ri >= 0 && Rows[ri].Cols[template] != nil {
				out = append(out, k)
			}
		}
		return out
	}
	var out []columnSum
	for _, r := range SumRules {
		if r.Section == SectionRequests && r.Down {
			out = append(out, columnSum{r.Name, inLayout(r.Total), inLayout(r.Parts)})
		}
	}
	return out
}

// requestRowTotal is table 三's within-row rule over its seven columns.
var requestRowTotal = rowSumRule(SectionRequests, requestCols)

// gluedRaw joins a row's values into one glued cell when any of them is
// glued: pieces of a glued row split by text keep that boundary as a space.
func gluedRaw(vals []cellValue) (string, bool) {
	// Asked of every row placed; few are glued, and only those are joined.
	if !slices.ContainsFunc(vals, func(v cellValue) bool { return v.glued }) {
		return "", false
	}
	raws := make([]string, len(vals))
	for i, v := range vals {
		raws[i] = v.raw
	}
	return strings.Join(raws, " "), true
}

// undecidedCols names the columns a split leaves open.
func undecidedCols(got []*cellValue, cols []string) string {
	var names []string
	for i, v := range got {
		if v == nil {
			names = append(names, cols[i])
		}
	}
	return strings.Join(names, ", ")
}
