package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
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
	return appendValues(conn, ps)
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

// appendValues is the hot path (≈200 values a report). The three key
// strings repeat in every report, so they cross into DuckDB once per batch
// (temp table value_keys); rows carry a key id and are staged in temp tables
// through the appender, and one INSERT … SELECT per stage joins the names
// back inside DuckDB, on every core. Cells whose printed text is just their
// integer value (most of them) are staged as numbers only and DuckDB writes
// the same text back as raw: no string crosses cgo for them. The stored raw
// is still exactly the printed text.
func appendValues(conn *sql.Conn, ps []*prepared) error {
	ids := keyIDs(ps)
	if _, err := conn.ExecContext(context.Background(), `CREATE OR REPLACE TEMP TABLE value_keys (key_id INTEGER, section VARCHAR, row VARCHAR, col VARCHAR)`); err != nil {
		return err
	}
	err := withAppender(conn, "value_keys", func(a *duckdb.Appender) error {
		for k, id := range ids.byKey {
			if err := a.AppendRow(id, k[0], k[1], k[2]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	plain := make([]bool, 0, 256) // per value of the current report: raw is the integer
	var buf []byte
	isPlain := func(v parse.Value) bool {
		if v.Number == nil {
			return false
		}
		x := *v.Number
		if x != math.Trunc(x) || math.Abs(x) >= 1e15 {
			return false
		}
		buf = strconv.AppendInt(buf[:0], int64(x), 10)
		return string(buf) == v.Raw
	}
	// Rows are staged in temp tables through plain appenders, then moved
	// by one INSERT … SELECT each, which DuckDB runs on all cores.
	if _, err := conn.ExecContext(context.Background(), `
		CREATE OR REPLACE TEMP TABLE staged_plain (report_id BIGINT, key_id INTEGER, value DOUBLE);
		CREATE OR REPLACE TEMP TABLE staged_other (report_id BIGINT, key_id INTEGER, value DOUBLE, raw VARCHAR)`); err != nil {
		return err
	}
	// First pass: plain integer cells, numbers only.
	err = withAppender(conn, "staged_plain",
		func(a *duckdb.Appender) error {
			row := make([]driver.Value, 3)
			for _, p := range ps {
				row[0] = p.id
				plain = plain[:0]
				for j, v := range p.doc.Report.Values {
					ok := isPlain(v)
					plain = append(plain, ok)
					if !ok {
						continue
					}
					row[1], row[2] = ids.of(p, j), boxFloat(*v.Number)
					if err := a.AppendRow(row...); err != nil {
						return err
					}
				}
				p.plain = append(p.plain[:0], plain...)
			}
			return nil
		})
	if err != nil {
		return err
	}
	// Second pass: blanks, decimals, 增15 and every other printed form.
	err = withAppender(conn, "staged_other",
		func(a *duckdb.Appender) error {
			row := make([]driver.Value, 4)
			for _, p := range ps {
				row[0] = p.id
				for j, v := range p.doc.Report.Values {
					if p.plain[j] {
						continue
					}
					row[1], row[2], row[3] = ids.of(p, j), nil, v.Raw
					if v.Number != nil {
						row[2] = boxFloat(*v.Number)
					}
					if err := a.AppendRow(row...); err != nil {
						return err
					}
				}
				p.plain = nil
			}
			return nil
		})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(context.Background(), `
		INSERT INTO report_values
			SELECT a.report_id, k.section, k.row, k.col, a.value, CAST(CAST(a.value AS BIGINT) AS VARCHAR)
			FROM staged_plain a JOIN value_keys k ON k.key_id = a.key_id;
		INSERT INTO report_values
			SELECT a.report_id, k.section, k.row, k.col, a.value, a.raw
			FROM staged_other a JOIN value_keys k ON k.key_id = a.key_id;
		`+summaryFromStaged(ids)+`;
		DROP TABLE staged_plain;
		DROP TABLE staged_other`)
	return err
}

// boxedInts holds small whole numbers already boxed as float64: most cells
// are counts below a few thousand, and boxing each of 20 million values
// would be 20 million allocations.
var boxedInts = func() []driver.Value {
	b := make([]driver.Value, 4096)
	for i := range b {
		b[i] = float64(i)
	}
	return b
}()

func boxFloat(x float64) driver.Value {
	if x >= 0 && x < float64(len(boxedInts)) && x == math.Trunc(x) {
		return boxedInts[int(x)]
	}
	return x
}

// summaryFromStaged fills summary_cells for the batch from the staged rows,
// pivoting on the integer key ids: far cheaper than pivoting report_values
// on its strings. Summary keys absent from the batch stay NULL (BY NAME).
func summaryFromStaged(ids valueKeys) string {
	var in []string
	for _, k := range summaryKeys() {
		if id, ok := ids.byKey[[3]string{k.Section, k.Row, k.Col}]; ok {
			in = append(in, fmt.Sprintf("%d AS %s", id, summaryName(k)))
		}
	}
	if len(in) == 0 {
		return "SELECT 1" // nothing to keep
	}
	return `INSERT INTO summary_cells BY NAME SELECT * FROM (PIVOT (
			SELECT report_id, key_id, value FROM staged_plain
			UNION ALL SELECT report_id, key_id, value FROM staged_other)
		ON key_id IN (` + strings.Join(in, ", ") + `) USING max(value) GROUP BY report_id)`
}

// valueKeys numbers the distinct (section, row, col) of a batch.
type valueKeys struct {
	byKey map[[3]string]int32
	// perValue holds each report's ids; reports of one layout share a slice.
	perValue map[*prepared][]int32
}

func (k valueKeys) of(p *prepared, j int) int32 { return k.perValue[p][j] }

// keyIDs assigns ids. Consecutive reports usually list the same keys in the
// same order (the parser walks the template), so a report whose keys match
// the previous one's reuses its ids without a map lookup per value.
func keyIDs(ps []*prepared) valueKeys {
	k := valueKeys{byKey: map[[3]string]int32{}, perValue: make(map[*prepared][]int32, len(ps))}
	var last []parse.Value
	var lastIDs []int32
	for _, p := range ps {
		vs := p.doc.Report.Values
		if sameKeys(vs, last) {
			k.perValue[p] = lastIDs
			continue
		}
		cur := make([]int32, len(vs))
		for j, v := range vs {
			key := [3]string{v.Section, v.Row, v.Col}
			id, ok := k.byKey[key]
			if !ok {
				id = int32(len(k.byKey))
				k.byKey[key] = id
			}
			cur[j] = id
		}
		k.perValue[p] = cur
		last, lastIDs = vs, cur
	}
	return k
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
