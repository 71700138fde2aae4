package warehouse

// SetBeforeCommitHook lets the crash test (package warehouse_test) stop a
// load after every row is written and before COMMIT.
func SetBeforeCommitHook(f func()) { testHookBeforeCommit = f }

// SetSequentialRows sets the size from which a batch is written on every
// thread (sequentialRows) and returns what puts it back.
func SetSequentialRows(n int) (restore func()) {
	old := sequentialRows
	sequentialRows = n
	return func() { sequentialRows = old }
}
