package warehouse

import (
	"slices"
	"testing"

	"disclosure/parse"
)

// The warehouse's key dictionary (keys.csv) is the parser's template: every
// key of every row, with its labels and the layouts that print it, and no
// other.
func TestKeysFollowTheTemplate(t *testing.T) {
	byKey := map[string]Key{}
	for _, k := range Keys() {
		id := k.Section + "/" + k.Row + "/" + k.Col
		if _, dup := byKey[id]; dup {
			t.Errorf("%s listed twice", id)
		}
		byKey[id] = k
		if k.RowLabel == "" || k.ColLabel == "" {
			t.Errorf("%s has no Chinese label", id)
		}
		if s, _, _ := k.Labels(); s == "" {
			t.Errorf("%s has no section title", id)
		}
	}
	for _, r := range parse.Rows {
		for _, tmpl := range []string{parse.Template2019, parse.Template2021} {
			for _, c := range r.Cols[tmpl] {
				k, ok := byKey[r.Section+"/"+r.Key+"/"+c]
				if !ok {
					t.Errorf("%s/%s/%s (%s) not in Keys()", r.Section, r.Key, c, tmpl)
					continue
				}
				if !slices.Contains(k.Templates, tmpl) {
					t.Errorf("%s/%s/%s: templates %v lack %s", r.Section, r.Key, c, k.Templates, tmpl)
				}
			}
		}
	}
	want := map[string][]string{
		"proactive/procurement/items":           {parse.Template2019},
		"proactive/fees/amount_10k_yuan":        {parse.Template2021},
		"requests/other/total":                  {parse.Template2019, parse.Template2021},
		"review/litigation_direct/pending":      {parse.Template2019, parse.Template2021},
		"requests/other_unpaid_fee/total":       {parse.Template2021},
		"proactive/licensing/decisions":         {parse.Template2019, parse.Template2021},
		"proactive/regulations/total_published": {parse.Template2019},
	}
	for id, tmpls := range want {
		if got := byKey[id].Templates; !slices.Equal(got, tmpls) {
			t.Errorf("%s: templates %v, want %v", id, got, tmpls)
		}
	}
}
