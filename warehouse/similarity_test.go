package warehouse

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"disclosure/internal/samples"
)

// windowShingles is Shingles the plain way: letters first, then each
// window of five hashed on its own.
func windowShingles(text string) []uint64 {
	var rs []rune
	for _, r := range text {
		if unicode.IsLetter(r) {
			rs = append(rs, r)
		}
	}
	if len(rs) < shingleSize {
		return nil
	}
	var set []uint64
	for i := 0; i+shingleSize <= len(rs); i++ {
		var k uint64
		for _, r := range rs[i : i+shingleSize] {
			k = k<<13 ^ uint64(r)
		}
		set = append(set, k)
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// The rolled keys and the fast letter test give the same sets as hashing
// every window with unicode.IsLetter, on corpus reports and on random
// mixes of ASCII, CJK, digits, punctuation and other scripts.
func TestShinglesMatchWindows(t *testing.T) {
	var texts []string
	for _, f := range []string{"039_pingtan_2019_archive-txt.txt", "seed_yining_2023.txt"} {
		s, err := samples.Text(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, s)
	}
	pool := []rune("aZz09 ,。公开政府信息条件年度Ωйé\u00aa\u3007\u4e00\u9fff\U00020000ـ٣")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		rs := make([]rune, rng.IntN(40))
		for i := range rs {
			rs[i] = pool[rng.IntN(len(pool))]
		}
		texts = append(texts, string(rs))
	}
	for _, s := range texts {
		if got, want := Shingles(s), windowShingles(s); !slices.Equal(got, want) {
			t.Fatalf("Shingles(%.40q): %d keys, the windows give %d", s, len(got), len(want))
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isLetter(r) != unicode.IsLetter(r) {
			t.Fatalf("isLetter(%U) = %v, unicode.IsLetter says %v", r, isLetter(r), unicode.IsLetter(r))
		}
	}
}

func BenchmarkShingles(b *testing.B) {
	s, err := samples.Text("039_pingtan_2019_archive-txt.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Shingles(s)
	}
}

// shingleAll, on several goroutines, gives each text its own Shingles, in order.
func TestShingleAllInOrder(t *testing.T) {
	var texts []reportText
	for i := range 50 {
		texts = append(texts, reportText{id: int64(i), text: strings.Repeat("政府信息公开工作年度报告", i%7+1) + fmt.Sprint(i) + strings.Repeat("依申请公开", i)})
	}
	got := shingleAll(texts)
	if len(got) != len(texts) {
		t.Fatalf("%d sets for %d texts", len(got), len(texts))
	}
	for i, tx := range texts {
		if want := Shingles(tx.text); !slices.Equal(got[i], want) {
			t.Fatalf("text %d: %d shingles, want %d", i, len(got[i]), len(want))
		}
	}
}
