package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// compareRows is the compare table's body, one <tr> per row. Written in Go
// rather than as a {{range}} in compare.html because html/template's
// per-action reflection and escapers cost ~100 ms for the ~3,000 rows of
// "all divisions followed" on the 100,000-report warehouse (issue 13's
// 200 ms target). Every value is escaped with template.HTMLEscapeString
// (text and attributes) or url.QueryEscape (link parameters).
func compareRows(rows []map[string]any, measure string) template.HTML {
	var b strings.Builder
	esc := func(v any) string {
		if v == nil {
			return ""
		}
		return template.HTMLEscapeString(fmt.Sprint(v))
	}
	qm := url.QueryEscape(measure)
	for _, r := range rows {
		code := esc(r["code"])
		fmt.Fprintf(&b, `<tr class="%s" data-code="%s">`+"\n", esc(r["status"]), code)
		fmt.Fprintf(&b, `<td class="num">%s</td>`+"\n", esc(count(r["rank"])))
		fmt.Fprintf(&b, "<td>%s</td>\n", code)
		fmt.Fprintf(&b, `<td class="name"><a href="/county?code=%s&amp;measure=%s">%s</a></td>`+"\n",
			esc(url.QueryEscape(fmt.Sprint(r["code"]))), esc(qm), esc(r["division"]))
		b.WriteString("<td>")
		if id := r["report_id"]; id != nil && fmt.Sprint(id) != "0" {
			fmt.Fprintf(&b, `<a href="/report?id=%s">%s</a>`, esc(url.QueryEscape(fmt.Sprint(id))), esc(r["agency"]))
		}
		b.WriteString("</td>\n")
		if r["status"] == "reported" {
			fmt.Fprintf(&b, `<td class="num value">%s</td>`+"\n", esc(number(measure, measured(r))))
		} else {
			b.WriteString(`<td class="num value"><span class="missing">缺</span></td>` + "\n")
		}
		if measure == "grant_rate" {
			fmt.Fprintf(&b, `<td class="num">%s / %s</td>`+"\n", esc(count(r["numerator"])), esc(count(r["denominator"])))
		}
		fmt.Fprintf(&b, "<td>%s", esc(statusLabel(r["status"])))
		if why, _ := r["why"].(string); why != "" {
			fmt.Fprintf(&b, `<span class="why">（%s）</span>`, esc(why))
		}
		b.WriteString("</td>\n</tr>")
	}
	return template.HTML(b.String()) // every value above is escaped
}
