package platform

import (
	"context"
	"fmt"
	"net/url"
)

// walk.go holds what every adapter's walk shares: the page budget, the
// request count, item de-duplication and turning an answer into "go on",
// "blocked" or "end".

type walker struct {
	ctx  context.Context
	f    Fetcher
	l    Listing
	seen map[string]bool
	left int // requests still allowed after the column page
	base *url.URL
}

func newWalker(ctx context.Context, name string, column *Page, f Fetcher, opt Options) (*walker, error) {
	base, err := url.Parse(column.URL)
	if err != nil || !base.IsAbs() {
		return nil, fmt.Errorf("%s: column URL %q is not absolute", name, column.URL)
	}
	return &walker{
		ctx: ctx, f: f, seen: map[string]bool{}, left: opt.maxPages() - 1, base: base,
		l: Listing{Platform: name, Declared: -1, Pages: []string{column.URL}},
	}, nil
}

// fetch sends r if the budget allows; ok=false with a nil error means the
// page cap stopped the walk (Listing.Truncated is set).
func (w *walker) fetch(r Request) (*Page, bool, error) {
	if w.left <= 0 {
		w.l.Truncated = true
		return nil, false, nil
	}
	if err := w.ctx.Err(); err != nil {
		return nil, false, err
	}
	w.left--
	w.l.Requests++
	p, err := w.f.Fetch(w.ctx, r)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %s %s: %w", w.l.Platform, methodOf(r), r.URL, err)
	}
	w.l.Pages = append(w.l.Pages, r.URL)
	if b := Challenge(p); b != nil {
		w.l.Blocked = b
		return p, false, nil
	}
	return p, true, nil
}

func (w *walker) add(items []Item) int { return mergeItems(&w.l, w.seen, items) }

func methodOf(r Request) string {
	if r.Method == "" {
		return "GET"
	}
	return r.Method
}
