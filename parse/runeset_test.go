package parse

import (
	"strings"
	"testing"
)

// The rune-set helpers answer as the strings functions they replace.
func TestRuneSetHelpersMatchStrings(t *testing.T) {
	texts := []string{"", "(", "（", "行政事业(yè)性收费", "收费（元）(万元", "第（一）项)", "abc", "数量（件", "３月", "报告", "a)b（c"}
	sets := []string{"(（", ")）", "、;；,"}
	for _, s := range texts {
		for _, set := range sets {
			if got, want := hasAnyRune(s, set), strings.ContainsAny(s, set); got != want {
				t.Errorf("hasAnyRune(%q, %q) = %v, want %v", s, set, got, want)
			}
			if got, want := lastAnyRune(s, set), strings.LastIndexAny(s, set); got != want {
				t.Errorf("lastAnyRune(%q, %q) = %d, want %d", s, set, got, want)
			}
		}
		if got, want := strings.IndexFunc(s, isDigitRune) >= 0, strings.ContainsAny(s, "0123456789０１２３４５６７８９"); got != want {
			t.Errorf("isDigitRune over %q = %v, want %v", s, got, want)
		}
	}
}

// TestLastIndexShort holds lastIndexShort to strings.LastIndex.
func TestLastIndexShort(t *testing.T) {
	subs := []string{"(", "（", ")）", "年", "", "ab"}
	texts := []string{"", "(", "（", "规章(制度)", "规范性文件(指本机关（的公文", "（（（", "a（b(c", "\xbc\x88（\xef", "abab", "年年度"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := lastIndexShort(s, sub), strings.LastIndex(s, sub); got != want {
				t.Errorf("lastIndexShort(%q, %q) = %d, want %d", s, sub, got, want)
			}
		}
	}
}
