package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The coverage summary in a browser: the numbers shown are
// coverage_by_province's, and a click on a province opens its divisions.
func TestBrowserCoverage(t *testing.T) {
	s, ts := coverageServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/coverage"))
	cells := eval[map[string]string](t, b, `Object.fromEntries(Array.from(document.querySelectorAll('#coverage-summary tbody tr')).flatMap(
		tr => Array.from(tr.querySelectorAll('td[data-year], td.blocked-sites, td.silent-sites')).map(
			td => [tr.dataset.code + '|' + (td.dataset.year || td.className.split(' ').pop()), td.innerText.trim()])))`)
	want := queryRows(t, s, "coverage_by_province", nil)
	if len(want) == 0 {
		t.Fatal("coverage_by_province gives no row")
	}
	for _, w := range want {
		pc := sprint(w["province_code"])
		for key, v := range map[string]string{
			pc + "|" + sprint(w["year"]): count(w["with_report"]) + " / " + count(w["without_report"]),
			pc + "|blocked-sites":        count(w["blocked_sites"]),
			pc + "|silent-sites":         count(w["silent_sites"]),
		} {
			if cells[key] != v {
				t.Errorf("%v %s: shown %q, query %q", w["province"], key, cells[key], v)
			}
		}
	}
	if cells["650000|blocked-sites"] != "1" || cells["320000|silent-sites"] != "1" {
		t.Errorf("新疆's blocked site or 江苏's silent one is not shown: %q %q", cells["650000|blocked-sites"], cells["320000|silent-sites"])
	}
	b.screenshot(t, "coverage")

	// A click on 福建 opens its divisions at a stable URL.
	b.do(t, chromedp.Click(chromedp.CSS(`#coverage-summary tr[data-code="350000"] a`)))
	waitFor(t, b, `location.search === '?province=350000' && document.readyState === 'complete' && !!document.getElementById('coverage-table')`)
	codes := eval[[]string](t, b, `Array.from(document.querySelectorAll('#coverage-table tbody tr')).map(tr => tr.cells[2].innerText.trim())`)
	detail := queryRows(t, s, "coverage", map[string]string{"province": "350000"})
	var wantCodes []string
	for _, r := range detail {
		wantCodes = append(wantCodes, sprint(r["code"]))
	}
	if len(wantCodes) == 0 || strings.Join(codes, ",") != strings.Join(wantCodes, ",") {
		t.Errorf("福建's divisions shown %v, query %v", codes, wantCodes)
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("console errors: %s", fmt.Sprint(errs))
	}
}
