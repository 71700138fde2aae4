package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/parse"
)

// pdfSeeds are small fixture PDFs and hostile hand-made ones: a truncated
// xref, object references that loop, a stream declaring 1 GB, a page tree
// that contains itself.
func pdfSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, name := range []string{"made/seed_yining_2023.gbk.pdf", "made/seed_yining_2023.nounicode.pdf"} {
		b, err := os.ReadFile(filepath.Join(attachments, name))
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b, b[:len(b)*2/3])
	}
	seeds = append(seeds,
		handPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			"<< /Length 1000000000 >>\nstream\nBT /F1 12 Tf (x) Tj ET\nendstream"),
		handPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources 3 0 R >>"),
		handPDF("<< /Type /Catalog /Pages 1 0 R >>", "<< /Type /Pages /Kids [1 0 R] /Count 9999999 >>"),
	)
	tr := handPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	seeds = append(seeds, tr[:len(tr)-40]) // xref cut off
	return seeds
}

// handPDF writes objects 1..n with an xref table.
func handPDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return []byte(b.String())
}

// fuzzPDF fuzzes fn over the PDF seeds (and any f.Add'ed before) with
// the shared extractor, inputs over 1 MB left out.
func fuzzPDF(f *testing.F, fn func(t *testing.T, ex *Extractor, data []byte)) {
	for _, s := range pdfSeeds(f) {
		f.Add(s)
	}
	ex, err := Shared()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		fn(t, ex, data)
	})
}

// FuzzExtract: any bytes give pages or an error naming the input, within
// the extractor's timeout, and ParseLayout then never panics.
func FuzzExtract(f *testing.F) {
	fuzzPDF(f, func(t *testing.T, ex *Extractor, data []byte) {
		start := time.Now()
		pages, err := ex.Extract(context.Background(), data, "fuzz.pdf")
		if time.Since(start) > DefaultTimeout+5*time.Second {
			t.Fatalf("Extract took %v", time.Since(start))
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.pdf") {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		rep, err := parse.ParseLayout(pages, parse.Options{Name: "fuzz.pdf"})
		if err != nil && !strings.Contains(err.Error(), "fuzz.pdf") {
			t.Fatalf("error %q does not name the input", err)
		}
		if err != nil && rep != nil {
			t.Fatal("report with an error")
		}
		if errors.Is(err, parse.ErrUnreadable) && parse.UnreadableReason(err) == "" {
			t.Fatal("unreadable without a reason")
		}
	})
}

// FuzzRenderPage: any bytes give page 1 as a PNG of the asked size or an
// error naming the input, within the timeout; a page that is not there is
// ErrNoSuchPage. A page declaring a huge MediaBox is drawn at the bound.
func FuzzRenderPage(f *testing.F) {
	f.Add(handPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"))
	fuzzPDF(f, func(t *testing.T, ex *Extractor, data []byte) {
		start := time.Now()
		img, err := ex.RenderPage(context.Background(), data, "fuzz.pdf", 1, 400)
		if time.Since(start) > DefaultTimeout+5*time.Second {
			t.Fatalf("RenderPage took %v", time.Since(start))
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.pdf") {
				t.Fatalf("error does not name the input: %v", err)
			}
			if errors.Is(err, ErrNoSuchPage) && img.Pages >= 1 {
				t.Fatalf("page 1 refused in a document of %d pages: %v", img.Pages, err)
			}
			return
		}
		if len(img.PNG) == 0 || max(img.Width, img.Height) > 400 || img.Width < 1 || img.Height < 1 {
			t.Fatalf("image %dx%d, %d bytes", img.Width, img.Height, len(img.PNG))
		}
	})
}
