package pipeline

import (
	"context"
	"sync"

	"disclosure/crawler"
)

// trackedState is the crawler's State, remembering what each URL's record
// was before this run changed it: a document at a URL with no earlier
// sha256 is new, one with another sha256 changed.
type trackedState struct {
	crawler.State
	mu   sync.Mutex
	prev map[string]crawler.URLState
}

func newTrackedState(st crawler.State) *trackedState {
	return &trackedState{State: st, prev: map[string]crawler.URLState{}}
}

// Get implements crawler.State; the crawler asks before it fetches.
func (s *trackedState) Get(ctx context.Context, url string) (crawler.URLState, bool, error) {
	st, ok, err := s.State.Get(ctx, url)
	if err == nil {
		s.mu.Lock()
		if _, seen := s.prev[url]; !seen {
			if !ok {
				st = crawler.URLState{}
			}
			s.prev[url] = st
		}
		s.mu.Unlock()
	}
	return st, ok, err
}

// before returns the record url had when this run first asked for it.
func (s *trackedState) before(url string) (crawler.URLState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.prev[url]
	return st, ok
}
