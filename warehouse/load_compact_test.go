package warehouse_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// A document prepared early (as the ingest stage does: compacted, placed)
// stores exactly what the same document prepared by Load stores, and Prepare leaves the report
// it was given whole: the crawl's log lines still read its values.
func TestPrepareStoresTheSame(t *testing.T) {
	var early, late []warehouse.Document
	for i := range 300 {
		d := fixture.SyntheticDoc(i)
		late = append(late, d)
		c := d
		if err := c.Prepare(); err != nil {
			t.Fatal(err)
		}
		if err := c.Prepare(); err != nil { // a second call changes nothing
			t.Fatal(err)
		}
		early = append(early, c)
		if len(d.Report.Values) != fixture.SyntheticValues {
			t.Fatalf("document %d: Prepare changed the report it was given (%d values)", i, len(d.Report.Values))
		}
		if c.Report.Values != nil {
			t.Fatalf("document %d: compacted, its copy still holds %d values", i, len(c.Report.Values))
		}
	}
	dump := func(docs []warehouse.Document) string {
		db := openTemp(t)
		if _, err := db.Load(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT * FROM report_values ORDER BY rowid`,
			`SELECT * FROM summary_cells ORDER BY report_id`,
			`SELECT * EXCLUDE (loaded_at) FROM reports ORDER BY report_id`,
			`SELECT * FROM report_prose ORDER BY report_id, seq`,
			`SELECT * FROM report_checks ORDER BY rowid`,
		} {
			rows, err := db.SQL().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			n := 0
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&b, vals...)
				n++
			}
			rows.Close()
			if n == 0 {
				t.Fatalf("%s: no rows", q)
			}
		}
		return b.String()
	}
	if a, b := dump(early), dump(late); a != b {
		t.Errorf("compacted early and by Load differ:\n%.2000s\n---\n%.2000s", a, b)
	}
}

// A document read from page positions (PDF) keeps its values when
// compacted: value_positions is written from them.
func TestPrepareKeepsPositions(t *testing.T) {
	d := fixture.SyntheticDoc(1)
	r := *d.Report
	r.Pages = []parse.PageSize{{Number: 1, Width: 595, Height: 842}}
	r.Values = append([]parse.Value(nil), r.Values...)
	r.Values[0].Page, r.Values[0].Box = 1, parse.Box{X0: 10, Y0: 20, X1: 30, Y1: 40}
	d.Report = &r
	if err := d.Prepare(); err != nil {
		t.Fatal(err)
	}
	if len(d.Report.Values) != fixture.SyntheticValues {
		t.Fatalf("compacted with pages: %d values kept", len(d.Report.Values))
	}
	db := openTemp(t)
	if _, err := db.Load(context.Background(), []warehouse.Document{d}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM value_positions`); n != 1 {
		t.Errorf("%d value positions, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM report_values`); n != fixture.SyntheticValues {
		t.Errorf("%d values stored, want %d", n, fixture.SyntheticValues)
	}
}
