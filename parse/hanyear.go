package parse

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Official documents may date themselves in Chinese numerals: a title
// "某局二〇二三年政府信息公开工作年度报告", a period "二〇二三年一月一日至
// 二〇二三年十二月三十一日", a sentence "二〇二三年，我局…". hanDates rewrites
// such years, and the month and day after them, as the digits every
// identity pattern reads (2023年1月1日), on the few head lines that have
// them; the others are left as they are.

// hanDigits are the characters of a year in Chinese numerals, including
// the look-alikes of 〇 typed for it (○, 零, O) and ASCII digits mixed in
// (二0二三).
var hanDigits = map[rune]byte{
	'〇': '0', '○': '0', '零': '0', 'Ｏ': '0', 'O': '0',
	'一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9',
	'0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9',
}

// kNian is the key of 年, which every date rewritten holds.
var kNian = keysOf("年")

// hanRewrite is one rewritten date: its digits and the text it was.
type hanRewrite struct{ digits, printed string }

// hanDates returns ls with the Chinese-numeral dates of its lines written
// in digits, and each line's rewrites (nil for a line left as it is; for
// the title, which keeps its printed form: restoreHan). ls itself is not
// changed.
func hanDates(ls []line) ([]line, [][]hanRewrite) {
	var out []line
	var rewrites [][]hanRewrite
	for i, l := range ls {
		if !l.has(kNian) {
			continue
		}
		s, rw := hanDatesIn(l)
		if rw == nil {
			continue
		}
		if out == nil {
			out, rewrites = slices.Clone(ls), make([][]hanRewrite, len(ls))
		}
		out[i], rewrites[i] = makeLine(s), rw
	}
	if out == nil {
		return ls, nil
	}
	return out, rewrites
}

// hanDatesIn rewrites the Chinese-numeral dates of one line; nil when it
// has none.
func hanDatesIn(l line) (string, []hanRewrite) {
	s := l.s
	var b strings.Builder
	var rewrites []hanRewrite
	done := 0 // s[:done] is in b
	for _, m := range l.marks {
		if m.bit != nianBit || int(m.at) < done {
			continue
		}
		start, year, ok := hanYearBefore(s, int(m.at))
		if !ok || start < done {
			continue
		}
		end := int(m.at) + len("年")
		digits := year + "年"
		if mo, n := hanNumberBefore(s[end:], "月", 12); n > 0 {
			digits += mo + "月"
			end += n
			if d, n := hanNumberBefore(s[end:], "日", 31); n > 0 {
				digits += d + "日"
				end += n
			}
		}
		b.WriteString(s[done:start])
		b.WriteString(digits)
		rewrites = append(rewrites, hanRewrite{digits, s[start:end]})
		done = end
	}
	if rewrites == nil {
		return s, nil
	}
	b.WriteString(s[done:])
	return b.String(), rewrites
}

// hanYearBefore reads the four numerals before s[j:] (年), at most two
// spaces between, as a year: at least one of them a Chinese numeral, the
// year a plausible one.
func hanYearBefore(s string, j int) (start int, year string, ok bool) {
	for k := 0; k < 2 && j > 0 && s[j-1] == ' '; k++ {
		j--
	}
	var d [4]byte
	han := false
	i := j
	for n := 3; n >= 0; n-- {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		c, isDigit := hanDigits[r]
		if !isDigit {
			return 0, "", false
		}
		han = han || size > 1 || r == 'O'
		d[n] = c
		i -= size
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && hanDigits[r] != 0 {
		return 0, "", false // five numerals: no year
	}
	if !han || plausibleYear(string(d[:])) == 0 {
		return 0, "", false
	}
	return i, string(d[:]), true
}

// hanNumberBefore reads the number from 1 to max that s starts with, in
// Chinese numerals (一, 十, 十二, 二十六, 三十一) or digits, followed by
// unit; it returns the number in digits and the bytes read, unit included,
// or 0 bytes.
func hanNumberBefore(s, unit string, max int) (string, int) {
	n, i := 0, 0
	tens := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch c, ok := hanDigits[r]; {
		case r == '十':
			if tens {
				return "", 0
			}
			if n == 0 {
				n = 1
			}
			n, tens = n*10, true
		case ok && r != '〇' && r != '○' && r != '零' && r != 'O' && r != 'Ｏ':
			if tens {
				n += int(c - '0')
			} else {
				n = n*10 + int(c-'0')
			}
		default:
			if i == 0 || n < 1 || n > max || !strings.HasPrefix(s[i:], unit) {
				return "", 0
			}
			return strconv.Itoa(n), i + len(unit)
		}
		i += size
	}
	return "", 0
}

// restoreHan gives a title read from a rewritten line (ls, as hanDates
// made them) back its printed dates.
func restoreHan(title string, ls []line, rewrites [][]hanRewrite) string {
	for i, rw := range rewrites {
		if rw == nil || !strings.Contains(strings.Join(strings.Fields(ls[i].s), ""), title) {
			continue
		}
		for _, r := range rw {
			title = strings.Replace(title, r.digits, r.printed, 1)
		}
		break
	}
	return title
}
