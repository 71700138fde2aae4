package parse

import (
	"regexp"
	"strconv"
	"strings"
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
		if c.glued || !strings.Contains(c.Text, "规范性文件") {
			continue
		}
		for _, text := range figureWindows(foldASCII(c.Text)) {
			loc := figureStated.FindStringSubmatchIndex(text)
			if loc == nil {
				continue
			}
			note(text[loc[2]:loc[3]], text[loc[4]:loc[5]])
			rest := text[loc[1]:]
			for {
				f := figureFollows.FindStringSubmatchIndex(rest)
				if f == nil {
					break
				}
				note(rest[f[2]:f[3]], rest[f[4]:f[5]])
				rest = rest[f[1]:]
			}
		}
	}
	for col := range conflict {
		delete(facts, col)
	}
	return facts
}

// figureWindows returns the stretches of text around each "规范性文件" that a
// stated figure can span, each from where its verb can start: a regexp over
// a whole page of glued prose costs far more than over these.
func figureWindows(text string) []string {
	const before, after = 24, 96 // bytes: verb and 的/了/行政 before; 共, digits, 件 and follow-on clauses after
	var out []string
	for from := 0; ; {
		i := strings.Index(text[from:], "规范性文件")
		if i < 0 {
			return out
		}
		i += from
		start, end := max(0, i-before), min(len(text), i+after)
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		out = append(out, text[start:end])
		from = i + len("规范性文件")
	}
}

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
