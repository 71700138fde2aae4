package queries_test

import (
	"context"
	"reflect"
	"testing"

	"disclosure/warehouse"
)

// The corrections query lists each correction with its status: a later
// correction of the same cell supersedes an earlier one; one that says what
// the parser reads is settled.
func TestCorrectionsQuery(t *testing.T) {
	db := loaded(t)
	ctx := context.Background()
	var parsed float64
	if err := db.SQL().QueryRow(`SELECT value FROM report_values WHERE report_id = 2 AND section = 'requests' AND row = 'new' AND col = 'total'`).Scan(&parsed); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"7", "8"} {
		if _, err := db.Correct(ctx, warehouse.CorrectionInput{Report: "2", Section: "requests", Row: "new", Col: "total", Value: v, Note: "typo", By: "a"}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.Correct(ctx, warehouse.CorrectionInput{Report: "2", Section: "requests", Row: "granted", Col: "total", Value: "1", Note: "n", By: "a"})
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, db, "corrections", nil, "correction_id", "status", "row", "value")
	want := []string{"3|" + map[bool]string{true: "settled", false: "applied"}[c.AlreadyParsed] + "|granted|1", "2|applied|new|8", "1|superseded|new|7"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("corrections: %v, want %v", got, want)
	}
	if got := run(t, db, "corrections", map[string]string{"status": "superseded"}, "correction_id"); !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("status=superseded: %v", got)
	}
}
