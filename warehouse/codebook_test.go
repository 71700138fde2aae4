package warehouse_test

import (
	"context"
	"strings"
	"testing"

	"disclosure/warehouse"
)

// The codebook gives every table, view, column and canonical key a Chinese
// label and an English description, and the Markdown shows them all.
func TestCodebookBilingual(t *testing.T) {
	db := openTemp(t)
	book, err := db.Codebook(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range book {
		kinds[e.Kind]++
		if strings.TrimSpace(e.LabelZH) == "" {
			t.Errorf("%s %s.%s has no Chinese label", e.Kind, e.Object, e.Column)
		}
		if strings.TrimSpace(e.Description) == "" || strings.Contains(e.Description, ": , ") {
			t.Errorf("%s %s.%s has no English description (%q)", e.Kind, e.Object, e.Column, e.Description)
		}
	}
	objects := len(warehouse.Tables) + len(warehouse.Views)
	if kinds["table"]+kinds["view"] != objects || kinds["column"] < 300 || kinds["key"] != len(warehouse.Keys()) {
		t.Errorf("codebook kinds %v; want %d objects, every column and %d keys", kinds, objects, len(warehouse.Keys()))
	}
	md := warehouse.CodebookMarkdown(book)
	for _, want := range []string{"# Codebook 数据字典", "## `requests_summary` — 依申请公开汇总", "| `received` | BIGINT | 本年新收申请数 |", "## Canonical keys 统计指标", "`new/natural_person`"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}
