package platform

import (
	"context"
	"net/http"
	"path"
	"regexp"
	"strconv"
)

// TRS is the TRS WCM / 海贝 static-page family and the /c{id}/….shtml
// platform: the column's pages are files that only a script names.
//
//   - 4-argument, 0-based: createPageHTML(N, i, "index", "html") (also
//     createPage(…)): index.html, index_1.html … index_{N-1}.html;
//   - 6-argument, 1-based: createPageHTML('page_div', N, cur, 'list',
//     'shtml', records): list.shtml, then list_2.shtml … — or list_1.shtml
//     on sites that number from 1; the walk asks list_1 first and keeps the
//     numbering whose page brings new items;
//   - var countPage = N (var currentPage = i): as the 4-argument form, the
//     page name taken from the column URL.
type TRS struct{}

var (
	trs4Re         = regexp.MustCompile(`create\w*Page\w*\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["'](\w+)["']\s*,\s*["'](\w+)["']\s*\)`)
	trs6Re         = regexp.MustCompile(`create\w*Page\w*\s*\(\s*["'][^"']*["']\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']\s*,\s*(\d+)\s*\)`)
	countPageRe    = regexp.MustCompile(`\bvar\s+countPage\s*=\s*(\d+)`)
	currentPageRe  = regexp.MustCompile(`\bvar\s+currentPage\s*=\s*(\d+)`)
	pageFileNameRe = regexp.MustCompile(`^([\w-]+?)(?:_(\d+))?\.(s?html?)$`)
)

func (TRS) Name() string { return "trs" }

// Recognize wants a pager on a page that is not an article: TRS splits
// long articles with the same var countPage.
func (TRS) Recognize(p *Page) bool {
	b := p.Body
	pager := has(b, "create") && has(b, "Page") // trs4Re, trs6Re: create\w*Page
	count := has(b, "countPage")
	if !pager && !count || IsArticleURL(p.URL) {
		return false
	}
	return pager && (trs6Re.Match(b) || trs4Re.Match(b)) || count && countPageRe.Match(b)
}

// trsPager is a column's page plan.
type trsPager struct {
	count   int    // pages declared
	current int    // the column page's number, 1-based
	name    string // file name without _n and extension
	ext     string
	records int  // declared records, -1 when not given
	oneBase bool // 6-argument form: page n is name_n (or name_{n-1})
}

func readTRSPager(text, columnPath string) (trsPager, bool) {
	if m := trs6Re.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		cur, _ := strconv.Atoi(m[2])
		rec, _ := strconv.Atoi(m[5])
		if cur < 1 {
			cur = 1
		}
		return trsPager{count: n, current: cur, name: m[3], ext: m[4], records: rec, oneBase: true}, true
	}
	if m := trs4Re.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		cur, _ := strconv.Atoi(m[2])
		return trsPager{count: n, current: cur + 1, name: m[3], ext: m[4], records: -1}, true
	}
	if m := countPageRe.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		cur := 0
		if c := currentPageRe.FindStringSubmatch(text); c != nil {
			cur, _ = strconv.Atoi(c[1])
		}
		name, ext := "index", "html"
		if f := pageFileNameRe.FindStringSubmatch(path.Base(columnPath)); f != nil {
			name, ext = f[1], f[3]
		}
		return trsPager{count: n, current: cur + 1, name: name, ext: ext, records: -1}, true
	}
	return trsPager{}, false
}

// file names page n (1-based) with the given offset of the _n suffix
// (0-based form: page n is _{n-1}; 6-argument: _n, or _{n-1} on some sites).
func (t trsPager) file(n, shift int) string {
	if n == 1 {
		return t.name + "." + t.ext
	}
	return t.name + "_" + strconv.Itoa(n+shift) + "." + t.ext
}

func (a TRS) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, a.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	text := Text(column)
	pg, ok := readTRSPager(text, w.base.Path)
	if !ok {
		w.l.Blocked = noList(column, "no TRS pager")
		return w.l, nil
	}
	w.l.Declared = pg.records
	items := trsItems
	if w.add(items(text, w)) == 0 {
		// No link has a TRS article shape: take the dated entries.
		items = datedItems
		if w.add(items(text, w)) == 0 {
			w.l.Blocked = noList(column, "TRS pager without list entries")
			return w.l, nil
		}
	}
	done := map[string]bool{w.base.String(): true}
	if pg.current == 1 || !pg.oneBase {
		done[sameDirURL(w.base, pg.file(pg.current, -1))] = true // the column page under its file name
	}
	misses := 0
	// get fetches a page file; fresh says it brought new items.
	get := func(file string) (fresh bool, stop bool, err error) {
		u := sameDirURL(w.base, file)
		if done[u] {
			return false, false, nil
		}
		done[u] = true
		p, ok, err := w.fetch(Request{URL: u})
		if err != nil || !ok {
			return false, true, err
		}
		if p.Status != http.StatusOK {
			misses++
			return false, misses >= maxMisses, nil
		}
		misses = 0
		return w.add(items(Text(p), w)) > 0, false, nil
	}
	shift := -1 // 0-based form: page n is _{n-1}
	if pg.oneBase && pg.count >= 2 {
		// Sites disagree whether page 2 is _1 or _2: ask _1 first and keep
		// the numbering under which it is a new page.
		fresh, stop, err := get(pg.name + "_1." + pg.ext)
		if err != nil || stop {
			return w.l, err
		}
		misses = 0
		if !fresh {
			shift = 0
		}
	}
	for n := 1; n <= pg.count; n++ {
		if _, stop, err := get(pg.file(n, shift)); err != nil || stop {
			return w.l, err
		}
	}
	return w.l, nil
}

// maxMisses consecutive pages that do not answer 200 end a walk: the
// declared count was wrong, and asking on is impolite.
const maxMisses = 3

// trsItems are a TRS page's article links (never its navigation).
func trsItems(text string, w *walker) []Item {
	return extractItems(parseFragment(text), w.base, IsArticleURL)
}

// datedItems are the links printed with a date, for templates whose
// article URLs have no known shape.
func datedItems(text string, w *walker) []Item {
	var out []Item
	for _, it := range extractItems(parseFragment(text), w.base, nil) {
		if it.Date != "" {
			out = append(out, it)
		}
	}
	return out
}
