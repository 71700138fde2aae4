package parse

import (
	"fmt"
	"strconv"
	"strings"
)

// The accounting rules (勾稽关系) of CONTRACT.md. A check runs wherever every
// cell it needs holds a number; it reports, it never repairs.

// outcomeRows are table 三's outcome rows, summed by requests_outcomes. A
// layout lacks some of them (2019 has no other_overdue_correction); a
// report's values decide which are there.
var outcomeRows = []string{
	"granted", "partially_granted",
	"denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party",
	"denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
	"unable_not_held", "unable_needs_creation", "unable_unclear",
	"not_processed_complaint", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirmation",
	"other_overdue_correction", "other_unpaid_fee", "other",
}

var applicantCols = requestCols[:6]

func runChecks(values []Value, template string) []Check {
	num := make(map[term]float64, len(values))
	for _, v := range values {
		if v.Number != nil {
			num[term{v.Section, v.Row, v.Col}] = *v.Number
		}
	}
	get := func(section, row, col string) (float64, bool) {
		f, ok := num[term{section, row, col}]
		return f, ok
	}
	checks := []Check{}
	add := func(name, key string, left, right []term) {
		l, lok := sum(left, get)
		r, rok := sum(right, get)
		if !lok || !rok {
			return
		}
		checks = append(checks, Check{Name: name, Key: key, OK: l == r, Detail: describe(left, l, get) + " vs " + describe(right, r, get)})
	}
	outcomes := outcomeRows
	if template == Template2019 {
		outcomes = outcomeRows[:len(outcomeRows)-3]
		outcomes = append(outcomes[:len(outcomes):len(outcomes)], "other")
	}
	for _, col := range requestCols {
		rq := func(row string) term { return term{SectionRequests, row, col} }
		add("requests_balance", col,
			[]term{rq("new"), rq("carried_over")},
			[]term{rq("handled_total"), rq("carried_forward")})
		var parts []term
		for _, row := range outcomes {
			parts = append(parts, rq(row))
		}
		add("requests_outcomes", col, []term{rq("handled_total")}, parts)
	}
	for _, r := range Rows {
		if r.Section != SectionRequests {
			continue
		}
		var parts []term
		for _, col := range applicantCols {
			parts = append(parts, term{SectionRequests, r.Key, col})
		}
		if _, ok := get(SectionRequests, r.Key, "total"); !ok {
			continue
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
	return checks
}

// term is one cell in a check's sum.
type term struct{ section, row, col string }

func sum(ts []term, get func(string, string, string) (float64, bool)) (float64, bool) {
	total := 0.0
	for _, t := range ts {
		f, ok := get(t.section, t.row, t.col)
		if !ok {
			return 0, false
		}
		total += f
	}
	return total, true
}

// describe writes a sum as "new 3 + carried_over 0 = 3" so a failed check
// shows the numbers that failed.
func describe(ts []term, total float64, get func(string, string, string) (float64, bool)) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		f, _ := get(t.section, t.row, t.col)
		name := t.row
		if ts[0].row == t.row && len(ts) > 1 {
			name = t.col
		}
		parts[i] = name + " " + strconv.FormatFloat(f, 'f', -1, 64)
	}
	if len(ts) == 1 {
		return parts[0]
	}
	return fmt.Sprintf("%s = %s", strings.Join(parts, " + "), strconv.FormatFloat(total, 'f', -1, 64))
}
