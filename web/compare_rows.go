package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// compareRows is the compare table's body, one <tr> per row. Written in Go
// rather than as a {{range}} in compare.html because html/template's
// per-action reflection and escapers cost ~100 ms for the ~3,000 rows of
// "all divisions followed" on the 100,000-report warehouse (issue 13's
// 200 ms target); fmt is avoided for the same reason. Every value is
// escaped with template.HTMLEscape (text and attributes) or url.QueryEscape
// (link parameters).
func compareRows(rows []map[string]any, measure string) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 448)
	// put writes literal HTML and escaped values in turn: lit, val, lit, val …
	put := func(parts ...string) {
		for i, p := range parts {
			if i%2 == 0 {
				b.WriteString(p)
			} else {
				template.HTMLEscape(&b, []byte(p))
			}
		}
	}
	qm := url.QueryEscape(measure)
	for _, r := range rows {
		code := text(r["code"])
		status := text(r["status"])
		put(`<tr class="`, status, `" data-code="`, code, "\">\n")
		put(`<td class="num">`, count(r["rank"]), "</td>\n")
		put("<td>", code, "</td>\n")
		put(`<td class="name"><a href="/county?code=`, url.QueryEscape(code), `&amp;measure=`, qm, `">`, text(r["division"]), "</a></td>\n")
		b.WriteString("<td>")
		if id := text(r["report_id"]); id != "" && id != "0" {
			agency := text(r["agency"])
			if agency == "" { // a link must have text to be followed
				agency = "报告 " + id
			}
			put(`<a href="/report?id=`, url.QueryEscape(id), `">`, agency, "</a>")
		}
		b.WriteString("</td>\n")
		if status == "reported" {
			put(`<td class="num value">`, number(measure, measured(r)), "</td>\n")
		} else {
			b.WriteString(`<td class="num value"><span class="missing">缺</span></td>` + "\n")
		}
		if measure == "grant_rate" {
			put(`<td class="num">`, count(r["numerator"]), " / ", count(r["denominator"]), "</td>\n")
		}
		put("<td>", statusLabel(r["status"]))
		if why, _ := r["why"].(string); why != "" {
			put(`<span class="why">（`, why, "）</span>")
		}
		b.WriteString("</td>\n</tr>")
	}
	return template.HTML(b.String()) // every value above is escaped
}

// text is a value as the table prints it: "" for NULL; strings and
// integers without fmt's reflection.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}
