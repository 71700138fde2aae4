package crawler

import (
	"container/heap"
	"time"
)

// Politeness is per host (host:port): one request at a time, and the next
// request starts `interval` after the previous response was read, where
// interval is the larger of Options.Delay and the host's robots.txt
// Crawl-delay (a 429/5xx answer or Retry-After pushes the next start
// further). Hosts are independent: a host waiting for its interval holds no
// request slot (slots.go), so Options.Parallel slots keep up to that many
// hosts busy while thousands wait their turn.
//
// The interval runs from the end of a response, not from the start of its
// request: then the server sees at least `interval` between the arrivals of
// two requests however slowly the first was answered or sent (a busy
// client, a slow network), and a slow site gets its breathing time on top.

// hostPace is one host's queue and clock. Only the dispatcher goroutine
// touches it.
type hostPace struct {
	key      string
	queue    []*task
	busy     bool          // a request is in flight
	next     time.Time     // earliest start of the next request
	interval time.Duration // Options.Delay or Crawl-delay, whichever is longer
	robots   *robots       // nil until robots.txt has been read
	requests int           // requests made this crawl
	index    int           // position in the ready heap; -1 when not in it
}

// ready reports whether the host has work and nothing in flight.
func (h *hostPace) ready() bool { return !h.busy && len(h.queue) > 0 }

// pushFront queues t before everything else (robots.txt first, retries
// before new work).
func (h *hostPace) pushFront(t *task) {
	h.queue = append(h.queue, nil)
	copy(h.queue[1:], h.queue)
	h.queue[0] = t
}

func (h *hostPace) pop() *task {
	t := h.queue[0]
	h.queue[0] = nil
	h.queue = h.queue[1:]
	return t
}

// readyHeap orders the hosts that have work by when they may next be asked.
type readyHeap []*hostPace

func (q readyHeap) Len() int { return len(q) }
func (q readyHeap) Less(i, j int) bool {
	if !q[i].next.Equal(q[j].next) {
		return q[i].next.Before(q[j].next)
	}
	return q[i].key < q[j].key
}
func (q readyHeap) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}
func (q *readyHeap) Push(x any) {
	h := x.(*hostPace)
	h.index = len(*q)
	*q = append(*q, h)
}
func (q *readyHeap) Pop() any {
	old := *q
	n := len(old)
	h := old[n-1]
	old[n-1] = nil
	h.index = -1
	*q = old[:n-1]
	return h
}

// schedule puts a host with work into the heap (or fixes its place).
func (q *readyHeap) schedule(h *hostPace) {
	switch {
	case !h.ready() && h.index >= 0:
		heap.Remove(q, h.index)
	case h.ready() && h.index < 0:
		heap.Push(q, h)
	case h.ready():
		heap.Fix(q, h.index)
	}
}

// backoff is the wait before retry number attempt (1, 2, …): base·2^(attempt-1),
// at most max, with up to a quarter of jitter so that hosts that failed
// together do not retry together.
func backoff(base, max time.Duration, attempt int, jitter func(int64) int64) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	if jitter != nil && d >= 4 {
		d += time.Duration(jitter(int64(d / 4)))
	}
	return d
}
