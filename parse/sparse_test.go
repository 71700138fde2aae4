package parse

import (
	"reflect"
	"regexp"
	"testing"
	"unicode/utf8"
)

// everyRune is a starts function that offers every rune of a line: what a
// sparseRe finds from there must be what FindAllStringSubmatch finds.
func everyRune(l line, ps []int) []int {
	for i := range l.s {
		ps = append(ps, i)
	}
	return ps
}

// TestSparseFindsWhatRegexpFinds holds sparseRe to FindAllStringSubmatch
// on every line of the corpus and its piped fields (corpusCells), for
// patterns with a ^ inside (which a start after 0 must not match: mid is
// the pattern with it disabled), without one (where mid is the pattern
// itself), with classes and with (?i).
func TestSparseFindsWhatRegexpFinds(t *testing.T) {
	patterns := []string{
		`(?:^|\D)(\d{4}) {0,2}年`,
		`(?:^|[。;])([^《》。;]{2,12}?(?:报告|年报))`,
		`(\d{4})年度?([\p{Han}]{1,6}?(?:政府|局|办公室))`,
		`(?i)(gov|信息公开)[\s:|]*([\p{Han}A-Za-z0-9]{2,8})`,
		`([一二三四五六七八九十]+)、([^、]{1,10})`,
	}
	var lines []string
	for _, s := range corpusCells(t) {
		if utf8.ValidString(s) {
			lines = append(lines, s)
		}
	}
	folded := foldLines(lines, nil)
	for _, expr := range patterns {
		sp, std := newSparse(expr, everyRune), regexp.MustCompile(expr)
		found := 0
		for _, l := range folded {
			got, want := sp.findAll(l), std.FindAllStringSubmatch(l.s, -1)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n sparse %q\n regexp %q", expr, l.s, got, want)
			}
			found += len(got)
		}
		if found == 0 {
			t.Errorf("%s matched no line of the corpus: the test says nothing of it", expr)
		}
	}
}
