package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"disclosure/queries"
	"disclosure/warehouse"
)

// result is a named query's rows, capped.
type result struct {
	Query     string            `json:"query"`
	Params    map[string]string `json:"params"`
	Columns   []string          `json:"columns"`
	Rows      []map[string]any  `json:"rows"`
	Truncated bool              `json:"truncated"` // more rows than the cap: narrow the selection
}

// bind looks up the named query of endpoint name, binds checked params to
// its arguments (a refusal is a badParam) and opens the warehouse.
func (s *Server) bind(name string, params map[string]string) (*warehouse.DB, string, []any, error) {
	query := specs[name].query
	q, ok, err := queries.Get(query)
	if err != nil || !ok {
		return nil, "", nil, fmt.Errorf("named query %s: missing (%v)", query, err)
	}
	args, err := q.Args(params)
	if err != nil {
		return nil, "", nil, badParam{err.Error()}
	}
	db, err := s.store.get()
	if err != nil {
		return nil, "", nil, err
	}
	return db, q.SQL, args, nil
}

// page checks a page's parameters, redirects to the canonical URL, and runs
// the page's named query; false means the answer (an error or a redirect)
// has been written.
func (s *Server) page(w http.ResponseWriter, r *http.Request, name string) (map[string]string, *result, bool) {
	params, err := checked(name, query(r))
	if err != nil {
		s.fail(w, r, err, false)
		return nil, nil, false
	}
	if canonical(w, r, params) {
		return nil, nil, false
	}
	res, err := s.run(r.Context(), name, params)
	if err != nil {
		s.fail(w, r, err, false)
		return nil, nil, false
	}
	return params, res, true
}

// run runs the named query of endpoint name with checked params, or
// returns its result from the cache (rows shared: not to be modified).
func (s *Server) run(ctx context.Context, name string, params map[string]string) (*result, error) {
	sp := specs[name]
	db, stmt, args, err := s.bind(name, params)
	if err != nil {
		return nil, err
	}
	key := cacheKey(name, params)
	if res, ok := s.cache.get(db, key); ok {
		return res, nil
	}
	res, err := s.query(ctx, db, stmt, args, sp.query, params)
	if err != nil {
		return nil, err
	}
	s.cache.put(db, key, res)
	return res, nil
}

// query runs stmt and reads its rows, at most MaxRows of them.
func (s *Server) query(ctx context.Context, db *warehouse.DB, stmt string, args []any, name string, params map[string]string) (*result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opt.QueryTimeout)
	defer cancel()
	rows, err := db.SQL().QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &result{Query: name, Params: params, Columns: cols, Rows: []map[string]any{}}
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
