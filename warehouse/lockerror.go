package warehouse

import (
	"regexp"
	"strings"
)

// DuckDB lets one process write a file or many read it, never both; the
// second process gets an IO error naming the lock. These helpers recognise
// it so that callers wait with a clear message instead of failing.

// IsLockError tells whether err is DuckDB's "file is locked by another process".
func IsLockError(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "Could not set lock on file") || strings.Contains(s, "Conflicting lock is held")
}

var lockPID = regexp.MustCompile(`held in (.*?) \(PID (\d+)\)`)

// lockHolder names the process holding the lock, from DuckDB's message.
func lockHolder(err error) string {
	if m := lockPID.FindStringSubmatch(err.Error()); m != nil {
		return "held by " + m[1] + ", PID " + m[2]
	}
	return "locked by another process"
}
