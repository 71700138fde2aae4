package parse

import (
	"math"
	"strings"
	"testing"
)

// A check whose cells all hold 0 takes its detail from the plan (zero); it
// must read as the detail written out does, and a cell printed -0 must
// still show as -0.
func TestZeroChecksDetail(t *testing.T) {
	valuesOf := func(f float64) []Value {
		var vs []Value
		for _, k := range Keys() {
			vs = append(vs, Value{Section: k.Section, Row: k.Row, Col: k.Col, Number: &f})
		}
		return vs
	}
	for _, tmpl := range []string{Template2019, Template2021} {
		checks := runChecks(valuesOf(0), tmpl)
		if len(checks) == 0 {
			t.Fatalf("%s: no checks ran", tmpl)
		}
		ones := runChecks(valuesOf(1), tmpl)
		if len(ones) != len(checks) {
			t.Fatalf("%s: %d checks over ones, %d over zeros", tmpl, len(ones), len(checks))
		}
		for i, c := range checks {
			// The words of the written-out detail over ones, every number 0.
			words := strings.Fields(ones[i].Detail)
			for j, w := range words {
				if strings.Trim(w, "0123456789") == "" {
					words[j] = "0"
				}
			}
			if want := strings.Join(words, " "); c.Detail != want {
				t.Errorf("%s %s %s: detail %q, want %q", tmpl, c.Name, c.Key, c.Detail, want)
			}
		}
	}
	negZero := valuesOf(0)
	nz := math.Copysign(0, -1)
	shown := 0
	for i, v := range negZero {
		if v.Section == SectionRequests && v.Row == "new" && v.Col == "natural_person" {
			negZero[i].Number = &nz
		}
	}
	for _, c := range runChecks(negZero, Template2021) {
		if strings.Contains(c.Detail, "new -0") {
			shown++
		}
	}
	if shown == 0 {
		t.Error("no check's detail shows the cell new/natural_person printed -0")
	}
}
