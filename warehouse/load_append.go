package warehouse

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"disclosure/parse"
)

// appendAll writes the new versions' rows through one appender per table.
// Rows are appended table by table so each appender streams full chunks.
func appendAll(conn *sql.Conn, ps []*prepared, batch int64, loadedAt time.Time) error {
	if len(ps) == 0 {
		return nil
	}
	if err := withAppender(conn, "reports", func(a *duckdb.Appender) error { return appendReports(a, ps, batch, loadedAt) }); err != nil {
		return err
	}
	return appendParsed(conn, ps)
}

// appendParsed writes what the parser made of each report: checks, prose,
// warnings and values (reports rows are the caller's).
func appendParsed(conn *sql.Conn, ps []*prepared) error {
	steps := []struct {
		table string
		fill  func(*duckdb.Appender) error
	}{
		{"report_checks", func(a *duckdb.Appender) error { return appendChecks(a, ps) }},
		{"report_prose", func(a *duckdb.Appender) error { return appendProse(a, ps) }},
		{"report_warnings", func(a *duckdb.Appender) error { return appendWarnings(a, ps) }},
	}
	for _, s := range steps {
		if err := withAppender(conn, s.table, s.fill); err != nil {
			return err
		}
	}
	if err := appendValues(conn, ps); err != nil {
		return err
	}
	return appendPositions(conn, ps)
}

func appendReports(a *duckdb.Appender, ps []*prepared, batch int64, loadedAt time.Time) error {
	for _, p := range ps {
		r := p.doc.Report
		var year, superseded any
		if r.Year != 0 {
			year = int32(r.Year)
		}
		if p.supersedBy != 0 {
			superseded = p.supersedBy
		}
		err := a.AppendRow(p.id, p.doc.SHA256, nullable(p.doc.SourceURL),
			nullable(r.Jurisdiction), nullable(p.res.Code()), nullable(p.res.Via),
			nullable(r.Agency), p.kind, year, nullable(r.Template), nullable(r.Title), p.published,
			nullable(r.Form), int32(r.ChecksFailed()), int32(len(r.Checks)), int32(len(r.Values)), int32(len(p.warnings)),
			nullable(p.identity), int32(p.version), p.current, superseded, batch, loadedAt)
		if err != nil {
			return err
		}
	}
	return nil
}

// appendValues is the hot path (≈200 values a report, 2 million a batch of
// 10,000). The values are staged as a CSV file that DuckDB's own reader
// loads with one INSERT … SELECT, parallel on every core; the summary cells
// are picked in Go and appended (stageSummary). Measured on 2 million
// values (BenchmarkLoadVsCopy), this beat the alternatives:
//   - the appender, row by row: every value crosses cgo boxed in an
//     interface, ≈1 µs a value;
//   - staging key ids and numbers in temp tables through the appender, then
//     INSERT … SELECT joining the key strings back: the join's output is
//     written by one thread, slower than COPY itself, and the PIVOT into
//     summary_cells cost as much again;
//   - an Arrow record stream needs duckdb-go's duckdb_arrow build tag in
//     every build and test of the project, for no gain over the reader.
//
// The file is written beside no database (the system temp dir) and removed
// at once; a process killed mid-load leaves at most one stale file there.
func appendValues(conn *sql.Conn, ps []*prepared) error {
	f, err := os.CreateTemp("", "disclosure-values-*.csv")
	if err != nil {
		return fmt.Errorf("staging values: %w", err)
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriterSize(f, 1<<20)
	var buf, num []byte
	var lay layouts
	for _, p := range ps {
		id := strconv.AppendInt(nil, p.id, 10)
		keys := lay.of(p.doc.Report.Values).prefix
		for j, v := range p.doc.Report.Values {
			buf = append(append(append(buf[:0], id...), ','), keys[j]...)
			num = num[:0]
			if v.Number != nil { // empty, unquoted: NULL
				num = appendNumber(num, *v.Number)
			}
			buf = append(append(buf, num...), ',')
			if len(num) > 0 && string(num) == v.Raw { // a plain count: printed as stored
				buf = append(buf, num...)
			} else {
				buf = appendCSVField(buf, v.Raw)
			}
			buf = append(buf, '\n')
			w.Write(buf)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("staging values: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("staging values: %w", err)
	}
	_, err = conn.ExecContext(context.Background(), `INSERT INTO report_values
		SELECT * FROM read_csv(?, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
			nullstr = '', allow_quoted_nulls = false, new_line = '\n',
			columns = {'report_id': 'BIGINT', 'section': 'VARCHAR', 'row': 'VARCHAR', 'col': 'VARCHAR', 'value': 'DOUBLE', 'raw': 'VARCHAR'})`,
		f.Name())
	if err != nil {
		return fmt.Errorf("loading staged values: %w", err)
	}
	return stageSummary(conn, ps)
}

// layouts caches what depends only on a report's list of keys: reports of
// one layout list the same keys in the same order (the parser walks the
// template), so consecutive reports mostly share it and a value costs no
// map lookup or key formatting.
type layouts struct {
	summary map[[3]string]int // summary_cells column of a key (stageSummary)
	keys    []parse.Value
	cur     layout
}

type layout struct {
	prefix  [][]byte // "section,row,col," per value, for the staged CSV
	summary []int    // summary_cells column per value, -1 for none
}

func (l *layouts) of(vs []parse.Value) layout {
	if l.keys != nil && sameKeys(vs, l.keys) {
		return l.cur
	}
	l.keys = vs
	l.cur = layout{prefix: make([][]byte, len(vs)), summary: make([]int, len(vs))}
	for j, v := range vs {
		var b []byte
		for _, s := range []string{v.Section, v.Row, v.Col} {
			b = append(appendCSVField(b, s), ',')
		}
		l.cur.prefix[j] = b
		i, ok := l.summary[[3]string{v.Section, v.Row, v.Col}]
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
// Keys never need quotes, and DuckDB parses unquoted fields faster.
func appendCSVField(buf []byte, s string) []byte {
	if s != "" && strings.IndexAny(s, ",\"\r\n") < 0 {
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
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.AppendInt(buf, int64(x), 10)
	}
	return strconv.AppendFloat(buf, x, 'g', -1, 64)
}

// stageSummary writes each report's summary cells (summaryKeys, the cells
// requests_summary reads) to summary_cells. Where a key is printed twice,
// the larger value counts, as the view's PIVOT … max(value) did.
func stageSummary(conn *sql.Conn, ps []*prepared) error {
	cols, err := summaryColumns(conn)
	if err != nil {
		return err
	}
	index := map[[3]string]int{}
	for _, k := range summaryKeys() {
		if i, ok := cols[summaryName(k)]; ok {
			index[[3]string{k.Section, k.Row, k.Col}] = i
		}
	}
	lay := layouts{summary: index}
	names := make([]string, len(cols))
	for n, i := range cols {
		names[i] = n
	}
	return withAppenderColumns(conn, "summary_cells", append([]string{"report_id"}, names...), func(a *duckdb.Appender) error {
		row := make([]driver.Value, len(names)+1)
		for _, p := range ps {
			clear(row)
			row[0] = p.id
			at := lay.of(p.doc.Report.Values).summary
			for j, v := range p.doc.Report.Values {
				i := at[j]
				if v.Number == nil || i < 0 {
					continue
				}
				if old, set := row[i+1].(float64); !set || *v.Number > old {
					row[i+1] = *v.Number
				}
			}
			if err := a.AppendRow(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

// summaryColumns returns summary_cells' value columns and their positions
// (report_id left out): an older database may lack a newer key's column.
func summaryColumns(conn *sql.Conn) (map[string]int, error) {
	rows, err := conn.QueryContext(context.Background(), `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'main' AND table_name = 'summary_cells' AND column_name <> 'report_id' ORDER BY ordinal_position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]int{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		cols[n] = len(cols)
	}
	return cols, rows.Err()
}

func appendChecks(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for _, c := range p.doc.Report.Checks {
			if err := a.AppendRow(p.id, c.Name, nullable(c.Key), c.OK, nullable(c.Detail)); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendProse(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for i, s := range p.doc.Report.Prose {
			if err := a.AppendRow(p.id, int32(i+1), nullable(s.Heading), nullable(s.Text)); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendWarnings(a *duckdb.Appender, ps []*prepared) error {
	for _, p := range ps {
		for i, w := range p.warnings {
			if err := a.AppendRow(p.id, int32(i+1), w.stage, w.msg); err != nil {
				return err
			}
		}
	}
	return nil
}
