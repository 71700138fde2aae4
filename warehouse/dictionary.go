package warehouse

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The data dictionary written beside every export: each column of each
// public table and view, and each canonical key with its Chinese labels.

// wideDocs describes every wide-view column by its key's labels.
func wideDocs() map[string]string {
	m := map[string]string{}
	for _, k := range Keys() {
		s, r, c := k.Labels()
		m[k.WideName()] = fmt.Sprintf("%s · %s · %s (%s/%s/%s)", s, r, c, k.Section, k.Row, k.Col)
	}
	return m
}

// describe returns the description of one column.
func describe(object, column string, wide map[string]string) string {
	if d, ok := columnDocs[object+"."+column]; ok {
		return d
	}
	if d, ok := columnDocs[column]; ok {
		return d
	}
	return wide[column]
}

// DictionaryRow is one column of one public object.
type DictionaryRow struct {
	Object, Kind, Column, Type, Description string
	LabelZH                                 string // Chinese label
}

// Dictionary lists every column of every public table and view.
func (db *DB) Dictionary(ctx context.Context) ([]DictionaryRow, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT c.table_name, t.table_type, c.column_name, c.data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = 'main'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	public := map[string]int{}
	for i, o := range append(append([]string{}, Tables...), Views...) {
		public[o] = i + 1
	}
	wide := wideDocs()
	var out []DictionaryRow
	for rows.Next() {
		var r DictionaryRow
		if err := rows.Scan(&r.Object, &r.Kind, &r.Column, &r.Type); err != nil {
			return nil, err
		}
		if public[r.Object] == 0 {
			continue
		}
		r.Kind = map[string]string{"BASE TABLE": "table", "VIEW": "view"}[r.Kind]
		r.Description = describe(r.Object, r.Column, wide)
		r.LabelZH = labelZH(r.Object, r.Column)
		out = append(out, r)
	}
	return out, rows.Err()
}

// writeDictionary writes dictionary.csv (the codebook: every table, view,
// column and canonical key, in Chinese and English) and keys.csv (canonical
// keys with their Chinese labels) beside the exported files.
func (db *DB) writeDictionary(ctx context.Context, opt ExportOptions) ([]string, error) {
	book, err := db.Codebook(ctx)
	if err != nil {
		return nil, err
	}
	var cols [][]string
	for _, r := range book {
		cols = append(cols, []string{r.Object, r.Kind, r.Column, r.Type, r.LabelZH, r.Description})
	}
	var keys [][]string
	for _, k := range Keys() {
		s, r, c := k.Labels()
		keys = append(keys, []string{k.Section, k.Row, k.Col, s, r, c, strings.Join(k.Templates, " "), k.WideName()})
	}
	files := []string{filepath.Join(opt.Dir, "dictionary.csv"), filepath.Join(opt.Dir, "keys.csv")}
	if err := writeCSV(files[0], []string{"object", "kind", "column", "type", "label_zh", "description"}, cols, opt.Excel); err != nil {
		return nil, err
	}
	if err := writeCSV(files[1], []string{"section", "row", "col", "section_label", "row_label", "col_label", "templates", "wide_column"}, keys, opt.Excel); err != nil {
		return nil, err
	}
	return files, nil
}

func writeCSV(path string, header []string, rows [][]string, excel bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if excel {
		if _, err := f.WriteString(BOM); err != nil {
			f.Close()
			return err
		}
	}
	w := csv.NewWriter(f)
	w.UseCRLF = excel
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
