package parse

import (
	"reflect"
	"strings"
	"testing"
)

// TestClassifyCache holds the remembered label and key of a cell (classify,
// cellKey) to what classifyUncached and labelKey compute, on the lookup that
// fills the cache and on the one that reads it, over every line and piped
// field of the corpus and the cell shapes the key rules touch.
func TestClassifyCache(t *testing.T) {
	cells := []string{"", "规章", "三、规章", "(三)", "行政事業(yè)性收費", "行政法复议", "规范性文件(指本机关…",
		"总计", "其他", "1.属于国家秘密", "信息内容", "益组织", strings.Repeat("规章", 60)}
	for _, c := range loadCorpus(t) {
		for line := range strings.SplitSeq(c.raw, "\n") {
			cells = append(cells, strings.TrimSpace(line))
			for f := range strings.SplitSeq(line, "|") {
				cells = append(cells, strings.TrimSpace(f))
			}
		}
	}
	for pass := range 2 {
		for _, c := range cells {
			if got, want := cellKey(c), labelKey(c); got != want {
				t.Fatalf("pass %d: cellKey(%q) = %q, labelKey gives %q", pass, c, got, want)
			}
			want := classifyHead(c)
			if len(c) <= maxLabelRunes*4 {
				want = classifyUncached(c).label
			}
			if got := classify(c); !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d: classify(%q) = %+v, uncached %+v", pass, c, got, want)
			}
		}
	}
}

// TestLongerThanLabels holds headLabel's shortcut to the lookup it skips: no
// text it rules out has a key in labelIndex, over every label of the
// template (as printed and as keys) and every corpus line, whole and cut at
// each bracket as classifyHead cuts it.
func TestLongerThanLabels(t *testing.T) {
	var texts []string
	for k := range labelIndex {
		texts = append(texts, k, "（一）"+k, k+"(yè)")
	}
	for _, r := range Rows {
		texts = append(texts, r.Labels...)
	}
	for _, c := range loadCorpus(t) {
		for line := range strings.SplitSeq(c.raw, "\n") {
			texts = append(texts, line)
			for i, r := range line {
				if r == '(' || r == '（' {
					texts = append(texts, line[:i])
				}
			}
		}
	}
	ruled := 0
	for _, s := range texts {
		if !longerThanLabels(s) {
			continue
		}
		ruled++
		if l, ok := labelIndex[labelKey(s)]; ok {
			t.Errorf("longerThanLabels(%q): but its key is a label, %+v", s, l)
		}
	}
	if ruled < len(texts)/20 {
		t.Errorf("only %d of %d texts ruled out", ruled, len(texts))
	}
}
