package pipeline

import (
	"context"
	"fmt"
	"strings"

	"disclosure/warehouse"
)

// TableInfo is one public table or view of the warehouse, in one line.
type TableInfo struct {
	Name, Kind  string
	Rows        int64
	Columns     []string
	Label       string // its Chinese name (the codebook's)
	Description string // what it holds (the codebook's)
}

// Tables lists the warehouse's public tables and views (those the export
// writes and dictionary.csv describes), with their row counts.
func Tables(store Store) ([]TableInfo, error) {
	var out []TableInfo
	err := store.Read(func(db *warehouse.DB) error {
		ctx := context.Background()
		dict, err := db.Dictionary(ctx)
		if err != nil {
			return err
		}
		for _, r := range dict {
			if len(out) == 0 || out[len(out)-1].Name != r.Object {
				out = append(out, TableInfo{Name: r.Object, Kind: r.Kind})
			}
			t := &out[len(out)-1]
			t.Columns = append(t.Columns, r.Column)
		}
		book, err := db.Codebook(ctx)
		if err != nil {
			return err
		}
		about := map[string]warehouse.CodebookEntry{}
		for _, e := range book {
			if e.Kind == "table" || e.Kind == "view" {
				about[e.Object] = e
			}
		}
		for i := range out {
			out[i].Label, out[i].Description = about[out[i].Name].LabelZH, about[out[i].Name].Description
			q := fmt.Sprintf(`SELECT count(*) FROM "%s"`, strings.ReplaceAll(out[i].Name, `"`, `""`))
			if err := db.SQL().QueryRowContext(ctx, q).Scan(&out[i].Rows); err != nil {
				return fmt.Errorf("%s: %w", out[i].Name, err)
			}
		}
		return nil
	})
	return out, err
}
