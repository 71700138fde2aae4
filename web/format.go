package web

import (
	"math"
	"strconv"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Numbers for Chinese readers: thousands separated (12,345), rates as a
// percentage with one decimal (30.4%), amounts in 万元 with two decimals.
// A blank stays blank: missing is never shown as 0.

var zh = message.NewPrinter(language.SimplifiedChinese)

// number formats a value of the given measure; nil is "".
func number(measure string, v any) string {
	f, ok := toFloat(v)
	if !ok {
		return ""
	}
	switch measure {
	case "grant_rate", "disclosure_rate":
		return zh.Sprintf("%.1f%%", f*100)
	case "fees_10k_yuan":
		return zh.Sprintf("%.2f", f)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return grouped(int64(f))
	}
	return zh.Sprintf("%.2f", f)
}

// grouped is n with a comma between groups of three digits, as zh's
// printer writes it (12,345). By hand: the printer takes microseconds per
// number, and the compare table formats a few for each of 3,000 rows.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	digits := s
	if n < 0 {
		digits = s[1:]
	}
	if len(digits) <= 3 {
		return s
	}
	b := make([]byte, 0, len(s)+len(digits)/3)
	if n < 0 {
		b = append(b, '-')
	}
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, digits[:first]...)
	for i := first; i < len(digits); i += 3 {
		b = append(b, ',')
		b = append(b, digits[i:i+3]...)
	}
	return string(b)
}

// measured is a row's measure: count for a count measure (an integer),
// value for a rate or an amount (queries compare and county_years).
func measured(row map[string]any) any {
	if c, ok := row["count"]; ok && c != nil {
		return c
	}
	return row["value"]
}

// count formats a whole number.
func count(v any) string { return number("", v) }

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}
