package platform

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
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

// recordTags are the elements that hold one entry of a list.
const recordTags = "li, tr, dl, p"

// extractItems reads the items of a list fragment. keep decides which links
// are entries (nil: every link). Each URL is kept once, first title wins.
func extractItems(doc *goquery.Selection, base *url.URL, keep func(abs string) bool) []Item {
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
		rec := a.Closest(recordTags)
		if rec.Length() == 0 {
			rec = a.Parent()
		}
		// the date is in the record's text outside the link
		rc := rec.Clone()
		rc.Find("a").Remove()
		it.Date = normDate(rc.Text(), abs)
		if it.Date == "" {
			it.Date = normDate(a.Text(), abs)
		}
		rec.Find("a[href]").Each(func(_ int, f *goquery.Selection) {
			h, _ := f.Attr("href")
			fu := resolveURL(base, h)
			if fu != "" && fu != abs && attachmentExtRe.MatchString(pathOf(fu)) {
				it.Attachments = append(it.Attachments, fu)
				seen[fu] = true
			}
		})
		out = append(out, it)
	})
	return out
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
