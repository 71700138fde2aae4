package pipeline

import (
	"context"
	"fmt"

	"disclosure/queries"
	"disclosure/warehouse"
)

// Column is one column of a query's result.
type Column struct{ Name, Type string }

// QueryColumns says what columns a named query returns, by running it with
// its defaults on an empty warehouse in memory (no database file needed).
func QueryColumns(q queries.Query) ([]Column, error) {
	db, err := warehouse.Open("")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	args, err := q.Args(nil)
	if err != nil {
		return nil, err
	}
	rows, err := db.SQL().QueryContext(context.Background(), q.SQL, args...)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", q.Name, err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	out := make([]Column, len(types))
	for i, t := range types {
		out[i] = Column{Name: t.Name(), Type: t.DatabaseTypeName()}
	}
	return out, nil
}
