package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// headingWords are the top-level part titles of the national templates
	// and of the old six-part outline (NOTES A.9), with the typos seen
	// (B.13: 主动公开政府政府情况, 行政法复议).
	headingWords = strings.Join([]string{
		`总体情况`, `概述`, `概况`,
		`主动公开政府(?:信息|政府)?(?:的)?情况`,
		`收到和处理政府信息公开申请(?:的)?情况`,
		`依申请公开政府信息(?:的)?情况`,
		`政府信息公开的?收费及减免情况`,
		`(?:因)?政府信息公开(?:申请)?(?:提起)?行政(?:法)?复议[、,和及与]*(?:提起)?行政诉讼(?:的)?情况`,
		`(?:政府信息公开工作)?存在的?主要问题(?:及|和|与)?(?:改进)?(?:情况|措施)?`,
		`其他需要报告的事项`,
	}, "|")
	// headingRe: a Chinese numeral, a separator and the rest of the line
	// (read by headingParts).
	headingRe = regexp.MustCompile(`^([` + numeralChars + `]{1,2})\s*[、.]\s*(.*)$`)
	knownRe   = regexp.MustCompile(`^(?:` + headingWords + `)`)
	// midHeadingRe finds a known heading glued inside a line (crawl
	// archives, D.15: "…163.com。一、总体情况2019年,…"); a heading followed
	// by 、 , or ; is an item of an inline list, not a part.
	midHeadingRe = regexp.MustCompile(`[` + numeralChars + `]{1,2}、(?:` + headingWords + `)(?:[^、;,]|$)`)
	// Table-3 rows are numbered like parts: 一、本年新收…, 四、结转下年度继续办理.
	tableRowRe = regexp.MustCompile(`本年新收|上年结转|办理结果|结转下年度|申请数量`)
	// The preamble: 根据《条例》…编制本报告…, 现将…报告如下.
	preambleWords = newWordSet(false, "条例", "本报告", "报告如下", "公布如下", "统计期限", "统计时限")
	// Template labels that carry a comma and so look like prose.
	templateLabels = []string{"勾稽关系", "区分处理的"}
	// A glued heading needs 、 and a numeral.
	kDun   = keysOf("、")
	dunBit = bitOf('、')
)

const numeralChars = "一二三四五六七八九十"

// isNumeralRune reports whether r is one of numeralChars (a switch: the
// heading tests ask it of every piece of prose, where strings.ContainsRune
// scanned the list).
func isNumeralRune(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

var numerals = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

// findProse returns the numbered text sections of the report: 一、总体情况
// … 六、其他需要报告的事项, each with the lines that follow it up to the next
// part. Text before 一 becomes a section with an empty heading only when it
// is the preamble (根据《条例》…编制本报告).
//
// Sections 二–四 hold the statistics tables; the tables are the matcher's
// business, so there only prose is kept and table cells are dropped: lines
// with " | " cell separators and lines that are not sentences (no 。 and
// not a long comma-separated clause), which are labels, numbers and
// headers.
func findProse(lines []string) []ProseSection {
	_, all := prepText(lines, nil)
	return proseOf(all)
}

// proseOf reads the sections from prepared lines.
func proseOf(ls []line) []ProseSection {
	pieces := cutHeadings(ls)
	owned := len(pieces) != len(ls) // pieces is ls when no line was cut
	var out []ProseSection
	var more [][]string // the lines added to out[i].Text, joined at the end
	last, start, n := 0, -1, 0
	for i, piece := range pieces {
		p := piece.s
		heading, text, num, ok := heading(p, last)
		if !ok {
			if last == 0 && start < 0 && preambleWords.any(piece) {
				start = i
				// archives glue the title to the preamble: "X2019年…报告 根据《条例》…"
				if t, rest, ok := strings.Cut(p, " "); ok {
					if _, isTitle := parseTitle(t, titleLine); isTitle {
						if !owned {
							pieces, owned = slices.Clone(pieces), true // the caller's lines stay as they are
						}
						pieces[i].s = strings.TrimSpace(rest)
					}
				}
			}
			if last > 0 && (n < 2 || n > 4 || isProse(p)) {
				more[len(more)-1] = append(more[len(more)-1], p)
			}
			continue
		}
		if last == 0 && start >= 0 {
			texts := make([]string, 0, i-start)
			for _, p := range pieces[start:i] {
				texts = append(texts, p.s)
			}
			out = append(out, ProseSection{Heading: "", Text: strings.Join(texts, "\n")})
			more = append(more, nil)
		}
		last, n = num, num
		if n >= 2 && n <= 4 && !isProse(text) {
			text = "" // a glued table run into its heading (files 039, 041)
		}
		out = append(out, ProseSection{Heading: heading, Text: text})
		more = append(more, nil)
	}
	for i := range out {
		if len(more[i]) > 0 {
			out[i].Text += "\n" + strings.Join(more[i], "\n")
		}
		out[i].Text = strings.TrimPrefix(out[i].Text, "\n")
	}
	return out
}

// cutHeadings returns the lines cut before every known heading glued inside
// one (splitHeadings). Most documents have no such line, and then ls itself
// is returned rather than a copy of every line.
func cutHeadings(ls []line) []line {
	var cut []line
	for i, l := range ls {
		if !l.has(kDun) || !l.hasAny(kNumeral) {
			continue // midHeadingRe needs both
		}
		// A line splitHeadings leaves whole comes back as its one piece;
		// a cut one as two or more.
		if cut = splitHeadings(cut[:0], l); len(cut) == 1 {
			continue
		}
		pieces := make([]line, i, len(ls)+len(cut))
		copy(pieces, ls[:i])
		pieces = append(pieces, cut...)
		for _, l := range ls[i+1:] {
			pieces = splitHeadings(pieces, l)
		}
		return pieces
	}
	return ls
}

// splitHeadings appends the pieces of ln to parts: ln cut before every
// known heading glued inside it. A heading preceded by 、 , or ; is an item
// of an inline list of the parts ("本报告包括一、总体情况、二、…"), not a
// part.
func splitHeadings(parts []line, ln line) []line {
	if !ln.has(kDun) || !ln.hasAny(kNumeral) {
		return append(parts, ln) // midHeadingRe needs both
	}
	s := ln.s
	begin, from := 0, 0 // the piece s[begin:], searched from from on
	for {
		at := indexMidHeading(ln, from)
		if at < 0 {
			break
		}
		prev, _ := utf8.DecodeLastRuneInString(s[begin:at])
		if at == begin || strings.ContainsRune("、,;", prev) {
			_, size := utf8.DecodeRuneInString(s[at:])
			from = at + size
			continue
		}
		if p := strings.TrimSpace(s[begin:at]); p != "" {
			lo := at - len(strings.TrimLeftFunc(s[begin:at], unicode.IsSpace))
			parts = append(parts, ln.sub(lo, lo+len(p)))
		}
		begin, from = at, at
	}
	if begin == 0 {
		return append(parts, ln)
	}
	return append(parts, ln.sub(begin, len(s)))
}

// midHeadingAtRe is midHeadingRe anchored, and headingStart tells the
// characters a heading word can start with.
var (
	midHeadingAtRe = regexp.MustCompile(`^(?:` + midHeadingRe.String() + `)`)
	headingStart   = startRunes(headingWords)
)

// indexMidHeading returns where midHeadingRe first matches in l.s[from:],
// or -1. Scanning a line with the pattern itself costs microseconds, as it
// starts with a character class; but every match is one or two numerals,
// a 、 and a heading word, so the anchored pattern is run only where a 、
// (a mark of l) after a numeral is followed by a character a heading word
// starts with.
func indexMidHeading(l line, from int) int {
	s := l.s
	for _, m := range l.marks {
		j := int(m.at)
		if m.bit != dunBit || j < from {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[j+len("、"):])
		if !headingStart(next) {
			continue
		}
		// The leftmost match takes up to two numerals: "十一、" from 十.
		at := j
		for k := 0; k < 2; k++ {
			r, size := utf8.DecodeLastRuneInString(s[from:at])
			if !isNumeralRune(r) {
				break
			}
			at -= size
		}
		if at < j && midHeadingAtRe.MatchString(s[at:]) {
			return at
		}
	}
	return -1
}

// heading reads p as a top-level heading after part last. A known heading
// word may follow any earlier part (excerpts skip parts) and may run into
// text ("一、总体情况2019年,…"); an unknown short heading is taken only as
// the next number in sequence, and never when it is a table-3 row label.
func heading(p string, last int) (heading, text string, num int, ok bool) {
	numeral, rest, ok := headingParts(p)
	if !ok {
		return "", "", 0, false
	}
	num = numerals[numeral]
	if numeral == "十" || len(numeral) > len("一") {
		num = 0 // 十一 … are never parts of these reports
	}
	if num <= last {
		return "", "", 0, false
	}
	if k := knownHeading(rest); k != "" {
		cut := len(p) - len(rest) + len(k)
		return p[:cut], strings.TrimSpace(p[cut:]), num, true
	}
	if num == last+1 && utf8.RuneCountInString(rest) <= 30 && !strings.ContainsAny(rest, "。|") && !tableRowRe.MatchString(rest) {
		return p, "", num, true
	}
	return "", "", 0, false
}

// headingParts reads p as headingRe does, by hand, as most lines that
// start with a numeral (一是…) fail at once where the pattern costs a
// microsecond: one or two numerals, spaces, 、 or '.', spaces, and the rest
// of the line, which must hold no line break (.*$).
func headingParts(p string) (numeral, rest string, ok bool) {
	i := 0
	for n := 0; n < 2; n++ {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !isNumeralRune(r) {
			break
		}
		i += size
	}
	if i == 0 {
		return "", "", false // most pieces: no numeral, decided before any trimming
	}
	const space = " \t\n\f\r" // \s
	rest = strings.TrimLeft(p[i:], space)
	switch {
	case strings.HasPrefix(rest, "、"):
		rest = rest[len("、"):]
	case strings.HasPrefix(rest, "."):
		rest = rest[1:]
	default:
		return "", "", false
	}
	rest = strings.TrimLeft(rest, space)
	if strings.Contains(rest, "\n") {
		return "", "", false
	}
	return p[:i], rest, true
}

// knownHeading returns what knownRe.FindString(rest) returns. The pattern,
// a long alternation, is run only on text starting with a rune a heading
// word can start with: not on table-三 rows (一、本年新收…) and the like.
func knownHeading(rest string) string {
	if r, _ := utf8.DecodeRuneInString(rest); !headingStart(r) {
		return ""
	}
	return knownRe.FindString(rest)
}

// isProse tells a sentence from a table cell or template label. A sentence
// is asked for first: most pieces in the tables' sections are short cells
// that have no 。 or comma, decided without looking for the labels.
func isProse(p string) bool {
	if !strings.Contains(p, "。") && !(strings.Contains(p, ",") && atLeastRunes(p, 40)) {
		return false
	}
	return !strings.Contains(p, "|") && !containsAny(p, templateLabels)
}

// atLeastRunes reports whether utf8.RuneCountInString(s) >= n, counting no
// further than n.
func atLeastRunes(s string, n int) bool {
	if len(s) < n {
		return false // a rune takes a byte at least
	}
	for range s {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

// hasAnyPrefix reports whether s starts with one of the words.
func hasAnyPrefix(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(s, w) })
}

// containsAny reports whether s contains one of the words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
