package main

import (
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"disclosure/pipeline"
)

// terminal is w when it is a terminal.
func terminal(w io.Writer) (*os.File, bool) {
	f, ok := w.(*os.File)
	return f, ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width tables are cut to: the terminal's, else
// $COLUMNS, else 0 (no limit: a pipe or a file gets every character).
func terminalWidth(w io.Writer) int {
	if f, ok := terminal(w); ok {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 0 {
			return width
		}
	}
	n, _ := strconv.Atoi(os.Getenv("COLUMNS"))
	return max(n, 0)
}

// barProgress is pipeline.Progress as one line redrawn on a terminal:
// count, rate and time left. Log lines written through logs() clear it,
// print, and draw it again below them.
type barProgress struct {
	mu   sync.Mutex
	out  *os.File
	bar  *progressbar.ProgressBar
	what string
}

// newProgress is a progress line on stderr when stderr is a terminal; the
// writer returned is where logs go so that they print above it. Elsewhere
// (a pipe, a file, a test) there is no progress and logs go to stderr.
func newProgress(stderr io.Writer) (pipeline.Progress, io.Writer) {
	f, ok := terminal(stderr)
	if !ok {
		return nil, stderr
	}
	p := &barProgress{out: f}
	return p, logsAbove{p}
}

func (p *barProgress) Begin(what string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.what = what
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.out),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
		progressbar.OptionUseANSICodes(true),
	)
}

func (p *barProgress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *barProgress) Describe(detail string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Describe(p.what + ": " + detail)
	}
}

func (p *barProgress) End() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
		p.bar = nil
	}
}

// logsAbove writes log lines above the progress line.
type logsAbove struct{ p *barProgress }

func (l logsAbove) Write(b []byte) (int, error) {
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	if l.p.bar == nil {
		return l.p.out.Write(b)
	}
	l.p.bar.Clear()
	n, err := l.p.out.Write(b)
	l.p.bar.RenderBlank()
	return n, err
}

// spin shows work whose size is not known (an export) as a line with the
// time it has taken, until the returned function is called.
func spin(p pipeline.Progress, what string) func() {
	if p == nil {
		return func() {}
	}
	p.Begin(what, -1)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				p.Add(0) // redraw: the elapsed time moves
			}
		}
	}()
	return func() { close(done); p.End() }
}
