package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclosure/internal/samples"
	"disclosure/places"
)

// BenchmarkLoadFiles is the end-to-end `disclosure load` of a directory of
// report files (read, hash, parse, resolve, write), by default 10,000 as in
// issue 3; DISCLOSURE_BENCH_FILES=1000 for a quick run. The files are the
// seed report rewritten for every county and ten years, each unique.
func BenchmarkLoadFiles(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("DISCLOSURE_BENCH_FILES")); err == nil && v > 0 {
		n = v
	}
	batch := DefaultBatch
	if v, err := strconv.Atoi(os.Getenv("DISCLOSURE_BENCH_BATCH")); err == nil && v > 0 {
		batch = v
	}
	dir := b.TempDir()
	writeBenchFiles(b, dir, n)
	b.ResetTimer()
	for range b.N {
		db := filepath.Join(b.TempDir(), "bench.duckdb")
		start := time.Now()
		sum, err := Load(context.Background(), []string{dir}, LoadOptions{Batch: batch}, Store{DB: db, Wait: time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		if sum.Added != n {
			b.Fatalf("not every file loaded: %+v", sum)
		}
		b.ReportMetric(float64(n)/el.Seconds(), "reports/s")
	}
}

func writeBenchFiles(b *testing.B, dir string, n int) {
	seed, err := samples.Read("seed_yining_2023.txt")
	if err != nil {
		b.Fatal(err)
	}
	d, err := places.LoadDivisions()
	if err != nil {
		b.Fatal(err)
	}
	var counties []*places.Division
	for _, dv := range d.List {
		if dv.Level == "county" && !dv.StatisticalOnly {
			counties = append(counties, dv)
		}
	}
	text := string(seed)
	for i := range n {
		c := counties[i%len(counties)]
		year := strconv.Itoa(2014 + (i/len(counties))%10)
		body := strings.ReplaceAll(strings.ReplaceAll(text, "伊宁县", c.Name), "2023", year)
		body += fmt.Sprintf("\n(文件 %d)\n", i)
		sub := filepath.Join(dir, c.Code[:2])
		os.MkdirAll(sub, 0o755)
		f, err := os.Create(filepath.Join(sub, fmt.Sprintf("%06d.txt", i)))
		if err != nil {
			b.Fatal(err)
		}
		io.WriteString(f, body)
		f.Close()
	}
}
