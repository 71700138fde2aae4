package web

import (
	"strings"
	"testing"
)

// The compare table's rows escape every value, as html/template would.
func TestCompareRowsEscape(t *testing.T) {
	got := string(compareRows([]map[string]any{
		{"code": `1"><script>`, "status": "reported", "division": "<b>县</b>", "agency": "a&b", "report_id": int64(7), "count": int64(1234), "rank": int64(1), "why": ""},
		{"code": "654021", "status": "not_found", "division": "伊宁县", "why": "未找到 <2019> 年报告"},
	}, "received"))
	for _, bad := range []string{"<script>", "<b>", "a&b<", "<2019>"} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in\n%s", bad, got)
		}
	}
	for _, want := range []string{`data-code="1&#34;&gt;&lt;script&gt;"`, "&lt;b&gt;县&lt;/b&gt;", `<a href="/report?id=7">a&amp;b</a>`, ">1,234<",
		`href="/county?code=654021&amp;measure=received"`, `<span class="missing">缺</span>`, "（未找到 &lt;2019&gt; 年报告）"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in\n%s", want, got)
		}
	}
}

// A report without a publisher's name still has a link with text.
func TestCompareRowsLinkHasText(t *testing.T) {
	got := string(compareRows([]map[string]any{
		{"code": "350128", "status": "reported", "division": "平潭县", "agency": nil, "report_id": int64(9), "rank": nil, "why": "报告中此项空白"},
	}, "received"))
	if !strings.Contains(got, `<a href="/report?id=9">报告 9</a>`) {
		t.Errorf("the report's link has no text:\n%s", got)
	}
}
