package warehouse

// SetBeforeCommitHook lets the crash test (package warehouse_test) stop a
// load after every row is written and before COMMIT.
func SetBeforeCommitHook(f func()) { testHookBeforeCommit = f }
