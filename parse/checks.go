package parse

import (
	"strconv"
)

// The accounting rules (勾稽关系) of CONTRACT.md. A check runs wherever every
// cell it needs holds a number; it reports, it never repairs.

// outcomeRows are table 三's outcome rows, summed by requests_outcomes;
// 2019 has one (六) row, 2021 three.
var outcomeRows = []string{
	"granted", "partially_granted",
	"denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party",
	"denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
	"unable_not_held", "unable_needs_creation", "unable_unclear",
	"not_processed_complaint", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirmation",
	"other_overdue_correction", "other_unpaid_fee", "other",
}

var applicantCols = requestCols[:6]

// term is one cell in a check's sum.
type term struct{ section, row, col string }

// checkPlan is one check with its cells resolved to slots of a dense table,
// so a report's checks cost array reads, not map lookups per term.
type checkPlan struct {
	name, key   string
	left, right []int // slots
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
		outcomes := outcomeRows
		if tmpl == Template2019 {
			outcomes = append(outcomeRows[:len(outcomeRows)-3:len(outcomeRows)-3], "other")
		}
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
		for _, col := range requestCols {
			rq := func(row string) term { return term{SectionRequests, row, col} }
			add("requests_balance", col, []term{rq("new"), rq("carried_over")}, []term{rq("handled_total"), rq("carried_forward")})
			var parts []term
			for _, row := range outcomes {
				parts = append(parts, rq(row))
			}
			add("requests_outcomes", col, []term{rq("handled_total")}, parts)
		}
		for _, r := range Rows {
			if r.Section != SectionRequests || r.Cols[tmpl] == nil {
				continue
			}
			var parts []term
			for _, col := range applicantCols {
				parts = append(parts, term{SectionRequests, r.Key, col})
			}
			add("requests_row_total", r.Key, []term{{SectionRequests, r.Key, "total"}}, parts)
		}
		for _, row := range reviewRows {
			var parts []term
			for _, col := range reviewCols[:4] {
				parts = append(parts, term{SectionReview, row, col})
			}
			add("review_total", row, []term{{SectionReview, row, "total"}}, parts)
		}
		checkPlans[tmpl] = plans
	}
	checkPlans[""] = checkPlans[Template2021]
}

func runChecks(values []Value, template string) []Check {
	nums := make([]float64, len(slotNames))
	have := make([]bool, len(slotNames))
	for _, v := range values {
		if v.Number == nil {
			continue
		}
		if i, ok := slotOf[term{v.Section, v.Row, v.Col}]; ok {
			nums[i], have[i] = *v.Number, true
		}
	}
	sum := func(slots []int) (float64, bool) {
		total := 0.0
		for _, s := range slots {
			if !have[s] {
				return 0, false
			}
			total += nums[s]
		}
		return total, true
	}
	checks := []Check{}
	for _, p := range checkPlans[template] {
		l, lok := sum(p.left)
		r, rok := sum(p.right)
		if !lok || !rok {
			continue
		}
		checks = append(checks, Check{Name: p.name, Key: p.key, OK: l == r,
			Detail: describe(p.left, l, nums) + " vs " + describe(p.right, r, nums)})
	}
	return checks
}

// describe writes a check's side as "natural_person 6 + partially_granted 6 + … = 26"
// so the numbers that failed can be read off.
func describe(slots []int, total float64, nums []float64) string {
	var b []byte
	for i, s := range slots {
		if i > 0 {
			b = append(b, " + "...)
		}
		t := slotNames[s]
		name := t.row
		if len(slots) > 1 && slotNames[slots[0]].row == t.row {
			name = t.col // a row total lists the row's columns
		}
		b = append(b, name...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, nums[s], 'f', -1, 64)
	}
	if len(slots) > 1 {
		b = append(b, " = "...)
		b = strconv.AppendFloat(b, total, 'f', -1, 64)
	}
	return string(b)
}
