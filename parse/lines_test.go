package parse

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestFoldLines holds foldLines (the plain-ideograph skip, lines left in
// the document's text) to the general rule line by line: each line is
// toSimplified of the line with NBSP as a space, trimmed, with the keys and
// marks makeLine notes; over the corpus, traditional text, NBSP and invalid
// bytes, in documents where folding changes no line, some or all.
func TestFoldLines(t *testing.T) {
	mixed := []string{"", "  ", "伊宁县政府信息公开工作2023年度报告", "政府資訊公開工作年度報告", "\u00a0规章\u00a00",
		"第二十条第(一)项", "報告\xff年", "\xff年报", "　（一）主动公开情况　", "行政事業(yè)性收費", "2024-01-26   伊宁县人民政府办公室"}
	docs := [][]string{mixed, mixed[:3], {"報告", "年報"}}
	for _, c := range loadCorpus(t) {
		docs = append(docs, strings.Split(c.raw, "\n"))
	}
	leftInPlace := 0
	for _, doc := range docs {
		got := foldLines(doc, nil)
		var want []line
		for _, l := range doc {
			if s := strings.TrimSpace(toSimplified(strings.ReplaceAll(l, "\u00a0", " "))); s != "" {
				want = append(want, makeLine(s))
			}
		}
		if len(got) != len(want) {
			t.Fatalf("foldLines gave %d lines, want %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.s != w.s || g.keys != w.keys || len(g.marks) != len(w.marks) || len(w.marks) > 0 && !reflect.DeepEqual(g.marks, w.marks) {
				t.Fatalf("line %d: foldLines gave %q keys %x marks %v; want %q keys %x marks %v", i, g.s, g.keys, g.marks, w.s, w.keys, w.marks)
			}
		}
		for _, g := range got {
			for _, l := range doc {
				if len(g.s) > 0 && unsafe.StringData(g.s) == unsafe.StringData(strings.TrimSpace(l)) {
					leftInPlace++
					break
				}
			}
		}
	}
	if leftInPlace == 0 {
		t.Error("no line was left in the document's text")
	}
}
