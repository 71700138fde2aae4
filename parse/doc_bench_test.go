package parse

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkDOC reads the Word 97 fixtures, beside the same reports as .docx
// in the same run: files/s for .doc and x_docx = .doc time / .docx time.
func BenchmarkDOC(b *testing.B) {
	var docs, docxs [][]byte
	for _, base := range []string{"seed_yining_2023", "synthetic/synthetic_yining_2023"} {
		for ext, dst := range map[string]*[][]byte{".doc": &docs, ".docx": &docxs} {
			data, err := os.ReadFile(filepath.Join(attachmentsDir, base+ext))
			if err != nil {
				b.Fatal(err)
			}
			*dst = append(*dst, data)
		}
	}
	run := func(set [][]byte) time.Duration {
		start := time.Now()
		for _, d := range set {
			if _, err := Parse(d, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	run(docs)
	run(docxs)
	b.ResetTimer()
	var docTime, docxTime time.Duration
	for i := 0; i < b.N; i++ {
		docTime += run(docs)
		docxTime += run(docxs)
	}
	b.ReportMetric(float64(b.N*len(docs))/docTime.Seconds(), "doc_files/s")
	b.ReportMetric(docTime.Seconds()/docxTime.Seconds(), "x_docx")
}
