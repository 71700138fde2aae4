package warehouse_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"testing"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// A staged batch keeps every value, in the documents' order, and
// summary_cells holds what a PIVOT of report_values gives: the larger value
// where a key is printed twice, NULL where it is blank, -0 and decimals
// exactly. DuckDB's threads setting, lowered for a small batch's insert,
// is put back.
func TestStagedBatchKeepsOrderAndSummary(t *testing.T) {
	db := openTemp(t)
	var docs []warehouse.Document
	for i := range 1100 {
		docs = append(docs, fixture.SyntheticDoc(i))
	}
	odd := docs[7].Report
	num := func(x float64) *float64 { return &x }
	odd.Values = append([]parse.Value{}, // a layout of its own, between two of the template's
		parse.Value{Section: "requests", Row: "new", Col: "total", Number: num(1e6), Raw: "1000000"},
		parse.Value{Section: "requests", Row: "new", Col: "total", Number: num(-5), Raw: "减5"},
		parse.Value{Section: "proactive", Row: "fees", Col: "amount_10k_yuan", Number: num(math.Copysign(0, -1)), Raw: "-0"},
		parse.Value{Section: "proactive", Row: "fees", Col: "amount_10k_yuan", Number: num(-1.25), Raw: "-1.25"},
	)
	if _, err := db.SQL().Exec(`SET GLOBAL threads = 3`); err != nil {
		t.Fatal(err)
	}
	res, err := db.Load(context.Background(), docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT current_setting('threads')`); n != 3 {
		t.Errorf("threads after a load: %d, want 3", n)
	}
	more, err := db.Load(context.Background(), docs[1:])
	if err != nil {
		t.Fatal(err)
	}
	res.ReportIDs = append(res.ReportIDs, more.ReportIDs...)
	rows, err := db.SQL().Query(`SELECT report_id, section, row, col, value, raw FROM report_values ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	d, j := 0, 0
	for rows.Next() {
		var id int64
		var s, r, c string
		var v sql.NullFloat64
		var raw string
		if err := rows.Scan(&id, &s, &r, &c, &v, &raw); err != nil {
			t.Fatal(err)
		}
		for d < len(docs) && j == len(docs[d].Report.Values) {
			d, j = d+1, 0
		}
		if d == len(docs) {
			t.Fatal("more rows than values")
		}
		w := docs[d].Report.Values[j]
		if id != res.ReportIDs[d] || s != w.Section || r != w.Row || c != w.Col || raw != w.Raw || v.Valid != (w.Number != nil) ||
			(v.Valid && (v.Float64 != *w.Number || math.Signbit(v.Float64) != math.Signbit(*w.Number))) {
			t.Fatalf("row of document %d value %d: %d %s/%s/%s %v %q, want %d %+v", d, j, id, s, r, c, v, raw, res.ReportIDs[d], w)
		}
		j++
	}
	if d != len(docs)-1 || j != len(docs[d].Report.Values) {
		t.Fatalf("rows end at document %d value %d", d, j)
	}

	// Every summary cell, unpivoted, against the maximum in report_values.
	wide := map[string]warehouse.Key{}
	for _, k := range warehouse.Keys() {
		wide["c_"+k.WideName()] = k
	}
	got := map[string]float64{}
	cells, err := db.SQL().Query(`UNPIVOT summary_cells ON COLUMNS(* EXCLUDE report_id) INTO NAME name VALUE v`)
	if err != nil {
		t.Fatal(err)
	}
	defer cells.Close()
	keys := map[string]bool{}
	for cells.Next() {
		var id int64
		var name string
		var v float64
		if err := cells.Scan(&id, &name, &v); err != nil {
			t.Fatal(err)
		}
		k, ok := wide[name]
		if !ok {
			t.Fatalf("summary_cells column %s names no key", name)
		}
		keys[k.Section+"/"+k.Row+"/"+k.Col] = true
		got[fmt.Sprint(id, k.Section, k.Row, k.Col)] = v
	}
	want := map[string]float64{}
	maxes, err := db.SQL().Query(`SELECT report_id, section, row, col, max(value) FROM report_values WHERE value IS NOT NULL GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer maxes.Close()
	for maxes.Next() {
		var id int64
		var s, r, c string
		var v float64
		if err := maxes.Scan(&id, &s, &r, &c, &v); err != nil {
			t.Fatal(err)
		}
		if keys[s+"/"+r+"/"+c] {
			want[fmt.Sprint(id, s, r, c)] = v
		}
	}
	if len(keys) < 50 || len(got) != len(want) {
		t.Fatalf("%d summary keys, %d cells, want %d", len(keys), len(got), len(want))
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v || math.Signbit(g) != math.Signbit(v) {
			t.Errorf("summary cell %s: %v, want %v", k, g, v)
		}
	}
	id := res.ReportIDs[7]
	if k := fmt.Sprint(id, "proactive", "fees", "amount_10k_yuan"); got[k] != 0 || !math.Signbit(got[k]) {
		t.Errorf("fees of the odd report: %v, want -0", got[k])
	}
	if k := fmt.Sprint(id, "requests", "new", "total"); got[k] != 1e6 {
		t.Errorf("new requests of the odd report: %v, want 1e6", got[k])
	}
}

// Checks and prose are staged as CSV too: their text comes back byte for
// byte (commas, quotes, line ends, ideographs), an empty key, detail,
// heading or text as NULL, in the report's order, and reports counts the
// checks. A check that holds keeps no detail.
func TestStagedTextKeepsBytesAndNulls(t *testing.T) {
	db := openTemp(t)
	d := fixture.SyntheticDoc(3)
	r := *d.Report
	r.Checks = []parse.Check{
		{Name: "requests_balance", Key: "natural_person", OK: true, Detail: "natural_person 1 + carried_over 0 = 1 vs 1"},
		{Name: "with, comma", Key: `a "quoted" key`, OK: false, Detail: "line one\nline two\r\n,\"end\""},
		{Name: "review_total", Key: "", OK: false, Detail: ""},
		{Name: "本年新收", Key: "自然人", OK: false, Detail: " 前后空格 "},
	}
	r.Prose = []parse.ProseSection{
		{Heading: "一、总体情况", Text: "第一段，\n第二段 \"引号\", 逗号\r\n"},
		{Heading: "", Text: "无标题"},
		{Heading: "二、空", Text: ""},
	}
	d.Report = &r
	res, err := db.Load(context.Background(), []warehouse.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	n := eachRow(t, db, `SELECT report_id, name, key, ok, detail FROM report_checks ORDER BY rowid`, func(rows *sql.Rows) error {
		var id int64
		var name string
		var key, detail sql.NullString
		var ok bool
		if err := rows.Scan(&id, &name, &key, &ok, &detail); err != nil || i >= len(r.Checks) {
			return fmt.Errorf("%v, or more rows than the %d checks", err, len(r.Checks))
		}
		w := r.Checks[i]
		if id != res.ReportIDs[0] || name != w.Name || key.Valid != (w.Key != "") || key.String != w.Key ||
			ok != w.OK || detail.Valid != (w.Detail != "" && !w.OK) || detail.Valid && detail.String != w.Detail {
			t.Errorf("check %d: %d %q %v %v %v, want %+v", i, id, name, key, ok, detail, w)
		}
		i++
		return nil
	})
	if n != len(r.Checks) {
		t.Fatalf("%d checks stored, want %d", n, len(r.Checks))
	}
	if n := count(t, db, `SELECT checks_failed * 100 + checks_run FROM reports`); n != 304 {
		t.Errorf("checks_failed*100 + checks_run = %d, want 304", n)
	}
	i = 0
	n = eachRow(t, db, `SELECT seq, heading, text FROM report_prose ORDER BY rowid`, func(rows *sql.Rows) error {
		var seq int
		var heading, text sql.NullString
		if err := rows.Scan(&seq, &heading, &text); err != nil || i >= len(r.Prose) {
			return fmt.Errorf("%v, or more rows than the %d sections", err, len(r.Prose))
		}
		w := r.Prose[i]
		if seq != i+1 || heading.Valid != (w.Heading != "") || heading.String != w.Heading || text.Valid != (w.Text != "") || text.String != w.Text {
			t.Errorf("section %d: %d %v %v, want %+v", i, seq, heading, text, w)
		}
		i++
		return nil
	})
	if n != len(r.Prose) {
		t.Fatalf("%d sections stored, want %d", n, len(r.Prose))
	}
}

// A value's key travels as a number (valueKeys) and comes back spelled as
// it was: quotes, commas, an empty column, ideographs; keys first seen in a
// later batch get numbers of their own.
func TestStagedKeysOfAnySpelling(t *testing.T) {
	db := openTemp(t)
	num := func(x float64) *float64 { return &x }
	keys := [][3]string{{"it's", `"quoted", row`, ""}, {"本年", "新收", "自然人"}, {"requests", "new", "total"}}
	var docs []warehouse.Document
	for i, k := range keys {
		d := fixture.SyntheticDoc(i)
		r := *d.Report
		r.Values = []parse.Value{{Section: k[0], Row: k[1], Col: k[2], Number: num(float64(i)), Raw: fmt.Sprint(i)}}
		d.Report = &r
		docs = append(docs, d)
	}
	for _, d := range docs { // one batch each: later batches bring new keys
		if _, err := db.Load(context.Background(), []warehouse.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	n := eachRow(t, db, `SELECT section, row, col, value FROM report_values ORDER BY rowid`, func(rows *sql.Rows) error {
		var s, r, c string
		var v float64
		if err := rows.Scan(&s, &r, &c, &v); err != nil {
			return err
		}
		if i >= len(keys) || [3]string{s, r, c} != keys[i] || v != float64(i) {
			t.Errorf("value %d: %q %q %q %v", i, s, r, c, v)
		}
		i++
		return nil
	})
	if n != len(keys) {
		t.Errorf("%d values stored, want %d", n, len(keys))
	}
}
