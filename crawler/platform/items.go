package platform

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// items.go turns list markup into Items: a link, its full title, the date
// printed beside it and the files listed with it. The markup differs per
// platform (<li>, <tr>, <dl><dd>), so the "record" is the link's nearest
// row-like ancestor.

// articleURLRe are the article URL shapes of the platforms (PLATFORMS.md §8).
var articleURLRe = regexp.MustCompile(`(?i)(` +
	`/t\d{8}_\d+(?:_\d+)?\.s?html?$` + // TRS ./202403/t20240308_87885.html
	`|/t\d{5,}\.s?html?$` + // TRS without date (Haikou t1239228.shtml)
	`|/\d{6}/[0-9a-f]{32}\.s?html?$` + // the /c{id}/YYYYMM/<32hex>.shtml platform
	`|/art/\d{4}[-/]` + // Hanweb
	`|/post_\d+\.html?$` + // gkmlpt
	`|/info/\d+/\d+\.htm$` + // VSB
	`|/P0\d{14,}\.(?:pdf|docx?|wps|xlsx?)$` + // a TRS attachment listed directly
	`)`)

var attachmentExtRe = regexp.MustCompile(`(?i)\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar)$`)

// IsArticleURL says whether a URL has an article shape of a known platform.
func IsArticleURL(u string) bool {
	p := u
	if pu, err := url.Parse(u); err == nil {
		p = pu.Path
	}
	return articleURLRe.MatchString(p)
}

var (
	fullDateRe  = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	shortDateRe = regexp.MustCompile(`(?:^|[^\d-])(\d{1,2})-(\d{1,2})(?:$|[^\d-])`)
	hrefYearRe  = []*regexp.Regexp{
		regexp.MustCompile(`/t(\d{4})(\d{2})(\d{2})_`),
		regexp.MustCompile(`/(\d{4})(\d{2})/`),
		regexp.MustCompile(`/art/(\d{4})/`),
	}
)

// normDate reads a date from the text beside a link: "2024-03-08",
// "2024年3月8日" → "2024-03-08"; "03-08" completed with the year of the
// href (tYYYYMMDD_, /YYYYMM/, /art/YYYY/) or kept as printed.
func normDate(s, href string) string {
	if m := fullDateRe.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + pad2(m[2]) + "-" + pad2(m[3])
	}
	m := shortDateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	md := pad2(m[1]) + "-" + pad2(m[2])
	for _, re := range hrefYearRe {
		if y := re.FindStringSubmatch(href); y != nil {
			return y[1] + "-" + md
		}
	}
	return md
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// cleanTitle trims whitespace and a trailing ellipsis.
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, cut := range []string{"...", "…", "。。。"} {
		s = strings.TrimSuffix(s, cut)
	}
	return strings.TrimSpace(s)
}

// resolveURL makes href absolute against base; "" for what is not a page
// (javascript:, mailto:, #…).
func resolveURL(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	low := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "mailto:") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// maxRecordLinks is the most links a record holds (the entry and its
// files); a container with more is a list, not a record.
const maxRecordLinks = 4

// extractItems reads the items of a list fragment. keep decides which links
// are entries (nil: every link). Each URL is kept once, first title wins.
// Each record's text is read once, so a page of n links costs O(size), not
// O(n × size).
func extractItems(doc *goquery.Selection, base *url.URL, keep func(abs string) bool) []Item {
	type record struct {
		links int
		text  string // the record's text outside its links
		files []string
	}
	records := map[*html.Node]*record{}
	recordOf := func(a *html.Node) *record {
		rec := closestRecord(a)
		if rec == nil {
			return &record{links: maxRecordLinks + 1}
		}
		if r, ok := records[rec]; ok {
			return r
		}
		r := &record{}
		records[rec] = r
		var hrefs []string
		var text strings.Builder
		walkRecord(rec, &hrefs, &text)
		if r.links = len(hrefs); r.links > maxRecordLinks {
			return r
		}
		for _, h := range hrefs {
			if fu := resolveURL(base, h); fu != "" && attachmentExtRe.MatchString(pathOf(fu)) {
				r.files = append(r.files, fu)
			}
		}
		r.text = text.String()
		return r
	}
	var out []Item
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		abs := resolveURL(base, href)
		if abs == "" || seen[abs] || (keep != nil && !keep(abs)) {
			return
		}
		title, _ := a.Attr("title")
		title = cleanTitle(title)
		text := cleanTitle(a.Text())
		if title == "" || (strings.HasPrefix(text, title) && len(text) > len(title)) {
			title = text
		}
		if title == "" {
			return
		}
		seen[abs] = true
		it := Item{Title: title, URL: abs}
		rec := recordOf(a.Nodes[0])
		if rec.links <= maxRecordLinks {
			it.Date = normDate(rec.text, abs)
			for _, fu := range rec.files {
				if fu != abs {
					it.Attachments = append(it.Attachments, fu)
					seen[fu] = true
				}
			}
		} else {
			it.Date = normDate(siblingText(a), abs)
		}
		if it.Date == "" {
			it.Date = normDate(a.Text(), abs)
		}
		out = append(out, it)
	})
	return out
}

// closestRecord is the link's nearest li/tr/dl/p ancestor, else its parent.
// (By hand: goquery's Closest compiles its selector on every call.)
func closestRecord(a *html.Node) *html.Node {
	for n := a.Parent; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && (n.Data == "li" || n.Data == "tr" || n.Data == "dl" || n.Data == "p") {
			return n
		}
	}
	return a.Parent
}

// walkRecord collects a record's link targets and its text outside links.
func walkRecord(n *html.Node, hrefs *[]string, text *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			text.WriteString(c.Data)
		case c.Type == html.ElementNode && c.Data == "a":
			for _, at := range c.Attr {
				if at.Key == "href" {
					*hrefs = append(*hrefs, at.Val)
				}
			}
		case c.Type == html.ElementNode:
			walkRecord(c, hrefs, text)
		}
	}
}

// siblingText is the text after a link up to the next link (a list of
// links in one container, each followed by its date).
func siblingText(a *goquery.Selection) string {
	var b strings.Builder
	n := a.Nodes[0].NextSibling
	for i := 0; n != nil && i < 4; i, n = i+1, n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "a" {
			break
		}
		b.WriteString(goquery.NewDocumentFromNode(n).Text())
		b.WriteByte(' ')
	}
	return b.String()
}

func pathOf(u string) string {
	if pu, err := url.Parse(u); err == nil {
		return pu.Path
	}
	return u
}

// parseFragment parses an HTML fragment (a record set, an XHR answer).
func parseFragment(s string) *goquery.Selection {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil { // x/net/html only fails on reader errors
		return &goquery.Selection{}
	}
	return doc.Selection
}

// mergeItems appends the items whose URL is new; it returns how many were.
func mergeItems(l *Listing, seen map[string]bool, items []Item) int {
	n := 0
	for _, it := range items {
		if seen[it.URL] {
			continue
		}
		seen[it.URL] = true
		l.Items = append(l.Items, it)
		n++
	}
	return n
}

// sameDirURL resolves a file name in the directory of base.
func sameDirURL(base *url.URL, file string) string {
	u := *base
	u.RawQuery, u.Fragment = "", ""
	dir := u.Path
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	u.Path = dir + file
	u.RawPath = ""
	return u.String()
}
