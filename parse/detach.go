package parse

import "unsafe"

// detach copies the report's text fields (values' raw text, identity,
// prose) into one new block. They are mostly substrings of the decoded
// document, and one short raw cell kept the whole document's text alive
// as long as the report: a load holds a couple of thousand reports in
// flight, and their documents were a third of its live heap. One block,
// built in one allocation, costs less than the copy it frees.
func detach(r *Report) {
	// Two walks over the same fields in the same order: the first copies
	// them into buf, the second points them into it (no list of fields in
	// between: that took as many bytes as the text it listed).
	fields := func(f func(*string)) {
		f(&r.Title)
		f(&r.Jurisdiction)
		f(&r.Agency)
		f(&r.Published)
		for i := range r.Values {
			f(&r.Values[i].Raw)
		}
		for i := range r.Prose {
			f(&r.Prose[i].Heading)
			f(&r.Prose[i].Text)
		}
	}
	n := 0
	fields(func(s *string) { n += len(*s) })
	buf := make([]byte, 0, n)
	fields(func(s *string) { buf = append(buf, *s...) })
	// buf is never written again: the strings may share it (strings.Clone
	// of each would be an allocation a field).
	all, at := unsafe.String(unsafe.SliceData(buf), len(buf)), 0
	fields(func(s *string) {
		if l := len(*s); l > 0 {
			*s = all[at : at+l]
			at += l
		}
	})
}
