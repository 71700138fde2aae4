// Package queries holds the named SQL queries researchers run with
// `disclosure query NAME --param k=v`. Each queries/*.sql file starts with a
// header comment:
//
//	-- NAME: one line saying what question it answers
//	-- more lines of explanation (optional)
//	-- param: key=default  what the parameter means
//
// Parameters are bound as named DuckDB parameters ($key), always as text;
// the SQL casts them where it needs numbers. Nothing is spliced into SQL.
//
// SQL that several queries need in the same words is a fragment,
// fragments/NAME.sql, written {{NAME}} where a query uses it: when the
// queries are read, the fragment's text (without its leading comment)
// takes the place of {{NAME}}, each of its lines after the first indented as
// the line that names it. A fragment is fixed text, never a value.
package queries

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed *.sql fragments/*.sql
var files embed.FS

// Param is one declared parameter.
type Param struct {
	Name, Default, Doc string
}

// Query is one named query.
type Query struct {
	Name    string
	Summary string   // the first header line: what it answers
	Doc     []string // further header lines
	Params  []Param
	// Filters maps a parameter that leaves rows out to the value that
	// leaves none out (-- filter: kind=all): Filtered counts what its
	// default hides.
	Filters map[string]string
	SQL     string
}

// All returns every named query, sorted by name.
func All() ([]Query, error) {
	qs, err := embedded()
	return slices.Clone(qs), err
}

// embedded reads the queries, their fragments put in, once: they are
// embedded, and every web request asks for one (Get).
var embedded = sync.OnceValues(readAll)

func readAll() ([]Query, error) {
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, err
	}
	var qs []Query
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		text, err := expand(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		q, err := parseQuery(strings.TrimSuffix(path.Base(n), ".sql"), text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Name < qs[j].Name })
	return qs, nil
}

// Get returns the named query; ok is false when there is none.
func Get(name string) (Query, bool, error) {
	qs, err := embedded()
	if err != nil {
		return Query{}, false, err
	}
	for _, q := range qs {
		if q.Name == name {
			return q, true, nil
		}
	}
	return Query{}, false, nil
}

var fragmentRef = regexp.MustCompile(`\{\{\w+\}\}`)

// expand puts each fragment's text in the place of its {{NAME}}.
func expand(text string) (string, error) {
	var err error
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		lines[i] = fragmentRef.ReplaceAllStringFunc(line, func(ref string) string {
			b, e := files.ReadFile("fragments/" + ref[2:len(ref)-2] + ".sql")
			if e != nil {
				err = fmt.Errorf("%s: no such fragment in fragments/", ref)
				return ref
			}
			sql := string(b)
			for strings.HasPrefix(sql, "--") {
				_, sql, _ = strings.Cut(sql, "\n")
			}
			return strings.ReplaceAll(strings.TrimRight(sql, "\n"), "\n", "\n"+indent)
		})
	}
	return strings.Join(lines, "\n"), err
}

// parseQuery reads the header comment of one file.
func parseQuery(name, text string) (Query, error) {
	q := Query{Name: name, SQL: text}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "--"))
		switch {
		case strings.HasPrefix(line, "param:"):
			spec := strings.TrimSpace(strings.TrimPrefix(line, "param:"))
			kv, doc, _ := strings.Cut(spec, " ")
			k, def, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return q, fmt.Errorf("param line %q: want key=default description", line)
			}
			q.Params = append(q.Params, Param{Name: k, Default: def, Doc: strings.TrimSpace(doc)})
		case strings.HasPrefix(line, "filter:"):
			kv, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "filter:")), " ")
			k, off, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return q, fmt.Errorf("filter line %q: want key=value that filters nothing", line)
			}
			if q.Filters == nil {
				q.Filters = map[string]string{}
			}
			q.Filters[k] = off
		case q.Summary == "" && strings.HasPrefix(line, name+":"):
			q.Summary = strings.TrimSpace(strings.TrimPrefix(line, name+":"))
		case q.Summary != "" && line != "":
			q.Doc = append(q.Doc, line)
		}
	}
	if q.Summary == "" {
		return q, fmt.Errorf("header must start with -- %s: what it answers", name)
	}
	return q, nil
}

// Args binds the given values over the defaults; an unknown key is an error
// that lists the known ones.
func (q Query) Args(given map[string]string) ([]any, error) {
	known := map[string]bool{}
	var args []any
	for _, p := range q.Params {
		known[p.Name] = true
		v := p.Default
		if g, ok := given[p.Name]; ok {
			v = g
			// A parameter whose default is a whole number takes one (year=0):
			// DuckDB's cast error would not say which flag was wrong.
			if _, err := strconv.Atoi(p.Default); err == nil {
				if _, err := strconv.Atoi(strings.TrimSpace(g)); err != nil {
					return nil, fmt.Errorf("--param %s=%s: not a whole number (query %s)", p.Name, g, q.Name)
				}
			}
		}
		args = append(args, sql.Named(p.Name, v))
	}
	for k := range given {
		if !known[k] {
			var names []string
			for _, p := range q.Params {
				names = append(names, p.Name)
			}
			return nil, fmt.Errorf("query %s has no parameter %q (it has: %s)", q.Name, k, strings.Join(names, ", "))
		}
	}
	return args, nil
}

// Usage is the query's help text: summary, explanation and parameters.
func (q Query) Usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", q.Name, q.Summary)
	for _, d := range q.Doc {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	for _, p := range q.Params {
		def := p.Default
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(&b, "  --param %s=%s\t%s\n", p.Name, def, p.Doc)
	}
	return b.String()
}
