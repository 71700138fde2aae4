package parse

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

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

// TestAppendNumber holds appendNumber to strconv.AppendFloat(…, 'f', -1, 64).
func TestAppendNumber(t *testing.T) {
	nums := []float64{0, math.Copysign(0, -1), 1, -1, 3, 26, 1e15, 1e16, 1 << 53, 1<<53 - 1, -(1<<53 - 1), 1e21, -1e21,
		0.5, -0.5, 96.42, 1.0e-7, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		nums = append(nums, float64(r.Int64N(1<<60)-1<<59), float64(r.IntN(100000))/100, r.NormFloat64()*1e6)
	}
	for _, f := range nums {
		if got, want := string(appendNumber(nil, f)), strconv.FormatFloat(f, 'f', -1, 64); got != want {
			t.Errorf("appendNumber(%v) = %s, want %s", f, got, want)
		}
	}
}
