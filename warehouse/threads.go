package warehouse

import (
	"context"
	"database/sql"
	"sync"
)

// DuckDB's client thread does not sleep while its worker threads run a
// statement: it polls the task queue (PendingQueryResult::ExecuteInternal,
// "busy wait while execution is not finished"). A statement that gives the
// workers one task at a time, such as a CHECKPOINT or what a batch of
// 1,000 reports asks (sequentialRows), so costs a second core for nothing:
// the final checkpoint of a load of 10,000 report files kept both cores
// busy for 1.4 s, one of them polling. Such statements run with
// threads = 1, on the client thread alone, in the same time.

// singleThreaded is held while threads is set to 1, so that two loads of
// one process never restore each other's setting.
var singleThreaded sync.Mutex

// sqlExecer is a *sql.DB or a *sql.Conn.
type sqlExecer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// onOneThread runs fn with DuckDB's threads setting at 1 and puts the
// setting back after it.
func onOneThread(ctx context.Context, ex sqlExecer, fn func() error) (err error) {
	singleThreaded.Lock()
	defer singleThreaded.Unlock()
	var threads string
	if err := ex.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&threads); err != nil {
		return err
	}
	if _, err := ex.ExecContext(ctx, `SET GLOBAL threads = 1`); err != nil {
		return err
	}
	defer func() {
		if _, rerr := ex.ExecContext(context.Background(), `SET GLOBAL threads = `+threads); rerr != nil && err == nil {
			err = rerr
		}
	}()
	return fn()
}
