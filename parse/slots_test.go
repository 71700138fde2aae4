package parse

import "testing"

// TestSlotFinder holds slotFinder to slotOf over every key, taken row by
// row and then in reverse (a row change at every key), and for keys the
// template lacks.
func TestSlotFinder(t *testing.T) {
	var f slotFinder
	check := func(k term) {
		t.Helper()
		want, wantOK := slotOf[k]
		got, gotOK := f.slot(k.section, k.row, k.col)
		if got != want || gotOK != wantOK {
			t.Errorf("slot(%v) = %d, %v; slotOf has %d, %v", k, got, gotOK, want, wantOK)
		}
	}
	for _, k := range slotNames {
		check(k)
	}
	for i := len(slotNames) - 1; i >= 0; i-- {
		check(slotNames[i])
		check(term{slotNames[i].section, slotNames[i].row, "no_such_col"})
	}
	check(term{"no_such_section", "x", "y"})
	check(slotNames[0])
}
