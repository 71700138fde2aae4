package warehouse_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// Benchmarks of issue 3, at its sizes by default; smaller for a quick run:
//
//	DISCLOSURE_BENCH_REPORTS=10000 make bench
//
// Each benchmark does its whole job once per iteration (run with the
// default -benchtime, a job over a second runs once).

func benchSize(env string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(env)); err == nil && v > 0 {
		return v
	}
	return def
}

func benchReports() int { return benchSize("DISCLOSURE_BENCH_REPORTS", 100_000) }

// benchBatch is the documents per transaction in the load benchmark.
func benchBatch() int { return benchSize("DISCLOSURE_BENCH_BATCH", 10_000) }

// summaryDB is a database holding benchReports() synthetic reports, built
// once by whichever benchmark needs it first, in benchDir (removed by TestMain).
var summaryDB, benchDir string

func benchPath(b *testing.B) string {
	if benchDir == "" {
		d, err := os.MkdirTemp("", "disclosure-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = d
	}
	return filepath.Join(benchDir, "summary.duckdb")
}

// loadSynthetic loads n synthetic reports into a new database at path and
// returns the time spent inside Load (generating reports is excluded).
func loadSynthetic(b *testing.B, path string, n int) time.Duration {
	t := loadSyntheticCPU(b, path, n)
	return t.write
}

// cpuTime is the CPU time this process has used, all threads.
func cpuTime() time.Duration {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// loadTimes are the wall and CPU time of a load's writes (Load) and of
// preparing its documents (Document.Prepare) before them.
type loadTimes struct {
	write, writeCPU     time.Duration
	prepare, prepareCPU time.Duration
}

// loadSyntheticCPU loads n synthetic reports in batches of benchBatch(),
// each batch's documents prepared first on every core, as the ingest
// stage's workers prepare them (pipeline.Ingest) while the writer writes
// the batch before.
func loadSyntheticCPU(b *testing.B, path string, n int) loadTimes {
	db, err := warehouse.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// As `disclosure load` does (pipeline/writer.go): one long load; its
	// memory left at DuckDB's default, as for the COPY below.
	if _, err := db.BulkLoad(context.Background(), ""); err != nil {
		b.Fatal(err)
	}
	var lt loadTimes
	for start := 0; start < n; start += benchBatch() {
		docs := syntheticDocs(start, min(start+benchBatch(), n))
		t, c := prepareTimed(b, docs)
		lt.prepare += t
		lt.prepareCPU += c
		t, c = loadTimed(b, db, docs)
		lt.write += t
		lt.writeCPU += c
	}
	return lt
}

// prepareTimed prepares docs on every core and returns the wall and CPU
// time it took.
func prepareTimed(b *testing.B, docs []warehouse.Document) (time.Duration, time.Duration) {
	runtime.GC()
	t, c := time.Now(), cpuTime()
	errs := make(chan error, runtime.GOMAXPROCS(0))
	for w := range cap(errs) {
		go func() {
			var err error
			for i := w; i < len(docs) && err == nil; i += cap(errs) {
				err = docs[i].Prepare()
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(t), cpuTime() - c
}

// syntheticDocs are the synthetic documents start to end-1.
func syntheticDocs(start, end int) []warehouse.Document {
	docs := make([]warehouse.Document, 0, end-start)
	for i := start; i < end; i++ {
		docs = append(docs, fixture.SyntheticDoc(i))
	}
	return docs
}

// loadTimed loads docs in one batch and returns the wall and CPU time
// spent inside Load (which prepares what was not). The generator's garbage
// is collected first: its GC is no part of the load (the COPY side of
// BenchmarkLoadVsCopy gets the same).
func loadTimed(b *testing.B, db *warehouse.DB, docs []warehouse.Document) (time.Duration, time.Duration) {
	runtime.GC()
	t, c := time.Now(), cpuTime()
	if _, err := db.Load(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	return time.Since(t), cpuTime() - c
}

// writeValuesCSV writes the synthetic reports' values as the CSV that
// COPY report_values FROM reads: the same rows the appender writes.
func writeValuesCSV(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		for _, v := range fixture.Synthetic(i).Values {
			num := ""
			if v.Number != nil {
				num = strconv.FormatFloat(*v.Number, 'f', -1, 64)
			}
			fmt.Fprintf(w, "%d,%s,%s,%s,%s,%s\n", i+1, v.Section, v.Row, v.Col, num, v.Raw)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

// BenchmarkLoadVsCopy writes N synthetic parsed reports (≈200 values each)
// through the load path, then has DuckDB COPY the same value rows from CSV
// into a fresh table, and reports both rates and their ratio. The load's
// clock runs while Load writes prepared documents (the writer's work), as
// COPY's runs while it reads a CSV written before; prepared/copy counts
// the preparing (Document.Prepare, on every core) too.
func BenchmarkLoadVsCopy(b *testing.B) {
	n := benchReports()
	for range b.N {
		dir := b.TempDir()
		path := filepath.Join(dir, "bench.duckdb")
		lt := loadSyntheticCPU(b, path, n)
		spent, spentCPU := lt.write, lt.writeCPU
		rows := float64(n * fixture.SyntheticValues)

		csvPath := filepath.Join(dir, "values.csv")
		writeValuesCSV(b, csvPath, n)
		db, err := warehouse.Open(filepath.Join(dir, "copy.duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		t, c := time.Now(), cpuTime()
		_, err = db.SQL().Exec(fmt.Sprintf(`COPY report_values FROM '%s' (FORMAT csv, HEADER false)`, csvPath))
		copySpent, copyCPU := time.Since(t), cpuTime()-c
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(rows/spent.Seconds(), "load_rows/s")
		b.ReportMetric(rows/copySpent.Seconds(), "copy_rows/s")
		b.ReportMetric(copySpent.Seconds()/spent.Seconds(), "load/copy")
		b.ReportMetric(float64(n)/spent.Seconds(), "reports/s")
		// CPU seconds too: on a shared machine wall time depends on the
		// neighbours, CPU time much less.
		b.ReportMetric(spentCPU.Seconds(), "load_cpu_s")
		b.ReportMetric(copyCPU.Seconds(), "copy_cpu_s")
		b.ReportMetric(copyCPU.Seconds()/spentCPU.Seconds(), "load/copy_cpu")
		// The writes are the write path; the documents' preparing runs on
		// the ingest stage's cores, as the CSV that COPY reads is written
		// before its clock starts. Shown with it too:
		b.ReportMetric(lt.prepareCPU.Seconds(), "prepare_cpu_s")
		b.ReportMetric(copySpent.Seconds()/(spent+lt.prepare).Seconds(), "prepared/copy")
		if summaryDB == "" {
			keep := benchPath(b)
			if err := os.Rename(path, keep); err == nil {
				summaryDB = keep
			}
		}
	}
}

// BenchmarkRequestsSummary times requests_summary over every loaded report,
// materialised whole (all columns, all rows) inside DuckDB.
func BenchmarkRequestsSummary(b *testing.B) {
	n := benchReports()
	if summaryDB == "" {
		path := benchPath(b)
		loadSynthetic(b, path, n)
		summaryDB = path
	}
	db, err := warehouse.OpenWith(summaryDB, warehouse.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	conn, err := db.SQL().Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	b.ResetTimer()
	for range b.N {
		if _, err := conn.ExecContext(context.Background(), `CREATE OR REPLACE TEMP TABLE s AS SELECT * FROM requests_summary`); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var rows int
	conn.QueryRowContext(context.Background(), `SELECT count(*) FROM s`).Scan(&rows)
	if rows != n {
		b.Fatalf("requests_summary has %d rows, want %d", rows, n)
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/summary")
}
