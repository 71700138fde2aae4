package platform

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Hanweb is 大汉 jcms's column (/col/col{id}/index.html): the visible list
// is empty, the first records sit in an inline
// <script type="text/xml"><datastore> (invisible to an HTML walker), and
// $('#unit').jpage({totalRecord, perPage, …}) pages the rest from
// /module/web/jpage/dataproxy.jsp. The walk asks the proxy as the page's
// script would, in the record-window form (POST ?startrecord=&endrecord=
// &perpage= with the unit's form fields), else the page form (GET
// ?page=n, the <nextgroup> link), else index.html?uid=&pageNum= (which
// some installs ignore: a page equal to page 1 ends it), until
// <totalrecord>. 2014-era installs hold the first records in a JS array
// (var InitData<unit> = ['<a …>…</a>[date]', …]) instead of a datastore.
type Hanweb struct{}

var (
	datastoreRe  = regexp.MustCompile(`(?is)<datastore>(.*?)</datastore>`)
	recordRe     = regexp.MustCompile(`(?is)<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>`)
	nextgroupRe  = regexp.MustCompile(`(?is)<nextgroup>\s*<!\[CDATA\[.*?href\s*=\s*["']([^"']+)["']`)
	totalRecRe   = regexp.MustCompile(`(?i)<totalrecord>\s*(\d+)\s*</totalrecord>`)
	totalPageRe  = regexp.MustCompile(`(?i)<totalpage>\s*(\d+)\s*</totalpage>`)
	divIDRe      = regexp.MustCompile(`(?i)<div[^>]*\bid\s*=\s*["']?([\w-]+)["']?[^>]*>\s*$`)
	jpageRe      = regexp.MustCompile(`(?s)\$\(\s*["']#([\w-]+)["']\s*\)\s*\.jpage\(\s*\{(.*?)\}\s*\)`)
	jsFieldRe    = regexp.MustCompile(`(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w./%-]+))`)
	paramVarRe   = regexp.MustCompile(`(?s)var\s+param_([\w-]+)\s*=\s*\{(.*?)\}`)
	hanwebColRe  = regexp.MustCompile(`/col/col(\d+)/`)
	initDataRe   = regexp.MustCompile(`(?s)\bInitData([\w-]+)\s*=\s*\[(.*?)\]\s*;`)
	jsStringRe   = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`)
	hanwebSignRe = regexp.MustCompile(`(?i)<script[^>]*type\s*=\s*["']text/xml["'][^>]*>\s*<datastore>|\.jpage\(\s*\{|/module/(?:web|jslib/jquery)/jpage/`)
)

func (Hanweb) Name() string { return "hanweb" }

func (Hanweb) Recognize(p *Page) bool {
	// each of hanwebSignRe's branches holds <datastore> or jpage
	if !hasFold(p.Body, "<data") && !hasFold(p.Body, "jpage") {
		return false
	}
	return hanwebSignRe.Match(p.Body)
}

// hanwebUnit is one jpage unit of a column page.
type hanwebUnit struct {
	id        string
	records   []string
	nextgroup string // the proxy link of the inline datastore, &amp; unescaped
	total     int    // jpage totalRecord, -1 when not given
	perPage   int
	groupSize int
	proxy     string
	fields    url.Values // the proxy's form fields
}

// readHanwebUnits reads every datastore and jpage call of a column page.
func readHanwebUnits(text string) []*hanwebUnit {
	byID := map[string]*hanwebUnit{}
	var order []*hanwebUnit
	unit := func(id string) *hanwebUnit {
		if u, ok := byID[id]; ok && id != "" {
			return u
		}
		u := &hanwebUnit{id: id, total: -1, fields: url.Values{}}
		if id != "" {
			byID[id] = u
		}
		order = append(order, u)
		return u
	}
	for _, m := range datastoreRe.FindAllStringSubmatchIndex(text, -1) {
		before := text[max(0, m[0]-300):m[0]]
		before = strings.TrimSuffix(strings.TrimRight(before, " \t\r\n"), ">")
		id := ""
		if i := strings.LastIndex(strings.ToLower(before), "<script"); i >= 0 {
			if d := divIDRe.FindStringSubmatch(strings.TrimRight(before[:i], " \t\r\n")); d != nil {
				id = d[1]
			}
		}
		u := unit(id)
		ds := text[m[2]:m[3]]
		for _, r := range recordRe.FindAllStringSubmatch(ds, -1) {
			u.records = append(u.records, r[1])
		}
		if n := nextgroupRe.FindStringSubmatch(ds); n != nil {
			u.nextgroup = html.UnescapeString(n[1])
		}
	}
	// 2014-era jcms: the first records as a JS array of HTML strings,
	// var InitData<unit> = ['<a …>…</a>[2014-07-14]', …], named by the
	// jpage call's dataStore.
	for _, m := range initDataRe.FindAllStringSubmatch(text, -1) {
		u := unit(m[1])
		for _, sm := range jsStringRe.FindAllStringSubmatch(m[2], -1) {
			u.records = append(u.records, unescapeJSString(sm[1]+sm[2]))
		}
	}
	for _, m := range jpageRe.FindAllStringSubmatch(text, -1) {
		u := unit(m[1])
		for _, f := range jsFieldRe.FindAllStringSubmatch(m[2], -1) {
			k, v := f[1], f[2]+f[3]+f[4]
			switch k {
			case "totalRecord":
				u.total = atoiOr(v, -1)
			case "perPage":
				u.perPage = atoiOr(v, 0)
			case "groupSize":
				u.groupSize = atoiOr(v, 0)
			case "proxyUrl":
				u.proxy = v
			case "col", "appid", "webid", "path", "columnid", "unitid", "webname", "permissiontype", "sourceContentType":
				u.fields.Set(k, v)
			}
		}
	}
	for _, m := range paramVarRe.FindAllStringSubmatch(text, -1) {
		u := unit(m[1])
		for _, f := range jsFieldRe.FindAllStringSubmatch(m[2], -1) {
			if u.fields.Get(f[1]) == "" {
				u.fields.Set(f[1], f[2]+f[3]+f[4])
			}
		}
	}
	return order
}

// unescapeJSString undoes the backslash escapes of a JS string literal
// that matter in record HTML (\' \" \\ \/).
func unescapeJSString(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n
	}
	return def
}

// mainUnit is the unit that lists the column: the one with the largest
// declared total, else the one with the most records.
func mainUnit(units []*hanwebUnit) *hanwebUnit {
	var best *hanwebUnit
	for _, u := range units {
		if best == nil || u.total > best.total || u.total == best.total && len(u.records) > len(best.records) {
			best = u
		}
	}
	return best
}

// hanwebItems reads the items of a record set. A record is parsed on its
// own (a <tr> inside a <table>), so its date is its own text.
func hanwebItems(records []string, w *walker) []Item {
	var out []Item
	for _, r := range records {
		t := strings.TrimSpace(r)
		if strings.HasPrefix(strings.ToLower(t), "<tr") {
			t = "<table>" + t + "</table>"
		}
		out = append(out, extractItems(parseFragment(t), w.base, notHanwebColumn)...)
	}
	return out
}

func notHanwebColumn(u string) bool { return !hanwebColRe.MatchString(pathOf(u)) || IsArticleURL(u) }

func (a Hanweb) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, a.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	u := mainUnit(readHanwebUnits(Text(column)))
	if u == nil {
		w.l.Blocked = noList(column, "jpage without a datastore")
		return w.l, nil
	}
	w.l.Declared = u.total
	w.add(hanwebItems(u.records, w))
	have := len(u.records)
	if u.total >= 0 && have >= u.total {
		return w.l, nil
	}
	if u.total < 0 && u.nextgroup == "" {
		if len(w.l.Items) == 0 {
			w.l.Blocked = noList(column, "empty datastore")
		}
		return w.l, nil
	}
	hp := newHanwebProxy(w, u)
	done, err := hp.windows(have)
	if err != nil || done || w.l.Blocked != nil || w.l.Truncated {
		return w.l, err
	}
	done, err = hp.pages(have)
	if err != nil || done || w.l.Blocked != nil || w.l.Truncated {
		return w.l, err
	}
	err = hp.pageNum()
	if err == nil && len(w.l.Items) == 0 && w.l.Blocked == nil {
		w.l.Blocked = noList(column, "no records from the data proxy")
	}
	return w.l, err
}

// hanwebProxy asks a unit's data proxy for the records after the inline ones.
type hanwebProxy struct {
	w       *walker
	u       *hanwebUnit
	proxy   string // absolute, without query
	fields  url.Values
	perPage int
	group   int
	total   int
}

func newHanwebProxy(w *walker, u *hanwebUnit) *hanwebProxy {
	fields := url.Values{}
	proxy := u.proxy
	if u.nextgroup != "" {
		if nu, err := url.Parse(u.nextgroup); err == nil {
			proxy = nu.Path
			for k, vs := range nu.Query() {
				switch k {
				case "page", "startrecord", "endrecord", "perpage":
				default:
					fields[k] = vs
				}
			}
		}
	}
	for k, vs := range u.fields {
		if fields.Get(k) == "" {
			fields[k] = vs
		}
	}
	if proxy == "" {
		proxy = "/module/web/jpage/dataproxy.jsp"
	}
	def := map[string]string{"col": "1", "appid": "1", "path": "/", "sourceContentType": "1", "permissiontype": "0", "unitid": u.id}
	if m := hanwebColRe.FindStringSubmatch(w.base.Path); m != nil {
		def["columnid"] = m[1]
	}
	for k, v := range def {
		if fields.Get(k) == "" && v != "" {
			fields.Set(k, v)
		}
	}
	hp := &hanwebProxy{w: w, u: u, proxy: resolveURL(w.base, proxy), fields: fields, perPage: u.perPage, group: u.groupSize, total: u.total}
	if hp.perPage <= 0 {
		hp.perPage = 15
	}
	if hp.group <= 0 {
		hp.group = 3
	}
	return hp
}

// answer reads a proxy answer: its records, and whether it was one.
func (hp *hanwebProxy) answer(p *Page) (records []string, ok bool) {
	if p.Status != http.StatusOK {
		return nil, false
	}
	t := Text(p)
	m := datastoreRe.FindStringSubmatch(t)
	if m == nil {
		return nil, false
	}
	if n := totalRecRe.FindStringSubmatch(m[1]); n != nil {
		hp.total = atoiOr(n[1], hp.total)
		if hp.w.l.Declared < 0 {
			hp.w.l.Declared = hp.total
		}
	}
	for _, r := range recordRe.FindAllStringSubmatch(m[1], -1) {
		records = append(records, r[1])
	}
	return records, true
}

// windows is the record-window form: POST startrecord..endrecord. done
// says the column was listed to its end; false with no error lets the next
// form try.
func (hp *hanwebProxy) windows(have int) (bool, error) {
	first := true
	for hp.total < 0 || have < hp.total {
		start, end := have+1, have+hp.perPage*hp.group
		q := url.Values{"startrecord": {strconv.Itoa(start)}, "endrecord": {strconv.Itoa(end)}, "perpage": {strconv.Itoa(hp.perPage)}}
		p, ok, err := hp.w.fetch(Request{Method: http.MethodPost, URL: hp.proxy + "?" + q.Encode(), Form: hp.fields})
		if err != nil || !ok {
			return false, err
		}
		recs, ok := hp.answer(p)
		if !ok {
			return !first, nil // the proxy took the form before: its refusal now is the end
		}
		first = false
		if len(recs) == 0 {
			return true, nil
		}
		hp.w.add(hanwebItems(recs, hp.w))
		have += len(recs)
	}
	return true, nil
}

// pages is the page form: GET proxy?page=n with the same fields. Whether
// n counts pages of perPage records or datastore groups differs between
// installs (and the inline <nextgroup> says page=1), so the walk starts at
// the page after the inline records, and if that brings nothing new while
// records are missing, from 1 and then 2; a page that adds nothing ends
// each try.
func (hp *hanwebProxy) pages(have int) (bool, error) {
	answered := false
	tried := map[int]bool{}
	for _, start := range []int{have/hp.perPage + 1, 1, 2} {
		if tried[start] {
			continue
		}
		totalPages := -1
		for n := start; totalPages < 0 || n <= totalPages; n++ {
			tried[n] = true
			q := url.Values{}
			for k, vs := range hp.fields {
				q[k] = vs
			}
			q.Set("page", strconv.Itoa(n))
			p, ok, err := hp.w.fetch(Request{URL: hp.proxy + "?" + q.Encode()})
			if err != nil || !ok {
				return false, err
			}
			recs, ok := hp.answer(p)
			if !ok {
				break
			}
			answered = true
			if m := totalPageRe.FindStringSubmatch(Text(p)); m != nil {
				totalPages = atoiOr(m[1], -1)
			}
			if hp.w.add(hanwebItems(recs, hp.w)) == 0 {
				break
			}
			if hp.total >= 0 && len(hp.w.l.Items) >= hp.total {
				return true, nil
			}
		}
		if !answered || hp.total < 0 {
			return answered, nil
		}
	}
	return answered, nil
}

// pageNum is the server-rendered form some installs have:
// index.html?uid=<unit>&pageNum=n. Installs that ignore it render page 1
// again, which brings nothing new and ends the walk.
func (hp *hanwebProxy) pageNum() error {
	for n := 2; ; n++ {
		q := url.Values{"uid": {hp.u.id}, "pageNum": {strconv.Itoa(n)}}
		u := *hp.w.base
		u.RawQuery, u.Fragment = q.Encode(), ""
		p, ok, err := hp.w.fetch(Request{URL: u.String()})
		if err != nil || !ok || p.Status != http.StatusOK {
			return err
		}
		units := readHanwebUnits(Text(p))
		var recs []string
		for _, un := range units {
			if un.id == hp.u.id || len(units) == 1 {
				recs = append(recs, un.records...)
			}
		}
		if hp.w.add(hanwebItems(recs, hp.w)) == 0 || hp.total >= 0 && len(hp.w.l.Items) >= hp.total {
			return nil
		}
	}
}
