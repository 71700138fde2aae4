package parse

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// corpusCase is one real report of testdata/corpus with its truth file.
type corpusCase struct {
	name   string // file name without extension
	raw    string // the document as retrieved (after the header's "---")
	header map[string]string
	truth  truthFile
}

// truthFile is what a perfect parser extracts (format in NOTES.md).
type truthFile struct {
	meta   map[string]string // template, year, jurisdiction, complete
	values map[string]*float64
}

const corpusDir = "../testdata/corpus"

// syntheticDir holds invented reports, one per structure the real corpus
// lacks (issue 10), laid out as corpusDir is.
var syntheticDir = filepath.Join(corpusDir, "synthetic")

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	cases := loadCorpusDir(t, corpusDir)
	if len(cases) == 0 {
		t.Fatalf("no corpus reports in %s", corpusDir)
	}
	return cases
}

// corpusCells returns every line of the corpus reports, untrimmed, each
// followed by its "|" fields: the cell texts the shortcut tests run over.
func corpusCells(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, c := range loadCorpus(t) {
		for line := range strings.SplitSeq(c.raw, "\n") {
			out = append(out, line)
			out = append(out, strings.Split(line, "|")...)
		}
	}
	return out
}

// loadCorpusDir reads dir/reports/*.txt with their dir/truth/*.tsv.
func loadCorpusDir(t testing.TB, dir string) []corpusCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "reports", "*.txt"))
	if err != nil {
		t.Fatalf("corpus reports in %s: %v", dir, err)
	}
	var cases []corpusCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		head, raw, ok := strings.Cut(string(data), "\n---\n")
		if !ok {
			t.Fatalf("%s: no --- line", p)
		}
		c := corpusCase{name: strings.TrimSuffix(filepath.Base(p), ".txt"), raw: raw, header: map[string]string{}}
		for _, line := range strings.Split(head, "\n") {
			if k, v, ok := strings.Cut(line, ": "); ok {
				c.header[k] = v
			}
		}
		c.truth = readTruth(t, filepath.Join(dir, "truth", c.name+".tsv"))
		cases = append(cases, c)
	}
	return cases
}

func readTruth(t testing.TB, path string) truthFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tf := truthFile{meta: map[string]string{}, values: map[string]*float64{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# "), line == "":
		case strings.HasPrefix(line, "#"):
			k, v, _ := strings.Cut(line[1:], "\t")
			tf.meta[k] = v
		case line == "section\trow\tcol\tvalue":
		default:
			fs := strings.Split(line, "\t")
			if len(fs) != 4 {
				t.Fatalf("%s: bad line %q", path, line)
			}
			key := fs[0] + "/" + fs[1] + "/" + fs[2]
			if fs[3] == "NULL" {
				tf.values[key] = nil
				continue
			}
			n, err := strconv.ParseFloat(fs[3], 64)
			if err != nil {
				t.Fatalf("%s: bad value %q", path, line)
			}
			tf.values[key] = &n
		}
	}
	return tf
}

// compareValues reports every key whose value differs from the truth, is
// missing, or is extra.
func compareValues(t *testing.T, name string, got []Value, want map[string]*float64) {
	t.Helper()
	gotMap := map[string]Value{}
	for _, v := range got {
		if _, dup := gotMap[v.Key()]; dup {
			t.Errorf("%s: %s extracted twice", name, v.Key())
		}
		gotMap[v.Key()] = v
	}
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range gotMap {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		w, inTruth := want[k]
		g, inGot := gotMap[k]
		switch {
		case !inGot:
			t.Errorf("%s: %s missing (want %s)", name, k, fmtNum(w))
		case !inTruth:
			t.Errorf("%s: %s extracted (%s, raw %q) but not in the truth file", name, k, fmtNum(g.Number), g.Raw)
		case (w == nil) != (g.Number == nil) || w != nil && *w != *g.Number:
			t.Errorf("%s: %s = %s (raw %q), want %s", name, k, fmtNum(g.Number), g.Raw, fmtNum(w))
		}
	}
}

func fmtNum(f *float64) string {
	if f == nil {
		return "NULL"
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// TestGoldenCorpus parses every corpus report as retrieved and compares its
// values and template with the truth file.
func TestGoldenCorpus(t *testing.T) {
	testGolden(t, loadCorpus(t))
}

// TestGoldenSynthetic does the same for the synthetic reports.
func TestGoldenSynthetic(t *testing.T) {
	testGolden(t, loadCorpusDir(t, syntheticDir))
}

// TestGoldenWideDigits reads the corpus and the synthetic reports with
// every digit printed full width (０–９, as some sites and archives print
// them), to the same truth: glued rows had been left out whole.
func TestGoldenWideDigits(t *testing.T) {
	wide := strings.NewReplacer("0", "０", "1", "１", "2", "２", "3", "３", "4", "４", "5", "５", "6", "６", "7", "７", "8", "８", "9", "９")
	for _, cases := range [][]corpusCase{loadCorpus(t), loadCorpusDir(t, syntheticDir)} {
		for i := range cases {
			cases[i].raw = wide.Replace(cases[i].raw)
		}
		testGolden(t, cases)
	}
}

// TestGoldenTraditional reads the corpus and the synthetic reports
// converted to traditional characters, as mirror sites serve them (NOTES
// D.25), to the same truth: units (96.42萬), 無 and the prose's figures
// (制發規範性文件) had been missed.
func TestGoldenTraditional(t *testing.T) {
	cc, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	for _, cases := range [][]corpusCase{loadCorpus(t), loadCorpusDir(t, syntheticDir)} {
		for i := range cases {
			if cases[i].raw, err = cc.Convert(cases[i].raw); err != nil {
				t.Fatal(err)
			}
		}
		testGolden(t, cases)
	}
}

// TestGoldenTabRows reads the reports whose rows are piped with those
// rows' cells apart by tabs instead (rejoinedRows), as a page's text
// (innerText) or Word's table-to-text gives them, to the same truth.
func TestGoldenTabRows(t *testing.T) {
	cases := rejoinedRows(t, "\t")
	if len(cases) < 5 {
		t.Fatalf("only %d reports have piped rows to turn into tab rows", len(cases))
	}
	testGolden(t, cases)
}

// TestGoldenSpacedRows reads the same rows with their cells apart by runs of
// spaces, as text taken from a page's layout gives them ("三、本年度办理结果
// (一)予以公开   0   0 …", its group heading first): no value may be
// wrong or extra; a row may be lost only where the text is cut inside it.
func TestGoldenSpacedRows(t *testing.T) {
	cases := rejoinedRows(t, "   ")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Parse([]byte(c.raw), Options{Name: c.name})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range rep.Values {
				w, ok := c.truth.values[v.Key()]
				if !ok || (w == nil) != (v.Number == nil) || w != nil && *w != *v.Number {
					t.Errorf("%s = %s (raw %q), want %s (in the truth: %v)", v.Key(), fmtNum(v.Number), v.Raw, fmtNum(w), ok)
				}
			}
			if lost := len(c.truth.values) - len(rep.Values); lost > 0 && (c.header["complete"] == "yes" || lost > 7) {
				t.Errorf("%d of %d values lost", lost, len(c.truth.values))
			}
		})
	}
}

// rejoinedRows returns the corpus and synthetic reports whose piped rows
// ("| 规章 | 0 | 0 | 0 |") have their cells joined by sep instead. Rows
// with an empty field keep their pipes: a trailing empty cell cannot be
// told from the line's end.
func rejoinedRows(t *testing.T, sep string) []corpusCase {
	rejoin := func(raw string) string {
		lines := strings.Split(raw, "\n")
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if !strings.HasSuffix(l, "|") || strings.Count(l, "|") < 3 {
				continue
			}
			fields := strings.Split(strings.Trim(l, "|"), "|")
			for k := range fields {
				fields[k] = strings.TrimSpace(fields[k])
			}
			if !slices.Contains(fields, "") {
				lines[i] = strings.Join(fields, sep)
			}
		}
		return strings.Join(lines, "\n")
	}
	var cases []corpusCase
	for _, c := range append(loadCorpus(t), loadCorpusDir(t, syntheticDir)...) {
		if raw := rejoin(c.raw); raw != c.raw {
			c.raw = raw
			cases = append(cases, c)
		}
	}
	return cases
}

func testGolden(t *testing.T, cases []corpusCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Parse([]byte(c.raw), Options{Name: c.name})
			if err != nil {
				t.Fatal(err)
			}
			compareValues(t, c.name, rep.Values, c.truth.values)
			if want := c.truth.meta["template"]; rep.Template != want {
				t.Errorf("template = %q, want %q", rep.Template, want)
			}
		})
	}
}

// TestSeedReport: the project's seed parses to all 10 proactive values, all
// 25×7 request cells and all 15 review cells, with every check passing.
func TestSeedReport(t *testing.T) {
	var seed corpusCase
	for _, c := range loadCorpus(t) {
		if c.name == "seed_yining_2023" {
			seed = c
		}
	}
	rep, err := Parse([]byte(seed.raw), Options{Name: "seed"})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, v := range rep.Values {
		if v.Number == nil {
			t.Errorf("%s is NULL", v.Key())
		}
		count[v.Section]++
	}
	if count[SectionProactive] != 10 || count[SectionRequests] != 25*7 || count[SectionReview] != 15 {
		t.Errorf("values per section = %v, want proactive 10, requests 175, review 15", count)
	}
	if len(rep.Checks) != 7+7+25+3 {
		t.Errorf("%d checks ran, want 42 (7 balance, 7 outcomes, 25 row totals, 3 review totals)", len(rep.Checks))
	}
	for _, c := range rep.Checks {
		if !c.OK {
			t.Errorf("check %s %s failed: %s", c.Name, c.Key, c.Detail)
		}
	}
	if rep.Template != Template2021 {
		t.Errorf("template = %q", rep.Template)
	}
}
