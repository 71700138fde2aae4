package platform

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// PublicColumn is the /public/column/{organId} 信息公开 platform (Anhui's
// 集约化 platform, also Sichuan, Qinghai, Jiangxi, Hubei counties). The
// column page's list is empty; its script fills it from an HTML fragment,
// GET /site/label/8888?IsAjax=1&dataType=html&labelName=publicInfoList&…
// &pageIndex=n, sent with X-Requested-With: XMLHttpRequest (the endpoint
// answers nothing else). The annual-report view (type=3&timeFrame=Y) is
// asked the same way with its type and year.
type PublicColumn struct{}

var (
	pcLabelRe    = regexp.MustCompile(`["']((?:https?://[^"'\s]+)?/site/label/\d+\?[^"'\s]*labelName=publicInfoList[^"'\s]*)["']`)
	pcOrganRe    = regexp.MustCompile(`/public/column/(\d+)`)
	pcSiteIDRe   = regexp.MustCompile(`\bsiteId\s*["']?\s*[:=]\s*["']?(\d+)`)
	pcPagesRe    = regexp.MustCompile(`共\s*(\d+)\s*页|\bpageCount\s*["']?\s*[:=]\s*["']?(\d+)`)
	pcNotItemRe  = regexp.MustCompile(`/public/column/|/site/label/|[?&]pageIndex=`)
	xhrHeader    = http.Header{"X-Requested-With": {"XMLHttpRequest"}}
	pcViewParams = []string{"organId", "type", "catId", "timeFrame", "action", "nav", "sub"}
)

func (PublicColumn) Name() string { return "public-column" }

func (PublicColumn) Recognize(p *Page) bool {
	return strings.Contains(p.URL, "/public/column/") && pcOrganRe.MatchString(p.URL) || has(p.Body, "labelName=publicInfoList")
}

// publicLabelURL builds the fragment request the page's script sends.
func publicLabelURL(base *url.URL, text string) (*url.URL, bool) {
	colQ := base.Query()
	var lu *url.URL
	if m := pcLabelRe.FindStringSubmatch(text); m != nil {
		if u, err := url.Parse(resolveURL(base, strings.ReplaceAll(m[1], "&amp;", "&"))); err == nil && u.Host != "" {
			lu = u
		}
	}
	if lu == nil {
		organ := pcOrganRe.FindStringSubmatch(base.Path)
		if organ == nil {
			return nil, false
		}
		q := url.Values{"IsAjax": {"1"}, "dataType": {"html"}, "labelName": {"publicInfoList"}, "pageSize": {"15"},
			"action": {"list"}, "isDate": {"true"}, "dateFormat": {"yyyy-MM-dd"}, "length": {"50"}, "organId": {organ[1]}}
		if s := pcSiteIDRe.FindStringSubmatch(text); s != nil {
			q.Set("siteId", s[1])
		}
		lu = &url.URL{Scheme: base.Scheme, Host: base.Host, Path: "/site/label/8888", RawQuery: q.Encode()}
	}
	q := lu.Query()
	for _, k := range pcViewParams {
		if v := colQ.Get(k); v != "" && q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	if organ := pcOrganRe.FindStringSubmatch(base.Path); organ != nil && q.Get("organId") == "" {
		q.Set("organId", organ[1])
	}
	lu.RawQuery = q.Encode()
	return lu, true
}

func (a PublicColumn) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, a.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	lu, ok := publicLabelURL(w.base, Text(column))
	if !ok {
		w.l.Blocked = noList(column, "no publicInfoList label and no organId")
		return w.l, nil
	}
	q := lu.Query()
	pageSize := atoiOr(q.Get("pageSize"), 0)
	pages := -1
	for n := 1; pages < 0 || n <= pages; n++ {
		q.Set("pageIndex", strconv.Itoa(n))
		lu.RawQuery = q.Encode()
		p, ok, err := w.fetch(Request{URL: lu.String(), Header: xhrHeader.Clone()})
		if err != nil || !ok {
			return w.l, err
		}
		if p.Status != http.StatusOK {
			if n == 1 {
				w.l.Blocked = noList(p, "publicInfoList answered "+strconv.Itoa(p.Status))
			}
			return w.l, nil
		}
		text := Text(p)
		if m := pcPagesRe.FindStringSubmatch(text); m != nil {
			pages = atoiOr(m[1]+m[2], -1)
		}
		items := extractItems(parseFragment(text), w.base, func(u string) bool { return !pcNotItemRe.MatchString(u) })
		fresh := w.add(items)
		if n == 1 && len(items) == 0 && !strings.Contains(text, "暂无") {
			w.l.Blocked = noList(p, "publicInfoList fragment without links")
			return w.l, nil
		}
		if fresh == 0 || (pages < 0 && pageSize > 0 && len(items) < pageSize) {
			return w.l, nil
		}
	}
	return w.l, nil
}
