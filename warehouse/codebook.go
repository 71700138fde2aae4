package warehouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"strings"
)

// The codebook: every public table, view and column, and every canonical
// key, with a Chinese label and an English description. dictionary.csv
// (written by every export) holds it; CodebookMarkdown renders it for
// `disclosure codebook`.

// CodebookEntry is one line of the codebook. Kind is table or view (a row
// for the object itself, Column empty), column, or key (Object is the
// section, Column row/col).
type CodebookEntry struct {
	Object, Kind, Column, Type, LabelZH, Description string
}

// Codebook lists the public objects, their columns and the canonical keys.
func (db *DB) Codebook(ctx context.Context) ([]CodebookEntry, error) {
	dict, err := db.Dictionary(ctx)
	if err != nil {
		return nil, err
	}
	var out []CodebookEntry
	kinds := map[string]string{}
	for _, r := range dict {
		kinds[r.Object] = r.Kind
	}
	for _, o := range append(append([]string{}, Tables...), Views...) {
		d := objectDocs[o]
		out = append(out, CodebookEntry{Object: o, Kind: kinds[o], LabelZH: d[0], Description: d[1]})
	}
	for _, r := range dict {
		out = append(out, CodebookEntry{Object: r.Object, Kind: "column", Column: r.Column, Type: r.Type, LabelZH: r.LabelZH, Description: r.Description})
	}
	for _, k := range Keys() {
		s, r, c := k.Labels()
		typ := "BIGINT"
		if isAmount(k) {
			typ = "DOUBLE"
		}
		out = append(out, CodebookEntry{Object: k.Section, Kind: "key", Column: k.Row + "/" + k.Col, Type: typ,
			LabelZH:     strings.Join([]string{s, r, c}, " · "),
			Description: fmt.Sprintf("%s: %s, %s (wide column %s; templates %s)", sectionEN[k.Section], rowEN[k.Row], colEN[k.Col], k.WideName(), strings.Join(k.Templates, ", "))})
	}
	return out, nil
}

// wideLabels maps wide-view column names to their keys' Chinese labels.
var wideLabels = func() map[string]string {
	m := map[string]string{}
	for _, k := range Keys() {
		_, r, c := k.Labels()
		m[k.WideName()] = r + " · " + c
		m[summaryName(k)] = r + " · " + c
	}
	return m
}()

// labelZH is a column's Chinese label.
func labelZH(object, column string) string {
	if l, ok := zhLabels[object+"."+column]; ok {
		return l
	}
	if l, ok := zhLabels[column]; ok {
		return l
	}
	return wideLabels[column]
}

// CodebookMarkdown renders the codebook: the objects, then each object's
// columns, then the canonical keys.
func CodebookMarkdown(book []CodebookEntry) string {
	var b strings.Builder
	cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }
	b.WriteString("# Codebook 数据字典\n\nEvery table and view of the warehouse, its columns, and the canonical keys of the statistics (CONTRACT.md).\n\n")
	b.WriteString("## Tables and views 表与视图\n\n| object | kind | 中文 | description |\n|---|---|---|---|\n")
	cols := map[string][]CodebookEntry{}
	var objects []CodebookEntry
	var keys []CodebookEntry
	for _, e := range book {
		switch e.Kind {
		case "table", "view":
			objects = append(objects, e)
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", e.Object, e.Kind, cell(e.LabelZH), cell(e.Description))
		case "column":
			cols[e.Object] = append(cols[e.Object], e)
		case "key":
			keys = append(keys, e)
		}
	}
	for _, o := range objects {
		fmt.Fprintf(&b, "\n## `%s` — %s\n\n%s\n\n| column | type | 中文 | description |\n|---|---|---|---|\n", o.Object, cell(o.LabelZH), cell(o.Description))
		for _, c := range cols[o.Object] {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Column, c.Type, cell(c.LabelZH), cell(c.Description))
		}
	}
	b.WriteString("\n## Canonical keys 统计指标\n\n| section | row/col | type | 中文 | English |\n|---|---|---|---|---|\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", k.Object, k.Column, k.Type, cell(k.LabelZH), cell(k.Description))
	}
	return b.String()
}

// WithScratch runs fn on a new, empty warehouse in a temporary folder:
// the schema without data, for the codebook before any load.
func WithScratch(fn func(*DB) error) error {
	dir, err := os.MkdirTemp("", "disclosure-schema-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := Open(filepath.Join(dir, "schema.duckdb"))
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}
