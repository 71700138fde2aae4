package web

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"disclosure/queries"
)

// result is a named query's rows, capped.
type result struct {
	Query     string            `json:"query"`
	Params    map[string]string `json:"params"`
	Columns   []string          `json:"columns"`
	Rows      []map[string]any  `json:"rows"`
	Truncated bool              `json:"truncated"` // more rows than the cap: narrow the selection
}

// run runs the named query of endpoint name with checked params.
func (s *Server) run(ctx context.Context, name string, params map[string]string) (*result, error) {
	sp := specs[name]
	q, ok, err := queries.Get(sp.query)
	if err != nil || !ok {
		return nil, fmt.Errorf("named query %s: missing (%v)", sp.query, err)
	}
	args, err := q.Args(params)
	if err != nil {
		return nil, badParam{err.Error()}
	}
	db, err := s.store.get()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opt.QueryTimeout)
	defer cancel()
	rows, err := db.SQL().QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &result{Query: sp.query, Params: params, Columns: cols, Rows: []map[string]any{}}
	for rows.Next() {
		if len(res.Rows) >= s.opt.MaxRows {
			res.Truncated = true
			break
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = plain(vals[i])
		}
		res.Rows = append(res.Rows, m)
	}
	return res, rows.Err()
}

// plain turns driver values into what templates and JSON show.
func plain(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format("2006-01-02 15:04:05")
	case sql.NullString:
		return x.String
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint8, uint16, uint32, uint64, int, int64, float32, float64, bool, string, nil:
		return x
	default:
		return fmt.Sprint(x)
	}
}
