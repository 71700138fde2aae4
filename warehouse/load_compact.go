package warehouse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"disclosure/parse"
	"disclosure/places"
)

// A batch waits in memory for its transaction: up to two batches (of
// 2,000 reports in a load) while the next is parsed. Held as parse.Values
// (≈200 a report, 112 bytes each, three strings and a pointer apiece, Raw
// keeping the whole document's text alive), 1,000 reports are ~45 MB the
// garbage collector marks on every cycle of the load; on 10,000 report
// files the collector ran 42 times over ~100 MB live. Prepare turns a
// document's values into the rows a load writes of them while the report
// is fresh (the ingest stage's workers call it on every core), and the
// writer then only copies bytes.

// compactRows are a report's rows as a load writes them.
type compactRows struct {
	values csvRows // report_values
	checks csvRows // report_checks
	prose  csvRows // report_prose
	// summary is the largest number printed under each of summaryKeys()
	// (summary_cells' columns), NaN where the report has none. The parser
	// never reads NaN from a document, so it cannot be taken for a value.
	summary []float64
	// checksFailed counts the failed among the checks (reports.checks_failed).
	checksFailed int
}

// csvRows are one table's rows of a report as lines of the staged CSV
// (load_stage.go), each without the report_id that begins it (known only
// inside the transaction).
type csvRows struct {
	lines []byte
	// ends[i] is where row i ends in lines (so len(ends) is the number of
	// rows). A row cannot be found by its line end: a quoted text may hold
	// one.
	ends []int32
}

// Prepare decides, without the database, what a load writes of the
// document, so that the ingest stage does it on every core while the
// writer writes the batch before: its place and identity (placeOf) and
// its values, checks and prose as rows (compact). It drops them, so that
// the document is small and mostly pointer-free while it waits for its
// batch; the report's other text is copied out of the document's, which
// can then go.
// A document whose values carry page positions (PDF) keeps them:
// value_positions reads them. The report itself is not changed (d gets a
// copy), so Prepare may run while others read it; calling it again does
// nothing. Load prepares what was not. Its one error is the embedded place
// data being unreadable (places.SharedResolver), which opening a database
// reports too.
func (d *Document) Prepare() error {
	if d.Report == nil {
		return fmt.Errorf("no parsed report")
	}
	if d.rows != nil {
		return nil
	}
	resolver, err := places.SharedResolver()
	if err != nil {
		return err
	}
	d.place = placeOf(d, resolver) // before compact: it reads the prose
	d.compact()
	return nil
}

// compact builds the rows a load writes of the document's values, checks
// and prose and swaps the report for a compact copy without them (Prepare).
func (d *Document) compact() {
	r := d.Report
	cr := &compactRows{summary: make([]float64, len(summaryIndex))}
	for i := range cr.summary {
		cr.summary[i] = math.NaN()
	}
	lay := layoutPool.Get().(*layouts)
	at := lay.of(r.Values)
	cr.values = rowsOf(r.Values, func(j int, v parse.Value) int { return len(at.prefix[j]) + len(v.Raw) + 8 },
		func(buf []byte, j int, v parse.Value) []byte { return appendValueRow(buf, at.prefix[j], v) })
	for j, v := range r.Values {
		if i := at.summary[j]; i >= 0 && v.Number != nil {
			if old := cr.summary[i]; math.IsNaN(old) || *v.Number > old {
				cr.summary[i] = *v.Number
			}
		}
	}
	layoutPool.Put(lay)
	cr.checks = rowsOf(r.Checks, func(_ int, c parse.Check) int { return len(c.Name) + len(c.Key) + len(checkDetail(c)) + 12 },
		func(buf []byte, _ int, c parse.Check) []byte { return appendCheckRow(buf, c) })
	cr.checksFailed = r.ChecksFailed()
	cr.prose = rowsOf(r.Prose, func(_ int, p parse.ProseSection) int { return len(p.Heading) + len(p.Text) + 16 },
		func(buf []byte, j int, p parse.ProseSection) []byte { return appendProseRow(buf, j+1, p) })
	c := *r
	if len(r.Pages) == 0 {
		c.Values = nil
	}
	c.Checks, c.Prose = nil, nil
	c.Title, c.Jurisdiction, c.Agency = strings.Clone(r.Title), strings.Clone(r.Jurisdiction), strings.Clone(r.Agency)
	d.Report, d.rows = &c, cr
}

// rowsOf stages items as CSV rows: row appends item i's row to a buffer
// sized from what size says of each.
func rowsOf[T any](items []T, size func(int, T) int, row func([]byte, int, T) []byte) csvRows {
	n := 0
	for i, it := range items {
		n += size(i, it)
	}
	c := csvRows{lines: make([]byte, 0, n), ends: make([]int32, len(items))}
	for i, it := range items {
		c.lines = row(c.lines, i, it)
		c.ends[i] = int32(len(c.lines))
	}
	return c
}

// appendProseRow appends the staged row (without report_id) of p, the
// report's seq-th section: "seq,heading,text\n", an empty heading or text
// unquoted (NULL).
func appendProseRow(buf []byte, seq int, p parse.ProseSection) []byte {
	buf = append(strconv.AppendInt(buf, int64(seq), 10), ',')
	if p.Heading != "" {
		buf = appendCSVField(buf, p.Heading)
	}
	buf = append(buf, ',')
	if p.Text != "" {
		buf = appendCSVField(buf, p.Text)
	}
	return append(buf, '\n')
}

// appendCheckRow appends c's staged row (without report_id) to buf:
// "name,key,ok,detail\n", an empty key or detail unquoted (NULL).
func appendCheckRow(buf []byte, c parse.Check) []byte {
	buf = append(appendCSVField(buf, c.Name), ',')
	if c.Key != "" {
		buf = appendCSVField(buf, c.Key)
	}
	buf = append(strconv.AppendBool(append(buf, ','), c.OK), ',')
	if d := checkDetail(c); d != "" {
		buf = appendCSVField(buf, d)
	}
	return append(buf, '\n')
}

// checkDetail is what report_checks.detail keeps of a check: the numbers
// compared when it failed, nothing (NULL) when it holds, as
// cross_year_checks does; a passing check's numbers are in report_values.
// Written for every check, the details were ~40% of the text a load of
// 10,000 report files stored (76 of 195 MB), and DuckDB hashed each to
// compress it: `disclosure load` of those files took 5.75-6.42 s against
// 6.48-7.84 s (4 alternating pairs), its peak 40 MB lower. `disclosure
// parse` still prints every check's detail.
func checkDetail(c parse.Check) string {
	if c.OK {
		return ""
	}
	return c.Detail
}

// appendValueRow appends v's staged row (without report_id) to buf;
// prefix is the number of its key and a comma (valueKeys).
func appendValueRow(buf, prefix []byte, v parse.Value) []byte {
	buf = append(buf, prefix...)
	n := len(buf)
	if v.Number != nil { // empty, unquoted: NULL
		buf = appendNumber(buf, *v.Number)
	}
	num := buf[n:]
	buf = append(buf, ',')
	if len(num) > 0 && string(num) == v.Raw { // a plain count: printed as stored
		buf = append(buf, v.Raw...)
	} else {
		buf = appendCSVField(buf, v.Raw)
	}
	return append(buf, '\n')
}

// layoutPool hands each goroutine compacting documents a layout cache:
// the documents one worker parses in a row mostly share their keys.
var layoutPool = sync.Pool{New: func() any { return new(layouts) }}

// summaryIndex is the position in summaryKeys() of each summary key.
var summaryIndex = func() map[[3]string]int {
	m := map[[3]string]int{}
	for i, k := range summaryKeys() {
		m[[3]string{k.Section, k.Row, k.Col}] = i
	}
	return m
}()

// layouts caches what depends only on a report's list of keys: reports of
// one layout list the same keys in the same order (the parser walks the
// template), so consecutive reports mostly share it and a value costs no
// map lookup or key formatting.
type layouts struct {
	keys []parse.Value
	cur  layout
}

type layout struct {
	prefix  [][]byte // "key number," per value, for the staged CSV (valueKeys)
	summary []int    // position in summaryKeys() per value, -1 for none
}

func (l *layouts) of(vs []parse.Value) layout {
	if l.keys != nil && sameKeys(vs, l.keys) {
		return l.cur
	}
	l.keys = vs
	l.cur = layout{prefix: make([][]byte, len(vs)), summary: make([]int, len(vs))}
	for j, v := range vs {
		l.cur.prefix[j] = append(strconv.AppendInt(nil, int64(valueKeys.id([3]string{v.Section, v.Row, v.Col})), 10), ',')
		i, ok := summaryIndex[[3]string{v.Section, v.Row, v.Col}]
		if !ok {
			i = -1
		}
		l.cur.summary[j] = i
	}
	return l.cur
}

func sameKeys(a, b []parse.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Section != b[i].Section || a[i].Row != b[i].Row || a[i].Col != b[i].Col {
			return false
		}
	}
	return true
}

// appendCSVField writes s, quoted only where it must be: an empty string
// (which unquoted reads as NULL) or one holding a comma, quote or line end.
// Most fields need none, and DuckDB parses unquoted fields faster. Four
// IndexByte (vector instructions) over a field that holds none of the
// four, as most do, cost less than IndexAny's one pass byte by byte: 41
// against 198 ns on a check's detail (~180 bytes), 27 against 92 on a
// short field.
func appendCSVField(buf []byte, s string) []byte {
	if s != "" && strings.IndexByte(s, ',') < 0 && strings.IndexByte(s, '"') < 0 && strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// appendNumber writes x exactly; whole numbers (most cells) take the
// integer path, several times cheaper than formatting a float.
func appendNumber(buf []byte, x float64) []byte {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 && (x != 0 || !math.Signbit(x)) {
		return strconv.AppendInt(buf, int64(x), 10)
	}
	return strconv.AppendFloat(buf, x, 'g', -1, 64)
}

// valueKeys numbers every key (section, row, col) a load stages, for
// the life of the process: a staged value names its key by number, and
// the insert spells the number back from three lists bound as the
// statement's parameters (stagedValues), which spares DuckDB's reader
// parsing three strings per value (36 of a row's ~45 bytes): 4% less time
// for a load of 10,000 report files. Written into the statement as
// literals, the lists cost 5-10 ms to bind, more than a batch of 100
// reports saved; as parameters, ~1.5 ms.
var valueKeys = keyNumbers{ids: map[[3]string]int{}}

type keyNumbers struct {
	mu   sync.Mutex
	ids  map[[3]string]int
	keys [3][]string // sections, rows and columns, by number - 1
}

// id is k's number, 1 for the first key seen (DuckDB lists count from 1).
func (n *keyNumbers) id(k [3]string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	id, ok := n.ids[k]
	if !ok {
		for i := range k {
			n.keys[i] = append(n.keys[i], k[i])
		}
		id = len(n.keys[0])
		n.ids[k] = id
	}
	return id
}

// lists are the sections, rows and columns of every key numbered so far.
func (n *keyNumbers) lists() [3][]string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var l [3][]string
	for i, k := range n.keys {
		l[i] = k[:len(k):len(k)] // appends by id go beyond it
	}
	return l
}
