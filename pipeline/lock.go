package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// The run lock keeps two passes (a `run` by hand, a scheduled one, another
// machine's `schedule` on a shared disk) from crawling and loading at once.
// DuckDB's own file lock is held only while batches are written (a crawl's
// writer lets go a few seconds after the last), so it cannot do this. The
// lock is a file beside the database, held with an OS lock (flock on Unix)
// that the kernel drops when the process dies, kill -9 included: a crash
// never leaves a stale lock. The file says who holds it.

// lockInfo is what the lock file says about its holder.
type lockInfo struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Since   time.Time `json:"since"`
	Command string    `json:"command"`
}

func (l lockInfo) String() string {
	return fmt.Sprintf("pid %d on %s since %s (%s)", l.PID, l.Host, l.Since.Local().Format("2006-01-02 15:04:05 MST"), l.Command)
}

// LockedError says another process holds the run lock, and who.
type LockedError struct {
	Path   string
	Holder string
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("another run holds %s: %s; it was not disturbed, try again when it has finished", e.Path, e.Holder)
}

// LockPath is the run lock of a database.
func LockPath(db string) string { return db + ".run-lock" }

// RunLock is a held lock; Release gives it back.
type RunLock struct {
	f    *os.File
	path string
}

// AcquireLock takes the run lock of the database at db, or returns
// *LockedError naming the holder.
func AcquireLock(db, command string) (*RunLock, error) {
	path := LockPath(db)
	if err := checkFolder(db); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("run lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &LockedError{Path: path, Holder: readHolder(path)}
		}
		return nil, fmt.Errorf("run lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	info, _ := json.Marshal(lockInfo{PID: os.Getpid(), Host: host, Since: time.Now(), Command: command})
	if err := f.Truncate(0); err == nil {
		f.WriteAt(append(info, '\n'), 0)
		f.Sync()
	}
	return &RunLock{f: f, path: path}, nil
}

// readHolder describes the holder from the lock file (it may be being
// written: then say so rather than guess).
func readHolder(path string) string {
	b, err := os.ReadFile(path)
	var info lockInfo
	if err != nil || json.Unmarshal([]byte(strings.TrimSpace(string(b))), &info) != nil {
		return "a process that is just starting"
	}
	return info.String()
}

// Release empties the file and drops the lock. The file stays: removing it
// would let a waiting process lock a file another has just replaced.
func (l *RunLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
