package parse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// proseTexts are the corpus lines, each also after its leading numeral and
// 、 (what heading hands knownHeading), and the shapes at the rules' edges.
func proseTexts(t *testing.T) []string {
	texts := []string{"", "。", ",", "|", "总体情况", "一、总体情况", "本年新收", "概述2019年", "勾稽关系,。",
		strings.Repeat("字", 39) + ",", strings.Repeat("字", 40) + ",", strings.Repeat("a", 39) + ",", "\xff\xff,"}
	for _, c := range loadCorpus(t) {
		for line := range strings.SplitSeq(c.raw, "\n") {
			line = strings.TrimSpace(line)
			texts = append(texts, line)
			if _, rest, ok := headingParts(line); ok {
				texts = append(texts, rest)
			}
		}
	}
	return texts
}

// TestKnownHeading holds knownHeading's first-rune test to knownRe.
func TestKnownHeading(t *testing.T) {
	found := 0
	for _, s := range proseTexts(t) {
		got, want := knownHeading(s), knownRe.FindString(s)
		if got != want {
			t.Errorf("knownHeading(%q) = %q, knownRe finds %q", s, got, want)
		}
		if want != "" {
			found++
		}
	}
	if found == 0 {
		t.Error("no heading found: the test reads no headings")
	}
}

// TestIsProse holds isProse, which asks for a sentence first and counts
// runes only up to 40, to the rule as first written.
func TestIsProse(t *testing.T) {
	prose := 0
	for _, p := range proseTexts(t) {
		want := !strings.Contains(p, "|") && !containsAny(p, templateLabels) &&
			(strings.Contains(p, "。") || utf8.RuneCountInString(p) >= 40 && strings.Contains(p, ","))
		if got := isProse(p); got != want {
			t.Errorf("isProse(%q) = %v, want %v", p, got, want)
		}
		if want {
			prose++
		}
		for _, n := range []int{0, 1, 39, 40, 41} {
			if got, want := atLeastRunes(p, n), utf8.RuneCountInString(p) >= n; got != want {
				t.Errorf("atLeastRunes(%q, %d) = %v, want %v", p, n, got, want)
			}
		}
	}
	if prose == 0 {
		t.Error("no prose: the test reads none")
	}
}
