package warehouse

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
)

// The values (≈200 a report), checks (≈40) and prose of
// a batch reach DuckDB as CSV files that its own reader loads (why, and what
// else was measured: appendParsed). Each document's rows are built before
// (Document.Prepare, load_compact.go); a file, their concatenation with
// the report_ids, is written on a goroutine while the appenders of the
// other tables run on the connection: DuckDB appends on the calling
// thread, so the other core is free. One file a table, not a part per
// core: two parts of a batch of 1,000 cost its insert ~20% more CPU (each
// part leaves a row group of its own).

// sequentialRows is the number of values below which a batch is written
// on the connection's thread alone (threads = 1, LoadBatch) and its staged
// values are read in order (parallel = false): a batch of up to ~5,000
// reports.
//
// Read in parallel, each 8 MB range of the file becomes a row group of its
// own: a batch of 1,000 report files (10 MB of CSV) was stored as row groups
// of 122,880, 43,391 and 33,729 rows, and the next checkpoint merged each
// such pair into one (DuckDB's vacuum), which meant reading back and
// compressing again every value of the load: 1.2 of the final checkpoint's
// 1.6 s on 10,000 report files. Read in order, a batch is one full row
// group and one partial, which no checkpoint merges, so its values are
// compressed once, when the batch commits. On one thread, because what a
// batch that size asks of DuckDB (the read, the appenders, the commit)
// keeps one worker busy at a time while the client thread polls beside it
// (threads.go). A larger batch is read in parallel: its ranges fill whole
// row groups. (A variable so that tests can write small batches the way
// large ones are written.)
var sequentialRows = 1_000_000

// sequential says whether the batch ps is written on one thread.
func sequential(ps []*prepared) bool {
	n := 0
	for _, p := range ps {
		n += len(p.doc.rows.values.ends)
	}
	return n < sequentialRows
}

// stagedTable is a table whose rows a load stages as CSV.
type stagedTable struct {
	name    string
	columns string                            // the staged file's columns, for read_csv
	query   func(file string) (string, []any) // the table's rows in its column order from file (read_csv(…)), and the query's arguments
	rows    func(*compactRows) *csvRows       // a report's staged rows
}

var (
	// A value names its key by number (valueKeys).
	stagedValues = stagedTable{"report_values",
		`{'report_id': 'BIGINT', 'key': 'INTEGER', 'value': 'DOUBLE', 'raw': 'VARCHAR'}`,
		func(file string) (string, []any) {
			l := valueKeys.lists()
			return `SELECT report_id, ($1::VARCHAR[])[key], ($2::VARCHAR[])[key], ($3::VARCHAR[])[key], value, raw FROM ` + file, []any{l[0], l[1], l[2]}
		},
		func(r *compactRows) *csvRows { return &r.values }}
	// The checks' appender cost 0.77 s of a load of 10,000 report files
	// (420,000 rows, their detail text mostly, when every check kept its
	// detail: checkDetail), more than all other
	// appenders together, on the writer, which is the load's critical path.
	stagedChecks = stagedTable{"report_checks",
		`{'report_id': 'BIGINT', 'name': 'VARCHAR', 'key': 'VARCHAR', 'ok': 'BOOLEAN', 'detail': 'VARCHAR'}`,
		func(file string) (string, []any) { return `SELECT * FROM ` + file, nil },
		func(r *compactRows) *csvRows { return &r.checks }}
	// Prose through the appender: 0.2-0.3 s of that load, its text copied
	// across cgo string by string.
	stagedProse = stagedTable{"report_prose",
		`{'report_id': 'BIGINT', 'seq': 'INTEGER', 'heading': 'VARCHAR', 'text': 'VARCHAR'}`,
		func(file string) (string, []any) { return `SELECT * FROM ` + file, nil },
		func(r *compactRows) *csvRows { return &r.prose }}
)

// staged is a batch's rows of one table being written as CSV.
type staged struct {
	table      stagedTable
	path       string
	sequential bool // read in order (sequentialRows)
	done       chan error
}

// stage starts writing ps's rows of t into a temporary file beside no
// database (the system temp dir; a process killed mid-load leaves at most
// that file behind), to be read in order if seq (sequential(ps)). Call
// load, or remove when done.
func stage(ps []*prepared, t stagedTable, seq bool) (*staged, error) {
	f, err := os.CreateTemp("", "disclosure-"+t.name+"-*.csv")
	if err != nil {
		return nil, fmt.Errorf("staging %s: %w", t.name, err)
	}
	s := &staged{table: t, path: f.Name(), sequential: seq, done: make(chan error, 1)}
	go func() { s.done <- writeRows(f, ps, t) }()
	return s, nil
}

// wait returns once the file is written.
func (s *staged) wait() error {
	if s.done == nil {
		return nil
	}
	err := <-s.done
	s.done = nil
	return err
}

// remove waits for the writer and deletes the file.
func (s *staged) remove() {
	s.wait()
	os.Remove(s.path)
}

// load inserts the staged rows into their table.
func (s *staged) load(ctx context.Context, conn *sql.Conn) error {
	if err := s.wait(); err != nil {
		return fmt.Errorf("staging %s: %w", s.table.name, err)
	}
	// Nothing sniffed; an empty unquoted field is NULL, a quoted one the empty string.
	file := `read_csv(` + sqlString(s.path) + `,
		header = false, auto_detect = false, parallel = ` + strconv.FormatBool(!s.sequential) + `, delim = ',', quote = '"', escape = '"',
		nullstr = '', allow_quoted_nulls = false, new_line = '\n', columns = ` + s.table.columns + `)`
	query, args := s.table.query(file)
	_, err := conn.ExecContext(ctx, `INSERT INTO `+s.table.name+` `+query, args...)
	if err != nil {
		return fmt.Errorf("loading staged %s: %w", s.table.name, err)
	}
	return nil
}

// writeRows writes the rows of t of ps to f and closes it.
func writeRows(f *os.File, ps []*prepared, t stagedTable) error {
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	var id []byte
	for _, p := range ps {
		id = append(strconv.AppendInt(id[:0], p.id, 10), ',')
		rows := t.rows(p.doc.rows)
		start := int32(0)
		for _, end := range rows.ends {
			w.Write(id)
			w.Write(rows.lines[start:end])
			start = end
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// summaryCols are summary_cells' value columns (report_id left out) in the
// table's order, and the column of each of summaryKeys() (-1 for none): an
// older database may lack a newer key's column, and migration 8 added
// columns at the end.
type summaryCols struct {
	names  []string
	column []int
}

// summaryColumns reads summary_cells' columns once per DB: only a
// migration changes them, and those run when the database is opened.
func (db *DB) summaryColumns(ctx context.Context, conn *sql.Conn) (summaryCols, error) {
	db.summaryMu.Lock()
	defer db.summaryMu.Unlock()
	if db.summary.column != nil {
		return db.summary, nil
	}
	rows, err := conn.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'main' AND table_name = 'summary_cells' AND column_name <> 'report_id' ORDER BY ordinal_position`)
	if err != nil {
		return summaryCols{}, err
	}
	defer rows.Close()
	pos := map[string]int{}
	var sc summaryCols
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return summaryCols{}, err
		}
		pos[n] = len(sc.names)
		sc.names = append(sc.names, n)
	}
	if err := rows.Err(); err != nil {
		return summaryCols{}, err
	}
	keys := summaryKeys()
	sc.column = make([]int, len(keys))
	for j, k := range keys {
		if i, ok := pos[summaryName(k)]; ok {
			sc.column[j] = i
		} else {
			sc.column[j] = -1
		}
	}
	db.summary = sc
	return sc, nil
}
