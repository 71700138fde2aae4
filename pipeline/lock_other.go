//go:build !unix

package pipeline

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held")

// Without flock, the run lock is advisory only on this system: the lock
// file still names the holder, but two processes are not kept apart.
func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) error { return nil }
