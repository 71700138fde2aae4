package parse

import (
	"bytes"
	"disclosure/docform"
	"encoding/json"
	"errors"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for the two input forms (`make fuzz` runs both by name) and
// the hostile inputs every reader must survive. Their seeds run under plain
// `go test`.
//
// The property: Parse never panics and returns within a bounded time, with
// either an error that names the input or a report whose values all have
// canonical keys of its layout and keep their printed text.

// fuzzMaxInput bounds the inputs the targets look at: the fuzzer's mutations
// stay far below it; the bound only keeps a minimised crasher readable.
const fuzzMaxInput = 1 << 20

// parseDeadline is how long one fuzz input may take. Real reports parse in
// about a millisecond; this only catches runaway (quadratic or looping) work.
const parseDeadline = 10 * time.Second

// knownKeys are every canonical section/row/col, per layout.
var knownKeys = func() map[string]map[string]bool {
	keys := map[string]map[string]bool{Template2019: {}, Template2021: {}, "": {}}
	for _, r := range Rows {
		for t, cols := range r.Cols {
			for _, c := range cols {
				keys[t][r.Section+"/"+r.Key+"/"+c] = true
			}
		}
		// While no layout is known only rows that read alike in both are
		// stored (table 三).
		if c19, c21 := r.Cols[Template2019], r.Cols[Template2021]; c19 != nil && slices.Equal(c19, c21) {
			for _, c := range c21 {
				keys[""][r.Section+"/"+r.Key+"/"+c] = true
			}
		}
	}
	for _, t := range []string{Template2019, Template2021, ""} {
		for _, row := range reviewRows {
			for _, c := range reviewCols {
				keys[t][SectionReview+"/"+row+"/"+c] = true
			}
		}
	}
	return keys
}()

var checkNames = map[string]bool{"requests_balance": true, "requests_outcomes": true, "requests_row_total": true, "review_total": true}

// parseWithin runs Parse with a deadline.
func parseWithin(t *testing.T, data []byte, opt Options, limit time.Duration) (*Report, error) {
	t.Helper()
	type result struct {
		rep *Report
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		rep, err := Parse(data, opt)
		done <- result{rep, err}
	}()
	select {
	case r := <-done:
		return r.rep, r.err
	case <-time.After(limit):
		t.Fatalf("Parse(%s, %d bytes) did not return within %v; input starts %q", opt.Name, len(data), time.Since(start), head(data))
		return nil, nil
	}
}

func head(data []byte) []byte {
	if len(data) > 200 {
		return data[:200]
	}
	return data
}

// checkResult asserts the property of one Parse result.
func checkResult(t *testing.T, name string, data []byte, rep *Report, err error) {
	t.Helper()
	if err != nil {
		if !strings.Contains(err.Error(), name) {
			t.Fatalf("error %q does not name the input %q", err, name)
		}
		if rep != nil {
			t.Fatalf("error %q with a report", err)
		}
		return
	}
	if rep == nil {
		t.Fatalf("no report and no error for %q", head(data))
	}
	keys, ok := knownKeys[rep.Template]
	if !ok {
		t.Fatalf("template %q", rep.Template)
	}
	seen := map[string]bool{}
	for _, v := range rep.Values {
		k := v.Key()
		if !keys[k] {
			t.Fatalf("value %s (raw %q) is not a key of the %q layout; input %q", k, v.Raw, rep.Template, head(data))
		}
		if seen[k] {
			t.Fatalf("value %s stored twice", k)
		}
		seen[k] = true
		if v.Number != nil && v.Raw == "" {
			t.Fatalf("value %s = %v has no raw text", k, *v.Number)
		}
	}
	for _, c := range rep.Checks {
		if !checkNames[c.Name] || c.Key == "" || c.Detail == "" {
			t.Fatalf("check %+v", c)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatalf("report does not marshal: %v", err)
	}
}

// seedBytes bounds a corpus seed. The fuzzer minimises every new input it
// finds, one execution (a few ms for a whole report) per try: whole reports
// of up to 18 KB would spend the fuzzing time minimising instead of fuzzing.
const seedBytes = 4 << 10

// corpusSeeds are excerpts of the corpus reports' raw texts: the opening
// (title, identity, preamble) and the statistics from table 二 on, each at
// most seedBytes. The whole reports run in TestGoldenCorpus.
func corpusSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	excerpt := func(s string, from int) []byte {
		s = s[from:]
		if len(s) > seedBytes {
			s = s[:seedBytes]
		}
		return []byte(strings.ToValidUTF8(s, ""))
	}
	for _, c := range loadCorpus(f) {
		seeds = append(seeds, excerpt(c.raw, 0))
		for _, marker := range []string{"<table", "第二十条", "第二十條", "主动公开政府信息情况"} {
			if i := strings.Index(c.raw, marker); i > 0 {
				seeds = append(seeds, excerpt(c.raw, i))
				break
			}
		}
	}
	return seeds
}

// FuzzParseText: reports as text, seeded with every corpus report and the
// small text shapes of NOTES §A. The text reader is also run directly, so
// that mutations which make the bytes look like HTML still exercise it.
func FuzzParseText(f *testing.F) {
	for _, s := range corpusSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"规章 | 0 | 0 | 0 |\n行政许可 | 0 | ||\n| 规章 | 0 | 0 | |\n",
		"一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n规章 |\n/ |\n/ |\n/ |\n",
		"信息内容\n\n本年新\n\n制作数量\n\n规章\n\n  0\n\n 1\n\n \n\n2\n",
		"规范性文件898989\n一、本年新收政府信息公开申请数量 713000074\n",
		"二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可45" +
			"三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量 7130000741.本机关不掌握相关政府信息 3700000372.没有现成信息需要另行制作0000000" +
			"四、政府信息公开行政复议、行政诉讼情况结果维持结果纠正其他结果尚未审结总计21317000001324019 五、存在的主要问题及改进情况",
		"行政处罚2648-18538\n政府集中采购39573802895.90元\n行政事业性收费 251000元\n",
		"第二十條第(一)項\n對外公開總數量\n規範性文件\n1\n2\n減3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		rep, err := parseWithin(t, data, Options{Name: "fuzz.txt"}, parseDeadline)
		checkResult(t, "fuzz.txt", data, rep, err)
		checkResult(t, "fuzz.txt", data, build(readText(string(decode(data, "")), nil), nil), nil)
	})
}

// FuzzParseHTML: reports as HTML pages. Beyond Parse's property, what the
// HTML reader returns is clean: trimmed cells without NBSP, non-empty lines,
// Row numbers that only grow.
func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(`<table><tr><td colspan="2">规章</td><td>0<br>1</td></tr></table><p>二、主动公开</p>`))
	f.Add([]byte(`<meta charset="gbk"><p>` + "\xb9\xe6\xd5\xc2" + `</p>`))
	f.Add([]byte(`<div class="TRS_Editor"><table><tr><td><table><tr><td>x</td></tr></table></td></tr></table></div>`))
	f.Add([]byte("<html><body><p>\xe4\xb8</p>\x00\x01</body></html>"))
	f.Add([]byte(`<html><body><p>二、主动公开政府信息情况</p><table border="1"><tbody>
<tr><td colspan="5">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>本年新<br />制作数量</td><td colspan="2">本年新<br />公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td colspan="2">1</td><td>2</td></tr>
<tr><td>行政许可</td><td colspan="2">3</td><td>增15</td><td>4</td></tr>
<tr><td>行政强制</td><td colspan="2"></td><td>&nbsp;</td><td> 5 </td></tr>
</tbody></table>
<table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="20">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table></body></html>`))
	f.Add([]byte(`<div class="article_content"><div class="TRS_Editor"><p><span style="white-space:pre">	</span>&lt;格式&gt;</p>
<table class="MsoNormalTable"><tr><td style="a:b;
c:d"><p class="p"><span><span>第二十条第（一）项</span><span>&nbsp;</span></span></p></td></tr>
<tr><td><p>规章</p></td><td><p>0</p></td><td><p>&nbsp;</p></td><td><p>/</p></td></tr></table></div></div>`))
	f.Add([]byte(`<div><p>四、政府信息公开行政复议、行政诉讼情况</p><p>行政复议</p><p>结果维持</p>` + strings.Repeat("<p>0</p>", 15) + `<p>五、存在的主要问题及改进情况</p></div>`))
	for _, page := range sloppyPages {
		f.Add([]byte(page))
	}
	for _, s := range corpusSeeds(f) {
		if docform.Sniff(head(s), "") == docform.HTML {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		if doc, err := readHTML(data, ""); err == nil {
			last := 0
			for _, c := range doc.cells {
				if c.Text != cleanText(c.Text) {
					t.Fatalf("unclean cell %q", c.Text)
				}
				if c.Row != 0 {
					if c.Row < last {
						t.Fatalf("Row %d after %d", c.Row, last)
					}
					last = c.Row
				}
			}
			for _, l := range doc.lines {
				if strings.TrimSpace(l) == "" {
					t.Fatalf("empty line in %q", doc.lines)
				}
			}
		}
		rep, err := parseWithin(t, data, Options{Name: "fuzz.html"}, parseDeadline)
		checkResult(t, "fuzz.html", data, rep, err)
	})
}

// TestHostileInputs: inputs built to hurt — binary, empty, broken encodings,
// a page over the size limit, deep nesting, very wide tables, megabyte lines
// — each give a clear error naming the input or a (partial) report, never a
// panic, in bounded time. They are big but cheap to build and to read.
func TestHostileInputs(t *testing.T) {
	random := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(random)
	noNUL := bytes.ReplaceAll(random, []byte{0}, []byte{1})

	// One line of label+digit pairs: the glued-table path (NOTES A.8).
	var pairs strings.Builder
	pairs.WriteString("二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数")
	for pairs.Len() < 1<<20 {
		pairs.WriteString("规章000行政规范性文件8855698行政许可45一、本年新收政府信息公开申请数量 713000074")
	}

	// Long glued digit runs: every split is a candidate, so the sum-rule
	// search must stay bounded (30 digits over table 四 are 10^8 splits).
	longDigits := strings.Repeat("123456789", 5)[:40]
	gluedLong := "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件123行政许可45" +
		"三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量" + longDigits + "二、上年结转政府信息公开申请数量" + longDigits +
		"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" + longDigits + " 五、存在的主要问题及改进情况\n" +
		"一、本年新收政府信息公开申请数量 " + strings.Repeat("123456789", 6)[:48] + "\n"

	for _, tc := range []struct {
		name    string
		data    []byte
		wantErr string // "" when a report is expected
		values  int    // values expected in the report; -1 for any
	}{
		{"empty.txt", nil, "empty document", 0},
		{"binary.bin", random, "unsupported document form", 0},
		{"binary-no-nul.txt", noNUL, "", -1},
		{"pdf.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "unsupported document form", 0},
		{"docx.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), "docx.docx", 0},
		{"html-binary.html", append([]byte("<!DOCTYPE html><html><body>"), noNUL...), "binary", 0},
		{"invalid-utf8.txt", []byte(strings.Repeat("信息内容 | 本年制发件数 |\n规章 | 0 | \xff\xfe | 1 |\n\x80\x81\n", 1000)), "", -1},
		{"invalid-utf8.html", []byte("<p>" + strings.Repeat("本机关认真贯彻落实条例。", 20) + "</p><p>信息内容</p><p>本年制发件数</p><p>规章\xff</p><p>0</p><p>\xe4\xb8</p><p>1</p>"), "", -1},
		{"nested.html", []byte(strings.Repeat("<div>", 1_000_000) + "信息内容<br>本年制发件数<br>规章<br>0<br>0<br>1" + strings.Repeat("</div>", 1_000_000)), "", 3},
		{"wide.html", []byte("<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td>" + strings.Repeat("<td>1</td>", 10_000) + "</tr></table>"), "", 0},
		{"wide.txt", []byte("信息内容 | 本年制发件数 |\n规章 | " + strings.Repeat("1 | ", 10_000) + "\n"), "", 0},
		{"digits.txt", bytes.Repeat([]byte("7"), 1<<20), "", 0},
		{"prose-after-第二十条.txt", []byte("第二十条" + strings.Repeat("本机关认真贯彻落实条例", 1<<20/33) + "1"), "", 0},
		{"glued-pairs.txt", []byte(pairs.String()), "", -1},
		{"glued-long-digits.txt", []byte(gluedLong), "", -1},
		{"many-cells.txt", []byte(strings.Repeat("规章\n0\n", 100_000)), "", -1},
		{"prose-lines.txt", []byte("一、总体情况\n" + strings.Repeat("本机关认真贯彻落实。\n", 35_000)), "", 0},
		{"headings.txt", []byte(strings.Repeat("一、总体情况\n(一)主动公开\n1.信息发布\n", 20_000)), "", 0},
		{"long-prose-line.txt", []byte(strings.Repeat("2022年,某县人民政府坚持公开,发布信息12条。", 20_000)), "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := parseWithin(t, tc.data, Options{Name: tc.name}, 20*time.Second)
			checkResult(t, tc.name, tc.data, rep, err)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v, want a report", err)
			}
			if tc.values >= 0 && len(rep.Values) != tc.values {
				t.Errorf("%d values, want %d: %s", len(rep.Values), tc.values, dumpValues(rep.Values))
			}
		})
	}

	t.Run("over the size limit", func(t *testing.T) {
		// 200 MB of zero pages: allocated lazily, never touched, because the
		// size is checked before anything is read.
		page := make([]byte, 200<<20)
		copy(page, "<html><body>")
		_, err := Parse(page, Options{Name: "huge.html"})
		if err == nil || !strings.Contains(err.Error(), "huge.html") || !strings.Contains(err.Error(), "limit") {
			t.Fatalf("err = %v, want the size-limit error naming huge.html", err)
		}
		_, err = Parse([]byte("规章 | 0 | 0 | 0 |"), Options{Name: "small.txt", MaxBytes: 8})
		if err == nil || !strings.Contains(err.Error(), "small.txt") {
			t.Fatalf("MaxBytes not honoured: %v", err)
		}
	})

	t.Run("errors name the input", func(t *testing.T) {
		_, err := Parse(nil, Options{})
		if err == nil || !strings.Contains(err.Error(), "input") {
			t.Errorf("unnamed input: err = %v", err)
		}
		_, err = Parse([]byte("%PDF-1.4"), Options{Name: "a.pdf"})
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("pdf: err = %v, want ErrUnsupported", err)
		}
	})
}
