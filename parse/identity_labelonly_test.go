package parse

import (
	"strings"
	"testing"
)

// startsLabelOnly is a cheap guard before labelOnlyRe: every label of the
// pattern must pass it, or a new label would never be tried.
func TestStartsLabelOnlyCoversLabelOnlyRe(t *testing.T) {
	pat := labelOnlyRe.String()
	i, j := strings.Index(pat, "(?:"), strings.Index(pat, ")")
	if i < 0 || j < i {
		t.Fatalf("labelOnlyRe %q: no (?:…) group of labels", pat)
	}
	for _, label := range strings.Split(pat[i+3:j], "|") {
		if !startsLabelOnly(label) {
			t.Errorf("label %q of labelOnlyRe does not pass startsLabelOnly", label)
		}
		if len(label) > len("发布时间") {
			t.Errorf("label %q of labelOnlyRe is longer than the length guard before it", label)
		}
	}
}
