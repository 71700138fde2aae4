package parse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFurnitureEnd holds isFurnitureCell's guards to what they guard: no
// cell that pageFurniture matches fails furnitureEnd, and no furniture cell
// fails furnitureTail.
func TestFurnitureEnd(t *testing.T) {
	cells := []string{"— 3 —", "-12-", "第 3 页", "第3页，共12页", "共 12 页 第 3 页", "3/12", "Page 3", "page 3 of 12",
		"－ 4 －", "–5–", "规章", "2023年度报告", "", "第３页\u3000", "— ３ —", "−7−", "伊宁县政府信息公开工作2023年度报告 ", "x\xff", "３/１２", "Page ３"}
	cells = append(cells, corpusCells(t)...)
	matched := 0
	for _, c := range cells {
		s := foldASCII(strings.TrimSpace(c))
		if pageFurniture.MatchString(s) {
			matched++
			if !furnitureEnd(s) {
				t.Errorf("furnitureEnd(%q) is false, but pageFurniture matches it", s)
			}
		}
		if got, want := isFurnitureCell(c), unguardedFurniture(c); got != want {
			t.Errorf("isFurnitureCell(%q) = %v; without its guards, %v", c, got, want)
		}
	}
	if matched < 10 {
		t.Errorf("only %d cells are page furniture: the test proves little", matched)
	}
}

// unguardedFurniture is isFurnitureCell without furnitureTail and
// furnitureEnd: the rule they must not change.
func unguardedFurniture(text string) bool {
	if len(text) > 120 || strings.IndexFunc(text, isDigitRune) < 0 && !strings.HasSuffix(text, "报告") {
		return false
	}
	t := foldASCII(strings.TrimSpace(text))
	if pageFurniture.MatchString(t) {
		return true
	}
	return utf8.RuneCountInString(t) <= 40 && (strings.HasSuffix(t, "年度报告") || strings.HasSuffix(t, "工作报告"))
}
