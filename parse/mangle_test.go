package parse

import (
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// A generator of mangled text renderings of any truth file: the tables as
// rows of cells in template order, then the issue-10 class transformations
// real conversions apply to them (shuffled blocks, tables split into
// pieces, torn cells, lost labels, page furniture, glued text), written in
// one of the text serialisations. FuzzMangledRenderings asserts the one
// property that matters: whatever the parser stores equals the truth.
// Leaving cells out is allowed; a wrong number is not.

// mCell is one cell of a mangled table.
type mCell struct {
	text  string
	value bool // a statistic (false: label, header, heading)
	null  bool // a value printed blank
}

// mRow is one printed row; key names the template row it holds values of.
type mRow struct {
	key   string
	cells []mCell
}

// mBlock is a unit the shuffle may move: a table or one 第二十条 item.
type mBlock struct {
	section string
	rows    []mRow
}

func mLabel(s string) mCell { return mCell{text: s} }

// mValues returns a row's value cells from the truth, or nil when any of
// its cells is not in the truth (the report was cut there).
func mValues(values map[string]*float64, section, row string, cols []string) []mCell {
	var out []mCell
	for _, c := range cols {
		v, ok := values[section+"/"+row+"/"+c]
		if !ok {
			return nil
		}
		if v == nil {
			out = append(out, mCell{value: true, null: true})
			continue
		}
		out = append(out, mCell{text: fmtNum(v), value: true})
	}
	return out
}

// mBlocks lays a truth file out as blocks in template order.
func mBlocks(tmpl string, values map[string]*float64) []mBlock {
	var blocks []mBlock
	for _, b := range proactiveLayouts[tmpl] {
		blk := mBlock{section: SectionProactive}
		head := []mCell{mLabel("信息内容")}
		for _, h := range b.headers {
			if h == "采购总金额" {
				h = "采购总金额（万元）"
			}
			head = append(head, mLabel(h))
		}
		blk.rows = append(blk.rows, mRow{cells: []mCell{mLabel(b.item)}}, mRow{cells: head})
		for _, kr := range b.rows {
			if vals := mValues(values, SectionProactive, kr[0], b.cols); vals != nil {
				blk.rows = append(blk.rows, mRow{key: kr[0], cells: append([]mCell{mLabel(kr[1])}, vals...)})
			}
		}
		if len(blk.rows) > 2 {
			blocks = append(blocks, blk)
		}
	}
	if len(blocks) > 0 {
		blocks[0].rows = append([]mRow{{cells: []mCell{mLabel("二、主动公开政府信息情况")}}}, blocks[0].rows...)
	}
	req := mBlock{section: SectionRequests, rows: []mRow{
		{cells: []mCell{mLabel("三、收到和处理政府信息公开申请情况")}},
		{cells: []mCell{mLabel("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), mLabel("申请人情况")}},
		{cells: []mCell{mLabel("自然人"), mLabel("法人或其他组织"), mLabel("总计")}},
		{cells: []mCell{mLabel("商业企业"), mLabel("科研机构"), mLabel("社会公益组织"), mLabel("法律服务机构"), mLabel("其他")}},
	}}
	group := ""
	for _, rr := range requestRows(tmpl) {
		vals := mValues(values, SectionRequests, rr.key, requestColKeys)
		if vals == nil {
			continue
		}
		cells := []mCell{mLabel(rr.label)}
		if rr.group != "" && rr.group != group {
			cells = append([]mCell{mLabel(rr.group)}, cells...)
		}
		group = rr.group
		req.rows = append(req.rows, mRow{key: rr.key, cells: append(cells, vals...)})
	}
	if len(req.rows) > 4 {
		blocks = append(blocks, req)
	}
	var review []mCell
	for _, row := range reviewRowKeys {
		vals := mValues(values, SectionReview, row, reviewColKeys)
		if vals == nil {
			review = nil
			break
		}
		review = append(review, vals...)
	}
	if review != nil {
		rv := mBlock{section: SectionReview, rows: []mRow{
			{cells: []mCell{mLabel("四、政府信息公开行政复议、行政诉讼情况")}},
			{cells: []mCell{mLabel("行政复议"), mLabel("行政诉讼")}},
			{cells: []mCell{mLabel("结果维持"), mLabel("结果纠正"), mLabel("其他结果"), mLabel("尚未审结"), mLabel("总计"), mLabel("未经复议直接起诉"), mLabel("复议后起诉")}},
			{cells: slices.Concat([]mCell{}, mHeaders(reviewHeaders), mHeaders(reviewHeaders))},
			{key: "review", cells: review},
		}}
		blocks = append(blocks, rv)
	}
	return blocks
}

func mHeaders(words []string) []mCell {
	out := make([]mCell, len(words))
	for i, w := range words {
		out[i] = mLabel(w)
	}
	return out
}

// Mangles, chosen by bits of the fuzzer's flags.
const (
	mangleShuffle   = 1 << iota // move table 二's items (class 7)
	mangleDropLabel             // lose row labels (class 8)
	mangleFurniture             // page footers and running headers inside tables (class 8)
	mangleTear                  // header words and group labels broken across cells (class 8)
	mangleFragment              // row labels cut to their first part (class 8)
	mangleLoose                 // a row's last cells on a line of their own (class 8)
	mangleCut                   // the document ends inside a table (class 1)
)

// Serialisations.
const (
	serialFlat = iota
	serialPipeRows
	serialPipeCells
	serialBar
	serialGlued
	serialCount
)

// mangle renders a truth file: blocks mangled by flags with rng, then
// serialised.
func mangle(tmpl string, values map[string]*float64, flags uint8, serial int, rng *rand.Rand) string {
	blocks := mBlocks(tmpl, values)
	if flags&mangleShuffle != 0 {
		var items []mBlock
		rest := blocks[:0:0]
		for _, b := range blocks {
			if b.section == SectionProactive {
				items = append(items, b)
			} else {
				rest = append(rest, b)
			}
		}
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		blocks = append(items, rest...)
	}
	var rows []mRow
	for _, b := range blocks {
		rows = append(rows, b.rows...)
	}
	chance := func(n int) bool { return rng.Intn(n) == 0 }
	var out []mRow
	for _, r := range rows {
		r.cells = slices.Clone(r.cells)
		isData := r.key != "" && r.key != "review"
		if isData && flags&mangleDropLabel != 0 && chance(4) {
			r.cells = slices.DeleteFunc(r.cells, func(c mCell) bool { return !c.value })
		}
		if isData && flags&mangleFragment != 0 && chance(3) {
			if at := slices.IndexFunc(r.cells, func(c mCell) bool { return c.value }) - 1; at >= 0 {
				if rs := []rune(r.cells[at].text); len(rs) > 6 {
					r.cells[at].text = string(rs[:4+rng.Intn(len(rs)-4)])
				}
			}
		}
		if !isData && flags&mangleTear != 0 && chance(2) {
			var torn []mCell
			for _, c := range r.cells {
				rs := []rune(c.text)
				if !c.value && len(rs) >= 4 && len(rs) <= 12 && chance(2) {
					cut := 2 + rng.Intn(len(rs)-3)
					torn = append(torn, mLabel(string(rs[:cut])), mLabel(string(rs[cut:])))
					continue
				}
				torn = append(torn, c)
			}
			r.cells = torn
		}
		if flags&mangleFurniture != 0 && chance(6) && len(r.cells) > 2 {
			at := 1 + rng.Intn(len(r.cells)-1)
			furniture := []string{fmt.Sprintf("— %d —", 1+rng.Intn(9)), fmt.Sprintf("第 %d 页", 1+rng.Intn(9)), "某县2022年政府信息公开工作年度报告"}[rng.Intn(3)]
			if serial == serialPipeRows {
				out = append(out, mRow{cells: r.cells[:at]}, mRow{cells: []mCell{mLabel(furniture)}})
				r.cells = r.cells[at:]
			} else {
				r.cells = slices.Insert(slices.Clone(r.cells), at, mLabel(furniture))
			}
		}
		// Loose cells come from PDF conversions, which print no blank
		// cells: rows with blanks stay whole (a row of blanks is NULLs).
		if isData && flags&mangleLoose != 0 && chance(5) && len(r.cells) > 3 && !slices.ContainsFunc(r.cells, func(c mCell) bool { return c.null }) {
			at := len(r.cells) - 1 - rng.Intn(2)
			out = append(out, mRow{key: r.key, cells: r.cells[:at]})
			r = mRow{cells: r.cells[at:]}
		}
		out = append(out, r)
	}
	text := serialise(out, serial)
	if flags&mangleCut != 0 && len(text) > 0 {
		rs := []rune(text)
		cut := len(rs)/2 + rng.Intn(len(rs)/2)
		// Not inside span filler: "||" cut to "|" is an empty cell in
		// pipe-cells text, which no reader can tell from one.
		for cut > 0 && cut < len(rs) && rs[cut] == '|' && rs[cut-1] == '|' {
			cut--
		}
		// Not inside a page header or footer either: cut short, it is
		// text no reader can tell from a torn row label.
		start := strings.LastIndex(string(rs[:cut]), "\n") + 1
		if line, _, _ := strings.Cut(string(rs)[start:], "\n"); strings.Contains(line, "某县2022") || strings.Contains(line, "— ") || strings.Contains(line, "第 ") {
			cut = len([]rune(string(rs)[:start]))
		}
		text = string(rs[:cut])
	}
	return "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实条例。\n" + text
}

// serialise writes rows in one text serialisation.
func serialise(rows []mRow, serial int) string {
	var b strings.Builder
	text := func(c mCell, nullMark string) string {
		if c.null {
			return nullMark
		}
		return c.text
	}
	switch serial {
	case serialFlat:
		for _, r := range rows {
			for _, c := range r.cells {
				b.WriteString(text(c, "/") + "\n\n")
			}
		}
	case serialPipeRows:
		for _, r := range rows {
			for _, c := range r.cells {
				b.WriteString(text(c, " ") + " | ")
			}
			b.WriteString("\n")
		}
	case serialPipeCells:
		for _, r := range rows {
			for _, c := range r.cells {
				if c.null {
					b.WriteString("|\n")
					continue
				}
				b.WriteString(c.text + " |\n")
			}
			b.WriteString("||\n")
		}
	case serialBar:
		for _, r := range rows {
			for _, c := range r.cells {
				b.WriteString(text(c, "") + "\n|\n")
			}
			b.WriteString("|\n")
		}
	case serialGlued:
		// Archive text: every cell glued to the next, blanks vanish.
		// Values of one row keep the spaces some archives leave at
		// random.
		for _, r := range rows {
			for i, c := range r.cells {
				if c.value && i > 0 && r.cells[i-1].value && strings.HasSuffix(b.String(), "0") && len(c.text)%3 == 0 {
					b.WriteString(" ")
				}
				b.WriteString(text(c, ""))
			}
		}
		b.WriteString("五、存在的主要问题及改进情况\n")
	}
	return b.String()
}

// mangleCase is one truth file the generator renders.
type mangleCase struct {
	name     string
	template string
	values   map[string]*float64
	hasNull  bool
}

var (
	mangleOnce  sync.Once
	mangleCases []mangleCase
)

// mangleTruths returns every corpus and synthetic truth with a layout.
func mangleTruths(t testing.TB) []mangleCase {
	mangleOnce.Do(func() {
		for _, c := range append(loadCorpus(t), loadCorpusDir(t, syntheticDir)...) {
			tmpl := c.truth.meta["template"]
			if tmpl == "" || len(c.truth.values) == 0 {
				continue
			}
			mc := mangleCase{name: c.name, template: tmpl, values: c.truth.values}
			for _, v := range c.truth.values {
				mc.hasNull = mc.hasNull || v == nil
			}
			mangleCases = append(mangleCases, mc)
		}
	})
	return mangleCases
}

// checkNoWrongValue fails on any stored value that differs from the truth
// or that the truth does not hold.
func checkNoWrongValue(t *testing.T, name, doc string, rep *Report, truth map[string]*float64) {
	t.Helper()
	for _, v := range rep.Values {
		w, ok := truth[v.Key()]
		switch {
		case !ok:
			t.Fatalf("%s: %s = %s (raw %q) is not in the truth\n%s", name, v.Key(), fmtNum(v.Number), v.Raw, doc)
		case (w == nil) != (v.Number == nil) || w != nil && *w != *v.Number:
			t.Fatalf("%s: %s = %s (raw %q), truth %s\n%s", name, v.Key(), fmtNum(v.Number), v.Raw, fmtNum(w), doc)
		}
	}
}

// mangledDoc builds the document for fuzz arguments.
func mangledDoc(t testing.TB, which uint16, seed int64, flags, serial uint8) (string, mangleCase, bool) {
	cases := mangleTruths(t)
	mc := cases[int(which)%len(cases)]
	s := int(serial) % serialCount
	if s == serialGlued {
		if mc.hasNull {
			// Glued text drops blank cells without a trace: "1", blank,
			// "23" reads as 1/2/3. No parser can tell; see NOTES.md.
			return "", mc, false
		}
		// Archive text is glued from clean pages: torn conversions
		// (lost or cut labels, furniture, loose cells) are PDF text,
		// which keeps its separators. Glued digits of two rows run
		// together where a label is lost, which no reader can undo.
		flags &= mangleShuffle | mangleCut
	}
	return mangle(mc.template, mc.values, flags, s, rand.New(rand.NewSource(seed))), mc, true
}

// FuzzMangledRenderings: shuffled, torn, cut and glued renderings of every
// truth file never make the parser store a value that differs from it.
func FuzzMangledRenderings(f *testing.F) {
	for which := range uint16(len(mangleTruths(f))) {
		for serial := range uint8(serialCount) {
			f.Add(which, int64(which)*7+int64(serial), uint8(0), serial)
			f.Add(which, int64(which)*13+int64(serial), uint8(0xff), serial)
		}
	}
	f.Fuzz(func(t *testing.T, which uint16, seed int64, flags, serial uint8) {
		doc, mc, ok := mangledDoc(t, which, seed, flags, serial)
		if !ok {
			return
		}
		rep, err := parseWithin(t, []byte(doc), Options{Name: mc.name}, parseDeadline)
		if err != nil {
			t.Fatal(err)
		}
		checkNoWrongValue(t, mc.name+" flags="+strconv.Itoa(int(flags))+" serial="+strconv.Itoa(int(serial)), doc, rep, mc.values)
	})
}

// renderedValues counts the value cells mBlocks prints for a truth file.
func renderedValues(mc mangleCase) int {
	n := 0
	for _, b := range mBlocks(mc.template, mc.values) {
		for _, r := range b.rows {
			for _, c := range r.cells {
				if c.value {
					n++
				}
			}
		}
	}
	return n
}

// TestMangledRenderings runs the generator over many seeds and every flag
// combination, beyond the fuzz seeds, and checks that unmangled renderings
// are read whole (so the generator itself is sound).
func TestMangledRenderings(t *testing.T) {
	cases := mangleTruths(t)
	runs := 0
	pick := rand.New(rand.NewSource(10))
	for which := range cases {
		for serial := range uint8(serialCount) {
			// Every mangle alone, none, all, and a sample of mixes.
			flagSet := []int{0, 1, 2, 4, 8, 16, 32, 64, 127}
			for range 12 {
				flagSet = append(flagSet, pick.Intn(128))
			}
			for _, flags := range flagSet {
				seed := int64(which*1000 + int(serial)*128 + flags)
				doc, mc, ok := mangledDoc(t, uint16(which), seed, uint8(flags), serial)
				if !ok {
					continue
				}
				rep, err := Parse([]byte(doc), Options{Name: mc.name})
				if err != nil {
					t.Fatal(err)
				}
				runs++
				name := fmt.Sprintf("%s flags=%d serial=%d seed=%d", mc.name, flags, serial, seed)
				checkNoWrongValue(t, name, doc, rep, mc.values)
				if flags == 0 && serial != serialGlued {
					if want := renderedValues(mc); len(rep.Values) != want {
						t.Errorf("%s: %d values read from the plain rendering, want %d\n%s", name, len(rep.Values), want, doc)
					}
				}
			}
		}
	}
	t.Logf("%d mangled renderings", runs)
}
