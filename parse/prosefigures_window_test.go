package parse

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// statedFigures must find exactly what figureStated.FindAll does: over the
// corpus texts and over random strings built from the pattern's pieces
// (verbs, 了/的, 行政, the noun, 共/合计, digits, 件, clutter).
func TestStatedFiguresSameAsFindAll(t *testing.T) {
	var texts []string
	for _, c := range loadCorpus(t) {
		texts = append(texts, foldASCII(c.raw))
	}
	pieces := []string{"制发", "印发", "出台", "制定", "废止", "现行有效", "了", "的", "行政", "规范性文件",
		"规范性文件", "规范", "共", "合计", "1", "23", "件", "件", "，", "x", "有效"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			if r.IntN(2) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
				continue
			}
			// A phrase close to the pattern, parts dropped at random.
			for _, part := range [][]string{{"制发", "废止", "现行有效", "印发"}, {"", "了", "的"},
				{"", "行政"}, {"规范性文件"}, {"", "共", "合计"}, {"3", "140", ""}, {"件", "", "，"}} {
				b.WriteString(part[r.IntN(len(part))])
			}
		}
		texts = append(texts, b.String())
	}
	matched := 0
	for _, s := range texts {
		want := figureStated.FindAllStringSubmatchIndex(s, -1)
		got := statedFigures(s)
		if len(want) > 0 {
			matched++
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: FindAll %v, statedFigures %v", s, want, got)
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d texts hold a stated figure: the test proves little", matched)
	}
}
