package places

import "testing"

// BenchmarkPublisherKind is the load path's cost of classifying a report's
// publisher from its fields.
func BenchmarkPublisherKind(b *testing.B) {
	for b.Loop() {
		if PublisherKind("", "故城县教育局", "故城县教育局2020年政府信息公开工作年度报告", "一、总体情况\n县教育局严格按照") != KindDepartment {
			b.Fatal("wrong kind")
		}
	}
}
