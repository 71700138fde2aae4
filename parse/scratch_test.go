package parse

import (
	"reflect"
	"sync"
	"testing"
)

// TestScratchReuse holds a parse on lent slices (scratch.go) to one on
// slices of its own: every corpus text, read and built on one scratch
// reused from document to document (longest and shortest in turn), gives
// the report built without it; and reports parsed at once on several
// goroutines through the pool are those parsed one by one.
func TestScratchReuse(t *testing.T) {
	cases := loadCorpus(t)
	fresh := make([]*Report, len(cases))
	for i, c := range cases {
		r := build(readText(string(decode([]byte(c.raw), "")), nil), nil)
		detach(r)
		fresh[i] = r
	}
	sc := new(scratch)
	for pass := range 2 {
		for k := range cases {
			i := k
			if pass == 1 {
				i = len(cases) - 1 - k
			}
			r := build(readText(string(decode([]byte(cases[i].raw), "")), sc), sc)
			detach(r)
			sc.reset()
			if !reflect.DeepEqual(r, fresh[i]) {
				t.Fatalf("%s (pass %d): the report built on a reused scratch differs from a fresh one", cases[i].name, pass)
			}
		}
	}
	seq := make([]*Report, len(cases))
	for i, c := range cases {
		r, err := Parse([]byte(c.raw), Options{Name: c.name})
		if err != nil {
			t.Fatal(err)
		}
		seq[i] = r
	}
	var wg sync.WaitGroup
	got := make([]*Report, len(cases))
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(cases); i += 4 {
				got[i], _ = Parse([]byte(cases[i].raw), Options{Name: cases[i].name})
			}
		}()
	}
	wg.Wait()
	for i := range cases {
		if !reflect.DeepEqual(got[i], seq[i]) {
			t.Errorf("%s: parsed beside others, the report differs", cases[i].name)
		}
	}
}
