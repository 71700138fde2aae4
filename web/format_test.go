package web

import (
	"math"
	"testing"
)

// grouped writes what zh's printer writes, for every length and sign.
func TestGroupedAsPrinter(t *testing.T) {
	ns := []int64{0, 7, -7, 999, 1000, -1000, 12345, 123456, 1234567, -1234567, 1e15 - 1, -(1e15 - 1), math.MaxInt64, math.MinInt64 + 1}
	for p := int64(1); p < 1e15; p *= 10 {
		ns = append(ns, p, p-1, -p, 3*p+1)
	}
	for _, n := range ns {
		if got, want := grouped(n), zh.Sprintf("%d", n); got != want {
			t.Errorf("grouped(%d) = %q, printer %q", n, got, want)
		}
	}
}
