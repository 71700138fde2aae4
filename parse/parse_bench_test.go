package parse

import (
	"bytes"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// benchDocs are the bundled reports as parse receives them: the corpus texts
// and, where the HTML renderer's fixtures exist, their HTML forms.
func benchDocs(b *testing.B) [][]byte {
	var docs [][]byte
	for _, c := range loadCorpus(b) {
		docs = append(docs, []byte(c.raw))
	}
	return docs
}

// BenchmarkParse measures the whole parse (form detection, reading,
// matching, identity, checks) over the bundled reports, beside the time
// golang.org/x/net/html.Parse alone takes to build the DOM of the same bytes
// in the same run: the floor under any HTML-based parser. Reported:
// reports/s, MB/s, and x_dom = parse time / DOM time (target ≤ 1.5).
func BenchmarkParse(b *testing.B) {
	docs := benchDocs(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d))
	}
	// Warm the label tables so one-time set-up is not timed.
	if _, err := Parse(docs[0], Options{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	var parseTime, domTime time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, d := range docs {
			if _, err := html.Parse(bytes.NewReader(d)); err != nil {
				b.Fatal(err)
			}
		}
		domTime += time.Since(start)
		start = time.Now()
		for _, d := range docs {
			if _, err := Parse(d, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		parseTime += time.Since(start)
	}
	b.StopTimer()
	n := float64(b.N * len(docs))
	b.ReportMetric(n/parseTime.Seconds(), "reports/s")
	b.ReportMetric(float64(size)*float64(b.N)/parseTime.Seconds()/1e6, "parse_MB/s")
	b.ReportMetric(parseTime.Seconds()/domTime.Seconds(), "x_dom")
}
