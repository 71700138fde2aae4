package queries

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every {{NAME}} a query names is replaced by its fragment's SQL, whose
// parameters the query declares; a query that names none is its file as
// it stands.
func TestFragmentsExpand(t *testing.T) {
	qs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\$(\w+)`)
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	expanded := 0
	for _, q := range qs {
		file, err := os.ReadFile(q.Name + ".sql")
		if err != nil {
			t.Fatal(err)
		}
		refs := fragmentRef.FindAllString(string(file), -1)
		if len(refs) == 0 {
			if q.SQL != string(file) {
				t.Errorf("%s names no fragment but its SQL is not its file", q.Name)
			}
			continue
		}
		expanded++
		if strings.Contains(q.SQL, "{{") {
			t.Errorf("%s: a fragment was not put in:\n%s", q.Name, q.SQL)
		}
		declared := map[string]bool{}
		for _, p := range q.Params {
			declared[p.Name] = true
		}
		for _, ref := range refs {
			b, err := files.ReadFile("fragments/" + ref[2:len(ref)-2] + ".sql")
			if err != nil {
				t.Fatal(err)
			}
			var body []string
			for _, line := range strings.Split(string(b), "\n") {
				if !strings.HasPrefix(line, "--") {
					body = append(body, line)
				}
			}
			if !strings.Contains(words(q.SQL), words(strings.Join(body, "\n"))) {
				t.Errorf("%s: the SQL of %s is not in\n%s", q.Name, ref, q.SQL)
			}
			for _, m := range param.FindAllStringSubmatch(string(b), -1) {
				if !declared[m[1]] {
					t.Errorf("%s uses %s, whose $%s it does not declare", q.Name, ref, m[1])
				}
			}
		}
	}
	if expanded == 0 {
		t.Error("no query names a fragment: fragments/ is left over")
	}
}

func TestUnknownFragment(t *testing.T) {
	if _, err := expand("SELECT 1 WHERE {{no_such_fragment}}"); err == nil || !strings.Contains(err.Error(), "no_such_fragment") {
		t.Errorf("unknown fragment: %v", err)
	}
}
