package warehouse_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/warehouse"
)

// BenchmarkLoadPositions loads N synthetic reports (DISCLOSURE_BENCH_PDF_REPORTS,
// default 5,000) twice into fresh databases: as parsed from HTML (no
// positions), then as if read from PDF (every value with a page and a box,
// so value_positions gets a row per value). Reported: x_html = PDF-like
// load time / HTML load time in the same run (x_html_cpu: the same in CPU
// time, which a busy machine distorts less), and positions/s.
func BenchmarkLoadPositions(b *testing.B) {
	n := benchSize("DISCLOSURE_BENCH_PDF_REPORTS", 5_000)
	docs := func(paged bool) []warehouse.Document {
		out := syntheticDocs(0, n)
		if !paged {
			return out
		}
		for i := range out {
			r := out[i].Report
			r.Form = "pdf"
			r.Pages = []parse.PageSize{{Number: 1, Width: 595, Height: 842}, {Number: 2, Width: 595, Height: 842}}
			for j := range r.Values {
				y := 60 + float64(j%60)*12
				r.Values[j].Page = 1 + j/100
				r.Values[j].Box = parse.Box{X0: 400, Y0: y, X1: 420, Y1: y + 10}
			}
		}
		return out
	}
	load := func(path string, ds []warehouse.Document) (time.Duration, time.Duration) {
		db, err := warehouse.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		runtime.GC()
		start, cpu := time.Now(), cpuTime()
		for i := 0; i < len(ds); i += benchBatch() {
			if _, err := db.Load(context.Background(), ds[i:min(i+benchBatch(), len(ds))]); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start), cpuTime() - cpu
	}
	var html, pdf, htmlCPU, pdfCPU time.Duration
	positions := 0
	for range b.N {
		dir := b.TempDir()
		t, c := load(filepath.Join(dir, "html.duckdb"), docs(false))
		html, htmlCPU = html+t, htmlCPU+c
		paged := docs(true)
		for _, d := range paged {
			positions += len(d.Report.Values)
		}
		t, c = load(filepath.Join(dir, "pdf.duckdb"), paged)
		pdf, pdfCPU = pdf+t, pdfCPU+c
	}
	b.ReportMetric(pdf.Seconds()/html.Seconds(), "x_html")
	b.ReportMetric(pdfCPU.Seconds()/htmlCPU.Seconds(), "x_html_cpu")
	b.ReportMetric(float64(positions)/pdf.Seconds(), "positions/s")
}
