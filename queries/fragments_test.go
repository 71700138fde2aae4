package queries

import (
	"os"
	"strings"
	"testing"
)

// A query that names fragments is, once they are put in, the SQL kept in
// testdata/expanded (its text from before the fragments existed) but for
// white space, which SQL does not read: change the two together. A query
// that names none is its file as it stands.
func TestFragmentsExpand(t *testing.T) {
	qs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	expanded := 0
	for _, q := range qs {
		file, err := os.ReadFile(q.Name + ".sql")
		if err != nil {
			t.Fatal(err)
		}
		want := string(file)
		if fragmentRef.MatchString(want) {
			expanded++
			b, err := os.ReadFile("testdata/expanded/" + q.Name + ".sql")
			if err != nil {
				t.Fatalf("%s names fragments: %v", q.Name, err)
			}
			want = string(b)
		}
		if strings.Join(strings.Fields(q.SQL), " ") != strings.Join(strings.Fields(want), " ") {
			t.Errorf("%s expands to\n%s\nwant\n%s", q.Name, q.SQL, want)
		}
	}
	if expanded == 0 {
		t.Error("no query names a fragment: testdata/expanded is left over")
	}
}

func TestUnknownFragment(t *testing.T) {
	if _, err := expand("SELECT 1 WHERE {{no_such_fragment}}"); err == nil || !strings.Contains(err.Error(), "no_such_fragment") {
		t.Errorf("unknown fragment: %v", err)
	}
}
