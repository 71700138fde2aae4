// Package parse turns one published annual report (政府信息公开工作年度报告), in any
// form a county site or a mirror produced it, into canonical values.
//
// Every input form is first read into a sequence of cells (see Cell); one
// matcher then walks that sequence against the national templates, which
// live as data in template.go. parse does no I/O beyond the bytes it is
// given.
//
// Reading: docform (a sibling package) says what the bytes are and decodes
// them; parse.go dispatches on the form to html.go + html_dom.go (one walk
// of the x/net/html tree, a token fallback for what it refuses), text.go,
// docx.go and doc_binary.go + doc_table.go (Word 97); PDFs come as
// positioned glyphs to ParseLayout (layout.go). identity.go and prose.go
// read the title, year, body, dates and text sections from one folded view
// of the text (lines.go), its dates in Chinese numerals read as digits
// (hanyear.go).
//
// Matching: match.go walks the cells row by row; what tables the source did
// not lay out for it is decided around that walk: a document cut inside a
// table (cut.go), torn tables' furniture and fragments (torn.go), rows with
// no label placed by template order and the sum rules (orphans.go), tables
// in pieces (pieces.go), glued digits split alone (glued.go) and jointly
// with the column rules and the prose's figures (solve.go, prosefigures.go),
// headers that print the columns in another order (columnorder.go). Where
// the cells allow two readings, the row is left out with a warning: a
// missing value is honest, a value under the wrong key is not.
package parse

import (
	"encoding/json"
	"strconv"
)

// Template names the national layout a report follows.
const (
	Template2019 = "2019" // 国办公开办函〔2019〕60号
	Template2021 = "2021" // 国办公开办函〔2021〕30号
)

// Sections of the statistics, as in CONTRACT.md.
const (
	SectionProactive = "proactive" // 二、主动公开政府信息情况
	SectionRequests  = "requests"  // 三、收到和处理政府信息公开申请情况
	SectionReview    = "review"    // 四、政府信息公开行政复议、行政诉讼情况
)

// Report is everything parsed from one document.
type Report struct {
	Title        string   `json:"title"`
	Jurisdiction string   `json:"jurisdiction"`
	Agency       string   `json:"agency"`
	Year         Year     `json:"year"`
	Template     string   `json:"template"`  // "2019", "2021" or ""
	Published    string   `json:"published"` // YYYY-MM-DD or ""
	Values       []Value  `json:"values"`
	Checks       []Check  `json:"checks"`
	Warnings     []string `json:"warnings"`
	// Prose holds the report's text sections (一 总体情况, 五, 六 …) for the
	// warehouse to keep; the statistics tables are not repeated here.
	Prose []ProseSection `json:"prose,omitempty"`
	// Form says how the document arrived: "html", "text", "docx", "doc"
	// (Parse) or "pdf" (ParseLayout).
	Form string `json:"form"`
	// Pages are the page sizes of a document read from positions (PDF),
	// for drawing a value's Box over its page; nil for other forms.
	Pages []PageSize `json:"pages,omitempty"`
}

// Value is one statistic addressed by its canonical key. Number is nil where
// the cell is printed blank, "/", "—", "无" …; Raw always keeps the printed text.
type Value struct {
	Section string   `json:"section"`
	Row     string   `json:"row"`
	Col     string   `json:"col"`
	Number  *float64 `json:"value"`
	Raw     string   `json:"raw"`
	// Page is the page the value was printed on, for documents read from
	// positions (PDF); 0 (left out of JSON) for forms without pages.
	Page int `json:"page,omitempty"`
	// Box is where on Page the printed text sits (PDF points, top-left
	// origin): the union of its characters' boxes; zero (left out) for
	// forms without pages and for a cell printed blank.
	Box Box `json:"box,omitzero"`
}

// Key returns "section/row/col".
func (v Value) Key() string { return v.Section + "/" + v.Row + "/" + v.Col }

// Check is the outcome of one accounting rule (勾稽关系) on one row or column.
type Check struct {
	Name   string `json:"name"` // requests_balance, requests_outcomes, requests_row_total, review_total
	Key    string `json:"key"`  // the row or column checked
	OK     bool   `json:"ok"`
	Detail string `json:"detail"` // the numbers compared: "new 3 + carried_over 0 = 3 vs handled_total 2 + carried_forward 0 = 2"
}

// ProseSection is one numbered part of the report's text.
type ProseSection struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Year is a statistics year; zero means unknown and is written as JSON null.
type Year int

// MarshalJSON writes an unknown year as null.
func (y Year) MarshalJSON() ([]byte, error) {
	if y == 0 {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(y), 10), nil
}

// UnmarshalJSON reads a year written by MarshalJSON.
func (y *Year) UnmarshalJSON(b []byte) error {
	var n *int
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*y = 0
	if n != nil {
		*y = Year(*n)
	}
	return nil
}

// ChecksFailed counts the checks that did not hold.
func (r *Report) ChecksFailed() int {
	n := 0
	for _, c := range r.Checks {
		if !c.OK {
			n++
		}
	}
	return n
}

// Lookup returns the value stored under section/row/col.
func (r *Report) Lookup(section, row, col string) (Value, bool) {
	for _, v := range r.Values {
		if v.Section == section && v.Row == row && v.Col == col {
			return v, true
		}
	}
	return Value{}, false
}
