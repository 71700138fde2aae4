package queries

import (
	"bytes"
	"database/sql"
	"disclosure/internal/texttable"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// WriteRows streams a result through a row writer.
func WriteRows(out RowWriter, rows *sql.Rows) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if err := out.header(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := out.row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return out.close()
}

// Writers for query results. NULL is shown as NULL in tables, an empty
// field in CSV and null in JSON: never as 0.

// RowWriter writes a query result in one format (NewWriter).
type RowWriter interface {
	header(cols []string) error
	row(vals []any) error
	close() error
}

// NewWriter is a RowWriter for format table, csv or json; a table shows
// at most maxRows rows, cut to width display columns (0: no limit).
func NewWriter(format string, w io.Writer, maxRows, width int) (RowWriter, error) {
	switch format {
	case "table":
		return &tableOut{w: w, max: maxRows, width: width}, nil
	case "csv":
		return &csvOut{w: csv.NewWriter(w)}, nil
	case "json":
		return &jsonOut{w: w}, nil
	}
	return nil, fmt.Errorf("--format %q: use table, csv or json", format)
}

// cell formats one value as text; prec < 0 keeps every digit.
func cell(v any, prec int) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 0, 64), true
		}
		if prec >= 0 {
			return trimZeros(strconv.FormatFloat(x, 'f', prec, 64)), true
		}
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case float32:
		return cell(float64(x), prec)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02"), true
		}
		return x.Format("2006-01-02 15:04:05"), true
	case []byte:
		return string(x), true
	}
	return fmt.Sprint(v), true
}

func trimZeros(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// tableOut buffers rows to align them by display width, so it keeps at
// most max of them: a table of millions of rows is for csv, not a terminal.
type tableOut struct {
	w     io.Writer
	cols  []string
	rows  [][]string
	max   int
	width int // display columns to fit in; 0: no limit
	extra int // rows not shown
}

func (t *tableOut) header(cols []string) error { t.cols = cols; return nil }

func (t *tableOut) row(vals []any) error {
	if t.max > 0 && len(t.rows) >= t.max {
		t.extra++
		return nil
	}
	r := make([]string, len(vals))
	for i, v := range vals {
		s, ok := cell(v, 4)
		if !ok {
			s = "NULL"
		}
		r[i] = s
	}
	t.rows = append(t.rows, r)
	return nil
}

func (t *tableOut) close() error {
	if err := texttable.WriteFit(t.w, t.cols, t.rows, t.width); err != nil {
		return err
	}
	if t.extra > 0 {
		_, err := fmt.Fprintf(t.w, "(%d rows; %d more not shown: use --format csv, a LIMIT, or --max-rows)\n", len(t.rows)+t.extra, t.extra)
		return err
	}
	_, err := fmt.Fprintf(t.w, "(%d rows)\n", len(t.rows))
	return err
}

type csvOut struct{ w *csv.Writer }

func (c *csvOut) header(cols []string) error { return c.w.Write(cols) }

func (c *csvOut) row(vals []any) error {
	r := make([]string, len(vals))
	for i, v := range vals {
		r[i], _ = cell(v, -1)
	}
	return c.w.Write(r)
}

func (c *csvOut) close() error { c.w.Flush(); return c.w.Error() }

// jsonOut writes an array of objects, keys in column order.
type jsonOut struct {
	w    io.Writer
	cols [][]byte
	n    int
}

func (j *jsonOut) header(cols []string) error {
	for _, c := range cols {
		b, _ := json.Marshal(c)
		j.cols = append(j.cols, b)
	}
	_, err := io.WriteString(j.w, "[")
	return err
}

func (j *jsonOut) row(vals []any) error {
	buf := []byte(",\n{")
	if j.n == 0 {
		buf = buf[1:]
	}
	j.n++
	for i, v := range vals {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, j.cols[i]...)
		buf = append(buf, ':')
		var b []byte
		switch x := v.(type) {
		case nil:
			b = []byte("null")
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				b = []byte("null")
			} else {
				s, _ := cell(x, -1)
				b = []byte(s)
			}
		case time.Time, []byte:
			s, _ := cell(x, -1)
			b = marshal(s)
		case duckdb.Decimal: // SELECT 1.5 is a DECIMAL: a JSON number, not its struct
			b = []byte(x.String())
		default:
			b = marshal(x)
		}
		buf = append(buf, b...)
	}
	buf = append(buf, '}')
	_, err := j.w.Write(buf)
	return err
}

func (j *jsonOut) close() error {
	_, err := io.WriteString(j.w, "\n]\n")
	return err
}

// marshal encodes without HTML escaping, so URLs keep their & and <.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		b.Reset()
		enc.Encode(fmt.Sprint(v))
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
