package queries_test

import (
	"context"
	"strings"
	"testing"

	"disclosure/queries"
)

// rank's default kind=government leaves the departments' and towns'
// reports out, and says how many; given kind, nothing is said.
func TestFilteredRowsSaid(t *testing.T) {
	db := loaded(t)
	q, _, err := queries.Get("rank")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	given := map[string]string{"prefecture": "襄阳", "year": "2023"}
	all := len(run(t, db, "rank", map[string]string{"prefecture": "襄阳", "year": "2023", "kind": "all"}, "code"))
	shown := len(run(t, db, "rank", given, "code"))
	notes, err := q.Filtered(ctx, db.SQL(), given)
	if err != nil {
		t.Fatal(err)
	}
	if all <= shown {
		t.Fatalf("fixture: kind=all shows %d rows, the default %d; need some left out", all, shown)
	}
	if len(notes) != 1 || notes[0].Param != "kind" || notes[0].Value != "government" || notes[0].Rows != int64(all-shown) {
		t.Fatalf("notes %+v, want kind=government leaving out %d", notes, all-shown)
	}
	if s := notes[0].String(); !strings.Contains(s, "--param kind=all") {
		t.Errorf("note %q does not say how to see them", s)
	}
	given["kind"] = "government"
	if notes, err := q.Filtered(ctx, db.SQL(), given); err != nil || len(notes) != 0 {
		t.Errorf("kind given: notes %v %v", notes, err)
	}
}
