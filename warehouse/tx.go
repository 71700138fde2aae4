package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// inTx runs fn in one transaction on one connection: every write of the
// warehouse goes through it, so a batch is all or nothing. DuckDB's
// appender needs the raw connection, hence sql.Conn rather than sql.Tx.
func (db *DB) inTx(ctx context.Context, fn func(conn *sql.Conn) error) error {
	if db.readOnly {
		return fmt.Errorf("%s is open read-only", db.path)
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	if err := fn(conn); err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	return nil
}
