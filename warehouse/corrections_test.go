package warehouse_test

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// A correction shows in the views (flagged), survives a reparse of its
// document, and is settled once the parser reads the cell the same way.
func TestCorrectionSurvivesReparse(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs := fixture.Docs()
	res, err := db.Load(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	id := res.ReportIDs[1]
	var parsed sql.NullFloat64
	if err := db.SQL().QueryRow(`SELECT received FROM requests_summary WHERE report_id = ?`, id).Scan(&parsed); err != nil {
		t.Fatal(err)
	}
	c, err := db.Correct(ctx, warehouse.CorrectionInput{Report: strconv.FormatInt(id, 10), Section: "requests", Row: "new", Col: "total",
		Value: "99", Note: "the report prints 99 in the PDF; the HTML copy lost a digit", By: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Replaced == nil || *c.Replaced != parsed.Float64 || c.AlreadyParsed {
		t.Errorf("correction result: %+v (parsed %v)", c, parsed)
	}
	check := func(when string, want float64) {
		t.Helper()
		var received float64
		var n int
		if err := db.SQL().QueryRow(`SELECT received, corrections FROM requests_summary WHERE report_id = ?`, id).Scan(&received, &n); err != nil {
			t.Fatal(err)
		}
		var corrected bool
		var v float64
		if err := db.SQL().QueryRow(`SELECT count, corrected FROM current_values WHERE report_id = ? AND section = 'requests' AND row = 'new' AND col = 'total'`, id).Scan(&v, &corrected); err != nil {
			t.Fatal(err)
		}
		if received != want || n != 1 || v != want || !corrected {
			t.Errorf("%s: received %v (corrections %d), current_values %v corrected %v; want %v flagged", when, received, n, v, corrected, want)
		}
	}
	check("after correcting", 99)
	// Reparse the same bytes with the old reading: the correction stays.
	r2, err := db.LoadWith(ctx, []warehouse.Document{docs[1]}, warehouse.LoadOptions{Reparse: true})
	if err != nil {
		t.Fatal(err)
	}
	if r2.Settled != 0 {
		t.Errorf("settled %d, want 0", r2.Settled)
	}
	check("after reparse", 99)
	// A fixed parser now reads 99: the correction is settled.
	fixed := *docs[1].Report
	fixed.Values = append([]parse.Value(nil), fixed.Values...)
	for i, v := range fixed.Values {
		if v.Section == "requests" && v.Row == "new" && v.Col == "total" {
			x := 99.0
			fixed.Values[i].Number, fixed.Values[i].Raw = &x, "99"
		}
	}
	d := docs[1]
	d.Report = &fixed
	r3, err := db.LoadWith(ctx, []warehouse.Document{d}, warehouse.LoadOptions{Reparse: true})
	if err != nil {
		t.Fatal(err)
	}
	if r3.Settled != 1 {
		t.Errorf("settled %d, want 1", r3.Settled)
	}
	check("after the fixed reparse", 99)
	if n := count(t, db, `SELECT count(*) FROM corrections`); n != 1 {
		t.Errorf("%d corrections stored, want 1", n)
	}
}

func TestCorrectRefusesBadInput(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Load(ctx, fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   warehouse.CorrectionInput
		want string
	}{
		{warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "new", Col: "total", Value: "3", By: "x"}, "note"},
		{warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "nope", Col: "total", Value: "3", Note: "n", By: "x"}, "not a canonical key"},
		{warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "new", Col: "total", Value: "3.5", Note: "n", By: "x"}, "whole number"},
		{warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "new", Col: "total", Value: "abc", Note: "n", By: "x"}, "not a number"},
		{warehouse.CorrectionInput{Report: "9999", Section: "requests", Row: "new", Col: "total", Value: "3", Note: "n", By: "x"}, "no report"},
	} {
		if _, err := db.Correct(ctx, c.in); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one saying %q", c.in, err, c.want)
		}
	}
	// A money cell takes decimals; a blank clears the cell; a sha256 prefix finds the report.
	var sha string
	db.SQL().QueryRow(`SELECT sha256 FROM reports WHERE report_id = 1`).Scan(&sha)
	if _, err := db.Correct(ctx, warehouse.CorrectionInput{Report: sha[:10], Section: "proactive", Row: "fees", Col: "amount_10k_yuan", Value: "1.25", Note: "n", By: "x"}); err != nil {
		t.Error(err)
	}
	if _, err := db.Correct(ctx, warehouse.CorrectionInput{Report: "1", Section: "requests", Row: "new", Col: "total", Value: "/", Note: "n", By: "x"}); err != nil {
		t.Error(err)
	}
	var v sql.NullFloat64
	if err := db.SQL().QueryRow(`SELECT received FROM requests_summary WHERE report_id = 1`).Scan(&v); err != nil || v.Valid {
		t.Errorf("blanked cell reads %v (%v)", v, err)
	}
}
