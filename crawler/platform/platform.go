package platform

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Request is one HTTP request an adapter wants sent. The Fetcher paces it,
// obeys robots.txt and caps the body; the adapter only says what to ask.
type Request struct {
	Method string      // "GET" (also when empty) or "POST"
	URL    string      // absolute
	Header http.Header // extra headers, e.g. X-Requested-With for an XHR endpoint
	Form   url.Values  // POST body, sent form-encoded
}

// Page is a response as served: the bytes are never decoded in place.
type Page struct {
	URL    string // the final URL (after redirects); a column URL may keep its #fragment
	Status int
	Header http.Header
	Body   []byte
}

// Fetcher sends a Request. A non-2xx answer is a Page, not an error; errors
// are for requests that got no answer (network, robots.txt refusal, cap).
type Fetcher interface {
	Fetch(ctx context.Context, r Request) (*Page, error)
}

// Item is one entry of a column's listing.
type Item struct {
	Title       string   // the full title (a@title when the text is cut with …)
	URL         string   // absolute
	Date        string   // YYYY-MM-DD, or as printed (MM-DD) when no year can be told
	Attachments []string // absolute URLs of files listed with the entry
}

// Listing is what an adapter found by following a column to its end.
type Listing struct {
	Platform  string
	Items     []Item   // each URL once, in listing order
	Requests  int      // requests sent beyond the column page
	Pages     []string // the list pages/endpoints read, column page first
	Declared  int      // the total the platform announced (records), -1 when none
	Truncated bool     // Options.MaxPages stopped the walk before the end
	Blocked   *Blocked // the walk met a challenge or a page without its list; Items holds what came before
}

// Options bound a walk.
type Options struct {
	MaxPages int // list pages/API calls per column; 0 means DefaultMaxPages
}

// DefaultMaxPages is the page cap when Options.MaxPages is 0: no column of
// annual reports needs more, and a declared 10,000 pages is never trusted.
const DefaultMaxPages = 100

func (o Options) maxPages() int {
	if o.MaxPages <= 0 {
		return DefaultMaxPages
	}
	return o.MaxPages
}

// Adapter knows one platform: how its column pages look and how they list.
type Adapter interface {
	Name() string
	// Recognize says whether the fetched column page is this platform's,
	// from its URL shape, scripts and markup only.
	Recognize(p *Page) bool
	// Walk lists the column to its end, fetching what the page's own
	// scripts would. An error means a request failed outright; a challenge
	// or a page without its list is Listing.Blocked.
	Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error)
}

// Adapters in the order §8 of the platform notes checks them: the most
// specific signatures first, the TRS pager (which other platforms' templates
// also carry) after them.
var adapters = []Adapter{
	Hanweb{}, Gkmlpt{}, Fujian{}, PublicColumn{}, TRS{}, HanwebXxgk{},
}

// Detect returns the adapter for a column page, or nil when no platform is
// recognised (the crawler's generic static-list discovery applies then).
func Detect(p *Page) Adapter {
	if p == nil {
		return nil
	}
	for _, a := range adapters {
		if a.Recognize(p) {
			return a
		}
	}
	return nil
}

// ErrNoPlatform: List found no adapter for the page and no sign of blocking.
var ErrNoPlatform = errors.New("no platform recognised")

// List is the one call a crawler needs for a fetched column page: blocked
// pages (a challenge, a JS-only shell) come back as Listing.Blocked; a
// recognised platform is walked to its end; otherwise (a plain page, or a
// non-2xx answer that is no challenge) ErrNoPlatform.
func List(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	if b := Challenge(column); b != nil {
		return Listing{Blocked: b, Declared: -1, Pages: []string{column.URL}}, nil
	}
	if !ok2xx(column) {
		return Listing{Declared: -1}, fmt.Errorf("%w: %s answered %d", ErrNoPlatform, column.URL, column.Status)
	}
	a := Detect(column)
	if a == nil {
		if b := Shell(column); b != nil {
			return Listing{Blocked: b, Declared: -1, Pages: []string{column.URL}}, nil
		}
		return Listing{Declared: -1}, ErrNoPlatform
	}
	return a.Walk(ctx, column, f, opt)
}
