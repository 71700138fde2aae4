package web

import (
	"math"

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
		return zh.Sprintf("%d", int64(f))
	}
	return zh.Sprintf("%.2f", f)
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
