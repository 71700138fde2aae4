package parse

import (
	"reflect"
	"testing"
)

// TestPendingAllocRegions holds pendingAlloc to what make gives: each slice
// of values and each row is the caller's own, so that filling one, or
// growing it past its room, never changes another; and after reset, its
// blocks reused for the next document, the same holds and every row and
// value starts zeroed.
func TestPendingAllocRegions(t *testing.T) {
	var a pendingAlloc
	for pass := range 2 {
		allocRegions(t, &a)
		if pass == 0 && (a.nr == 0 || a.nv == 0) {
			t.Fatal("no block kept for reuse")
		}
		a.reset()
	}
}

func allocRegions(t *testing.T, a *pendingAlloc) {
	widths := []int{7, 1, 3, 130, 5, 100, 2}
	var slices [][]cellValue
	var rows []*pendingRow
	for i, w := range widths {
		v := a.values(w)
		if len(v) != 0 || cap(v) != w {
			t.Fatalf("values(%d): len %d cap %d, want 0 and %d", w, len(v), cap(v), w)
		}
		for _, c := range v[:w] {
			if c != (cellValue{}) {
				t.Fatalf("values(%d) holds a used value %+v", w, c)
			}
		}
		for j := 0; j <= w; j++ { // one past the room: regrows
			v = append(v, cellValue{raw: string(rune('a' + i))})
		}
		slices = append(slices, v)
		for range pendingBlock + 1 {
			p := a.row()
			if !reflect.DeepEqual(*p, pendingRow{}) {
				t.Fatalf("row() returned a used row: %+v", *p)
			}
			p.label = string(rune('a' + i))
			rows = append(rows, p)
		}
	}
	for i, v := range slices {
		if len(v) != widths[i]+1 {
			t.Fatalf("slice %d holds %d values, want %d", i, len(v), widths[i]+1)
		}
		for _, c := range v {
			if c.raw != string(rune('a'+i)) {
				t.Fatalf("slice %d holds %q: another slice wrote into it", i, c.raw)
			}
		}
	}
	for i, p := range rows {
		if want := string(rune('a' + i/(pendingBlock+1))); p.label != want {
			t.Fatalf("row %d is %q, want %q: rows are shared", i, p.label, want)
		}
	}
}
