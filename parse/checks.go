package parse

import (
	"math"
	"strconv"
)

// The accounting rules (勾稽关系) of CONTRACT.md, as template.go's SumRules
// lists them. A check runs wherever every cell it needs holds a number; it
// reports, it never repairs.

// term is one cell in a check's sum.
type term struct{ section, row, col string }

// checkPlan is one check with its cells resolved to slots of a dense table,
// so a report's checks cost array reads, not map lookups per term.
type checkPlan struct {
	name, key   string
	left, right []int // slots
	// zero is the detail when every cell holds 0, as most of a report's
	// cells do (its applicant columns but one or two): written once, not
	// once a report, and shared by every report's check.
	zero string
}

var (
	// slotOf numbers every canonical key; checkPlans lists the checks per
	// layout ("" runs the 2021 set: the rows a report has decide the rest).
	slotOf     = map[term]int{}
	slotNames  []term
	checkPlans = map[string][]checkPlan{}
)

func init() {
	slot := func(t term) int {
		if i, ok := slotOf[t]; ok {
			return i
		}
		slotOf[t] = len(slotNames)
		slotNames = append(slotNames, t)
		return len(slotNames) - 1
	}
	for _, k := range Keys() {
		slot(term{k.Section, k.Row, k.Col})
	}
	for _, tmpl := range []string{Template2019, Template2021} {
		checkPlans[tmpl] = plansFor(tmpl, slot)
	}
	checkPlans[""] = checkPlans[Template2021]
	zeros := make([]float64, len(slotNames))
	for _, plans := range checkPlans {
		for i, p := range plans {
			plans[i].zero = string(p.detail(nil, 0, 0, zeros))
		}
	}
	for i, t := range slotNames {
		k := [2]string{t.section, t.row}
		rowSlots[k] = append(rowSlots[k], colSlot{t.col, i})
	}
	for _, tmpl := range []string{Template2019, Template2021} {
		for _, r := range Rows {
			cols := r.Cols[tmpl]
			if cols == nil || readAsRun(r.Section) {
				continue
			}
			lr := labelledRow{section: r.Section, key: r.Key}
			for _, c := range cols {
				i, ok := slotOf[term{r.Section, r.Key, c}]
				if !ok {
					panic("parse: no slot for " + r.Section + "/" + r.Key + "/" + c) // Keys lists every row's columns
				}
				lr.slots = append(lr.slots, i)
			}
			labelledRows[tmpl] = append(labelledRows[tmpl], lr)
		}
	}
}

// labelledRows lists, per layout, the rows read by their labels (not as a
// run, as table 四 is) with the slots of their columns, in template order:
// reportMissing asks of every report which of them it lacks, by slot.
var labelledRows = map[string][]labelledRow{}

type labelledRow struct {
	section, key string
	slots        []int
}

// rowSlots holds each row's slots by column, for slotFinder.
var rowSlots = map[[2]string][]colSlot{}

type colSlot struct {
	col  string
	slot int
}

// slotFinder finds the slots of keys that come a row at a time (a row's
// columns in turn, as the matcher stores them and Report.Values lists
// them): one map lookup a row and a scan of its few columns a key, where
// slotOf hashed the three strings of every key (4% of a parse).
type slotFinder struct {
	section, row string
	cols         []colSlot
}

// slot returns the key's slot, as slotOf does.
func (f *slotFinder) slot(section, row, col string) (int, bool) {
	if f.cols == nil || section != f.section || row != f.row {
		f.section, f.row, f.cols = section, row, rowSlots[[2]string{section, row}]
	}
	for _, c := range f.cols {
		if c.col == col {
			return c.slot, true
		}
	}
	return 0, false
}

// plansFor resolves the sum rules under one layout: rules down the columns
// first, column by column, then rules along the rows, row by row. Keys the
// layout lacks drop out of the sums.
func plansFor(tmpl string, slot func(term) int) []checkPlan {
	var plans []checkPlan
	add := func(name, key string, left, right []term) {
		p := checkPlan{name: name, key: key}
		for _, t := range left {
			p.left = append(p.left, slot(t))
		}
		for _, t := range right {
			p.right = append(p.right, slot(t))
		}
		plans = append(plans, p)
	}
	has := func(section, row string) []string {
		if i := rowIndex(section, row); i >= 0 {
			return Rows[i].Cols[tmpl]
		}
		return nil
	}
	cellsOf := func(section string, rows []string, col string) []term {
		var ts []term
		for _, row := range rows {
			if has(section, row) != nil {
				ts = append(ts, term{section, row, col})
			}
		}
		return ts
	}
	for _, s := range Sections {
		var down []SumRule
		for _, rule := range SumRules {
			if rule.Section == s.Key && rule.Down {
				down = append(down, rule)
			}
		}
		if len(down) == 0 {
			continue
		}
		for _, col := range has(s.Key, down[0].Total[0]) {
			for _, rule := range down {
				add(rule.Name, col, cellsOf(s.Key, rule.Total, col), cellsOf(s.Key, rule.Parts, col))
			}
		}
	}
	for _, rule := range SumRules {
		if rule.Down {
			continue
		}
		for _, r := range Rows {
			if r.Section != rule.Section || r.Cols[tmpl] == nil {
				continue
			}
			cells := func(cols []string) []term {
				var ts []term
				for _, c := range cols {
					ts = append(ts, term{r.Section, r.Key, c})
				}
				return ts
			}
			add(rule.Name, r.Key, cells(rule.Total), cells(rule.Parts))
		}
	}
	return plans
}

func runChecks(values []Value, template string) []Check {
	nums := make([]float64, len(slotNames))
	have := make([]bool, len(slotNames))
	var slots slotFinder
	for _, v := range values {
		if v.Number == nil {
			continue
		}
		if i, ok := slots.slot(v.Section, v.Row, v.Col); ok {
			nums[i], have[i] = *v.Number, true
		}
	}
	// sum adds the slots' numbers; ok: every slot holds one; zero: each is
	// 0 (not -0, which a detail prints).
	sum := func(slots []int) (total float64, ok, zero bool) {
		zero = true
		for _, s := range slots {
			if !have[s] {
				return 0, false, false
			}
			total += nums[s]
			zero = zero && nums[s] == 0 && !math.Signbit(nums[s])
		}
		return total, true, zero
	}
	plans := checkPlans[template]
	checks := make([]Check, 0, len(plans))
	var b []byte // one buffer for every Detail, each copied out once
	for _, p := range plans {
		l, lok, lzero := sum(p.left)
		r, rok, rzero := sum(p.right)
		if !lok || !rok {
			continue
		}
		detail := p.zero
		if !lzero || !rzero {
			b = p.detail(b[:0], l, r, nums)
			detail = string(b)
		}
		checks = append(checks, Check{Name: p.name, Key: p.key, OK: l == r, Detail: detail})
	}
	return checks
}

// detail appends the check's detail, "new 3 + carried_over 0 = 3 vs …",
// its sides adding up to l and r.
func (p checkPlan) detail(b []byte, l, r float64, nums []float64) []byte {
	b = describe(b, p.left, l, nums)
	b = append(b, " vs "...)
	return describe(b, p.right, r, nums)
}

// describe appends a check's side as "granted 6 + partially_granted 6 + … = 26"
// so the numbers that failed can be read off: each cell is named by its
// row, or by its column where every cell is in one row (a row total's
// parts: "natural_person 3 + commercial 1 + … = 4").
func describe(b []byte, slots []int, total float64, nums []float64) []byte {
	byCol := len(slots) > 1
	for _, s := range slots[1:] {
		byCol = byCol && slotNames[s].row == slotNames[slots[0]].row
	}
	for i, s := range slots {
		if i > 0 {
			b = append(b, " + "...)
		}
		name := slotNames[s].row
		if byCol {
			name = slotNames[s].col
		}
		b = append(b, name...)
		b = append(b, ' ')
		b = appendNumber(b, nums[s])
	}
	if len(slots) > 1 {
		b = append(b, " = "...)
		b = appendNumber(b, total)
	}
	return b
}

// appendNumber appends f as strconv.AppendFloat(b, f, 'f', -1, 64) does. A
// count is an integer, printed so by AppendInt at a fraction of the cost of
// the shortest-float search (a report's checks print some 400 numbers);
// -0 and fractions take AppendFloat.
func appendNumber(b []byte, f float64) []byte {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 && (f != 0 || !math.Signbit(f)) {
		return strconv.AppendInt(b, int64(f), 10)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}
