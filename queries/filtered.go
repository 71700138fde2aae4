package queries

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// A named query's defaults choose what a researcher usually compares
// (rank uses the counties' own government reports): the rows a default
// leaves out are counted and said, so that 0 rows never looks like no data.

// FilterNote says how many rows a parameter left at its default left out.
type FilterNote struct {
	Param, Value string // the parameter and its default
	Off          string // the value that leaves nothing out
	Rows         int64  // rows the default left out
}

func (n FilterNote) String() string {
	return fmt.Sprintf("%d rows left out by the default --param %s=%s (--param %s=%s shows them)", n.Rows, n.Param, n.Value, n.Param, n.Off)
}

// Queryer is what Filtered needs of a database handle.
type Queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Filtered runs the query's row count with each filter parameter the
// caller did not give switched off, and returns the rows each default left
// out (none when it left out nothing).
func (q Query) Filtered(ctx context.Context, db Queryer, given map[string]string) ([]FilterNote, error) {
	var names []string
	for p := range q.Filters {
		if _, ok := given[p]; !ok {
			names = append(names, p)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	sort.Strings(names)
	count := func(params map[string]string) (int64, error) {
		args, err := q.Args(params)
		if err != nil {
			return 0, err
		}
		var n int64
		body := strings.TrimRight(strings.TrimSpace(q.SQL), ";")
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM ("+body+"\n)", args...).Scan(&n)
		return n, err
	}
	shown, err := count(given)
	if err != nil {
		return nil, err
	}
	var notes []FilterNote
	for _, p := range names {
		all := map[string]string{p: q.Filters[p]}
		for k, v := range given {
			all[k] = v
		}
		n, err := count(all)
		if err != nil {
			return nil, err
		}
		if n > shown {
			notes = append(notes, FilterNote{Param: p, Value: q.param(p).Default, Off: q.Filters[p], Rows: n - shown})
		}
	}
	return notes, nil
}

func (q Query) param(name string) Param {
	for _, p := range q.Params {
		if p.Name == name {
			return p
		}
	}
	return Param{Name: name}
}
