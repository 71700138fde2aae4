package queries

import (
	"fmt"
	"strings"
)

// ParseParams reads repeated --param key=value flags; a malformed one or
// a key given twice is an error.
func ParseParams(list []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range list {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want key=value", s)
		}
		if old, dup := out[k]; dup {
			return nil, fmt.Errorf("--param %s given twice (%q and %q): give it once", k, old, v)
		}
		out[k] = v
	}
	return out, nil
}

// Resolve turns a query name or SQL text plus --param values into SQL and
// bound arguments. Parameters belong to named queries; SQL text takes none
// (write the values into it).
func Resolve(arg string, params map[string]string) (string, []any, error) {
	q, ok, err := Get(arg)
	if err != nil {
		return "", nil, err
	}
	if ok {
		a, err := q.Args(params)
		return q.SQL, a, err
	}
	if !strings.ContainsAny(arg, " \t\n") {
		return "", nil, fmt.Errorf("no named query %q (see disclosure query --list), and it is not SQL", arg)
	}
	if len(params) > 0 {
		return "", nil, fmt.Errorf("--param is for named queries (disclosure query --list); with SQL, write the values into the statement")
	}
	return arg, nil, nil
}
