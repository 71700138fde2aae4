package places

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// The resolver finds the 六位代码 of the division a report belongs to.
// Departments, towns and streets resolve to their county; a prefecture's own
// department (襄阳市统计局) to the prefecture. An ambiguous name is never
// guessed: the code stays empty and the warning says which places it could be.

//go:embed data/aliases.csv
var aliasesCSV []byte

// Evidence is what is known about a report's place, strongest first.
type Evidence struct {
	// SiteCode is the crawl context: the code of the site the report came
	// from, when known. Text evidence may refine it to a division inside it.
	SiteCode     string
	Jurisdiction string
	Agency       string
	Title        string
	// Body is the start of the report's text (prose), the weakest evidence.
	Body string
}

// Resolution is the resolver's answer.
type Resolution struct {
	Division *Division // nil when unresolved
	Via      string    // which evidence decided: site, jurisdiction, agency, title, body
	Warning  string    // why no code, or a conflict between sources
}

// Code returns the 六位代码, or "" when unresolved.
func (r Resolution) Code() string {
	if r.Division == nil {
		return ""
	}
	return r.Division.Code
}

// cacheLimit bounds the resolver's cache (a few MB).
const cacheLimit = 100_000

// Resolver matches names against the national division table.
type Resolver struct {
	d *Divisions
	// names maps every matchable name to what it can be.
	names map[string]*named
	// cache keeps resolutions that the jurisdiction or agency field decided
	// alone (every year's report of a county repeats them); at most
	// cacheLimit entries.
	cache     sync.Map
	cacheSize atomic.Int64
	noCache   bool // benchmarks of the uncached path
	// lengths lists, per first rune, the rune lengths of names starting
	// with it, longest first: the only substrings worth looking up.
	lengths map[rune][]int
}

// named is what one name can be. One map holds the three kinds, so that
// scan's lookup of a substring that is no name at all, as most are, costs
// one map access rather than three.
type named struct {
	// divs are the divisions whose name or alias it is.
	divs []*Division
	// short are the divisions whose short name (伊宁, 喀喇沁左翼) it is; used
	// for whole fields, and inside text when three characters or longer or
	// followed by an organ word (伊宁人民政府: followedByOrgan).
	short []*Division
	towns []Town
}

// NewResolver builds a resolver over the embedded division table.
func NewResolver() (*Resolver, error) {
	d, err := LoadDivisions()
	if err != nil {
		return nil, err
	}
	r := &Resolver{d: d, names: map[string]*named{}, lengths: map[rune][]int{}}
	for _, dv := range d.List {
		addDivision(&r.name(dv.Name).divs, dv)
		if s := shortName(dv.Name); s != "" && s != dv.Name {
			addDivision(&r.name(s).short, dv)
		}
	}
	_, rows, err := readRows(aliasesCSV, 3)
	if err != nil {
		return nil, fmt.Errorf("aliases.csv: %w", err)
	}
	for _, f := range rows {
		dv := d.ByCode[f[1]]
		if dv == nil {
			return nil, fmt.Errorf("aliases.csv: unknown code %s for %s", f[1], f[0])
		}
		addDivision(&r.name(f[0]).divs, dv)
	}
	zones := map[string]int{}
	for _, t := range d.Towns {
		if isZoneName(t.Name) {
			zones[t.Name]++
		}
	}
	for _, t := range d.Towns {
		// A zone's generic name that several counties give a town
		// (经济技术开发区, 高新区) names none of them: 武汉经济技术开发区
		// with 湖北省 in the text took the one in 应城市.
		if utf8.RuneCountInString(t.Name) >= 3 && zones[t.Name] < 2 {
			n := r.name(t.Name)
			n.towns = append(n.towns, t)
		}
	}
	return r, nil
}

// isZoneName tells a functional zone's name: 开发区, 园区, 高新区, 管理区 ….
func isZoneName(name string) bool {
	return endsWithAny(name, zoneNameEnds)
}

var zoneNameEnds = []string{"开发区", "高新区", "园区", "新区", "管理区", "管委会", "示范区", "试验区", "实验区"}

// SharedResolver is one resolver for the whole process, built on first
// use: the division table is embedded, so every resolver would be the
// same, and building one (about 0.2 s of CPU) on every warehouse open was a
// cost each crawl batch paid. A Resolver is safe for concurrent use (its
// cache is a sync.Map), so the warehouse's opens share this one.
func SharedResolver() (*Resolver, error) {
	sharedOnce.Do(func() { shared, sharedErr = NewResolver() })
	return shared, sharedErr
}

var (
	sharedOnce sync.Once
	shared     *Resolver
	sharedErr  error
)

// name returns what name can be, adding it (empty) if new.
func (r *Resolver) name(name string) *named {
	if n := r.names[name]; n != nil {
		return n
	}
	n := &named{}
	r.names[name] = n
	r.grow(name)
	return n
}

// addDivision adds dv to divs unless it is there.
func addDivision(divs *[]*Division, dv *Division) {
	if !slices.Contains(*divs, dv) {
		*divs = append(*divs, dv)
	}
}

func (r *Resolver) grow(name string) {
	first, _ := utf8.DecodeRuneInString(name)
	n := utf8.RuneCountInString(name)
	ls := r.lengths[first]
	for _, l := range ls {
		if l == n {
			return
		}
	}
	ls = append(ls, n)
	sort.Sort(sort.Reverse(sort.IntSlice(ls)))
	r.lengths[first] = ls
}

// hit is one name found in a text.
type hit struct {
	name  string
	divs  []*Division // divisions carrying the name
	towns []Town      // or towns carrying it
}

// scan finds names in text, leftmost-longest, so 伊宁县 is not also read as 宁县.
// Only the lengths of names that start with the rune at hand are tried, and
// candidates are slices of the text, so a scan allocates little.
func (r *Resolver) scan(text string) []hit {
	s := CleanText(text)
	offs := make([]int, 0, len(s)/3+1) // byte offset of every rune, and the end
	for i := range s {
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	runes := len(offs) - 1
	var hits []hit
	for i := 0; i < runes; {
		first, _ := utf8.DecodeRuneInString(s[offs[i]:])
		found := 0
		for _, n := range r.lengths[first] {
			if i+n > runes {
				continue
			}
			if h, ok := r.lookup(s[:offs[i]], s[offs[i]:offs[i+n]], s[offs[i+n]:]); ok {
				hits = append(hits, h)
				found = n
				break
			}
		}
		if found == 0 {
			i++
		} else {
			i += found
		}
	}
	return hits
}

// lookup tries one candidate substring; before and rest are the text
// before and after it.
func (r *Resolver) lookup(before, s, rest string) (hit, bool) {
	n := r.names[s]
	switch {
	case n == nil:
		return hit{}, false
	case n.divs != nil && !genericNames[s] && (utf8.RuneCountInString(s) > 2 || standsAlone(before, rest, n.divs)):
		return hit{name: s, divs: n.divs}, true
	case n.short != nil && (utf8.RuneCountInString(s) >= 3 || followedByOrgan(rest)):
		return hit{name: s, divs: n.short}, true
	case n.towns != nil:
		return hit{name: s, towns: n.towns}, true
	}
	return hit{}, false
}

// standsAlone tells whether a two-character county name inside a text is
// used as one, not the tail of a word around it: 办理县长信箱 holds 理县,
// 示范县 范县, 省、市和县 和县, 完成县政府交办 成县, none of them meant. It
// is used as a name where a word cannot run into it (the text's start,
// punctuation, a digit, 年, 度, 于, 共, 由: 2023年理县, 关于理县, 中共理县,
// 由和县), where its prefecture or province comes right before it
// (阿坝州理县), or where one of its organs follows (理县人民政府, 县委, 人大,
// 政协; not the bare 政府 of 完成县政府交办); never before 长, 级, 域 or 场
// (县长, 区级, 县域, 市场).
func standsAlone(before, rest string, divs []*Division) bool {
	if next, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("长级域场", next) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(before)
	if before == "" || !unicode.Is(unicode.Han, prev) || strings.ContainsRune("年度于共由", prev) {
		return true
	}
	if startsWithAny(rest, countyOrgans) {
		return true
	}
	for _, d := range divs {
		for _, p := range []*Division{d.Prefecture, d.Province} {
			if p == nil || p == d {
				continue
			}
			if strings.HasSuffix(before, p.Name) {
				return true
			}
			if short := shortName(p.Name); short != "" {
				for _, suf := range []string{"", "州", "市", "盟", "地区", "省"} {
					if strings.HasSuffix(before, short+suf) {
						return true
					}
				}
			}
		}
	}
	return false
}

// followedByOrgan tells whether a short name is used as a place: 伊宁人民政府,
// or a zone of it (武汉经济技术开发区).
func followedByOrgan(s string) bool {
	return startsWithAny(s, placeOrgans)
}

var (
	// countyOrgans may follow a county's name (standsAlone).
	countyOrgans = []string{"人民政府", "县委", "区委", "市委", "旗委", "人大", "政协"}
	// placeOrgans may follow a short name (followedByOrgan).
	placeOrgans = []string{"人民政府", "政府", "县委", "区委", "市委", "经济技术开发区", "经济开发区", "高新技术产业开发区", "高新区"}
)

// startsWithAny reports whether s starts with one of the words.
func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// wholeField matches a field that is just a name, possibly with an agency
// suffix: 伊宁县人民政府 → 伊宁县; 伊宁 → 伊宁县 or 伊宁市 (ambiguous).
func (r *Resolver) wholeField(s string) []hit {
	s = stripAgency(CleanText(s))
	switch n := r.names[s]; {
	case n == nil:
		return nil
	case n.divs != nil:
		return []hit{{name: s, divs: n.divs}}
	case n.short != nil:
		return []hit{{name: s, divs: n.short}}
	}
	return nil
}

// Resolve decides the division from the evidence.
func (r *Resolver) Resolve(ev Evidence) Resolution {
	key := ev.SiteCode + "\x00" + ev.Jurisdiction + "\x00" + ev.Agency
	if v, ok := r.cache.Load(key); ok && !r.noCache {
		return v.(Resolution)
	}
	type source struct{ via, text string }
	sources := []source{{"jurisdiction", ev.Jurisdiction}, {"agency", ev.Agency}, {"title", ev.Title}, {"body", ev.Body}}
	site := r.d.ByCode[strings.TrimSpace(ev.SiteCode)]

	// Every division named anywhere qualifies an ambiguous name: 盐城市亭湖区,
	// or a body that says 临沧市 under a title that says 云县. The body, the
	// longest text, is scanned only when the other sources do not decide.
	all := make([][]hit, len(sources))
	scanned := 0
	scanTo := func(n int) {
		for ; scanned < n; scanned++ {
			t := sources[scanned].text
			if hs := r.wholeField(t); hs != nil {
				all[scanned] = hs
			} else if t != "" {
				all[scanned] = r.scan(t)
			}
		}
	}
	scanTo(len(sources) - 1)
	for i, s := range sources {
		scanTo(i + 1)
		if len(all[i]) == 0 {
			continue
		}
		res := r.decide(all[i], namedPlaces(all, site))
		if res.Division == nil && res.Warning != "" && scanned < len(sources) {
			scanTo(len(sources)) // the body may name the parent that tells which
			res = r.decide(all[i], namedPlaces(all, site))
		}
		res.Via = s.via
		if res.Division == nil && res.Warning == "" {
			continue
		}
		final := r.withSite(res, site)
		// Cache only what the field decides without any other text's help.
		if i <= 1 && res.Division != nil && r.decide(all[i], nil).Division == res.Division && r.cacheSize.Load() < cacheLimit {
			r.cache.Store(key, final)
			r.cacheSize.Add(1)
		}
		return final
	}
	if site != nil {
		return Resolution{Division: site, Via: "site"}
	}
	return Resolution{Warning: "no division named in jurisdiction, agency, title or body"}
}

// withSite checks a text resolution against the crawl context: a division
// inside the site's area refines it; one outside it loses to the site.
func (r *Resolver) withSite(res Resolution, site *Division) Resolution {
	if site == nil {
		return res
	}
	if res.Division == nil {
		return Resolution{Division: site, Via: "site", Warning: res.Warning + "; used the site's code"}
	}
	if within(res.Division, site) {
		return res
	}
	return Resolution{Division: site, Via: "site", Warning: fmt.Sprintf("text names %s (%s) but the report came from the site of %s (%s); kept the site's", res.Division.FullName(), res.Division.Code, site.FullName(), site.Code)}
}

// within tells whether d is a or lies inside a.
func within(d, a *Division) bool {
	return d == a || d.Prefecture == a || d.Province == a
}

// namedPlaces collects every division named in any source, plus the site.
func namedPlaces(all [][]hit, site *Division) map[*Division]bool {
	ctx := map[*Division]bool{}
	for _, hs := range all {
		for _, h := range hs {
			// Only unique names qualify: an ambiguous one says nothing yet.
			if len(h.divs) == 1 {
				ctx[h.divs[0]] = true
			}
		}
	}
	if site != nil {
		ctx[site] = true
	}
	return ctx
}

// decide picks the most specific division among one source's hits.
func (r *Resolver) decide(hits []hit, ctx map[*Division]bool) Resolution {
	for i, h := range hits {
		// Nested namesakes (嘉峪关市 the prefecture and its one county) are
		// one place: the outer one.
		if top := outermost(h.divs); len(h.divs) > 1 && top != nil {
			hits[i].divs = []*Division{top}
		}
	}
	var firstWarn string
	for _, level := range []string{"county", "town", "prefecture", "province"} {
		for _, h := range hits {
			var cands []*Division
			if level == "town" {
				cands = r.townCounties(h.towns)
			} else {
				for _, d := range h.divs {
					if d.Level == level {
						cands = append(cands, d)
					}
				}
			}
			if len(cands) == 0 {
				continue
			}
			d, warn := pick(h.name, cands, ctx)
			if d != nil {
				return Resolution{Division: d}
			}
			if firstWarn == "" {
				firstWarn = warn
			}
		}
		if firstWarn != "" {
			// A more specific name was found but is ambiguous: never fall back
			// to a coarser name from the same text, and never guess.
			return Resolution{Warning: firstWarn}
		}
	}
	return Resolution{}
}

// townCounties maps towns to their county divisions, once each.
func (r *Resolver) townCounties(ts []Town) []*Division {
	var out []*Division
	seen := map[*Division]bool{}
	for _, t := range ts {
		if d := r.d.ByCode[t.County]; d != nil && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// pick returns the one candidate the context allows, or a warning.
func pick(name string, cands []*Division, ctx map[*Division]bool) (*Division, string) {
	if len(cands) == 1 {
		return cands[0], ""
	}
	var q []*Division
	for _, c := range cands {
		if ctx[c] || (c.Prefecture != nil && c.Prefecture != c && ctx[c.Prefecture]) || (c.Province != nil && c.Province != c && ctx[c.Province]) {
			q = append(q, c)
		}
	}
	if len(q) == 1 {
		return q[0], ""
	}
	if len(q) > 1 {
		cands = q
	}
	var names []string
	for _, c := range cands {
		names = append(names, c.Code+" "+c.FullName())
	}
	sort.Strings(names)
	if len(names) > 6 {
		names = append(names[:6], fmt.Sprintf("… %d in all", len(cands)))
	}
	return nil, fmt.Sprintf("%s is ambiguous (%s) and no province or prefecture named with it tells which", name, strings.Join(names, ", "))
}

// outermost returns the candidate that contains all others, if any.
func outermost(cands []*Division) *Division {
	for _, top := range cands {
		ok := true
		for _, c := range cands {
			if !within(c, top) {
				ok = false
				break
			}
		}
		if ok {
			return top
		}
	}
	return nil
}
