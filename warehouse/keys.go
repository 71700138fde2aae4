package warehouse

import (
	"disclosure/parse"
)

// The canonical keys of CONTRACT.md come from the parser's template table
// (parse.Keys, parse.Rows): it decides which keys exist and their Chinese
// labels. The warehouse adds only what is its own: section titles, and the
// short names that make wide-view column names fit Stata's 32 characters.

// Key is one canonical statistic.
type Key struct {
	Section, Row, Col  string
	RowLabel, ColLabel string
	// Templates lists the layouts that print this cell: "2019", "2021" or both.
	Templates []string
}

var sectionLabels = map[string]string{
	parse.SectionProactive: "二、主动公开政府信息情况",
	parse.SectionRequests:  "三、收到和处理政府信息公开申请情况",
	parse.SectionReview:    "四、政府信息公开行政复议、行政诉讼情况",
}

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
	templates := map[string][]string{}
	for _, r := range parse.Rows {
		for _, t := range []string{parse.Template2019, parse.Template2021} {
			for _, c := range r.Cols[t] {
				k := r.Section + "/" + r.Key + "/" + c
				templates[k] = append(templates[k], t)
			}
		}
	}
	var ks []Key
	for _, kl := range parse.Keys() {
		t := templates[kl.Section+"/"+kl.Row+"/"+kl.Col]
		if t == nil {
			t = []string{parse.Template2019, parse.Template2021} // table 四 is the same in both
		}
		ks = append(ks, Key{Section: kl.Section, Row: kl.Row, Col: kl.Col, RowLabel: kl.RowLabel, ColLabel: kl.ColLabel, Templates: t})
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
