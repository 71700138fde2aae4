package web

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// writeResult writes res as JSON: the keys and values encoding/json gives
// (strings HTML-escaped the same way), a row's keys in column order. By
// hand because encoding/json reflects over every value of []map[string]any
// and sorts each row's keys: ~16 ms for the ~3,000 rows the compare chart
// reads without a selection on the 100,000-report warehouse, a tenth of
// the 200 ms target; this loop takes a few. Values other than the driver's
// plain types (plain in run.go) go through encoding/json.
func writeResult(w io.Writer, res *result) error {
	b := make([]byte, 0, 64<<10)
	b = append(b, `{"query":`...)
	b = appendString(b, res.Query)
	b = append(b, `,"params":`...)
	p, err := json.Marshal(res.Params)
	if err != nil {
		return err
	}
	b = append(b, p...)
	b = append(b, `,"columns":`...)
	if res.Columns == nil {
		b = append(b, "null"...)
	} else {
		b = appendStrings(b, res.Columns)
	}
	b = append(b, `,"rows":`...)
	if res.Rows == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
	}
	for i, row := range res.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for j, c := range res.Columns {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendString(b, c)
			b = append(b, ':')
			if b, err = appendValue(b, row[c]); err != nil {
				return err
			}
		}
		b = append(b, '}')
		if len(b) > 256<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if res.Rows != nil {
		b = append(b, ']')
	}
	b = append(b, `,"truncated":`...)
	b = strconv.AppendBool(b, res.Truncated)
	b = append(b, "}\n"...)
	_, err = w.Write(b)
	return err
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case float64:
		return appendFloat(b, x), nil
	}
	j, err := json.Marshal(v)
	return append(b, j...), err
}

// appendFloat formats as encoding/json does; NaN and ±Inf, which it
// refuses, are null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping: <, > and
// & as \u003c …, control characters escaped, U+2028 and U+2029 escaped,
// invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
