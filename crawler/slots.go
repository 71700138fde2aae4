package crawler

import (
	"context"
	"time"
)

// slots bounds the requests in flight at once (Options.Parallel). The
// dispatcher takes one for each task it hands out, and the task's goroutine
// gives it back with its result. A platform walk gives its slot back while
// it waits out the host's interval and takes one again for its next
// request: otherwise walks of many hosts, mostly asleep, would hold every
// slot and serialize the crawl.
type slots struct {
	sem   chan struct{}
	freed chan struct{} // a slot came back: wakes a dispatcher that found none
}

func newSlots(n int) *slots {
	return &slots{sem: make(chan struct{}, n), freed: make(chan struct{}, 1)}
}

// tryAcquire takes a slot if one is free (the dispatcher never blocks).
func (s *slots) tryAcquire() bool {
	select {
	case s.sem <- struct{}{}:
		return true
	default:
		return false
	}
}

// acquire waits for a slot. It does not give up when ctx ends: its caller
// holds it afterwards in every case, and the slots of the requests still in
// flight come back as they end.
func (s *slots) acquire() { s.sem <- struct{}{} }

func (s *slots) release() {
	<-s.sem
	select {
	case s.freed <- struct{}{}:
	default:
	}
}

// sleep waits d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
