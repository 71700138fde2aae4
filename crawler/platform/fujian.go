package platform

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Fujian is the Fujian provincial TRS platform: a column renders its first
// records statically (<dl><dd><a …>) beside an avalon template
// (ms-controller) that the page fills from POST /fjdzapp/search, a search
// of the document library: channelid = SiteInfo.searchId, classsql =
// chnlid=<the ChnlId meta>. The API is asked only when the static list
// holds fewer than the page's recordCount (or none).
type Fujian struct{}

var (
	fjSearchIDRe  = regexp.MustCompile(`\bsearchId\s*["']?\s*:\s*["']?(\d+)`)
	fjChnlIDRe    = []*regexp.Regexp{regexp.MustCompile(`(?i)<meta[^>]*name\s*=\s*["']?ChnlId["']?[^>]*content\s*=\s*["']?(\d+)`), regexp.MustCompile(`(?i)<meta[^>]*content\s*=\s*["']?(\d+)["']?[^>]*name\s*=\s*["']?ChnlId\b`)}
	fjRecordCntRe = regexp.MustCompile(`\brecordCount\s*["']?\s*[:=]\s*["']?(\d+)`)
	fjSearchURLRe = regexp.MustCompile(`["']((?:https?:)?(?://[^"'/]+)?/fjdzapp/search)["'?]`)
)

func (Fujian) Name() string { return "fujian" }

func (Fujian) Recognize(p *Page) bool {
	b := p.Body
	return has(b, "ms-controller") && (has(b, "/fjdzapp/search") || has(b, "SiteInfo") && has(b, "searchId") && fjSearchIDRe.Match(b))
}

// fjAnswer is one /fjdzapp/search answer.
type fjAnswer struct {
	Docs      []fjDoc     `json:"docs"`
	Data      []fjDoc     `json:"data"`
	PageCount json.Number `json:"pageCount"`
}

type fjDoc struct {
	DocTitle   string `json:"doctitle"`
	ChnlDocURL string `json:"chnldocurl"`
	DocPubURL  string `json:"docpuburl"`
	DocRelTime string `json:"docreltime"`
}

func parseFujianAnswer(b []byte) (fjAnswer, error) {
	var a fjAnswer
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	err := d.Decode(&a)
	return a, err
}

func (a fjAnswer) items(base *url.URL) []Item {
	var out []Item
	for _, d := range append(a.Docs, a.Data...) {
		h := d.ChnlDocURL
		if h == "" {
			h = d.DocPubURL
		}
		abs, title := resolveURL(base, h), cleanTitle(d.DocTitle)
		if abs == "" || title == "" {
			continue
		}
		out = append(out, Item{Title: title, URL: abs, Date: normDate(d.DocRelTime, abs)})
	}
	return out
}

const fjPerPage = 75 // the platform's own pages ask 15, 75 or 501

func (a Fujian) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, a.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	text := Text(column)
	w.add(extractItems(parseFragment(text), w.base, IsArticleURL))
	records := -1
	if m := fjRecordCntRe.FindStringSubmatch(text); m != nil {
		records = atoiOr(m[1], -1)
		w.l.Declared = records
	}
	if len(w.l.Items) > 0 && (records < 0 || len(w.l.Items) >= records) {
		return w.l, nil
	}
	sid := fjSearchIDRe.FindStringSubmatch(text)
	chnl := ""
	for _, re := range fjChnlIDRe {
		if m := re.FindStringSubmatch(text); m != nil {
			chnl = m[1]
			break
		}
	}
	if sid == nil || chnl == "" {
		if len(w.l.Items) == 0 {
			w.l.Blocked = noList(column, "no static list and no searchId/ChnlId for /fjdzapp/search")
		}
		return w.l, nil
	}
	api := resolveURL(w.base, "/fjdzapp/search")
	if m := fjSearchURLRe.FindStringSubmatch(text); m != nil {
		if u := resolveURL(w.base, m[1]); u != "" {
			api = u
		}
	}
	pages := 1
	for n := 1; n <= pages; n++ {
		form := url.Values{
			"channelid": {sid[1]}, "classsql": {"chnlid=" + chnl}, "sortfield": {"-docorderpri,-docreltime"},
			"page": {strconv.Itoa(n)}, "prepage": {strconv.Itoa(fjPerPage)},
		}
		p, ok, err := w.fetch(Request{Method: http.MethodPost, URL: api, Form: form})
		if err != nil || !ok {
			return w.l, err
		}
		if p.Status != http.StatusOK {
			break
		}
		ans, err := parseFujianAnswer(p.Body)
		if err != nil {
			if n == 1 && len(w.l.Items) == 0 {
				w.l.Blocked = noList(p, "/fjdzapp/search answer is not JSON")
			}
			break
		}
		if pc, err := ans.PageCount.Int64(); err == nil {
			pages = int(pc)
		}
		if w.add(ans.items(w.base)) == 0 {
			break
		}
	}
	return w.l, nil
}

var metaRefreshRe = regexp.MustCompile(`(?is)<meta[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d*\s*;?\s*url\s*=\s*([^"'>\s]+)`)

// MetaRefreshUp says whether a page is a soft "gone": a meta refresh to one
// of its parent directories, which is how the Fujian platform answers for
// a deleted document. It returns the target.
func MetaRefreshUp(p *Page) (string, bool) {
	m := metaRefreshRe.FindStringSubmatch(Text(p))
	if m == nil {
		return "", false
	}
	base, err := url.Parse(p.URL)
	if err != nil {
		return "", false
	}
	t := resolveURL(base, m[1])
	tu, err := url.Parse(t)
	if t == "" || err != nil || tu.Host != base.Host {
		return "", false
	}
	dir := tu.Path
	if !strings.HasSuffix(dir, "/") {
		dir = dir[:strings.LastIndex(dir, "/")+1]
	}
	return t, strings.HasPrefix(base.Path, dir) && len(base.Path) > len(dir)
}
