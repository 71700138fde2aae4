package platform

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// HanwebXxgk is Hanweb's 信息公开 module (/module/xxgk/): a directory page
// whose list comes from POST /module/xxgk/search.jsp?…&currpage=n with the
// page's infotypeId/jdid/area/divid (the answer prints 共N页), and whose
// annual reports have their own page, xxgkAnnualReport.jsp?area=<code>
// &fbtime=<year> — each such link is a report.
type HanwebXxgk struct{}

var (
	xxgkSignRe   = regexp.MustCompile(`/module/xxgk/`)
	xxgkSearchRe = regexp.MustCompile(`["']([^"'\s]*/module/xxgk/search(?:_custom)?\.jsp[^"'\s]*)["']`)
	xxgkFieldRe  = regexp.MustCompile(`\b(infotypeId|jdid|area|divid|standardXxgk|sortfield|fieldConfigId)\b["']?\s*[:=]\s*["']([^"']*)["']`)
	xxgkPagesRe  = regexp.MustCompile(`共\s*(?:&nbsp;)*\s*(\d+)\s*(?:&nbsp;)*\s*页`)
	xxgkReportRe = regexp.MustCompile(`(?i)/module/xxgk/xxgkAnnualReport\.jsp`)
	xxgkYearRe   = regexp.MustCompile(`fbtime=(\d{4})`)
)

func (HanwebXxgk) Name() string { return "hanweb-xxgk" }

// Recognize wants the module's search call with its parameters, or an
// annual-report link: a mere menu link to /module/xxgk/ (on every page of
// a Hanweb site) is not a listing.
func (HanwebXxgk) Recognize(p *Page) bool {
	if !has(p.Body, "/module/xxgk/") { // as xxgkSignRe, a literal
		return false
	}
	return xxgkReportRe.Match(p.Body) || xxgkSearchRe.Match(p.Body) && xxgkFieldRe.Match(p.Body)
}

func (a HanwebXxgk) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, a.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	text := Text(column)
	reports := extractItems(parseFragment(text), w.base, func(u string) bool { return xxgkReportRe.MatchString(pathOf(u)) })
	for i := range reports {
		if reports[i].Date == "" {
			if y := xxgkYearRe.FindStringSubmatch(reports[i].URL); y != nil {
				reports[i].Date = y[1] // the report year: the page gives no day
			}
		}
	}
	w.add(reports)
	sm := xxgkSearchRe.FindStringSubmatch(text)
	form := url.Values{}
	for _, m := range xxgkFieldRe.FindAllStringSubmatch(text, -1) {
		if form.Get(m[1]) == "" {
			form.Set(m[1], m[2])
		}
	}
	if sm == nil || form.Get("infotypeId") == "" && form.Get("jdid") == "" {
		if len(w.l.Items) == 0 {
			w.l.Blocked = noList(column, "信息公开 module without search parameters or annual-report links")
		}
		return w.l, nil
	}
	su, err := url.Parse(resolveURL(w.base, strings.ReplaceAll(sm[1], "&amp;", "&")))
	if err != nil || su.Host == "" {
		return w.l, nil
	}
	q := su.Query()
	pages := 1
	for n := 1; n <= pages; n++ {
		q.Set("currpage", strconv.Itoa(n))
		su.RawQuery = q.Encode()
		p, ok, err := w.fetch(Request{Method: http.MethodPost, URL: su.String(), Form: form})
		if err != nil || !ok {
			return w.l, err
		}
		if p.Status != http.StatusOK {
			break
		}
		t := Text(p)
		if m := xxgkPagesRe.FindStringSubmatch(t); m != nil {
			pages = atoiOr(m[1], 1)
		}
		items := extractItems(parseFragment(t), w.base, func(u string) bool { return !xxgkSignRe.MatchString(u) || xxgkReportRe.MatchString(u) })
		if w.add(items) == 0 {
			break
		}
	}
	if len(w.l.Items) == 0 {
		w.l.Blocked = noList(column, "search.jsp listed nothing")
	}
	return w.l, nil
}
