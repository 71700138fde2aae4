package sitesim

import (
	"fmt"
	"html"
	"strings"
)

// The page shapes of county CMSs, rendered from a report's text as the
// corpus keeps it: one cell per line, or pipe-separated rows
// ("规章 | 0 | 0 | 0 |") where the source had table rows.

// Layout is how a report page lays out the report's text.
type Layout int

const (
	// Paragraphs puts every line in its own <p>: the statistics tables
	// flattened into one paragraph per cell, as many CMS editors paste them.
	Paragraphs Layout = iota
	// Tables turns each run of pipe-separated lines into a real <table>,
	// one <tr> per line and one <td> per field; other lines are <p>.
	Tables
)

func (l Layout) String() string {
	if l == Tables {
		return "real tables"
	}
	return "one <p> per cell"
}

// chromePaths are the pages chrome links to; New serves them, since a
// crawler that meets a 404 on a site's own navigation rightly concludes
// that it has not seen the whole site.
var chromePaths = []string{"/", "/xwzx/", "/zwgk/", "/hdjl/"}

// chrome is the site furniture around every page: navigation and a
// breadcrumb the parser must ignore.
func chrome(site, crumb string) string {
	return `<div class="top">您好,欢迎访问` + html.EscapeString(site) + `! 简体 | 繁体 | 无障碍</div>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置: 首页 &gt; 政务公开 &gt; ` + html.EscapeString(crumb) + `</div>
`
}

const footer = `<div class="foot">主办单位: 人民政府办公室 | 网站标识码 | ICP备案号 | 公安机关备案号</div>
</body></html>
`

// ReportHTML renders one report page: chrome, title, date, the report's
// text in the given layout, then extra markup (an attachment link).
func ReportHTML(site, title, published, text string, layout Layout, extra string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>` +
		html.EscapeString(title) + "</title></head><body>\n")
	b.WriteString(chrome(site, "政府信息公开年报"))
	b.WriteString(`<div class="article"><h1>` + html.EscapeString(title) + "</h1>\n")
	if published != "" {
		b.WriteString(`<div class="info">发布时间: ` + html.EscapeString(published) + " 来源: " + html.EscapeString(site) + "</div>\n")
	}
	b.WriteString(`<div class="TRS_Editor">` + "\n")
	writeBody(&b, text, layout)
	b.WriteString(extra)
	b.WriteString("</div></div>\n")
	b.WriteString(footer)
	return b.String()
}

// writeBody writes the report text as paragraphs and, for Tables, tables.
func writeBody(b *strings.Builder, text string, layout Layout) {
	for _, bl := range blocks(text, layout == Tables) {
		if bl.rows == nil {
			b.WriteString("<p>" + html.EscapeString(bl.text) + "</p>\n")
			continue
		}
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="0">` + "\n")
		for _, row := range bl.rows {
			b.WriteString("<tr>")
			for _, f := range row {
				b.WriteString("<td>" + html.EscapeString(f) + "</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
}

// block is a paragraph of the corpus text or, with rows, a table: a run of
// pipe rows, each split into its cells.
type block struct {
	text string
	rows [][]string
}

// blocks reads the corpus text as its paragraphs (the lines not blank) and,
// with tables, its tables; without, a pipe row is a paragraph like any other.
func blocks(text string, tables bool) []block {
	var out []block
	inTable := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		row := tables && isPipeRow(line)
		switch {
		case row && inTable:
			last := &out[len(out)-1]
			last.rows = append(last.rows, pipeFields(line))
		case row:
			out = append(out, block{rows: [][]string{pipeFields(line)}})
		case line != "":
			out = append(out, block{text: line})
		}
		inTable = row
	}
	return out
}

// isPipeRow tells a table row of the corpus text ("规章 | 0 | 0 | 0 |").
func isPipeRow(line string) bool {
	return strings.Contains(line, "|") && strings.Trim(line, "| ") != ""
}

// pipeFields splits a pipe row into its cells (the outer pipes dropped).
func pipeFields(line string) []string {
	fields := strings.Split(strings.Trim(line, "|"), "|")
	for i, f := range fields {
		fields[i] = strings.TrimSpace(f)
	}
	return fields
}

// Link is one entry of a listing.
type Link struct {
	Href, Text, Date string
}

// ListingHTML renders a column page: chrome, the list of links, then tail
// (a pager: PagerLinks or TRSPager).
func ListingHTML(site, column string, links []Link, tail string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>` +
		html.EscapeString(column+" - "+site) + "</title></head><body>\n")
	b.WriteString(chrome(site, column))
	b.WriteString(`<ul class="list">` + "\n")
	for _, l := range links {
		fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>\n",
			html.EscapeString(l.Href), html.EscapeString(l.Text), html.EscapeString(l.Text), html.EscapeString(l.Date))
	}
	b.WriteString("</ul>\n" + tail + footer)
	return b.String()
}

// TRSPager is the pager a TRS WCM column prints: the page files
// index.html, index_1.html … exist, but only this script names them.
func TRSPager(pages, current int) string {
	return fmt.Sprintf(`<div class="page"><script language="JavaScript">
var currentPage = %d; var countPage = %d;
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
`, current, pages)
}

// PagerLinks is a plain pager: a 下一页 link to next ("" on the last page).
func PagerLinks(next string) string {
	if next == "" {
		return `<div class="page">下一页 尾页</div>` + "\n"
	}
	return `<div class="page"><a href="` + html.EscapeString(next) + `">下一页</a></div>` + "\n"
}

// Robots allows every path but the back office, and asks for the given
// delay between requests (a fraction of a second is allowed).
func Robots(crawlDelay string) string {
	s := "User-agent: *\nDisallow: /admin/\n"
	if crawlDelay != "" {
		s += "Crawl-delay: " + crawlDelay + "\n"
	}
	return s
}

// HomeHTML is a site root whose only way to the reports is the
// 政府信息公开 section: a crawler registered at the root must find it.
func HomeHTML(site string, links []Link) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + html.EscapeString(site) + "</title></head><body>\n")
	b.WriteString(chrome(site, "首页"))
	for _, l := range links {
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a>\n", html.EscapeString(l.Href), html.EscapeString(l.Text))
	}
	b.WriteString(footer)
	return b.String()
}
