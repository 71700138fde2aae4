package parse

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// identity is who published a report, for which year and when.
type identity struct {
	title, jurisdiction, agency string
	year                        int
	published                   string
	warnings                    []string
}

// findIdentity reads the identity from the document's text lines. Every
// field comes from what the text itself says: page chrome, mirror spam and
// the crawl context are not trusted (NOTES D.26, D.34).
func findIdentity(lines []string) identity {
	head, _ := prepText(lines, nil)
	return identify(head)
}

// identify reads the identity from the prepared head of a document.
func identify(ls []line) identity {
	ls = withoutNavLines(ls)
	ls, rewrites := hanDates(ls)
	spam := make([]bool, len(ls))
	for i, l := range ls {
		spam[i] = spamWords.any(l)
	}
	titles, yearLines := ownTitles(ls, spam)
	var id identity
	best, hasTitle := bestTitle(titles)
	if hasTitle {
		id.title = restoreHan(best.text, ls, rewrites)
	}
	id.jurisdiction, id.warnings = findJurisdiction(ls, spam, titles)
	id.agency, id.published = findMeta(ls, titleEnds(ls, titles))
	var w []string
	id.year, w = findYear(yearLines, titles, best, hasTitle)
	id.warnings = append(id.warnings, w...)
	return id
}

// ownTitles returns the titles of the report itself: findTitles' titles
// but those of a list of other reports (markLists), and the lines the year
// is read from, the list's lines left out (a sidebar's years are no
// mentions of the report's). The last title of a list is the report's own
// only when the report's body follows it straight on and the body's own
// evidence, its year and the body it names, agrees with it: a sidebar
// just above a page's title looks like one, and so does a list above a
// report whose title the page lost.
func ownTitles(ls []line, spam []bool) (own []titleHit, yearLines []line) {
	all := findTitles(ls, spam)
	guess := markLists(ls, all)
	if guess < 0 && !slices.ContainsFunc(all, func(h titleHit) bool { return h.listed }) {
		return all, ls // no list: the common case, nothing copied
	}
	yearLines = slices.Clone(ls)
	for _, h := range all {
		if !h.listed {
			own = append(own, h)
			continue
		}
		for i := h.at; i < h.next; i++ {
			yearLines[i] = line{}
		}
	}
	if guess < 0 || slices.ContainsFunc(own, func(h titleHit) bool { return h.kind == titleLine }) {
		return own, yearLines
	}
	g := all[guess]
	best, hasTitle := bestTitle(own)
	year, _ := findYear(yearLines, own, best, hasTitle)
	if (year == 0 || year == g.year) && !otherBody(g.name, ls, spam, own) {
		g.listed = false
		i, _ := slices.BinarySearchFunc(own, g.at, func(h titleHit, at int) int { return h.at - at })
		own = slices.Insert(own, i, g)
	}
	return own, yearLines
}

// otherBody tells whether the text names other bodies than name and never
// name's own: proper names, or generic ones (区统计局) of another kind of
// body than name's (a generic 县政府办公室 may be any county's).
func otherBody(name string, ls []line, spam []bool, titles []titleHit) bool {
	if name == "" || generic(name) {
		return false
	}
	cands, above := jurisdictionNames(ls, spam, titles)
	other := false
	for _, c := range append(cands[:], above) {
		for _, n := range c {
			switch {
			case sameBody(n, name):
				return false
			case !generic(n):
				other = true
			case !strings.HasSuffix(name, strings.TrimPrefix(n, genericRe.FindString(n))):
				other = true // "区统计局" is no "某市财政局", whichever district it is
			}
		}
	}
	return other
}

// listHeadings start the short lines that head a list of links: a
// sidebar's 相关文章, 最新文章, 往期回顾, 历年年报.
var listHeadings = []string{"相关", "推荐", "热点", "热门", "最新", "往期", "历年", "延伸阅读", "猜你喜欢", "更多", "其他", "友情链接"}

// listHeading tells whether a line heads a list of links (listHeadings).
func listHeading(s string) bool {
	s = strings.Trim(s, " |:>")
	if utf8.RuneCountInString(s) > 8 {
		return false
	}
	return hasAnyPrefix(s, listHeadings)
}

// markLists marks the titles that are items of a list of reports (a
// sidebar, 相关文章, a column's other years): the printed titles of a run
// on consecutive lines that names more than one report (otherReport), or
// of a run under a list's heading. A page's <title> line and its heading
// name one report twice: no list. It returns the list's title that may be
// the report's own (the last of a run that the report's metadata or body
// follows straight on, see opensReport), or -1.
func markLists(ls []line, hits []titleHit) (guess int) {
	guess = -1
	for i := 0; i < len(hits); {
		if hits[i].kind != titleLine {
			i++
			continue
		}
		j, distinct := i+1, false
		for j < len(hits) && hits[j].kind == titleLine && hits[j].at == hits[j-1].next {
			distinct = distinct || otherReport(hits[j], hits[j-1])
			j++
		}
		if distinct || hits[i].at > 0 && listHeading(ls[hits[i].at-1].s) {
			for k := i; k < j; k++ {
				hits[k].listed = true
			}
			next := hits[j-1].next
			for next < len(ls) && strings.Trim(ls[next].s, " |") == "" {
				next++ // a table's empty row
			}
			if guess < 0 && next < len(ls) && opensReport(ls[next].s) {
				guess = j - 1
			}
		}
		i = j
	}
	return guess
}

// otherReport tells whether two titles name different reports: another
// year's or another body's. A title that names nobody (a page's <title>
// 2022年政府信息公开工作年度报告) may be any body's.
func otherReport(a, b titleHit) bool {
	return a.year != b.year || a.name != "" && b.name != "" && !sameBody(a.name, b.name)
}

// metaStarts start the metadata lines under a report's title.
var metaStarts = append([]string{"信息来源", "来自", "成文", "发文", "索引号", "文号"}, labelWords...)

// opensReport tells whether a line is one that follows a report's title:
// its metadata (发布时间:…, 2024-01-26 伊宁县人民政府办公室), its first
// part (一、总体情况) or a sentence of its preamble, not a link of a list
// or the page's footer (主办单位:…).
func opensReport(s string) bool {
	s = strings.TrimLeft(s, " |")
	switch {
	case strings.HasPrefix(s, "一") && bodyStartRe.MatchString(s):
		return true
	case len(s) >= 4 && isDigits(s[:4]) && dateLineRe.MatchString(s):
		return true
	case containsAny(s, []string{"。", ","}) && utf8.RuneCountInString(s) >= 15:
		return true
	}
	return hasAnyPrefix(s, metaStarts)
}

// titleEnds marks the last line of each printed title: a bare date under
// it is the report's (scanMeta).
func titleEnds(ls []line, titles []titleHit) []bool {
	ends := make([]bool, len(ls))
	for _, h := range titles {
		if h.kind == titleLine && h.next > 0 && h.next <= len(ls) {
			ends[h.next-1] = true
		}
	}
	return ends
}

// navWords start the lines that link to the pages before and after this
// one (上一篇：某县2022年…报告 发布时间：2023-01-28): another report's title
// and date.
var navWords = []string{"上一篇", "下一篇", "上一条", "下一条", "上篇", "下篇"}

// withoutNavLines returns ls without its navigation lines (navWords); ls
// itself when it has none.
func withoutNavLines(ls []line) []line {
	nav := func(l line) bool { return hasAnyPrefix(l.s, navWords) }
	if !slices.ContainsFunc(ls, nav) {
		return ls
	}
	return slices.DeleteFunc(slices.Clone(ls), nav)
}

// ---------------------------------------------------------------------------
// Lines

// The identity stands in a report's head: title, metadata, the preamble and
// 一、总体情况. Reading only the first identityLines lines, each cut to
// identityLineBytes, keeps the many patterns above off the statistics and
// off whole reports glued into one line, which is most of the parse time
// otherwise.
const (
	identityLines     = 80
	identityLineBytes = 4096
)

// identityHead returns the first identityLines lines of a folded text,
// each cut to identityLineBytes: views into the same folded text, never
// folded again.
func identityHead(all []line) []line {
	head := all[:min(len(all), identityLines):min(len(all), identityLines)]
	copied := false
	for i, l := range head {
		if len(l.s) <= identityLineBytes {
			continue
		}
		if !copied {
			head, copied = slices.Clone(head), true
		}
		cut := identityLineBytes
		for cut > 0 && !utf8.RuneStart(l.s[cut]) {
			cut--
		}
		head[i] = l.sub(0, cut)
	}
	return head
}

var (
	// markupRe detects raw HTML handed over as text (a page saved as .txt,
	// NOTES A.4 / file 042); such lines are re-read as plain text.
	markupRe   = regexp.MustCompile(`(?i)<(?:p|span|div|td|tr|br|table|font|strong)[\s>/]`)
	blockEndRe = regexp.MustCompile(`(?i)<br\s*/?>|</(?:p|div|tr|li|h[1-6]|table|title)>`)
	cellEndRe  = regexp.MustCompile(`(?i)</t[dh]>`)
	anyTagRe   = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)
)

// prepText folds a document's lines once into the one view that identity
// and prose both read: markup removed (raw HTML handed over as text; tags
// may span lines, so the lines are rejoined first), NBSP turned into
// spaces, and every line simplified and width-folded, so that the patterns
// below are written once, in simplified characters and ASCII punctuation
// (，：（ become , : (). all is every line; head is its start, as
// identityHead cuts it, for identify.
func prepText(raw []string, sc *scratch) (head, all []line) {
	if hasMarkup(raw) {
		raw = stripMarkup(raw)
	}
	all = foldLines(raw, sc)
	return identityHead(all), all
}

// stripMarkup turns raw HTML lines into text lines: a line per block, " | "
// between table cells, no tags, entities decoded.
func stripMarkup(lines []string) []string {
	s := strings.Join(lines, "\n")
	s = blockEndRe.ReplaceAllString(s, "\n")
	s = cellEndRe.ReplaceAllString(s, " | ")
	s = anyTagRe.ReplaceAllString(s, "")
	return strings.Split(html.UnescapeString(s), "\n")
}

// hasMarkup reports whether markupRe matches a line; a line without '<'
// is passed over without running the pattern at all.
func hasMarkup(lines []string) bool {
	for _, l := range lines {
		if strings.IndexByte(l, '<') >= 0 && markupRe.MatchString(l) {
			return true
		}
	}
	return false
}

// spamWords mark lines written by spam/SEO mirrors (NOTES D.26): nothing
// on them names the issuing body.
var spamWords = newWordSet(true, "beat365", "vwin", "德赢", "手机版", "app下载", "菠萝视频", "娱乐城", "博彩", "彩票", "棋牌", "澳门", "威尼斯人", "葡京", "亚博", "开云")

// ---------------------------------------------------------------------------
// Titles

const (
	titleLine      = iota // a line that is the title (or a 标题: metadata line)
	titleStatement        // a title named in a sentence: 现公布《X2023年…报告》
)

type titleHit struct {
	text, name string
	year, kind int
	// above: the name is the line above a title that names nobody
	// (findTitles), weaker than a name in the title itself.
	above bool
	// at and next: the title's first line and the line after it.
	at, next int
	// listed: the title is an item of a list of reports (a sidebar, 相关文章):
	// another report's title, see markLists.
	listed bool
}

var (
	// A title ends in 报告/年报, speaks of 信息公开/政务公开 and carries a
	// year; this covers …年度政府信息公开工作报告, …政府信息公开工作年度报告,
	// 关于…年度政府信息公开情况的报告, …政务信息公开工作开展年度报告,
	// …政府信息公开年报, …信息公开报告 and 伊宁县政府信息公开工作2023年度报告.
	// The end is tested with isTitleEnd and the year with yearMark; the
	// words are plain strings, as a regexp costs a microsecond a title.
	titleWords = []string{"信息公开", "政务公开"}
	// Text that a title never holds: sentence punctuation, quotation
	// marks (a line citing 《…报告》 is a sentence), breadcrumbs (>).
	notTitleChars = ",。;:>《》!?"
	notTitleWords = []string{"根据", "如下", "以下简称", "当前位置", "所在位置"}
	// The name part of a title ends where the year, 关于 or the
	// 政府信息公开… tail starts ("伊宁县政府信息公开工作2023年度报告" → 伊宁县);
	// see nameEnd.
	nameEndWords = []string{"关于", "政府信息公开", "政务信息公开", "信息公开", "政务公开"}
	// Metadata title lines: "标题: …", "标   题 …", "标题 : | … |".
	metaTitleRe = regexp.MustCompile(`^标\s*题\s*:?\s*\|?`)
	// A sentence that publishes the report: 现公布X2023年…报告,
	// 现向社会公布…, 现将X…报告向社会公布, 现发布《X…报告》.
	statementRe = newSparse(`现(?:向社会|予以)?(?:公布|发布|将|公开|印发)《?([^《》。;,:]{2,60}?(?:报告|年报))`, newWordSet(false, "现").starts)
)

func isTitleEnd(s string) bool {
	return strings.HasSuffix(s, "报告") || strings.HasSuffix(s, "年报")
}

// endsAsTitle reports whether s ends in 报告 or 年报 once its spaces are
// removed, as the title parseTitle makes of it must: a test of the last
// runes, before the clean-up that copies the whole line.
func endsAsTitle(s string) bool {
	var last [2]rune
	for n := 0; n < 2 && s != ""; {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		if !unicode.IsSpace(r) {
			last[1-n] = r
			n++
		}
	}
	return last == [2]rune{'报', '告'} || last == [2]rune{'年', '报'}
}

// yearMark returns where the first "YYYY年" (`\d{4} {0,2}年`: docx text
// and some editors print "2025 年") in s starts, or -1.
func yearMark(s string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "年")
		if j < 0 {
			return -1
		}
		j += i
		if d := yearDigitsBefore(s, j); d >= 0 {
			return d
		}
		i = j + len("年")
	}
}

// yearDigitsBefore returns where four digits start that stand before s[j:]
// with at most two spaces between, or -1.
func yearDigitsBefore(s string, j int) int {
	for k := 0; k <= 2 && j >= 4; k++ {
		if isDigits(s[j-4 : j]) {
			return j - 4
		}
		if s[j-1] != ' ' {
			break
		}
		j--
	}
	return -1
}

// spacedYearStarts is sentenceYearStarts for "YYYY年" with up to two
// spaces before 年: 0 or the sentence end before each year.
func spacedYearStarts(l line, ps []int) []int {
	s := l.s
	for _, m := range l.marks {
		if m.bit != nianBit {
			continue
		}
		d := yearDigitsBefore(s, int(m.at))
		switch {
		case d < 0:
		case d == 0:
			ps = append(ps, 0)
		default:
			if r, size := utf8.DecodeLastRuneInString(s[:d]); endsSentence(r) {
				ps = append(ps, d-size)
			}
		}
	}
	return ps
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// nameEnd returns where the first of a year (`\d{4}年`) and nameEndWords
// starts in s, or -1.
func nameEnd(s string) int {
	end := yearMark(s)
	for _, w := range nameEndWords {
		if i := strings.Index(s, w); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	return end
}

// parseTitle reads one candidate string as a report title. The cheap
// tests come first: most candidates are sentences that do not end in 报告.
func parseTitle(s string, kind int) (titleHit, bool) {
	s = strings.Trim(s, " |")
	if !endsAsTitle(s) {
		return titleHit{}, false
	}
	if strings.HasPrefix(s, "标") { // metaTitleRe starts with 标
		s = strings.Trim(metaTitleRe.ReplaceAllString(s, ""), " |")
	}
	// docx text puts spaces inside titles ("2021 年政府信息 公开…", D.31).
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		s = strings.Join(strings.Fields(s), "")
	}
	if !isTitleEnd(s) || utf8.RuneCountInString(s) > 60 || !containsAny(s, titleWords) ||
		strings.ContainsAny(s, notTitleChars) || containsAny(s, notTitleWords) {
		return titleHit{}, false
	}
	y := yearMark(s)
	if y < 0 {
		return titleHit{}, false
	}
	h := titleHit{text: s, kind: kind, year: plausibleYear(s[y : y+4])}
	if h.year == 0 {
		return titleHit{}, false
	}
	if end := nameEnd(s); end >= 0 {
		h.name = s[:end]
	}
	if h.name != "" && !acceptableName(h.name) {
		return titleHit{}, false
	}
	return h, true
}

// pageTitleSeps part a page's <title> from the site's name: "X报告_某县人民政府",
// "X报告 - 某县人民政府网", "某县人民政府 | X报告".
var pageTitleSeps = []string{"_", " - ", "|", "—", "--", "-"}

// parseTitleLine reads a line as a title, or else the one part of it that
// is a title when the line is a page's <title> joining it to the site's
// name.
func parseTitleLine(s string) (titleHit, bool) {
	if h, ok := parseTitle(s, titleLine); ok {
		return h, true
	}
	if !strings.Contains(s, "报告") && !strings.Contains(s, "年报") || !containsAny(s, titleWords) {
		return titleHit{}, false // no part of it can be a title
	}
	for _, sep := range pageTitleSeps {
		if !strings.Contains(s, sep) {
			continue
		}
		for _, part := range strings.Split(s, sep) {
			if h, ok := parseTitle(part, titleLine); ok {
				return h, true
			}
		}
	}
	return titleHit{}, false
}

// findTitles lists every title the text shows, in document order: title
// lines, titles split over two lines, and titles named in a sentence. Only
// a line holding 报 (报告, 年报) and a year can be a title (kTitle).
func findTitles(ls []line, spam []bool) []titleHit {
	var hits []titleHit
	for i, l := range ls {
		if spam[i] {
			continue
		}
		h, ok := titleHit{}, false
		if l.has(kTitle) {
			h, ok = parseTitleLine(l.s)
		}
		if ok {
			// "故城县教育局" + "2020年政府信息公开工作年度报告"
			h.at, h.next = i, i+1
			if h.name == "" && i > 0 && acceptableName(ls[i-1].s) && namesABody(ls[i-1].s) {
				if h2, ok := parseTitle(ls[i-1].s+l.s, titleLine); ok {
					h = h2
					h.above = true
					h.at, h.next = i-1, i+1
				}
			}
			hits = append(hits, h)
		} else if i+1 < len(ls) && l.has(kYear) && (l.has(kBao) || ls[i+1].has(kBao)) &&
			yearMark(l.s) >= 0 && yearMark(ls[i+1].s) < 0 {
			// "西藏自治区审计厅2025年政务信息" + "公开工作开展年度报告"
			if h, ok := parseTitle(l.s+ls[i+1].s, titleLine); ok {
				h.at, h.next = i, i+2
				hits = append(hits, h)
			}
		}
		for _, m := range statementRe.findAll(l) {
			if h, ok := parseTitle(m[1], titleStatement); ok && h.name != "" {
				h.at, h.next = i, i+1
				hits = append(hits, h)
			}
		}
	}
	return hits
}

// bestTitle prefers a printed title that names its body, then any printed
// title, then a title named in a sentence.
func bestTitle(hits []titleHit) (titleHit, bool) {
	for _, pass := range []func(titleHit) bool{
		func(h titleHit) bool { return h.kind == titleLine && h.name != "" },
		func(h titleHit) bool { return h.kind == titleLine },
		func(h titleHit) bool { return true },
	} {
		for _, h := range hits {
			if pass(h) {
				return h, true
			}
		}
	}
	return titleHit{}, false
}

// ---------------------------------------------------------------------------
// Jurisdiction

var (
	// A name may not start with a self-reference (我局, 本机关, 全县 …) or
	// a word that starts a clause (在…, 对…), nor be a party body (县委县政府,
	// X党…): see acceptableName.
	badNameStarts = []string{"我", "本", "该", "全", "各", "今", "在", "对", "经", "由", "度", "共", "从", "自", "于", "根据", "按照"}
	partyLevels   = "县市区镇乡旗省州" // X委
	// Name endings of issuing bodies, longest first.
	bodySuffixes = `人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|政府办|街道办事处|办事处|管理委员会|管委会|委员会|政府|局|厅|委|办|县|市|区|旗|镇|乡|街道|苏木|中心|院`
	// Words that start the predicate after a subject: "2023年,伊宁县人民政府以…",
	// "2021年,正阳镇在县委…", "2022年,市统计局政府信息公开工作…".
	predicateStarts = `在|以|认真|严格|坚持|紧密|紧紧|紧扣|深入|按照|围绕|高度|全面|持续|积极|不断|进一步|政府信息|政务|共|主动|切实|始终|结合|聚焦|立足|根据|依据|依托|通过|把|将|对|着力|扎实|大力|继续|贯彻|牢固|充分|完善|加强|强化|秉承|秉持|致力|全力|及时|依法|进行|开展|未|无|收到|受理|办理`
	// subjectRe finds "YYYY年,X<predicate>" at the start of a sentence:
	// the body the report speaks for, as the body text names it.
	subjectRe = newSparse(opensSentence+`\d{4}年度?,?(\p{Han}{1,24}?(?:`+bodySuffixes+`))(?:`+predicateStarts+`)`, sentenceYearStarts)
)

// acceptableName reports whether s may be a body's name: two to thirty Han
// characters and parentheses, starting with a Han one (^\p{Han}[\p{Han}()]{1,29}$),
// and none of the bad names above. Written out, as it runs on every
// candidate and a regexp costs a microsecond there.
func acceptableName(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && (n == 0 || r != '(' && r != ')') {
			return false
		}
		n++
	}
	if n < 2 || n > 30 || strings.Contains(s, "党") {
		return false
	}
	for _, w := range badNameStarts {
		if strings.HasPrefix(s, w) {
			return false
		}
	}
	for i := 0; ; {
		j := strings.Index(s[i:], "委")
		if j < 0 {
			return true
		}
		j += i
		if r, _ := utf8.DecodeLastRuneInString(s[:j]); strings.ContainsRune(partyLevels, r) {
			return false
		}
		i = j + len("委")
	}
}

// genericRe: names that start with the bare level (县政府办, 区统计局,
// 市统计局, 实验区管委会) are relative references: the body text may spell
// them out (府谷县人民政府办公室), and they never conflict with a proper name.
var genericRe = regexp.MustCompile(`^(?:省|县|市|区|镇|乡|旗|州|盟|街道|苏木|实验区|新区|开发区|高新区|自治区|自治州|自治县)`)

func generic(name string) bool { return genericRe.MatchString(name) }

// shortFor reports whether a names the same body as b in fewer words: a
// generic name whose characters b contains in order (县政府办 →
// 府谷县人民政府办公室), or a name that b prefixes with higher-level places
// and/or follows with 人民政府 (正阳镇 → 平利县正阳镇, 伊宁县 →
// 伊宁县人民政府, 兴庆区 → 银川市兴庆区人民政府). 重庆市 is not short for
// 重庆市人民政府办公厅: that is another body.
func shortFor(a, b string) bool {
	if a == b {
		return true
	}
	if generic(a) {
		return subsequence(a, b)
	}
	return strings.HasSuffix(strings.TrimSuffix(b, "人民政府"), strings.TrimSuffix(a, "人民政府"))
}

func subsequence(a, b string) bool {
	for _, r := range a {
		i := strings.IndexRune(b, r)
		if i < 0 {
			return false
		}
		b = b[i+utf8.RuneLen(r):]
	}
	return true
}

// findJurisdiction names the body that issues the report. The first
// source that names one leads: the title, else a sentence publishing the
// report, else the subject of a "YYYY年,X…" sentence; then the longest
// name for the same body from any source wins (the seed's title 伊宁县… but
// body 伊宁县人民政府…). Proper names for other bodies are reported as
// warnings, never taken (NOTES B.27: title 贺兰县, body 灵武市).
func findJurisdiction(ls []line, spam []bool, titles []titleHit) (string, []string) {
	cands, above := jurisdictionNames(ls, spam, titles)
	// The line above a title that names nobody may be the publisher
	// (故城县教育局) or the site's chrome (its portal's name): it leads
	// unless the text names another body.
	var aboveWarning []string
	if len(above) > 0 {
		other := ""
		for _, c := range cands {
			for _, n := range c {
				// A place the office belongs to (故城县 for 故城县教育局)
				// is no other body.
				if other == "" && !generic(n) && !sameBody(above[0], n) && !strings.HasPrefix(above[0], n) {
					other = n
				}
			}
		}
		if other == "" {
			cands[0] = append(above, cands[0]...)
		} else {
			aboveWarning = []string{fmt.Sprintf("jurisdiction: the line above the title says %s, the text names %s; took the text's", above[0], other)}
		}
	}
	lead := ""
	for _, c := range cands {
		if len(c) > 0 {
			lead = c[0]
			break
		}
	}
	if lead == "" {
		return "", nil
	}
	best := lead
	var others []string
	seen := map[string]bool{}
	for _, c := range cands {
		for _, n := range c {
			switch {
			case shortFor(best, n):
				if len(n) > len(best) {
					best = n
				}
			case shortFor(n, best):
			case !generic(n) && !generic(best) && !seen[n]:
				seen[n] = true
				others = append(others, n)
			}
		}
	}
	warnings := aboveWarning
	for _, n := range others {
		if !sameBody(n, best) {
			warnings = append(warnings, fmt.Sprintf("jurisdiction: the text names %s but also %s; took %s", best, n, best))
		}
	}
	return best, warnings
}

// jurisdictionNames lists the names the text gives its body, by source
// (title line, statement, subject of a "YYYY年,X…" sentence), and apart
// the names on the line above a title that names nobody.
func jurisdictionNames(ls []line, spam []bool, titles []titleHit) (cands [3][]string, above []string) {
	for _, h := range titles {
		switch {
		case h.name == "":
		case h.above:
			above = append(above, h.name)
		default:
			cands[h.kind] = append(cands[h.kind], h.name)
		}
	}
	own := ownLevels(ls)
	for i, l := range ls {
		if spam[i] {
			continue
		}
		for _, m := range subjectRe.findAll(l) {
			if acceptableName(m[1]) && !aboveOwnLevel(m[1], own) {
				cands[2] = append(cands[2], m[1])
			}
		}
	}
	return cands, above
}

// ownLevels returns the levels a text calls its own ("我县", "我镇": 县, 镇).
func ownLevels(ls []line) string {
	var own []rune
	for _, l := range ls {
		for s := l.s; ; {
			i := strings.Index(s, "我")
			if i < 0 {
				break
			}
			s = s[i+len("我"):]
			if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(placeLevels, r) && !slices.Contains(own, r) {
				own = append(own, r)
			}
		}
	}
	return string(own)
}

// placeLevels are the levels a text may call its own.
const placeLevels = "省市县区旗镇乡街"

// aboveOwnLevel tells whether a generic name (省政府办公厅, 市政府办公室) is
// of a level above the one the text calls its own: "2023年,市政府办公室在全市
// 考核中对我县…" speaks of another body, not the publisher.
func aboveOwnLevel(name, own string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	if own == "" || !generic(name) || strings.ContainsRune(own, r) {
		return false
	}
	rank := func(r rune) int { return strings.IndexRune("省市", r) }
	if rank(r) < 0 {
		return false
	}
	for _, o := range own {
		if rank(o) < 0 || rank(o) > rank(r) {
			return true // 县, 镇 … or 市 below 省
		}
	}
	return false
}

// sameBody tells whether two names are one body's: one the other's short
// form (shortFor), or the other with its government's word after it
// (云栖街道, 云栖街道办事处; 某镇, 某镇人民政府), not a sub-office
// (重庆市人民政府办公厅 is not 重庆市).
func sameBody(a, b string) bool {
	if shortFor(a, b) || shortFor(b, a) {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	switch strings.TrimPrefix(a, b) {
	case "办事处", "人民政府", "政府":
		return true
	}
	return false
}

// namesABody tells whether a line ends as the name of a place or an office
// does (故城县教育局, 某镇人民政府, 青岚县档案馆: bodySuffixes and
// officeEnds), not as a site's column or link does (通知公告, 年度报告,
// 政务公开).
func namesABody(s string) bool {
	if strings.HasSuffix(s, "网站") || strings.HasSuffix(s, "门户") || strings.HasSuffix(s, "网") {
		return false // 某区人民政府门户网站: the site, not its publisher
	}
	for _, suf := range bodySuffixList {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(officeEnds, r)
}

var bodySuffixList = strings.Split(bodySuffixes, "|")

// officeEnds are the last characters of offices bodySuffixes does not list:
// 档案馆, 研究所, 监测站, 大队, 管理处, 联合会, 税务署, 报社, 工作组, 武装部.
const officeEnds = "馆所站队处会署社组部司"

// ---------------------------------------------------------------------------
// Publication date and publishing office

var (
	dateRe = `(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`
	// publishedRe finds a labelled date; the label decides the rank.
	publishLabels = []string{"发布时间", "发布日期", "发布于", "公开日期", "公开时间", "成文日期", "发文日期", "更新时间", "时间", "日期"}
	publishedRe   = newSparse(`(`+strings.Join(publishLabels, "|")+`)[\s:|]*`+dateRe+`日?(\s*(?:起|至|到|—|~))?`, newWordSet(false, publishLabels...).starts)
	publishRank   = map[string]int{"发布时间": 0, "发布日期": 0, "发布于": 0, "公开日期": 0, "公开时间": 0, "时间": 1, "日期": 1, "更新时间": 1, "成文日期": 2, "发文日期": 2}
	// Stamp labels say when a copy of the page was saved, printed or
	// crawled, not when it was published: a saved page carries them beside
	// (or instead of) its own date. stampWords finds them and unstamp
	// takes their 时间/日期 away, so that it is not read as a label of its
	// own and their dates are never taken.
	stampWords, unstamp = func() (*wordSet, *strings.Replacer) {
		var words, pairs []string
		for _, verb := range []string{"保存", "下载", "抓取", "采集", "爬取", "打印", "快照", "访问", "浏览", "截图", "存档", "归档", "导出", "生成", "入库", "网站更新", "网页更新", "系统更新"} {
			for _, label := range []string{"时间", "日期"} { // anchored at 时/日: no scan of lines without them
				words = append(words, verb+label)
				pairs = append(pairs, verb+label, verb)
			}
		}
		return newWordSet(false, words...), strings.NewReplacer(pairs...)
	}()
	// dateLineRe: a date heading a line, optionally followed by the
	// office ("2024-01-26   伊宁县人民政府办公室", the seed).
	dateLineRe   = regexp.MustCompile(`^` + dateRe + `(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+(\p{Han}{2,30}))?$`)
	agencyLabels = []string{"信息来源", "来源", "来自", "发布机构", "发布者", "发布单位", "发布部门", "发文机关"}
	agencyRe     = newSparse(`(`+strings.Join(agencyLabels, "|")+`)[\s:|]*([\p{Han}A-Za-z0-9()]{2,30})`, newWordSet(false, agencyLabels...).starts)
	// Metadata words: a label followed by the next label has no value
	// ("来源: 作者:", "发布机构 发布日期 …", "发布机构 : | 成文日期").
	// (Words, not a pattern: an unanchored alternation of literals is a
	// substring test, which strings.Contains does without the engine.)
	labelWords = []string{"日期", "时间", "作者", "来源", "发布", "浏览", "点击", "字号", "字体", "分享", "打印", "有效", "文号", "索引", "访问", "栏目", "标题", "链接"}
	// A label alone on its line takes its value from the next line
	// ("发布时间:" / "2021-02-02 10:20", file 047).
	labelOnlyRe = regexp.MustCompile(`^(?:发布时间|发布日期|成文日期|时间|日期|信息来源|来源|来自|发布机构|发布者)\s*:?$`)
	// The report body starts at its first numbered part; metadata sits
	// before it.
	bodyStartRe = regexp.MustCompile(`^一\s*[、.]`)
)

// findMeta reads the publishing office and the publication date from the
// page metadata before the report body, falling back to the whole text.
// Dates inside the statistics period ("统计期限自2023年1月1日起至…") have no
// label, or are followed by 起/至, and are never taken.
// A bare date line counts only under one of the report's titles, whose
// last lines titleEnds marks: in a news list it is another item's.
func findMeta(ls []line, titleEnds []bool) (agency, published string) {
	head := len(ls)
	for i, l := range ls {
		if strings.HasPrefix(l.s, "一") && bodyStartRe.MatchString(l.s) {
			head = i
			break
		}
	}
	for _, part := range [][2]int{{0, head}, {head, len(ls)}} {
		a, p := scanMeta(ls[part[0]:part[1]], titleEnds[part[0]:part[1]])
		if agency == "" {
			agency = a
		}
		if published == "" {
			published = p
		}
	}
	return agency, published
}

func scanMeta(ls []line, titleEnds []bool) (agency, published string) {
	rank := 99
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if stampWords.any(l) {
			l = makeLine(unstamp.Replace(l.s))
		}
		// A line that is just a label is short: without its trailing
		// spaces and colon, no longer than the longest label; and it
		// starts as one (most short lines are table cells: "0", "规章").
		if i+1 < len(ls) && len(strings.TrimRight(l.s, " \t\n\f\r:")) <= len("发布时间") && startsLabelOnly(l.s) && labelOnlyRe.MatchString(l.s) {
			l = makeLine(l.s + " " + ls[i+1].s)
		}
		at := 0
		for _, m := range publishedRe.findAll(l) {
			stands := labelStands(l.s, &at, m[0], m[1])
			if d := isoDate(m[2], m[3], m[4]); d != "" && m[5] == "" && stands && publishRank[m[1]] < rank {
				rank, published = publishRank[m[1]], d
			}
		}
		if len(l.s) >= 4 && isDigits(l.s[:4]) { // dateLineRe starts with the year
			if m := dateLineRe.FindStringSubmatch(l.s); m != nil {
				office := m[4] != "" && acceptableAgency(m[4])
				// A bare date is the report's under its title or beside
				// its office; in a news list (最新动态 / 县长主持召开常务会议
				// / 2024-03-04) it is another item's.
				if d := isoDate(m[1], m[2], m[3]); d != "" && rank > 3 && (office || i > 0 && titleEnds[i-1]) {
					rank, published = 3, d
				}
				if agency == "" && office {
					agency = m[4]
				}
			}
		}
		at = 0
		for _, m := range agencyRe.findAll(l) {
			if labelStands(l.s, &at, m[0], m[1]) && agency == "" && acceptableAgency(m[2]) {
				agency = m[2]
			}
		}
	}
	return agency, published
}

// startsLabelOnly reports whether s starts with a first character of
// labelOnlyRe's labels (发布时间, 成文日期, 时间, 日期, 信息来源, 来源, 来自, 发布…).
func startsLabelOnly(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("发成时日信来", r)
}

// acceptableAgency tells whether a labelled value may be the publishing
// office: a body's name (namesABody), not a label, a site's own word
// (本站原创), a person (自然人) or a news agency (新华社: a source, not a
// publisher).
func acceptableAgency(s string) bool {
	return namesABody(s) && !strings.HasSuffix(s, "社") && !containsAny(s, labelWords) && !spamWords.any(makeLine(s))
}

// labelStands reports whether a match of publishedRe or agencyRe, found at
// or after *at in s, starts with a metadata label, and moves *at past it.
// The generic labels (时间, 日期, 来源, 来自, 更新时间) are often the tail
// of another word (当前时间, 截止时间, 培训时间, 截止日期, 新闻来源, 最后更新时间)
// or words of a sentence (申请主要来自自然人, (数据来源:…)): they stand
// only at the line's start or after a space or a separator, not after a
// Han character or sentence punctuation; 公布时间 and 发表时间 are still
// the publication's.
func labelStands(s string, at *int, match, label string) bool {
	i := strings.Index(s[*at:], match)
	if i < 0 { // cannot happen: the matches are s's, in order
		return false
	}
	i += *at
	*at = i + len(match)
	switch label {
	case "时间", "日期", "来源", "来自", "更新时间":
	default:
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	switch {
	case i == 0:
		return true
	case unicode.Is(unicode.Han, r):
		return (label == "时间" || label == "日期") && (r == '布' || r == '表')
	}
	return !strings.ContainsRune(",;(。", r)
}

// isoDateIn returns the first date in s (2024-01-26, 2024/1/26,
// 2024年1月26日, 2024-01-26T10:20:00+08:00) as an ISO date, or "".
func isoDateIn(s string) string {
	if m := dateInRe.FindStringSubmatch(toSimplified(s)); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	return ""
}

var dateInRe = regexp.MustCompile(dateRe)

func isoDate(y, m, d string) string {
	yi, mi, di := plausibleYear(y), atoi(m), atoi(d)
	if yi == 0 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// ---------------------------------------------------------------------------
// Year

var (
	// periodRe: the statistics period, 1 January to 31 December,
	// tolerating lost 年/月 ("自202111日起至…", "为20211月1日至…"); the
	// year is its first four digits, so "至202020年12月31日" does not
	// matter. A range that ends elsewhere ("自2024年1月1日起至2024年3月31日,
	// 开展…专项整治", 有效期) is no period.
	periodRe = newSparse(`(?:^|\D)(\d{4}) {0,2}年? {0,2}0?1 {0,2}月? {0,2}0?1 {0,2}日起?\s*(?:至|到|—|-|~)\s*(?:\d{4,6} {0,2}年?)? {0,2}12 {0,2}月? {0,2}31`, digitRunStarts)
	// Body support: sentences opening with the year ("2022年,我局…"), and
	// "截至2020年12月31日".
	leadYearRe = newSparse(`(?:`+opensSentence+`(\d{4}) {0,2}年度?,? {0,2}[^\d ]|截[至止](\d{4}) {0,2}年 {0,2}12 {0,2}月 {0,2}31 {0,2}日)`, func(l line, ps []int) []int {
		return jieStarts(l, spacedYearStarts(l, ps))
	})
	jieStarts = newWordSet(false, "截").starts
	anyYearRe = regexp.MustCompile(`(?:^|\D)(\d{4}) {0,2}年`)
)

// findYear weighs the sources of the statistics year: the title (3), the
// statistics period (3), other sentences publishing the report (2 each) and
// sentences opening with a year (1 each, at most 3, since section 五 speaks
// of next year's plans, so they alone never outvote the title or the
// period). Ties go to the title, then to the statistics period. Without a
// title, period or statement, the year mentioned most often (dates left
// out) must agree with the sentences, or the year is left empty; with no
// sentence either, it alone decides. Any named source that disagrees with
// the result is reported.
func findYear(ls []line, titles []titleHit, best titleHit, hasTitle bool) (int, []string) {
	votes := map[int]int{}
	var sources []string // "title 2022", for the warning
	titleYear, periodYear := 0, 0
	if hasTitle {
		titleYear = best.year
		votes[titleYear] += 3
		sources = append(sources, fmt.Sprintf("title %d", titleYear))
	}
	for _, h := range titles {
		if h.kind == titleStatement && h != best {
			votes[h.year] += 2
			sources = append(sources, fmt.Sprintf("report named in the text %d", h.year))
		}
	}
	lead := map[int]int{}
	for _, l := range ls {
		if periodYear == 0 {
			if m := periodRe.find(l); m != nil {
				periodYear = plausibleYear(m[1])
			}
		}
		for _, m := range leadYearRe.findAll(l) {
			if y := plausibleYear(m[1] + m[2]); y != 0 && !plansHeading(l.s, m[0]) {
				lead[y]++
			}
		}
	}
	if periodYear != 0 {
		votes[periodYear] += 3
		sources = append(sources, fmt.Sprintf("statistics period %d", periodYear))
	}
	for y, n := range lead {
		votes[y] += min(n, 3)
	}
	if len(sources) == 0 {
		// No title, period or statement: the years the text names, dates
		// left out, decide where no sentence does, and must agree with
		// the sentences where some do: one sentence about last year's
		// result ("2022年,…获评优秀") in a text about 2023, or one about
		// this year in a text that plans the next, is no certain year.
		mentions := map[int]int{}
		for _, l := range ls {
			if !l.has(kYear) {
				continue
			}
			for _, m := range anyYearRe.FindAllStringSubmatchIndex(l.s, -1) {
				if y := plausibleYear(l.s[m[2]:m[3]]); y != 0 && !isDate(l.s[m[1]:]) && !plansHeading(l.s, l.s[m[0]:m[1]]) {
					mentions[y]++
				}
			}
		}
		if len(votes) == 0 {
			votes = mentions
		} else if top, ok := mostOf(mentions); ok {
			if lead, _ := mostOf(votes); top != lead { // lead 0: the sentences tie
				return 0, []string{fmt.Sprintf("year: no title or statistics period names it; sentences open with %d, the text names %d most; left empty", lead, top)}
			}
		}
	}
	// A tie goes to the title, then the statistics period (a period line
	// is the one a report copied from last year's forgets to change).
	rank := func(y int) int {
		switch y {
		case titleYear:
			return 0
		case periodYear:
			return 1
		}
		return 2
	}
	year := 0
	for y, v := range votes {
		w := votes[year]
		if year == 0 || v > w || v == w && (rank(y) < rank(year) || rank(y) == rank(year) && y < year) {
			year = y
		}
	}
	if rank(year) == 2 {
		// Only sentences or mentions speak for it: a tie says nothing.
		for y, v := range votes {
			if y != year && v == votes[year] {
				a, b := min(y, year), max(y, year)
				return 0, []string{fmt.Sprintf("year: no title or statistics period names it, and the text names %d and %d as often; left empty", a, b)}
			}
		}
	}
	for _, s := range sources {
		if !strings.HasSuffix(s, strconv.Itoa(year)) {
			ys := slices.Sorted(maps.Keys(lead))
			for _, y := range ys {
				sources = append(sources, fmt.Sprintf("%d sentence(s) opening with %d", lead[y], y))
			}
			return year, []string{fmt.Sprintf("year: the sources disagree (%s); took %d", strings.Join(sources, ", "), year)}
		}
	}
	return year, nil
}

// isDate tells whether the text after "YYYY年" makes it a date
// (2024年1月26日): the publication's, not the year reported on.
func isDate(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return r >= '0' && r <= '9'
}

// mostOf returns the year named most often, if one is named more often
// than any other.
func mostOf(count map[int]int) (int, bool) {
	top, n, tie := 0, 0, false
	for y, c := range count {
		switch {
		case c > n:
			top, n, tie = y, c, false
		case c == n:
			tie = true
		}
	}
	return top, n > 0 && !tie
}

// plansHeading tells whether a sentence opening with a year is the heading
// of the next year's plans, "(二)2024年工作打算", or a plan ("2024年,我县将
// 进一步…"): no evidence of the year the report covers. match is the year's
// match in line.
func plansHeading(line, match string) bool {
	i := strings.Index(line, match)
	if i < 0 {
		return false
	}
	rest := line[i:]
	if j := strings.Index(rest, "年"); j >= 0 {
		rest = strings.TrimPrefix(rest[j+len("年"):], "度")
	}
	for _, w := range []string{"工作打算", "工作计划", "工作要点", "工作思路", "工作安排", "重点工作"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	// "2024年,我县将继续…": a plan in the future tense. 将 before a noun is
	// 把 ("2023年,我局将政务公开纳入考核"), so only 将 before an adverb or
	// verb of intent counts.
	if i := strings.Index(rest, "将"); i >= 0 && utf8.RuneCountInString(rest[:i]) <= 12 {
		after := rest[i+len("将"):]
		for _, w := range futureAfterJiang {
			if strings.HasPrefix(after, w) {
				return true
			}
		}
	}
	return false
}

// futureAfterJiang are the words that make 将 "will" in a plan's sentence.
var futureAfterJiang = []string{"继续", "进一步", "持续", "不断", "加强", "着力", "围绕", "坚持", "深入", "全面", "重点", "紧紧", "认真", "切实", "严格", "大力", "积极", "努力", "聚焦", "强化", "推动", "以"}

// yearFromName gives r the year its file name or URL names (yearInName)
// when the text decided none. name is what warnings call the document.
func yearFromName(r *Report, fileName, name string) {
	if r.Year != 0 {
		return
	}
	if y := yearInName(fileName); y != 0 {
		r.Year = Year(y)
		r.Warnings = append(r.Warnings, fmt.Sprintf("year: the text does not decide it; took %d from the name %s", y, name))
	}
}

// yearInName reads the statistics year from a file name or the last
// segment of a URL (Options.Name), folded as the text is: "YYYY年" as in
// 某县2024年政府信息公开工作年度报告.docx, or the one four-digit year of a
// name that calls itself a report (年度报告2023.pdf). A bare number or a
// folder (…/2025/art_1.html) is no evidence: sites file old reports under
// new folders (NOTES D.29). Only asked when the text decides no year.
func yearInName(name string) int {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	if u, err := url.PathUnescape(base); err == nil {
		base = u
	}
	base = toSimplified(base)
	if m := anyYearRe.FindStringSubmatch(base); m != nil {
		return plausibleYear(m[1])
	}
	if !strings.Contains(base, "报告") && !strings.Contains(base, "年报") {
		return 0
	}
	year := 0
	for _, m := range digitRunRe.FindAllString(base, -1) {
		y := plausibleYear(m)
		if y == 0 || year != 0 && y != year {
			return 0 // no year, or two: no evidence
		}
		year = y
	}
	return year
}

var digitRunRe = regexp.MustCompile(`\d+`)

// plausibleYear returns the year a four-digit string names, 0 if it
// cannot be a report year.
func plausibleYear(s string) int {
	if len(s) != 4 {
		return 0
	}
	y := atoi(s)
	if y < 1990 || y > 2100 {
		return 0
	}
	return y
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
