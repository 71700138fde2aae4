package pdftext

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"disclosure/parse"
)

// BenchmarkPages reads the fixture PDFs (extract + ParseLayout) on ONE core
// after warm-up, beside parse.Parse of the same reports' HTML in the same
// run. Reported: pages/s (target ≥ 20), pages/cpu_s (pages per second of
// this process's CPU time, which a machine shared with other work does not
// distort) and x_html = PDF time / HTML time.
func BenchmarkPages(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	type doc struct{ pdf, html []byte }
	var docs []doc
	for _, base := range []string{"seed_yining_2023", "synthetic/synthetic_yining_2023"} {
		for _, ext := range []string{".pdf", ".cid.pdf"} {
			p, err := os.ReadFile(filepath.Join(attachments, base+ext))
			if err != nil {
				b.Fatal(err)
			}
			h, err := os.ReadFile(filepath.Join(attachments, base+".html"))
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, doc{p, h})
		}
	}
	ex, err := Shared()
	if err != nil {
		b.Fatal(err)
	}
	readPDF := func(d doc) int {
		pages, err := ex.Extract(context.Background(), d.pdf, "bench.pdf")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parse.ParseLayout(pages, parse.Options{}); err != nil {
			b.Fatal(err)
		}
		return len(pages)
	}
	for _, d := range docs { // warm-up: the worker instance and its heap
		readPDF(d)
	}
	b.ResetTimer()
	var pdfTime, htmlTime, pdfCPU time.Duration
	pages := 0
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			start, cpu := time.Now(), cpuTime()
			pages += readPDF(d)
			pdfTime += time.Since(start)
			pdfCPU += cpuTime() - cpu
			start = time.Now()
			if _, err := parse.Parse(d.html, parse.Options{}); err != nil {
				b.Fatal(err)
			}
			htmlTime += time.Since(start)
		}
	}
	b.ReportMetric(float64(pages)/pdfTime.Seconds(), "pages/s")
	b.ReportMetric(float64(pages)/pdfCPU.Seconds(), "pages/cpu_s")
	b.ReportMetric(pdfTime.Seconds()/htmlTime.Seconds(), "x_html")
}

// BenchmarkFirstParse times a fresh process that reads one PDF, first with
// an empty compilation cache (PDFium is compiled), then with the cache the
// first run filled, and reports both, their ratio and the processes' peak
// resident memory (target < 400 MB).
func BenchmarkFirstParse(b *testing.B) {
	pdf, err := filepath.Abs(filepath.Join(attachments, "synthetic/synthetic_yining_2023.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	child := func(cache string) (time.Duration, float64) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFirstParseChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PDFTEXT_FIRST_PARSE="+pdf, "PDFTEXT_CACHE="+cache)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		took := time.Since(start)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		return took, float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	var cold, warm time.Duration
	var coldMB, warmMB float64
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		c, cm := child(dir)
		w, wm := child(dir)
		cold, warm = cold+c, warm+w
		coldMB, warmMB = max(coldMB, cm), max(warmMB, wm)
	}
	b.ReportMetric(cold.Seconds()/float64(b.N), "cold_s")
	b.ReportMetric(warm.Seconds()/float64(b.N), "warm_s")
	b.ReportMetric(warm.Seconds()/cold.Seconds(), "warm/cold")
	b.ReportMetric(coldMB, "cold_peak_MB")
	b.ReportMetric(warmMB, "warm_peak_MB")
}

// TestFirstParseChild is BenchmarkFirstParse's fresh process: TestMain has
// started the pool with the cache named in PDFTEXT_CACHE; this reads the PDF.
func TestFirstParseChild(t *testing.T) {
	path := os.Getenv("PDFTEXT_FIRST_PARSE")
	if path == "" {
		t.Skip("run by BenchmarkFirstParse")
	}
	r, err := parseFile(t, path)
	if err != nil || len(r.Values) == 0 {
		t.Fatalf("values %v, err %v", r, err)
	}
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRenderPage draws one page of the seed PDF at the web page's size
// (DefaultRenderSide) on one core after warm-up, beside extracting the whole
// document's text in the same run. Reported: ms/page and x_extract =
// drawing a page / extracting one page (the document's time over its pages).
func BenchmarkRenderPage(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	data, err := os.ReadFile(filepath.Join(attachments, "seed_yining_2023.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	ex, err := Shared()
	if err != nil {
		b.Fatal(err)
	}
	pages, err := ex.Extract(context.Background(), data, "seed.pdf")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ex.RenderPage(context.Background(), data, "seed.pdf", 3, 0); err != nil { // warm-up
		b.Fatal(err)
	}
	b.ResetTimer()
	var render, extract time.Duration
	for range b.N {
		start := time.Now()
		if _, err := ex.RenderPage(context.Background(), data, "seed.pdf", 3, 0); err != nil {
			b.Fatal(err)
		}
		render += time.Since(start)
		start = time.Now()
		if _, err := ex.Extract(context.Background(), data, "seed.pdf"); err != nil {
			b.Fatal(err)
		}
		extract += time.Since(start)
	}
	b.ReportMetric(render.Seconds()*1000/float64(b.N), "ms/page")
	b.ReportMetric(render.Seconds()/(extract.Seconds()/float64(len(pages))), "x_extract")
}
