package parse

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkGluedSolve measures the glued-row decisions (the row splits, the
// joint search over table 三's column rules, the prose figures) on the worst
// glued reports: the corpus archives 039 and 041, and a synthetic table 三
// whose every row is glued ambiguously ("180017026" splits two ways), where
// the joint search runs to its bound. Reported per input: ms/report and
// x_seed = parse time / the seed report's parse time in the same run.
func BenchmarkGluedSolve(b *testing.B) {
	var seed []byte
	inputs := map[string][]byte{}
	for _, c := range loadCorpus(b) {
		switch {
		case c.name == "seed_yining_2023":
			seed = []byte(c.raw)
		case strings.HasPrefix(c.name, "039_"), strings.HasPrefix(c.name, "041_"):
			inputs[c.name[:3]] = []byte(c.raw)
		}
	}
	var worst strings.Builder
	worst.WriteString("三、收到和处理政府信息公开申请情况\n")
	for _, r := range table3Rows(Template2021) {
		worst.WriteString(r.label)
		if r.key != "" {
			worst.WriteString("180017026")
		}
		worst.WriteString("\n")
	}
	inputs["all-rows-ambiguous"] = []byte(worst.String())
	for name, doc := range inputs {
		b.Run(name, func(b *testing.B) {
			var docTime, seedTime time.Duration
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := Parse(doc, Options{Name: name}); err != nil {
					b.Fatal(err)
				}
				docTime += time.Since(start)
				start = time.Now()
				if _, err := Parse(seed, Options{Name: "seed"}); err != nil {
					b.Fatal(err)
				}
				seedTime += time.Since(start)
			}
			b.ReportMetric(docTime.Seconds()*1000/float64(b.N), "ms/report")
			b.ReportMetric(docTime.Seconds()/seedTime.Seconds(), "x_seed")
		})
	}
}
