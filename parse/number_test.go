package parse

import (
	"reflect"
	"strings"
	"testing"
)

// TestReadValueShortcuts holds readValue's shortcuts (a bare count, a cell
// with no digit) to the general path's outcome, over every cell of the
// corpus and the cell shapes the shortcuts must not swallow.
func TestReadValueShortcuts(t *testing.T) {
	cells := []string{"", " ", "0", "12", "0123", "１２", "无", "—", "— —", "－", "/", "-/-", "？",
		"\u00a0", "\u3000—\u3000", "规章", "增15", "减4", "1,300", "2 0 2", "9527(件)", "96.42万",
		"-185", "+3", "1.5", ".5", "5.", "12345678901234567890123456789012345678901234567", "件", "元",
		"999999999999999", "9007199254740993", "0000000000000001", "123456789012345678",
		"增加3", "减少1", "新增2", "減4", "3件", "3（条）", "1.2(万元)", "96.42万", "１,３００元", "￥5", "¥5", "−4", "＋3", "１．5",
		"0、0、0", "1；2", "2 0 2件", "2　件", "1.属于国家秘密", "第2项", "3个", "5宗", "7例", "1ÿ", "ÿ1"}
	cells = append(cells, corpusCells(t)...)
	shortcut := 0
	for _, c := range cells {
		raw := strings.TrimSpace(c)
		if len(raw) > maxValueBytes {
			continue
		}
		got, gotOK := readValue(c)
		want, wantOK := readRawValue(raw)
		if gotOK != wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("readValue(%q) = %+v, %v; the general path reads %+v, %v", c, got, gotOK, want, wantOK)
		}
		if digitsIn(raw) != someDigits {
			shortcut++
		}
	}
	if shortcut < len(cells)/2 {
		t.Errorf("only %d of %d cells took a shortcut", shortcut, len(cells))
	}
}

// TestIndexDigit holds indexDigit to strings.IndexFunc(isDigitRune) over
// the corpus lines.
func TestIndexDigit(t *testing.T) {
	lines := []string{"", "0", "x9", "１２", "x２", "规章 0 0 0", "\xff9", "\xef\xbc", "\xef\xbc\x9a", "\xef\xbc\x90"}
	for _, c := range loadCorpus(t) {
		lines = append(lines, strings.Split(c.raw, "\n")...)
	}
	for _, l := range lines {
		if got, want := indexDigit(l), strings.IndexFunc(l, isDigitRune); got != want {
			t.Errorf("indexDigit(%q) = %d, want %d", l, got, want)
		}
	}
}
