package crawler

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/width"

	"disclosure/crawler/platform"
	"disclosure/docform"
)

// Discovery decides, from one page's links, what else to fetch. It works on
// link text and titles, the way a researcher scans a column: a link whose
// words are an annual report's title is a report; a short link naming the
// 年报 or 政府信息公开 column is a way there; 下一页 and the CMS page files are
// the listing's other pages. Everything else (news, notices, other
// columns) is never fetched.

// found is one URL discovery decided to fetch.
type found struct {
	URL  string
	Kind Kind
	Text string
	How  string // "report", "attachment", "page" (pagination), "column"
	Rank int    // a column's columnRank: 2 the 年报 column or a year folder, 1 the 政府信息公开 section
}

// normText folds widths (full-width digits and letters), drops whitespace
// and NBSP, so that `２０２２年 度` reads as `2022年度`.
func normText(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	yearRe = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2}|19[0-9]{2})(?:[^0-9]|$)`)
	// The title forms of the annual report: …年政府信息公开工作年度报告,
	// …年度政府信息公开工作报告, 关于…年度政府信息公开情况的报告, …政府信息公开年报,
	// …政务信息公开工作开展年度报告, …信息公开年度报告.
	reportPhraseRe = regexp.MustCompile(`(政府|政务)?信息公开.{0,10}?(年度报告|年报|工作报告|情况的?报告|报告)|政务公开.{0,8}?年度报告`)
	// Words that make a title something about reports rather than one: the
	// notice asking for them, their interpretation, the news of their
	// publication, the review of other bodies' reports.
	// Words that also occur in agency names (调查队, 绩效考核办, 督查室)
	// are not on the list.
	notReportWords = []string{
		"通知", "通告", "公告", "通报", "意见", "要点", "方案", "解读", "图解", "一图读懂", "图说",
		"培训", "会议", "编制", "征集", "征求", "问卷", "评估报告", "测评", "评议", "抽查", "整改",
		"格式", "模板", "发布", "答记者问",
	}
	truncatedRe = regexp.MustCompile(`(\.\.\.?|…+|\.\.)$`)
)

// isReportTitle reports whether a link text names one annual report.
func isReportTitle(s string) bool {
	t := normText(s)
	if utf8.RuneCountInString(t) > 120 || !yearRe.MatchString(t) {
		return false
	}
	for _, w := range notReportWords {
		if strings.Contains(t, w) {
			return false
		}
	}
	if reportPhraseRe.MatchString(t) {
		return true
	}
	// Listings cut long titles: "襄阳市统计局2022年度政府信息公开工…".
	if truncatedRe.MatchString(t) {
		return strings.Contains(t, "信息公开") || strings.Contains(t, "政务公开") || strings.Contains(t, "年度报告") || strings.Contains(t, "年报")
	}
	return false
}

// columnRank says whether a short link text names the way to the reports:
// 2 for the 年报 column itself or a year folder in it, 1 for the 政府信息公开
// section that holds it, 0 for anything else.
func columnRank(s string) int {
	t := normText(s)
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 16 {
		return 0
	}
	for _, w := range notReportWords {
		if strings.Contains(t, w) {
			return 0
		}
	}
	if yearFolderRe.MatchString(t) {
		return 2
	}
	if yearRe.MatchString(t) {
		return 0 // a dated title is a document, not a column
	}
	for _, w := range []string{"年报", "年度报告", "公开报告"} {
		if strings.Contains(t, w) {
			return 2
		}
	}
	for _, w := range []string{"政府信息公开", "信息公开", "政务公开"} {
		if strings.Contains(t, w) && !strings.Contains(t, "指南") && !strings.Contains(t, "制度") && !strings.Contains(t, "申请") {
			return 1
		}
	}
	return 0
}

// yearFolderRe: a 年报 column split by year ("2022年", "2022年度", "2022年报").
var yearFolderRe = regexp.MustCompile(`^(19|20)[0-9]{2}(年|年度|年度报告|年报|年年报)?$`)

var (
	nextWords = map[string]bool{
		"下一页": true, "下页": true, "后页": true, "后一页": true, "下一頁": true, "尾页": true, "末页": true,
		"最后一页": true, "next": true, ">": true, ">>": true, "›": true, "»": true, "下一页>": true, "下一页>>": true,
	}
	// Page files and page parameters of the CMSs seen on county sites (TRS
	// index_N.html, list_N.shtml, ?page=N, ?pageNo=N …).
	pageHrefRe = regexp.MustCompile(`(?i)(/(index|list|default|more)?_?[0-9]{1,4}\.(s?html?|jsp|php|aspx?)$)|[?&](page|pageno|pageindex|pagenum|currentpage|curpage|p|pn|start)=[0-9]+`)
	numberRe   = regexp.MustCompile(`^\[?[0-9]{1,4}\]?$`)
)

// isPagination reports whether a link is one of the listing's own pages.
func isPagination(a anchor, pageURL *url.URL) bool {
	t := strings.ToLower(normText(a.Text))
	u, err := url.Parse(a.URL)
	if err != nil || u.Host != pageURL.Host {
		return false
	}
	if nextWords[t] {
		return true
	}
	if numberRe.MatchString(t) {
		target := u.Path
		if u.RawQuery != "" {
			target += "?" + u.RawQuery
		}
		return pageHrefRe.MatchString(target) && sameFolder(u, pageURL)
	}
	return false
}

// sameFolder: a listing's pages live beside it (index.html, index_1.html).
func sameFolder(a, b *url.URL) bool {
	return path.Dir(a.Path) == path.Dir(b.Path) || a.Path == b.Path
}

// attachmentExts are the file forms reports are published in.
var attachmentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".xls": true, ".xlsx": true, ".et": true}

// fileExt is the attachment extension of a link: from its path, from a file
// name in its query (download.jsp?filename=x.pdf), or from its text.
func fileExt(a anchor) string {
	if u, err := url.Parse(a.URL); err == nil {
		if e := strings.ToLower(path.Ext(u.Path)); attachmentExts[e] {
			return e
		}
		for _, vs := range u.Query() {
			for _, v := range vs {
				if e := strings.ToLower(path.Ext(v)); attachmentExts[e] {
					return e
				}
			}
		}
	}
	for _, s := range []string{a.Text, a.Title} {
		if e := strings.ToLower(path.Ext(strings.TrimSpace(s))); attachmentExts[e] {
			return e
		}
	}
	return ""
}

// scriptAnchors reads links that a CMS keeps inside a script block (Hanweb's
// <script type="text/xml"><datastore><record><![CDATA[<a href=…>]]>), which
// an HTML parser leaves as text.
func scriptAnchors(script string, base *url.URL) []anchor {
	if !strings.Contains(script, "<a ") && !strings.Contains(script, "<A ") {
		return nil
	}
	s := strings.NewReplacer("<![CDATA[", "", "]]>", "").Replace(script)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return nil
	}
	var out []anchor
	doc.Find("a[href]").Each(func(_ int, sel *goquery.Selection) {
		href, _ := sel.Attr("href")
		title, _ := sel.Attr("title")
		if u := resolve(base, href); u != "" {
			out = append(out, anchor{URL: u, Text: sel.Text(), Title: title})
		}
	})
	return out
}

// discover decides what to fetch from a page of the given kind. site is
// siteOf(the registered URL): links elsewhere are never followed.
func discover(pageURL *url.URL, kind Kind, p *page, site string, maxPages int) []found {
	anchors := p.anchors
	for _, s := range p.scripts {
		anchors = append(anchors, scriptAnchors(s, pageURL)...)
	}
	onSite := func(raw string) bool {
		u, err := url.Parse(raw)
		return err == nil && siteOf(u) == site
	}
	seen := map[string]bool{pageURL.String(): true}
	var reports, files, titledFiles, pages, strong, weak []found
	for _, a := range anchors {
		if a.URL == "" || seen[a.URL] || !onSite(a.URL) {
			continue
		}
		text := a.Text
		if isReportTitle(a.Title) && !isReportTitle(text) {
			text = a.Title
		}
		switch {
		case isReportTitle(text):
			seen[a.URL] = true
			reports = append(reports, found{URL: a.URL, Kind: KindReport, Text: normText(text), How: "report"})
			if kind == KindReport && fileExt(a) != "" {
				// On a report page, a file linked by the report's title
				// ("…年度报告.docx") is its attachment.
				titledFiles = append(titledFiles, found{URL: a.URL, Kind: KindAttachment, Text: normText(text), How: "attachment"})
			}
		case fileExt(a) != "":
			seen[a.URL] = true
			files = append(files, found{URL: a.URL, Kind: KindAttachment, Text: normText(text), How: "attachment"})
		case isPagination(a, pageURL):
			seen[a.URL] = true
			pages = append(pages, found{URL: a.URL, Kind: KindListing, Text: normText(text), How: "page"})
		default:
			switch columnRank(firstNonEmpty(text, a.Title)) {
			case 2:
				seen[a.URL] = true
				strong = append(strong, found{URL: a.URL, Kind: KindListing, Text: normText(text), How: "column", Rank: 2})
			case 1:
				seen[a.URL] = true
				weak = append(weak, found{URL: a.URL, Kind: KindListing, Text: normText(text), How: "column", Rank: 1})
			}
		}
	}

	if kind == KindReport {
		// A report page yields its attachments. A "report" that links three
		// or more other reports is a listing in disguise (a year folder
		// titled like a report), and is walked as one.
		if len(reports) < 3 {
			return append(files, titledFiles...)
		}
		kind = KindListing
	}
	var out []found
	out = append(out, reports...)
	out = append(out, pages...)
	// A listing that shows reports needs no detour through other columns;
	// a page that shows none (the site root, the 政府信息公开 section) is
	// searched for the 年报 column first, the 政府信息公开 section second.
	if len(reports) == 0 {
		cols := strong
		if len(cols) == 0 {
			cols = weak
		}
		if len(cols) > maxColumns {
			cols = cols[:maxColumns]
		}
		out = append(out, cols...)
	}
	// Files linked straight from a listing are reports only when their
	// text says so (handled above); other files there are forms and
	// templates.
	return out
}

// maxColumns bounds how many column links one page may send the crawler to.
const maxColumns = 6

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// pageFinds is discovery on a fetched HTML page: its text decoded by its
// charset, its links scanned, and what discover keeps. listed is how many
// tasks a platform adapter made of the same page's items: next to them,
// the detour through other columns is not taken.
func pageFinds(base *url.URL, kind Kind, body []byte, contentType, site string, maxPages, listed int) []found {
	text, _ := docform.Decode(body, contentType)
	fs := discover(base, kind, scanLinks(text, base), site, maxPages)
	if listed == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.How != "column" {
			out = append(out, f)
		}
	}
	return out
}

// DefaultMaxDepth is Options.MaxDepth's default: column hops from the
// registered page (root → 政府信息公开 → 年报 → year folder).
const DefaultMaxDepth = 3

// Lead is one URL a crawl takes from a listing page. How is "report",
// "page" (the listing's own pagination) or "column"; a column's Rank is 2
// for the 年报 column or a year folder, 1 for the 政府信息公开 section.
type Lead struct {
	URL  string
	Text string
	How  string
	Rank int
}

// ListingLeads is what a crawl takes from one fetched listing page (the
// registered page, a column, the 政府信息公开 section it leads through):
// the report items a platform adapter listed from it (items, from
// platform.List), then the page's own links by discovery's rules. Links
// off the site of siteURL (the registered URL) are dropped. A column
// page's depth and MaxDepth are the caller's. `disclosure sites find`
// walks a portal with it, so that the column it proposes is the one a
// crawl registered at the portal's root reaches.
func ListingLeads(siteURL string, page *platform.Page, items []platform.Item) ([]Lead, error) {
	su, err := url.Parse(siteURL)
	if err != nil || su.Host == "" {
		return nil, fmt.Errorf("%q: not an absolute URL", siteURL)
	}
	base, err := url.Parse(page.URL)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("%q: not an absolute URL", page.URL)
	}
	site := siteOf(su)
	var out []Lead
	for _, it := range items { // as itemTasks takes them
		if !isReportTitle(it.Title) {
			continue
		}
		n, err := NormalizeURL(it.URL)
		if err != nil {
			continue
		}
		if u, err := url.Parse(n); err == nil && siteOf(u) == site {
			out = append(out, Lead{URL: n, Text: normText(it.Title), How: "report"})
		}
	}
	ct := ""
	if page.Header != nil {
		ct = page.Header.Get("Content-Type")
	}
	if docform.Sniff(page.Body, ct) != docform.HTML {
		return out, nil
	}
	for _, f := range pageFinds(base, KindListing, page.Body, ct, site, 0, len(out)) {
		out = append(out, Lead{URL: f.URL, Text: f.Text, How: f.How, Rank: f.Rank})
	}
	return out, nil
}
