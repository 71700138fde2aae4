package parse

import (
	"regexp"
	"strings"
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
	// headingRe: a Chinese numeral, a separator and the rest of the line.
	headingRe = regexp.MustCompile(`^([一二三四五六七八九十]{1,2})\s*[、.]\s*(.*)$`)
	knownRe   = regexp.MustCompile(`^(?:` + headingWords + `)`)
	// midHeadingRe finds a known heading glued inside a line (crawl
	// archives, D.15: "…163.com。一、总体情况2019年,…"); a heading followed
	// by 、 , or ; is an item of an inline list, not a part.
	midHeadingRe = regexp.MustCompile(`[一二三四五六七八九十]{1,2}、(?:` + headingWords + `)(?:[^、;,]|$)`)
	// Table-3 rows are numbered like parts: 一、本年新收…, 四、结转下年度继续办理.
	tableRowRe = regexp.MustCompile(`本年新收|上年结转|办理结果|结转下年度|申请数量`)
	// The preamble: 根据《条例》…编制本报告…, 现将…报告如下.
	preambleRe = regexp.MustCompile(`条例|本报告|报告如下|公布如下|统计期限|统计时限`)
	// Template labels that carry a comma and so look like prose.
	templateLabelRe = regexp.MustCompile(`勾稽关系|区分处理的`)
)

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
	var pieces []string
	for _, l := range prepLines(lines) {
		pieces = append(pieces, splitHeadings(l)...)
	}
	var out []ProseSection
	last, start, n := 0, -1, 0
	for i, p := range pieces {
		heading, text, num, ok := heading(p, last)
		if !ok {
			if last == 0 && start < 0 && preambleRe.MatchString(p) {
				start = i
				// archives glue the title to the preamble: "X2019年…报告 根据《条例》…"
				if t, rest, ok := strings.Cut(p, " "); ok {
					if _, isTitle := parseTitle(t, titleLine); isTitle {
						pieces[i] = strings.TrimSpace(rest)
					}
				}
			}
			if last > 0 && (n < 2 || n > 4 || isProse(p)) {
				out[len(out)-1].Text += "\n" + p
			}
			continue
		}
		if last == 0 && start >= 0 {
			out = append(out, ProseSection{Heading: "", Text: strings.Join(pieces[start:i], "\n")})
		}
		last, n = num, num
		if n >= 2 && n <= 4 && !isProse(text) {
			text = "" // a glued table run into its heading (files 039, 041)
		}
		out = append(out, ProseSection{Heading: heading, Text: text})
	}
	for i := range out {
		out[i].Text = strings.TrimPrefix(out[i].Text, "\n")
	}
	return out
}

// splitHeadings cuts a line before every known heading glued inside it.
// A heading preceded by 、 , or ; is an item of an inline list of the parts
// ("本报告包括一、总体情况、二、…"), not a part.
func splitHeadings(l string) []string {
	var parts []string
	from := 0
	for {
		loc := midHeadingRe.FindStringIndex(l[from:])
		if loc == nil {
			return append(parts, l)
		}
		at := from + loc[0]
		prev, _ := utf8.DecodeLastRuneInString(l[:at])
		if at == 0 || strings.ContainsRune("、,;", prev) {
			_, size := utf8.DecodeRuneInString(l[at:])
			from = at + size
			continue
		}
		if s := strings.TrimSpace(l[:at]); s != "" {
			parts = append(parts, s)
		}
		l, from = l[at:], 0
	}
}

// heading reads p as a top-level heading after part last. A known heading
// word may follow any earlier part (excerpts skip parts) and may run into
// text ("一、总体情况2019年,…"); an unknown short heading is taken only as
// the next number in sequence, and never when it is a table-3 row label.
func heading(p string, last int) (heading, text string, num int, ok bool) {
	m := headingRe.FindStringSubmatch(p)
	if m == nil {
		return "", "", 0, false
	}
	num = numerals[m[1]]
	if m[1] == "十" || len(m[1]) > len("一") {
		num = 0 // 十一 … are never parts of these reports
	}
	if num <= last {
		return "", "", 0, false
	}
	rest := m[2]
	if k := knownRe.FindString(rest); k != "" {
		cut := len(p) - len(rest) + len(k)
		return p[:cut], strings.TrimSpace(p[cut:]), num, true
	}
	if num == last+1 && utf8.RuneCountInString(rest) <= 30 && !strings.ContainsAny(rest, "。|") && !tableRowRe.MatchString(rest) {
		return p, "", num, true
	}
	return "", "", 0, false
}

// isProse tells a sentence from a table cell or template label.
func isProse(p string) bool {
	if strings.Contains(p, "|") || templateLabelRe.MatchString(p) {
		return false
	}
	return strings.Contains(p, "。") || utf8.RuneCountInString(p) >= 40 && strings.Contains(p, ",")
}
