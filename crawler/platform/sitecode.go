package platform

import (
	"regexp"
)

// SiteID is a 网站标识码 read from a page: the owner's 6-digit division code
// and 4 serial digits (a department's code is "bm" + 8 digits and names no
// division).
type SiteID struct {
	Code     string // as printed: 3590000001, bm36000001
	Division string // the 6-digit 行政区划代码 prefix; "" for a bm code
	Source   string // "meta" (SiteIDCode), "jiucuo" (the _jiucuo_ footer script) or "footer" (网站标识码 text)
}

var (
	siteIDMetaRe = []*regexp.Regexp{
		regexp.MustCompile(`(?is)<meta[^>]*\bname\s*=\s*["']?SiteIDCode["']?[^>]*\bcontent\s*=\s*["']?\s*([A-Za-z0-9]+)`),
		regexp.MustCompile(`(?is)<meta[^>]*\bcontent\s*=\s*["']?\s*([A-Za-z0-9]+)["']?[^>]*\bname\s*=\s*["']?SiteIDCode\b`),
	}
	jiucuoRe = []*regexp.Regexp{
		regexp.MustCompile(`(?is)<script[^>]*\bid\s*=\s*["']?_jiucuo_["']?[^>]*\bsitecode\s*=\s*["']?\s*([A-Za-z0-9]+)`),
		regexp.MustCompile(`(?is)<script[^>]*\bsitecode\s*=\s*["']?\s*([A-Za-z0-9]+)["']?[^>]*\bid\s*=\s*["']?_jiucuo_\b`),
		regexp.MustCompile(`(?i)jiucuo\.html\?site_code=([A-Za-z0-9]+)`),
	}
	footerIDRe = regexp.MustCompile(`网站标识码\s*(?:[:：]|&nbsp;|\s)*(?:<[^>]*>\s*)*([A-Za-z0-9]{10})`)
	codeRe     = regexp.MustCompile(`^(?:(\d{6})\d{4}|[bB][mM]\d{8})$`)
)

// SiteIDs returns the distinct 网站标识码 a page carries, the SiteIDCode
// meta first, then the _jiucuo_ footer script, then the printed footer.
// Malformed codes are skipped. The body should be UTF-8 (see Text).
func SiteIDs(body []byte) []SiteID {
	head := body
	var out []SiteID
	seen := map[string]bool{}
	add := func(code, src string) {
		m := codeRe.FindStringSubmatch(code)
		if m == nil || seen[code] {
			return
		}
		seen[code] = true
		out = append(out, SiteID{Code: code, Division: m[1], Source: src})
	}
	for _, re := range siteIDMetaRe {
		for _, m := range re.FindAllSubmatch(head, -1) {
			add(string(m[1]), "meta")
		}
	}
	for _, re := range jiucuoRe {
		for _, m := range re.FindAllSubmatch(head, -1) {
			add(string(m[1]), "jiucuo")
		}
	}
	for _, m := range footerIDRe.FindAllSubmatch(head, -1) {
		add(string(m[1]), "footer")
	}
	return out
}

// SiteIDOf returns the page's first 网站标识码 (see SiteIDs).
func SiteIDOf(body []byte) (SiteID, bool) {
	ids := SiteIDs(body)
	if len(ids) == 0 {
		return SiteID{}, false
	}
	return ids[0], true
}

// Owner says how a site's division relates to a registered county code:
// "county" (the same code), "prefecture" or "province" (a shared city or
// provincial platform; e.g. 3505xx's site on 350500), or "" when unrelated
// — the case to alert on.
func Owner(division, county string) string {
	if len(division) != 6 || len(county) != 6 {
		return ""
	}
	switch {
	case division == county:
		return "county"
	case division == county[:4]+"00":
		return "prefecture"
	case division == county[:2]+"0000":
		return "province"
	}
	return ""
}
