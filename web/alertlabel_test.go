package web

import (
	"regexp"
	"testing"

	"disclosure/queries"
)

// Every alert kind the alerts query names, and the county page's failed
// checks, has a Chinese label on the pages.
func TestEveryAlertKindHasALabel(t *testing.T) {
	q, ok, err := queries.Get("alerts")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	var doc string
	for _, p := range q.Params {
		if p.Name == "kind" {
			doc = p.Doc
		}
	}
	kinds := regexp.MustCompile(`[a-z]+(?:_[a-z]+)+|blocked`).FindAllString(doc, -1)
	if len(kinds) < 7 {
		t.Fatalf("alert kinds read from the query's kind parameter: %v (%q)", kinds, doc)
	}
	for _, k := range append(kinds, "failed_checks") {
		if l := alertLabel(k); l == k || !regexp.MustCompile(`\p{Han}`).MatchString(l) {
			t.Errorf("alert %s is shown as %q", k, l)
		}
	}
}
