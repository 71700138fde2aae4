package warehouse

import (
	"disclosure/parse"
)

// The canonical keys of CONTRACT.md come from the parser's template
// (parse/template.go, read through parse.Keys and parse.Sections): it
// decides which keys exist, their Chinese labels and the layouts that print
// them. The warehouse adds only what is its own: the short names that make
// wide-view column names fit Stata's 32 characters.

// Key is one canonical statistic.
type Key struct {
	Section, Row, Col  string
	RowLabel, ColLabel string
	// Templates lists the layouts that print this cell: "2019", "2021" or both.
	Templates []string
}

// sectionLabels are the sections' titles as the template prints them.
var sectionLabels = func() map[string]string {
	m := map[string]string{}
	for _, s := range parse.Sections {
		m[s.Key] = s.Title
	}
	return m
}()

// shortRows and shortCols abbreviate key parts in wide-view column names;
// parts not listed are used as they are.
var (
	shortRows = map[string]string{
		"normative_documents":              "normative",
		"not_processed_complaint":          "np_complaint",
		"not_processed_duplicate":          "np_duplicate",
		"not_processed_publication":        "np_publication",
		"not_processed_excessive":          "np_excessive",
		"not_processed_confirmation":       "np_confirmation",
		"reconsideration":                  "recon",
		"litigation_direct":                "lit_direct",
		"litigation_after_reconsideration": "lit_after_recon",
	}
	shortRequestCols = map[string]string{
		"natural_person": "np", "commercial": "com", "research": "res", "social_welfare": "soc",
		"legal_services": "legal", "other_org": "oth",
	}
)

// Keys returns every canonical key in template order: proactive, requests, review.
func Keys() []Key {
	var ks []Key
	for _, kl := range parse.Keys() {
		ks = append(ks, Key{Section: kl.Section, Row: kl.Row, Col: kl.Col, RowLabel: kl.RowLabel, ColLabel: kl.ColLabel, Templates: kl.Templates})
	}
	return ks
}

// Labels returns the Chinese labels of the key's section, row and col.
func (k Key) Labels() (section, row, col string) {
	return sectionLabels[k.Section], k.RowLabel, k.ColLabel
}

// WideName is the key's column name in the per-section wide views.
func (k Key) WideName() string {
	row, col := k.Row, k.Col
	if s, ok := shortRows[row]; ok {
		row = s
	}
	if k.Section == parse.SectionRequests {
		if s, ok := shortRequestCols[col]; ok {
			col = s
		}
	}
	return row + "_" + col
}
