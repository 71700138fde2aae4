package parse

import "unsafe"

// detach copies the report's text fields (values' raw text, identity,
// prose) into one new block. They are mostly substrings of the decoded
// document, and one short raw cell kept the whole document's text alive
// as long as the report: a load holds a couple of thousand reports in
// flight, and their documents were a third of its live heap. One block,
// built in two allocations, costs less than the copy it frees.
func detach(r *Report) {
	n := len(r.Title) + len(r.Jurisdiction) + len(r.Agency) + len(r.Published)
	for _, v := range r.Values {
		n += len(v.Raw)
	}
	for _, p := range r.Prose {
		n += len(p.Heading) + len(p.Text)
	}
	buf := make([]byte, 0, n)
	type span struct {
		s    *string
		from int
	}
	spans := make([]span, 0, 4+len(r.Values)+2*len(r.Prose))
	add := func(s *string) {
		spans = append(spans, span{s, len(buf)})
		buf = append(buf, *s...)
	}
	add(&r.Title)
	add(&r.Jurisdiction)
	add(&r.Agency)
	add(&r.Published)
	for i := range r.Values {
		add(&r.Values[i].Raw)
	}
	for i := range r.Prose {
		add(&r.Prose[i].Heading)
		add(&r.Prose[i].Text)
	}
	// buf is never written again: the strings may share it (strings.Clone
	// of each would be an allocation a field).
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	for _, sp := range spans {
		if l := len(*sp.s); l > 0 {
			*sp.s = all[sp.from : sp.from+l]
		}
	}
}
