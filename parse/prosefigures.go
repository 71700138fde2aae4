package parse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Figures the prose states for table 二's 规范性文件 row, which has no sum
// rule: "本年度制发行政规范性文件37件", "现行有效行政规范性文件512件", "本年制发规范性
// 文件12件，现行有效140件". They decide a glued row's split ("3714512" = 37 /
// 14 / 512) and nothing else: a figure no split fits is ignored.

// proseFacts maps a table-二 column of the 规范性文件 row to the figure the
// prose states for it; a column stated twice with two figures is dropped.
type proseFacts map[string]float64

// figureVerbs name what a figure counts, per column of each layout (2019
// has no repealed / in-force columns: its 对外公开总数量 is not 现行有效).
var figureVerbs = []struct {
	verbs        string
	col21, col19 string
}{
	{"制发|印发|出台|制定", "issued", "made"},
	{"废止", "repealed", ""},
	{"现行有效", "in_force", ""},
}

var (
	// verb, then the noun, then the figure: "制发的行政规范性文件88件".
	figureStated = regexp.MustCompile(`(制发|印发|出台|制定|废止|现行有效)(?:了|的)?(?:行政)?规范性文件(?:共|合计)?(\d+)件`)
	// a clause after a stated figure that keeps its noun: "，现行有效140件".
	figureFollows = regexp.MustCompile(`^[,，、](?:其中|本年|累计)?(制发|印发|出台|制定|废止|现行有效)(?:了|的)?(\d+)件`)
)

// readProseFacts reads the figures from the document's text cells.
func readProseFacts(cells []Cell, template string) proseFacts {
	facts := proseFacts{}
	conflict := map[string]bool{}
	note := func(verb, digits string) {
		col := ""
		for _, f := range figureVerbs {
			if strings.Contains("|"+f.verbs+"|", "|"+verb+"|") {
				col = f.col21
				if template == Template2019 {
					col = f.col19
				}
			}
		}
		n, err := strconv.ParseFloat(digits, 64)
		if col == "" || err != nil {
			return
		}
		if old, ok := facts[col]; ok && old != n {
			conflict[col] = true
		}
		facts[col] = n
	}
	for _, c := range cells {
		if c.glued || !strings.Contains(c.Text, "性文件") {
			continue
		}
		text := foldASCII(c.Text)
		if !strings.Contains(text, "规范性文件") {
			// A traditional mirror's 規範性文件, 制發, 現行有效 (NOTES
			// D.25): folded whole, as labels are rune by rune.
			if text = toSimplified(text); !strings.Contains(text, "规范性文件") {
				continue
			}
		}
		for _, loc := range statedFigures(text) {
			if !thisYearsFigure(text[:loc[0]]) || countsOther(text[loc[1]:]) {
				continue
			}
			note(text[loc[2]:loc[3]], text[loc[4]:loc[5]])
			rest := text[loc[1]:]
			for {
				f := figureFollows.FindStringSubmatchIndex(rest)
				if f == nil {
					break
				}
				if !countsOther(rest[f[1]:]) {
					note(rest[f[2]:f[3]], rest[f[4]:f[5]])
				}
				rest = rest[f[1]:]
			}
		}
	}
	for col := range conflict {
		delete(facts, col)
	}
	return facts
}

// notThisYear are words that, in the clause before a stated figure, make
// it another figure than the table's: a comparison (较2021年, 同比, 上年), a
// running total (累计), a plan (计划, 拟, 将, 预计).
var notThisYear = []string{"较", "同比", "上年", "去年", "上一年", "累计", "计划", "拟", "将", "预计", "力争"}

// thisYearsFigure tells whether the clause before a stated figure (the
// text since the last comma or full stop) speaks of this year's.
func thisYearsFigure(before string) bool {
	clause := before[strings.LastIndexAny(before, ",;。")+1:] // the text is folded: ，；→ ,;
	return !containsAny(clause, notThisYear)
}

// countsOther tells whether the text right after a figure's 件 names what
// it counts ("印发12件工作方案"): then it is no count of 规范性文件.
func countsOther(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.Is(unicode.Han, r) && !strings.ContainsRune("其和及与并", r)
}

// statedFigures is figureStated.FindAllStringSubmatchIndex(text, -1),
// searched only near each 规范性文件: a long prose cell otherwise costs a
// regexp scan of every byte (a tenth of a crawl's parse time). Each match
// holds exactly one 规范性文件, starts at most maxStatedLead bytes before it
// (verb, 了/的, 行政) and ends before the next one, so searching each
// occurrence's window in turn, from the last match's end on, finds the
// same leftmost, non-overlapping matches.
func statedFigures(text string) [][]int {
	const noun = "规范性文件"
	var out [][]int
	end := 0 // the last match's end: FindAll resumes there
	for at := 0; ; {
		i := strings.Index(text[at:], noun)
		if i < 0 {
			return out
		}
		o := at + i
		hi := len(text)
		if j := strings.Index(text[o+len(noun):], noun); j >= 0 {
			hi = o + len(noun) + j
		}
		hi = min(hi, statedEnd(text, o+len(noun)))
		lo := max(end, o-maxStatedLead)
		if loc := figureStated.FindStringSubmatchIndex(text[lo:hi]); loc != nil {
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += lo
				}
			}
			out = append(out, loc)
			end = loc[1]
		}
		at = o + len(noun)
	}
}

// statedEnd is where a figureStated match holding the 规范性文件 that ends
// at p would end at the latest: after 共 or 合计, the digits and 件. The
// window ends there, so the regexp does not scan the rest of a long prose
// cell for a match that cannot reach it.
func statedEnd(text string, p int) int {
	for _, w := range []string{"共", "合计"} {
		if strings.HasPrefix(text[p:], w) {
			p += len(w)
			break
		}
	}
	for p < len(text) && text[p] >= '0' && text[p] <= '9' {
		p++
	}
	if strings.HasPrefix(text[p:], "件") {
		p += len("件")
	}
	return p
}

// maxStatedLead is the longest text figureStated allows before 规范性文件:
// its longest verb, 了 or 的, and 行政.
const maxStatedLead = len("现行有效") + len("了") + len("行政")

// proseRule returns a rule for a glued table-二 row that holds for splits
// agreeing with the figures the prose states, or nil when the prose states
// none for the row or no split fits them (then they are warned about).
func (m *matcher) proseRule(row, label, raw string, cols []string) func([]float64) bool {
	if row != "normative_documents" {
		return nil
	}
	if m.prose == nil {
		f := readProseFacts(m.cells, m.template)
		m.prose = &f
	}
	idx, want := []int{}, []float64{}
	for i, c := range cols {
		if v, ok := (*m.prose)[c]; ok {
			idx, want = append(idx, i), append(want, v)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	rule := func(v []float64) bool {
		for k, i := range idx {
			if v[i] != want[k] {
				return false
			}
		}
		return true
	}
	if splits, ok := gluedSplits(raw, cols, rule); ok && len(splits) == 0 {
		m.warnf("%s row %q glued as %q: the figures the prose states (%v) fit no split; ignored", SectionProactive, label, raw, *m.prose)
		return nil
	}
	return rule
}
