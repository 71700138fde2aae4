package pipeline

import (
	"disclosure/crawler"
	"fmt"
	"sync"
	"time"
)

// Progress follows long work (load, reparse, crawl, export): cmd shows it
// as one line redrawn on a terminal, and nothing elsewhere.
type Progress interface {
	Begin(what string, total int) // total < 0: not known
	Add(n int)
	Describe(detail string) // what the count is made of, shown beside it
	End()
}

// noProgress is the Progress of tests and pipes.
type noProgress struct{}

func (noProgress) Begin(string, int) {}
func (noProgress) Add(int)           {}
func (noProgress) Describe(string)   {}
func (noProgress) End()              {}

func orNoProgress(p Progress) Progress {
	if p == nil {
		return noProgress{}
	}
	return p
}

// crawlProgress shows a crawl's requests on p until the returned function
// is called.
func crawlProgress(p Progress, c *crawler.Crawler) func() {
	p.Begin("crawl", -1)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		var shown int64
		for {
			select {
			case <-done:
				return
			case <-t.C:
				pr := c.Progress()
				p.Add(int(pr.Requests - shown))
				shown = pr.Requests
				p.Describe(fmt.Sprintf("requests; %d documents, %d not modified, %d queued, %d errors", pr.Documents, pr.NotModified, pr.Queued, pr.Errors))
			}
		}
	}()
	return func() { close(done); wg.Wait(); p.End() }
}
