package parse

import (
	"strings"
	"testing"
)

// TestFurnitureEnd holds isFurnitureCell's guard to the pattern it guards:
// no cell that pageFurniture matches fails furnitureEnd.
func TestFurnitureEnd(t *testing.T) {
	cells := []string{"— 3 —", "-12-", "第 3 页", "第3页，共12页", "共 12 页 第 3 页", "3/12", "Page 3", "page 3 of 12",
		"－ 4 －", "–5–", "规章", "2023年度报告", ""}
	for _, c := range loadCorpus(t) {
		for line := range strings.SplitSeq(c.raw, "\n") {
			cells = append(cells, line)
			cells = append(cells, strings.Split(line, "|")...)
		}
	}
	matched := 0
	for _, c := range cells {
		s := foldASCII(strings.TrimSpace(c))
		if pageFurniture.MatchString(s) {
			matched++
			if !furnitureEnd(s) {
				t.Errorf("furnitureEnd(%q) is false, but pageFurniture matches it", s)
			}
		}
	}
	if matched < 10 {
		t.Errorf("only %d cells are page furniture: the test proves little", matched)
	}
}
