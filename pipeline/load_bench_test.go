//go:build unix

package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
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
//
// It reports reports/s and, as the baseline measured in the same run, the
// ingest stage alone over the same files (read, hash, parse on every core,
// nothing written): parse_only_reports/s, and x_parse = load time / that
// time (1 would mean writing costs nothing on top of parsing). peak_MiB is
// the process's peak resident memory during the load (DuckDB included;
// target < 500), cpu_s its CPU time and reports/cpu_s the reports per
// CPU-second (on a busy machine the figure to judge by: 2,000 reports/s on
// 2 cores needs at least 1,000), others_cpu_s what the rest of the machine
// used meanwhile.
func BenchmarkLoadFiles(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("DISCLOSURE_BENCH_FILES")); err == nil && v > 0 {
		n = v
	}
	batch := DefaultLoadBatch
	if v, err := strconv.Atoi(os.Getenv("DISCLOSURE_BENCH_BATCH")); err == nil && v > 0 {
		batch = v
	}
	dir := b.TempDir()
	writeBenchFiles(b, dir, n)
	files, err := collectFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		parseStart := time.Now()
		for p := range parseInOrder(context.Background(), files, func(name string) loadResult { return ingestFile(name, "", "", nil) }) {
			if p.Doc == nil {
				b.Fatalf("%s: %s %v", p.Name, p.Outcome, p.Err)
			}
		}
		parseOnly := time.Since(parseStart)
		db := filepath.Join(b.TempDir(), "bench.duckdb")
		// A fresh process: the baseline's heap goes back to the OS, so
		// that peak_MiB is the load's own.
		debug.FreeOSMemory()
		mem := startMemSampler()
		b.StartTimer()
		start, cpu0, machine0 := time.Now(), processCPU(), machineCPU()
		sum, err := Load(context.Background(), []string{dir}, LoadOptions{Batch: batch}, Store{DB: db, Wait: time.Minute})
		el, cpu := time.Since(start), processCPU()-cpu0
		others := max(0, machineCPU()-machine0-cpu)
		b.StopTimer()
		peak, _ := mem.stop()
		if err != nil {
			b.Fatal(err)
		}
		if sum.Added != n {
			b.Fatalf("not every file loaded: %+v", sum)
		}
		b.ReportMetric(float64(n)/el.Seconds(), "reports/s")
		b.ReportMetric(float64(n)/parseOnly.Seconds(), "parse_only_reports/s")
		b.ReportMetric(el.Seconds()/parseOnly.Seconds(), "x_parse")
		b.ReportMetric(float64(peak)/(1<<20), "peak_MiB")
		b.ReportMetric(cpu.Seconds(), "cpu_s")
		b.ReportMetric(float64(n)/cpu.Seconds(), "reports/cpu_s")
		b.ReportMetric(others.Seconds(), "others_cpu_s")
		b.StartTimer()
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
